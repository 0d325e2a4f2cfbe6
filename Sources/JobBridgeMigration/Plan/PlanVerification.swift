import Foundation
import JobBridge

/// Compares a target job read back from the target provider with its plan: field by field,
/// and the schedule by behaviour (``ScheduleComparison``). What verify (and the planner's
/// "already migrated?" check) uses.
public enum PlanVerification {
    /// Which definition of a planned target to compare with.
    public enum Stage: String, Hashable, Sendable, Codable {
        /// As apply created it (disabled, or staged without a schedule): verify.
        case staged
        /// As cutover leaves it (enabled when the source was; NX1 re-created with its schedule).
        case cutOver
    }

    /// One `VERIFY_MISMATCH` loss per field in which `readBack` differs from the plan.
    ///
    /// Compared: the name (when the plan expects one), the kind's category (and its provider
    /// value when the plan sets one), source and destination (by id when the plan has one,
    /// else by name), the enabled flag, the schedule by fire instants, the tasks (a table task
    /// equals the `REPLICATE` statement of the same table), and every planned setting (extra
    /// settings the target adds, such as defaults, are not differences; in a free-slot
    /// provenance member only the key is compared, not the plan id).
    public static func compare(planned: PlannedTarget, readBack: Job, stage: Stage = .staged) -> [Loss] {
        differences(planned: planned, readBack: readBack, stage: stage, ignoringEnabled: false).map { field in
            Loss(
                .verifyMismatch, field: field,
                "the target read back differs from the plan in '\(field)'; it is not eligible for cutover")
        }
    }

    /// The fields in which a read-back job differs from the plan (empty: it matches).
    /// `ignoringEnabled` leaves the enabled flag out, and then either stage may match
    /// (a target found again after cutover still counts as migrated).
    public static func differences(
        planned: PlannedTarget, readBack: Job, stage: Stage? = nil, ignoringEnabled: Bool = true
    ) -> [String] {
        let definitions: [DefinitionSnapshot]
        switch stage {
        case .staged?: definitions = [planned.definition]
        case .cutOver?: definitions = [cutOverDefinition(planned)]
        case nil: definitions = [planned.definition, cutOverDefinition(planned)]
        }
        var best: [String]?
        for definition in definitions {
            let found = differences(
                definition, readBack: readBack, expectedName: planned.expectedName, ignoringEnabled: ignoringEnabled)
            if best == nil || found.count < (best?.count ?? 0) { best = found }
        }
        return best ?? []
    }

    /// The definition a target has after cutover: enabled as the source was; an NX1 target
    /// staged without a schedule is re-created with it only when the source was enabled (NX1
    /// has no disabled flag, so a disabled source's target stays the staged manual job).
    public static func cutOverDefinition(_ planned: PlannedTarget) -> DefinitionSnapshot {
        switch planned.staging {
        case .createdDisabled:
            var definition = planned.definition
            definition.isEnabled = planned.enableAtCutover
            return definition
        case .stagedManualRecreate:
            return planned.enableAtCutover ? (planned.cutoverDefinition ?? planned.definition) : planned.definition
        }
    }

    static func differences(
        _ planned: DefinitionSnapshot, readBack job: Job, expectedName: String?, ignoringEnabled: Bool
    ) -> [String] {
        var fields: [String] = []
        if let expectedName, job.name != expectedName { fields.append("name") }
        if job.kind.category != planned.kind.category
            || (planned.kind.providerValue != nil && job.kind.providerValue != planned.kind.providerValue)
        {
            fields.append("kind")
        }
        if !same(planned.source, job.source) { fields.append("source") }
        if planned.destination != nil, !same(planned.destination, job.destination) { fields.append("destination") }
        if !ignoringEnabled, planned.isEnabled != job.isEnabled { fields.append("isEnabled") }
        if !sameSchedule(planned.schedule, job.schedule) { fields.append("schedule") }
        if !sameTasks(planned.tasks, job.tasks) { fields.append("tasks") }
        for (key, value) in planned.settings.sorted(by: { $0.key < $1.key }) {
            let read = job.settings[key]
            if let plannedKey = value["key"], value["planID"] != nil {
                if read?["key"] != plannedKey { fields.append("settings.\(key)") }
            } else if !sameValue(value, read) {
                fields.append("settings.\(key)")
            }
        }
        return fields
    }

    static func same(_ planned: ConnectionRef?, _ read: ConnectionRef?) -> Bool {
        guard let planned else { return read == nil || read?.id == nil && read?.name == nil }
        guard let read else { return false }
        if let id = planned.id { return read.id == id || read.name == id.rawValue }
        return read.name == planned.name || read.id?.rawValue == planned.name
    }

    static func sameValue(_ planned: JSONValue, _ read: JSONValue?) -> Bool {
        guard let read else { return planned.isNull }
        if planned == read { return true }
        // Booleans written as strings, numbers written as text: the same value.
        if let flag = planned.boolValue, read.stringValue?.lowercased() == (flag ? "true" : "false") { return true }
        if let flag = read.boolValue, planned.stringValue?.lowercased() == (flag ? "true" : "false") { return true }
        if let a = planned.intValue, let b = read.intValue { return a == b }
        return false
    }

    static func sameTasks(_ planned: [TaskDefinitionSnapshot], _ read: [JobTask]) -> Bool {
        let ordered = read.sorted { $0.index < $1.index }
        guard planned.count == ordered.count else { return false }
        for (a, b) in zip(planned, ordered) {
            if a.isActive != b.isActive { return false }
            let tableA = a.table ?? a.query.flatMap(ReplicateStatement.table(in:))
            let tableB = b.table ?? b.query.flatMap(ReplicateStatement.table(in:))
            if let tableA, let tableB {
                if tableA.name != tableB.name || (tableA.schema ?? "") != (tableB.schema ?? "") { return false }
            } else if a.query?.trimmingCharacters(in: .whitespacesAndNewlines)
                != b.query?.trimmingCharacters(in: .whitespacesAndNewlines)
            {
                return false
            }
        }
        return true
    }

    static func sameSchedule(_ planned: ScheduleSnapshot, _ read: Schedule) -> Bool {
        guard let schedule = try? planned.schedule() else { return false }
        switch (schedule, read) {
        case (.manual, .manual): return true
        case (.manual, _), (_, .manual): return false
        case (.unreadable, _), (_, .unreadable): return false
        default:
            return ScheduleComparison.compare(
                source: ScheduleComparison.Side(schedule), target: ScheduleComparison.Side(read),
                zones: zones(schedule, read),
                runsPerWindow: 200
            ).isExact
        }
    }

    static func zones(_ a: Schedule, _ b: Schedule) -> [TimeZone] {
        [a, b].compactMap { schedule -> TimeZone? in
            if case .cron(let cron) = schedule { return cron.timeZone }
            return nil
        }
    }
}
