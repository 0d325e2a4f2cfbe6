import Foundation
import JobBridge

/// Native → portable: how a CData Connect AI job reads as a ``Job``.
///
/// | portable | Connect |
/// |---|---|
/// | `id`, `name` | `id`, `name` (the id when the name is missing) |
/// | `kind` | `jobType`: `Caching` → ``JobCategory/replication``, `ScheduledQuery` → ``JobCategory/scheduledQuery``, anything else → ``JobCategory/other``; the string kept in ``JobKind/providerValue`` |
/// | `source` | `params.sourceConnection` (id), `params.sourceConnectionName` or else `params.sourceName` (name) |
/// | `destination` | Caching: the account's cache connection (as configured on the provider); ScheduledQuery: `params.destinationConnectionName`, else the cache connection |
/// | `schedule` | `.interval(every: intervalValue, intervalUnit, firstRun: definedNextRun)`; no `intervalUnit` (absent, null or blank) → `.manual`; a unit the adapter does not know, an `intervalValue` below 1 or none → ``Schedule/unreadable(_:)`` with the two fields as text (never another schedule) |
/// | `isEnabled` | `enabled` (absent: `true`, the provider's default) |
/// | `tasks` | one implied task: Caching → table `sourceSchema.sourceTable`; ScheduledQuery → `params.query` |
/// | `createdAt`, `modifiedAt`, `nextRunAt` | `created`, `lastModified`, `nextRunTime` (the year-1 sentinel reads as `nil`) |
/// | `lastRun` | `lastRun`, `nil` when its `dateTime` is the year-1 sentinel ("never ran"); a negative `duration` or `rowsAffected` reads as `nil` (the run's JSON keeps it) |
/// | `settings` | `logVerbosity`, and every param that is not one of the above (`timeCheckColumn`, `autoTruncateStrings` as its wire string, `mergeKeys`, `destinationWriteScheme`, `destinationSchema`, `destinationTable`, unknown keys), by wire name |
/// | `providerData` | the job's JSON, whole |
enum ConnectMapping {
    /// The task id of a Caching job's implied task (its table).
    static let tableTaskID: TaskID = "table"
    /// The task id of a ScheduledQuery job's implied task (its query).
    static let queryTaskID: TaskID = "query"

    /// The params that portable fields stand for; every other param is a setting.
    static let portableParams: Set<String> = [
        ConnectJobParams.Key.sourceConnection, ConnectJobParams.Key.sourceConnectionName,
        ConnectJobParams.Key.sourceName,
        ConnectJobParams.Key.sourceSchema, ConnectJobParams.Key.sourceTable, ConnectJobParams.Key.query,
        ConnectJobParams.Key.destinationConnectionName,
    ]

    /// The setting that stands for the top-level `logVerbosity`.
    static let logVerbositySetting = "logVerbosity"

    static func kind(_ type: ConnectJobType?) -> JobKind {
        switch type {
        case .caching?: return JobKind(.replication, providerValue: ConnectJobType.caching.rawValue)
        case .scheduledQuery?: return JobKind(.scheduledQuery, providerValue: ConnectJobType.scheduledQuery.rawValue)
        case let other?: return JobKind(.other, providerValue: other.rawValue)
        case nil: return JobKind(.other)
        }
    }

    static func unit(_ unit: ConnectIntervalUnit?) -> IntervalUnit? {
        switch unit?.rawValue.lowercased() {
        case "hour": return .hour
        case "day": return .day
        case "week": return .week
        case "month": return .month
        case "minute": return .minute
        default: return nil
        }
    }

    static func job(_ info: ConnectJob, cacheConnection: ConnectionRef?) -> Job {
        let id = JobID(info.id)
        // One pass over the params: the portable ones are kept by name, every other one is
        // a setting (a listing maps thousands of jobs; no name is looked up twice).
        var portable = PortableParams()
        var settings = [String: JSONValue](minimumCapacity: info.params.values.count + 1)
        if let verbosity = info.logVerbosity { settings[logVerbositySetting] = .int(Int64(verbosity)) }
        for (key, value) in info.params.values where !portable.take(key, value) { settings[key] = value }
        let sourceName = portable.sourceConnectionName ?? portable.sourceName
        let source: ConnectionRef? =
            portable.sourceConnection == nil && sourceName == nil
            ? nil : ConnectionRef(id: portable.sourceConnection.map { ConnectionID($0) }, name: sourceName)
        var destination = cacheConnection
        if info.jobType == .scheduledQuery, let name = portable.destinationConnectionName {
            destination = ConnectionRef(name: name)
        }
        return Job(
            id: id, name: info.name ?? info.id, kind: kind(info.jobType), source: source, destination: destination,
            schedule: schedule(info), isEnabled: info.enabled ?? true, tasks: tasks(info, portable),
            createdAt: info.created, modifiedAt: info.lastModified,
            nextRunAt: info.nextRunTime.flatMap { ConnectDate.isSentinel($0) ? nil : $0 },
            lastRun: info.lastRun.flatMap { run($0, of: id) }, settings: settings, providerData: info.raw)
    }

    /// The params that portable fields stand for (``portableParams``), as one pass over a
    /// job's params meets them; each is read as a string, as ``ConnectJobParams`` reads it.
    struct PortableParams {
        var sourceConnection: String?
        var sourceConnectionName: String?
        var sourceName: String?
        var sourceSchema: String?
        var sourceTable: String?
        var query: String?
        var destinationConnectionName: String?

        /// Keeps `value` if `key` is a portable param; returns whether it was. The names
        /// have seven different lengths, so each member is compared with one name at most.
        mutating func take(_ key: String, _ value: JSONValue) -> Bool {
            typealias Key = ConnectJobParams.Key
            switch key.utf8.count {
            case 5 where key == Key.query: query = value.stringValue
            case 10 where key == Key.sourceName: sourceName = value.stringValue
            case 11 where key == Key.sourceTable: sourceTable = value.stringValue
            case 12 where key == Key.sourceSchema: sourceSchema = value.stringValue
            case 16 where key == Key.sourceConnection: sourceConnection = value.stringValue
            case 20 where key == Key.sourceConnectionName: sourceConnectionName = value.stringValue
            case 25 where key == Key.destinationConnectionName: destinationConnectionName = value.stringValue
            default: return false
            }
            return true
        }

        /// The portable params of a job's params.
        init(_ params: ConnectJobParams) {
            for (key, value) in params.values { _ = take(key, value) }
        }

        init() {}
    }

    /// The portable schedule of a job: no unit is manual; a documented (or `Minute`) unit
    /// with a value of at least 1 is an interval; anything else is unreadable, with the
    /// fields as sent and the reason, so that it is never taken for another schedule.
    static func schedule(_ info: ConnectJob) -> Schedule {
        guard let rawUnit = info.intervalUnit?.rawValue, !rawUnit.allSatisfy(\.isWhitespace) else { return .manual }
        func unreadable(_ reason: String) -> Schedule {
            let text = "intervalUnit=\(rawUnit), intervalValue=\(info.intervalValue.map(String.init) ?? "none")"
            return .unreadable(UnreadableSchedule(text: text, reason: reason))
        }
        guard let unit = unit(info.intervalUnit) else {
            return unreadable(
                "the interval unit '\(rawUnit)' is not one CData Connect AI documents (Hour, Day, Week, Month)")
        }
        guard let count = info.intervalValue else {
            return unreadable("the job has an interval unit but no intervalValue")
        }
        guard count >= 1 else {
            return unreadable("an interval of \(count) \(rawUnit) never comes round; intervalValue must be at least 1")
        }
        return .interval(IntervalSchedule(every: count, unit, firstRun: info.definedNextRun))
    }

    static func tasks(_ info: ConnectJob) -> [JobTask] { tasks(info, PortableParams(info.params)) }

    /// The job's implied task, from its portable params already read.
    private static func tasks(_ info: ConnectJob, _ portable: PortableParams) -> [JobTask] {
        let data = JSONValue.object(info.params.values)
        if info.jobType == .scheduledQuery {
            guard let query = portable.query else { return [] }
            return [JobTask(id: queryTaskID, index: 0, query: query, providerData: data)]
        }
        guard let table = portable.sourceTable else { return [] }
        return [
            JobTask(
                id: tableTaskID, index: 0, table: TableRef(schema: portable.sourceSchema, name: table),
                providerData: data)
        ]
    }

    /// The run a `lastRun` stands for; `nil` for the year-1 "never ran" sentinel.
    ///
    /// `dateTime` → `startedAt`; `duration` (seconds, by the documents' arithmetic) →
    /// `duration`, and `endedAt` when the run has finished; `status` → ``RunStatus`` with
    /// the string kept; `rowsAffected` as is. A negative `duration` or `rowsAffected` is not
    /// a count of anything: it reads as `nil` (no `endedAt` either), the value staying in
    /// ``JobRun/providerData``. Connect runs have no id.
    static func run(_ lastRun: ConnectLastRun, of jobID: JobID) -> JobRun? {
        guard !lastRun.isNeverRun, let started = lastRun.dateTime else { return nil }
        let status = runStatus(lastRun.status)
        let seconds = lastRun.duration.flatMap { $0 >= 0 ? $0 : nil }
        let duration = seconds.map { Duration.seconds($0) }
        let ended = status.isFinished ? seconds.map { started.addingTimeInterval(TimeInterval($0)) } : nil
        return JobRun(
            jobID: jobID, status: status, requestedAt: started, startedAt: started, endedAt: ended, duration: duration,
            rowsAffected: lastRun.rowsAffected.flatMap { $0 >= 0 ? $0 : nil }, providerData: lastRun.raw)
    }

    /// The portable status of a `lastRun.status`.
    ///
    /// Only `JOB_QUEUED` is documented; the UI's words are Queued, Running, Succeeded,
    /// Failed, NoChange and Cancelled, so their `JOB_*` spellings (and the bare words, any
    /// case, with or without `_`, white space around it ignored) are read. NoChange (ran,
    /// nothing to copy) is ``RunStatus/Phase/succeeded``. Anything else is
    /// ``RunStatus/Phase/unknown``. The string is always kept as sent.
    static func runStatus(_ text: String?) -> RunStatus {
        guard let text else { return RunStatus(.unknown) }
        var word = statusWord(text)
        if word.hasPrefix("JOB") { word.removeFirst(3) }
        let phase: RunStatus.Phase
        switch word {
        case "QUEUED", "PENDING": phase = .queued
        case "RUNNING", "STARTED", "INPROGRESS": phase = .running
        case "SUCCEEDED", "SUCCESS", "SUCCESSFUL", "COMPLETED", "NOCHANGE", "NOCHANGES": phase = .succeeded
        case "FAILED", "FAILURE", "ERROR": phase = .failed
        case "CANCELLED", "CANCELED", "STOPPED": phase = .cancelled
        case "SKIPPED": phase = .skipped
        default: phase = .unknown
        }
        return RunStatus(phase, providerValue: text)
    }

    /// A status as compared: without the white space around it and its `_`, in upper case.
    /// ASCII text (what the service sends) is folded byte by byte; any other goes through
    /// Unicode's upper-casing.
    private static func statusWord(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.utf8.allSatisfy({ $0 < 0x80 }) else {
            return trimmed.uppercased().replacingOccurrences(of: "_", with: "")
        }
        var word = ""
        word.reserveCapacity(trimmed.utf8.count)
        for byte in trimmed.utf8 where byte != UInt8(ascii: "_") {
            let upper = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
            word.unicodeScalars.append(Unicode.Scalar(upper))
        }
        return word
    }
}
