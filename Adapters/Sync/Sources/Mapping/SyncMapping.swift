import Foundation
import JobBridge

/// How CData Sync's wire values map to the portable model, both ways. ``SyncProvider``
/// uses these; they are public so that an app holding native values can convert them.
///
/// | portable | Sync v2 |
/// |---|---|
/// | ``Job/id``, ``Job/name`` | `id`, `name` |
/// | ``Job/kind`` | `type`: Standard → replication, SyncAll → replicateAll, LoadFolder → loadFolder, ChangeDataCapture → changeDataCapture, ReverseETL → reverseETL, anything else → other; the string kept in ``JobKind/providerValue`` |
/// | ``Job/source``, ``Job/destination`` | `source_connection_id`, `destination_connection_id` (ids only: the job's JSON names no connection) |
/// | ``Job/schedule`` | `schedule.cron` in Sync's dialect, read in GMT when `use_gmt_datetime` is true, else in the server's zone; empty or absent → manual; a cron the parser refuses → ``Schedule/unreadable(_:)`` (text, reason, dialect, zone), never manual |
/// | ``Job/isEnabled`` | `schedule.enabled` (absent → true) |
/// | ``Job/tasks`` | the tasks endpoint: `query`, `index`, `is_active` (absent → true) |
/// | ``Job/settings`` | every other member, documented or not, by wire name |
/// | ``Job/providerData`` | the job's JSON, whole |
/// | ``JobRun`` | a history entry or status: `id`, `status`, `run_start_date`, `runtime`, `records_affected`, `details`, `tasks` (v1's PascalCase read too); a negative runtime, row count or end-minus-start reads as `nil` (the JSON keeps it) |
public enum SyncMapping {
    // MARK: Kinds

    /// The portable kind of a Sync job type.
    public static func kind(_ type: SyncJobType?) -> JobKind {
        guard let type else { return JobKind(.other) }
        return JobKind(
            category(of: type.rawValue) ?? category(of: type.rawValue.lowercased()) ?? .other,
            providerValue: type.rawValue)
    }

    /// The category of a type written as the documents spell it (`ChangeDataCapture`) or
    /// in lower case; `nil` for any other spelling. The documented spelling, what a server
    /// sends, is matched without lowercasing it first (a listing maps thousands of jobs).
    private static func category(of type: String) -> JobCategory? {
        switch type {
        case "Standard", "standard": return .replication
        case "SyncAll", "syncall": return .replicateAll
        case "LoadFolder", "loadfolder": return .loadFolder
        case "ChangeDataCapture", "changedatacapture": return .changeDataCapture
        case "ReverseETL", "reverseetl": return .reverseETL
        default: return nil
        }
    }

    /// The Sync job type for a portable kind: its ``JobKind/providerValue`` when that is one
    /// of Sync's types, else the type of its category; an ``JobCategory/other`` kind with
    /// a provider value is sent as it is (a type this library does not know yet).
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` (field `kind`) for a category
    ///   Sync has no type for.
    public static func type(for kind: JobKind) throws -> SyncJobType {
        if let value = kind.providerValue,
            let documented = SyncJobType.documented.first(where: { $0.rawValue.lowercased() == value.lowercased() })
        {
            return documented
        }
        switch kind.category {
        case .replication: return .standard
        case .replicateAll: return .syncAll
        case .loadFolder: return .loadFolder
        case .changeDataCapture: return .changeDataCapture
        case .reverseETL: return .reverseETL
        case .other:
            if let value = kind.providerValue, !value.isEmpty { return SyncJobType(rawValue: value) }
        default:
            break
        }
        throw JobBridgeError(
            .invalidDefinition, "CData Sync has no job type for the kind '\(kind)'",
            provider: SyncClient.providerName, field: "kind")
    }

    // MARK: Schedules

    /// The zone a job's cron is read in: GMT when `use_gmt_datetime` is true, else the
    /// server's.
    public static func cronTimeZone(useGMT: Bool?, serverTimeZone: TimeZone) -> TimeZone {
        useGMT == true ? .gmt : serverTimeZone
    }

    /// The portable schedule and enabled flag of a job's settings.
    ///
    /// A cron the parser refuses (`*/0 * * * *`, `0 0 31 2 *`) is reported as
    /// ``Schedule/unreadable(_:)`` with its text as sent, the parser's reason, the dialect
    /// and the zone: never as ``Schedule/manual``, which would say the job never runs.
    public static func schedule(_ settings: SyncJobSettings, serverTimeZone: TimeZone) -> (Schedule, isEnabled: Bool) {
        schedule(
            cron: settings.schedule?.cron, enabled: settings.schedule?.enabled, useGMT: settings.useGMTDateTime,
            serverTimeZone: serverTimeZone)
    }

    /// The portable schedule and enabled flag of a job's `schedule.cron`, `schedule.enabled`
    /// and `use_gmt_datetime` (what ``schedule(_:serverTimeZone:)`` reads from settings).
    static func schedule(cron: String?, enabled: Bool?, useGMT: Bool?, serverTimeZone: TimeZone) -> (
        Schedule, isEnabled: Bool
    ) {
        let isEnabled = enabled ?? true
        let raw = cron ?? ""
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { return (.manual, isEnabled) }
        let zone = cronTimeZone(useGMT: useGMT, serverTimeZone: serverTimeZone)
        do {
            return (.cron(try CronSchedule.cached(text, dialect: .sync, timeZone: zone)), isEnabled)
        } catch {
            let reason = (error as? JobBridgeError)?.message ?? "\(error)"
            return (
                .unreadable(UnreadableSchedule(text: raw, reason: reason, dialect: .sync, timeZone: zone)), isEnabled
            )
        }
    }

    /// The `schedule` to send for a portable schedule, starting from the job's current one
    /// (so that its unknown members are kept).
    ///
    /// - Parameters:
    ///   - clearing: Whether a manual schedule must be written as `{"cron": ""}` (on update,
    ///     to remove a cron) rather than left out (on create, when enabled).
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` for an interval or unreadable
    ///   schedule, a cron Sync cannot express, or a cron in another zone than the job's.
    public static func syncSchedule(
        _ schedule: Schedule, isEnabled: Bool, current: SyncSchedule?, cronTimeZone zone: TimeZone, clearing: Bool
    ) throws -> SyncSchedule? {
        var result = current ?? SyncSchedule()
        switch schedule {
        case .manual:
            if isEnabled, !clearing, current == nil { return nil }
            result.enabled = isEnabled
            result.cron = ""
        case .cron(let cron):
            guard sameZone(cron.timeZone, zone) else {
                throw JobBridgeError(
                    .invalidDefinition,
                    "CData Sync reads this job's cron in \(zone.identifier) (the server's zone, or GMT when the "
                        + "setting use_gmt_datetime is true); the schedule is in \(cron.timeZone.identifier)",
                    provider: SyncClient.providerName, field: "schedule.timeZone")
            }
            result.enabled = isEnabled
            result.cron = try SyncCron.text(for: cron)
        case .interval:
            throw JobBridgeError(
                .invalidDefinition, "CData Sync schedules by cron only", provider: SyncClient.providerName,
                field: "schedule")
        case .unreadable(let unreadable):
            throw JobBridgeError(
                .invalidDefinition, "\(unreadable); it cannot be written back", provider: SyncClient.providerName,
                field: "schedule")
        }
        return result
    }

    /// Whether two zones give every instant the same offset (GMT and UTC are the same zone).
    static func sameZone(_ lhs: TimeZone, _ rhs: TimeZone) -> Bool {
        if lhs.identifier == rhs.identifier { return true }
        let fixed = { (zone: TimeZone) in zone.nextDaylightSavingTimeTransition == nil }
        return fixed(lhs) && fixed(rhs) && lhs.secondsFromGMT() == rhs.secondsFromGMT()
    }

    // MARK: Jobs

    /// The portable job for a Sync job. `tasks` replaces the job's embedded tasks when given.
    public static func job(_ native: SyncJob, tasks: [SyncTask]? = nil, serverTimeZone: TimeZone) -> Job {
        let settings = native.settings
        let (schedule, isEnabled) = self.schedule(settings, serverTimeZone: serverTimeZone)
        return Job(
            id: JobID(native.id), name: settings.name ?? "", kind: kind(settings.type),
            source: settings.sourceConnectionID.map { ConnectionRef(id: ConnectionID($0)) },
            destination: settings.destinationConnectionID.map { ConnectionRef(id: ConnectionID($0)) },
            schedule: schedule, isEnabled: isEnabled, tasks: self.tasks(tasks ?? native.tasks ?? []),
            createdAt: native.createdAt, modifiedAt: native.modifiedAt, settings: settings.options,
            providerData: native.raw)
    }

    /// The wire names that portable fields carry; a definition's settings may not set them.
    public static let portableKeys: Set<String> = [
        "name", "type", "source_connection_id", "destination_connection_id", "schedule", "queries",
    ]

    /// The settings that create a job from a portable definition (connections already
    /// resolved to ids).
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` naming the field: a kind or
    ///   schedule Sync cannot take, a setting of the wrong type, or a setting that a
    ///   portable field carries.
    public static func settings(
        for definition: JobDefinition, sourceID: String?, destinationID: String?, serverTimeZone: TimeZone
    ) throws -> SyncJobSettings {
        var settings = SyncJobSettings()
        for (key, value) in definition.settings.sorted(by: { $0.key < $1.key }) {
            try checkNotPortable(key)
            try settings.set(key, to: value)
        }
        settings.name = definition.name
        settings.type = try type(for: definition.kind)
        settings.sourceConnectionID = sourceID
        settings.destinationConnectionID = destinationID
        settings.schedule = try syncSchedule(
            definition.schedule, isEnabled: definition.isEnabled, current: nil,
            cronTimeZone: cronTimeZone(useGMT: settings.useGMTDateTime, serverTimeZone: serverTimeZone),
            clearing: false)
        if !definition.tasks.isEmpty { settings.queries = definition.tasks.map(query(for:)) }
        return settings
    }

    /// Applies a portable change to a job's current settings, for `PUT /jobs/{job_id}`.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` for a setting that update does
    ///   not take (``SyncJobSettings/createOnlyKeys``) changed to another value, a setting
    ///   a portable field carries, or a schedule Sync cannot take.
    public static func apply(_ update: JobUpdate, to settings: inout SyncJobSettings, serverTimeZone: TimeZone) throws {
        for (key, value) in update.settings.sorted(by: { $0.key < $1.key }) {
            try checkNotPortable(key)
            if SyncJobSettings.createOnlyKeys.contains(key) {
                var changed = settings
                try changed.set(key, to: value)
                guard changed.value(forKey: key) == settings.value(forKey: key) else {
                    throw JobBridgeError(
                        .invalidDefinition,
                        "CData Sync sets '\(key)' when a job is created only; PUT /jobs/{job_id} does not take it",
                        provider: SyncClient.providerName, operation: .updateJob, field: "settings.\(key)")
                }
            }
            try settings.set(key, to: value)
        }
        if let name = update.name { settings.name = name }
        if let newSchedule = update.schedule {
            let isEnabled = update.isEnabled ?? schedule(settings, serverTimeZone: serverTimeZone).isEnabled
            settings.schedule = try syncSchedule(
                newSchedule, isEnabled: isEnabled, current: settings.schedule,
                cronTimeZone: cronTimeZone(useGMT: settings.useGMTDateTime, serverTimeZone: serverTimeZone),
                clearing: true)
        } else if let isEnabled = update.isEnabled {
            // Only the flag changes: the cron is left exactly as the server has it.
            var current = settings.schedule ?? SyncSchedule()
            current.enabled = isEnabled
            settings.schedule = current
        }
    }

    private static func checkNotPortable(_ key: String) throws {
        guard portableKeys.contains(key) else { return }
        throw JobBridgeError(
            .invalidDefinition, "'\(key)' is set through the job's own fields, not its settings",
            provider: SyncClient.providerName, field: "settings.\(key)")
    }

    // MARK: Tasks

    /// The portable tasks, ordered by `index` (the server's order where it sends none).
    public static func tasks(_ natives: [SyncTask]) -> [JobTask] {
        natives.enumerated()
            .map { position, native in task(native, position: position) }
            .enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }.map(\.element)
    }

    /// The portable task; `position` stands in for a missing `index`.
    public static func task(_ native: SyncTask, position: Int) -> JobTask {
        JobTask(
            id: TaskID(native.id), index: native.index ?? position, query: native.query,
            isActive: native.isActive ?? true, providerData: native.raw)
    }

    /// The query of a task definition: its query, or for a table `REPLICATE [schema].[table]`
    /// (brackets in names doubled).
    public static func query(for task: TaskDefinition) -> String {
        if let query = task.query, !query.allSatisfy(\.isWhitespace) { return query }
        guard let table = task.table else { return "" }
        let quote = { (name: String) in "[" + name.replacingOccurrences(of: "]", with: "]]") + "]" }
        return "REPLICATE " + [table.schema, table.name].compactMap { $0 }.map(quote).joined(separator: ".")
    }

    // MARK: Runs

    /// The portable status of a Sync status string, the string kept as sent (only its
    /// letters are compared, in any case, so `" Failed "` is failed).
    ///
    /// Starting, Queued, Pending → queued; Testing, Running, In progress → running;
    /// Successful, SUCCESS, Succeeded, Completed → succeeded; Failed, Error → failed;
    /// Cancelled, Canceled, Aborted, Stopped → cancelled; SKIPPED (a tick skipped because
    /// the previous run was still going) → skipped; anything else → unknown.
    public static func status(_ text: String?) -> RunStatus {
        guard let text else { return RunStatus(.unknown) }
        let key = text.lowercased().filter { $0.isLetter }
        let phase: RunStatus.Phase
        switch key {
        case "starting", "queued", "pending", "waiting": phase = .queued
        case "testing", "running", "inprogress", "executing": phase = .running
        case "successful", "success", "succeeded", "completed", "complete": phase = .succeeded
        case "failed", "failure", "error", "errored": phase = .failed
        case "cancelled", "canceled", "aborted", "stopped": phase = .cancelled
        case "skipped": phase = .skipped
        default: phase = .unknown
        }
        return RunStatus(phase, providerValue: text)
    }

    /// The portable run for a Sync run of the job `jobID`.
    public static func run(_ native: SyncRun, jobID: JobID) -> JobRun {
        let status = status(native.status)
        var endedAt = native.runEndDate
        if endedAt == nil, status.isFinished, let start = native.runStartDate, let runtime = native.runtime {
            endedAt = start.addingTimeInterval(runtime.inSeconds)
        }
        var duration = native.runtime
        if duration == nil, let start = native.runStartDate, let end = endedAt, end >= start {
            duration = .milliseconds(Int64((end.timeIntervalSince(start) * 1000).rounded()))
        }
        let taskIDs: [String]? = native.taskIDs ?? native.taskID.map { [$0] }
        return JobRun(
            runID: native.id.map { RunID($0) }, jobID: jobID, status: status, startedAt: native.runStartDate,
            endedAt: endedAt, duration: duration, rowsAffected: native.recordsAffected.flatMap { $0 >= 0 ? $0 : nil },
            message: native.details, taskIDs: taskIDs?.map { TaskID($0) }, providerData: native.raw)
    }

    /// Runs newest first (by start; runs without a start keep their place after those with one).
    static func newestFirst(_ runs: [JobRun]) -> [JobRun] {
        runs.enumerated().sorted { lhs, rhs in
            switch (lhs.element.startedAt, rhs.element.startedAt) {
            case (let left?, let right?) where left != right: return left > right
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
