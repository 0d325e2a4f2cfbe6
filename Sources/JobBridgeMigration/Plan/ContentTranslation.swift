import Foundation
import JobBridge

/// Tasks, settings and unknown fields of a source job, translated for the target.
struct ContentTranslation {
    /// One task list per target (several: `TASKS_SPLIT`).
    var taskGroups: [[TaskDefinitionSnapshot]] = [[]]
    /// Tasks kept in the target's free slot.
    var carriedTasks: [TaskDefinitionSnapshot] = []
    /// The target's settings.
    var settings: [String: JSONValue] = [:]
    /// Settings kept in the target's free slot.
    var carriedSettings: [String: JSONValue] = [:]
    /// Unknown fields kept in the target's free slot.
    var carriedFields: [String: JSONValue] = [:]
    var losses: [Loss] = []

    struct Context {
        var source: MigrationTraits
        var target: MigrationTraits
        var targetCategory: JobCategory?
        var mapping: ConnectionMapping
    }

    static func translate(_ job: Job, carried: CarriedContent?, _ context: Context) -> ContentTranslation {
        var result = ContentTranslation()
        let unknown = result.reportUnknownFields(job, context)
        result.translateTasks(job, carried: carried, context)
        result.translateSettings(job, carried: carried, unknown: unknown, context)
        return result
    }

    // MARK: Unknown fields

    /// Reports every path of the native JSON the source adapter does not map; returns the
    /// top-level keys (and nested member names) concerned.
    private mutating func reportUnknownFields(_ job: Job, _ context: Context) -> Set<String> {
        let known = context.source.nativeKeys
        guard !known.isEmpty, let object = job.providerData?.objectValue else { return [] }
        var unknown = Set<String>()
        for key in object.keys.sorted() {
            guard let value = object[key] else { continue }
            let prefix = key + "."
            if known.contains(key) || known.contains(where: { $0.hasPrefix(prefix) }) {
                if let members = value.objectValue, known.contains(where: { $0.hasPrefix(prefix) }) {
                    for member in members.keys.sorted() where !known.contains(prefix + member) {
                        unknown.insert(member)
                        let content = Self.safe(member, members[member])
                        carriedFields["\(key).\(member)"] = content
                        losses.append(
                            Loss(
                                .fieldUnknown, field: "providerData.\(key).\(member)",
                                "the source field '\(key).\(member)' is read by no translator; "
                                    + (Self.hasFreeSlot(context.target)
                                        ? "it is kept, not enforced, in the target's free slot" : "it is not copied"),
                                content: content))
                    }
                }
                continue
            }
            unknown.insert(key)
            let content = Self.safe(key, value)
            carriedFields[key] = content
            losses.append(
                Loss(
                    .fieldUnknown, field: "providerData.\(key)",
                    "the source field '\(key)' is read by no translator; "
                        + (Self.hasFreeSlot(context.target)
                            ? "it is kept, not enforced, in the target's free slot" : "it is not copied"),
                    content: content))
        }
        if !Self.hasFreeSlot(context.target) { carriedFields = [:] }
        return unknown
    }

    /// A value to keep: a secret-named member's value is replaced.
    static func safe(_ key: String, _ value: JSONValue?) -> JSONValue? {
        Redactor.isSecretName(key) ? .string(Redactor.placeholder) : value
    }

    static func hasFreeSlot(_ traits: MigrationTraits) -> Bool {
        if case .settingsMember = traits.provenanceSlot { return true }
        return false
    }

    static func freeSlotMember(_ traits: MigrationTraits) -> String? {
        if case .settingsMember(let member) = traits.provenanceSlot { return member }
        return nil
    }

    // MARK: Tasks

    private mutating func translateTasks(_ job: Job, carried: CarriedContent?, _ context: Context) {
        var items: [TaskDefinitionSnapshot]
        switch context.source.taskModel {
        case .orderedList, .oneTablePerJob:
            items = job.tasks.sorted { $0.index < $1.index }.map {
                TaskDefinitionSnapshot(query: $0.query, table: $0.table, isActive: $0.isActive)
            }
        case .none:
            items = carried?.tasks ?? []
        }
        if items.isEmpty,
            let tables = context.mapping.tables[job.id.rawValue] ?? context.mapping.tables[job.name]
        {
            items = tables.map { TaskDefinitionSnapshot(table: $0) }
        }
        switch context.target.taskModel {
        case .orderedList:
            if items.isEmpty, context.source.taskModel == .none {
                losses.append(
                    Loss(
                        .tasksMissing, field: "tasks",
                        "the target job needs tasks (tables) and the source names none",
                        remedy: "add the job's tables to the mapping (tables: {\"\(job.id)\": [...]})"))
            }
            taskGroups = [items]
        case .oneTablePerJob:
            var kept: [TaskDefinitionSnapshot] = []
            for (index, item) in items.enumerated() {
                let table = item.table ?? item.query.flatMap(ReplicateStatement.table(in:))
                let isQueryJob = context.targetCategory == .scheduledQuery
                if !item.isActive {
                    losses.append(
                        Loss(
                            .tasksDropped, field: "tasks[\(index)]", "task \(index) is inactive; it is not migrated",
                            content: Self.json(item)))
                } else if isQueryJob, let query = item.query {
                    kept.append(TaskDefinitionSnapshot(query: query))
                } else if let table {
                    kept.append(TaskDefinitionSnapshot(table: table))
                } else {
                    losses.append(
                        Loss(
                            .tasksDropped, field: "tasks[\(index)]",
                            "task \(index) is custom SQL, not a whole table; the target copies whole tables only",
                            content: Self.json(item)))
                }
            }
            if kept.isEmpty {
                if items.isEmpty {
                    losses.append(
                        Loss(
                            .tasksMissing, field: "tasks", "the target copies one table and the source names none",
                            remedy: "add the job's table to the mapping (tables: {\"\(job.id)\": [...]})"))
                } else {
                    losses.append(
                        Loss(
                            .tasksDropped, field: "tasks", "no task of the job can be expressed on the target",
                            verdict: .impossible))
                }
                taskGroups = []
            } else {
                if kept.count > 1 {
                    losses.append(
                        Loss(
                            .tasksSplit, field: "tasks",
                            "the job's \(kept.count) tasks become \(kept.count) target jobs; their order and single "
                                + "run are lost, and cutover acts on the group"))
                }
                taskGroups = kept.map { [$0] }
            }
        case .none:
            taskGroups = [[]]
            guard !items.isEmpty else { return }
            if Self.hasFreeSlot(context.target) {
                carriedTasks = items
                losses.append(
                    Loss(
                        .tasksCarried, field: "tasks",
                        "the job's \(items.count) task(s) are kept in the target's free slot, not enforced",
                        content: .array(items.map(Self.json))))
            } else {
                losses.append(
                    Loss(
                        .tasksDropped, field: "tasks", "the target has no tasks; the job's \(items.count) are dropped",
                        content: .array(items.map(Self.json))))
            }
        }
    }

    static func json(_ task: TaskDefinitionSnapshot) -> JSONValue {
        (try? CanonicalJSON.data(task)).flatMap { try? JSONValue(data: $0) } ?? .null
    }

    // MARK: Settings

    private mutating func translateSettings(
        _ job: Job, carried: CarriedContent?, unknown: Set<String>, _ context: Context
    ) {
        let sourceMember = Self.freeSlotMember(context.source)
        let bothFree = sourceMember != nil && Self.hasFreeSlot(context.target)
        var conceptOfKey: [String: (String, MigrationTraits.Setting)] = [:]
        for (concept, setting) in context.source.settings { conceptOfKey[setting.key] = (concept, setting) }
        // Settings carried by an earlier migration come back first (they are the original's).
        if let carried {
            for (key, value) in carried.settings.sorted(by: { $0.key < $1.key }) {
                if Self.isNative(key, context.target) {
                    settings[key] = value
                } else if Self.hasFreeSlot(context.target) {
                    carriedSettings[key] = value
                } else {
                    losses.append(
                        Loss(
                            .settingDropped, field: "settings.\(key)",
                            "the original setting '\(key)' has no field on the target", content: value))
                }
            }
        }
        for (key, value) in job.settings.sorted(by: { $0.key < $1.key }) {
            if key == sourceMember || context.source.scheduleSettings.contains(key) { continue }
            if Redactor.isSecretName(key) {
                losses.append(
                    Loss(
                        .settingDropped, field: "settings.\(key)",
                        "'\(key)' holds a secret; secrets are never copied", remedy: "set it on the target by hand"))
                continue
            }
            if unknown.contains(key) { continue }  // reported as FIELD_UNKNOWN, carried with the fields
            if bothFree || (Self.isNative(key, context.target) && conceptOfKey[key] == nil) {
                settings[key] = value
                continue
            }
            if let (concept, from) = conceptOfKey[key], let to = context.target.settings[concept] {
                translate(key: key, value: value, from: from, to: to)
                continue
            }
            if Self.isNative(key, context.target) {
                settings[key] = value
            } else if Self.hasFreeSlot(context.target) {
                carriedSettings[key] = value
                losses.append(
                    Loss(
                        .settingCarried, field: "settings.\(key)",
                        "'\(key)' is kept verbatim in the target's free slot, not enforced", content: value))
            } else {
                losses.append(
                    Loss(
                        .settingDropped, field: "settings.\(key)", "'\(key)' has no field on the target",
                        content: value))
            }
        }
    }

    static func isNative(_ key: String, _ traits: MigrationTraits) -> Bool {
        traits.nativeKeys.contains(key) || traits.nativeKeys.contains("params." + key)
    }

    private mutating func translate(
        key: String, value: JSONValue, from: MigrationTraits.Setting, to: MigrationTraits.Setting
    ) {
        func bool(_ value: JSONValue) -> Bool? {
            if let flag = value.boolValue { return flag }
            switch value.stringValue?.lowercased() {
            case "true"?: return true
            case "false"?: return false
            default: return nil
            }
        }
        switch to.encoding {
        case .bool, .boolString:
            guard let flag = bool(value) else {
                losses.append(
                    Loss(
                        .settingDropped, field: "settings.\(key)", "'\(key)' is not a Boolean; it is not copied",
                        content: value))
                return
            }
            settings[to.key] = to.encoding == .bool ? .bool(flag) : .string(flag ? "true" : "false")
        case .int(let allowed):
            guard let number = value.intValue ?? value.stringValue.flatMap({ Int64($0) }) else {
                losses.append(
                    Loss(
                        .settingDropped, field: "settings.\(key)", "'\(key)' is not a number; it is not copied",
                        content: value))
                return
            }
            let wanted = Int(number)
            guard !allowed.isEmpty, !allowed.contains(wanted) else {
                settings[to.key] = .int(Int64(wanted))
                return
            }
            let nearest = allowed.min { (abs($0 - wanted), $0) < (abs($1 - wanted), $1) } ?? wanted
            settings[to.key] = .int(Int64(nearest))
            losses.append(
                Loss(
                    .settingChanged, field: "settings.\(key)",
                    "'\(key)' \(wanted) has no equal on the target; '\(to.key)' is set to the nearest, \(nearest)",
                    content: value))
        }
    }
}
