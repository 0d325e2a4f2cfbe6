import Foundation
import JobBridge

/// Portable → native: the body of create and update, built from a ``JobDefinition`` or a
/// ``JobUpdate`` after the core's validation, with Connect's own rules checked before any
/// request is sent.
///
/// - `kind` → `jobType`: its provider value when it is `Caching` or `ScheduledQuery`, else
///   ``JobCategory/replication`` → `Caching`, ``JobCategory/scheduledQuery`` → `ScheduledQuery`;
///   any other category is refused (`kind`).
/// - `source` → `params.sourceConnection` (the id, required) and `params.sourceName`
///   (and `sourceConnectionName` when the job already has it).
/// - `destination`: a Caching job always writes to the account's cache connection; another
///   destination is refused (`destination`). ScheduledQuery: its name → `destinationConnectionName`.
/// - `schedule` → `intervalUnit` (`Hour`/`Day`/`Week`/`Month`; minutes are refused at
///   `schedule.unit`), `intervalValue`, `definedNextRun` ← `firstRun`. A cron schedule is
///   converted with the cron engine's verdict (``Schedule/convertedToInterval()``): exact
///   converts silently; approximate is refused with the differences in words unless
///   approximation is allowed; impossible is refused with the reason.
/// - the one task → `sourceSchema`/`sourceTable` (Caching) or `query` (ScheduledQuery).
/// - `settings`: `logVerbosity` (1–5) → top level; every other key → `params` (a Boolean
///   `autoTruncateStrings` is sent as the string the provider uses).
/// - `name`: not sent. The documented payload keys are `jobType, intervalUnit,
///   intervalValue, logVerbosity, enabled, definedNextRun, params`, and nothing else is
///   sent, on create and on update (whose body starts from the job as read, name
///   included). Only when the app opts in (`sendsJobNames`) does the name go out.
struct ConnectRequests {
    let provider: String
    let operation: JobOperation
    let cacheConnection: ConnectionRef?
    let allowsApproximateSchedules: Bool
    let sendsJobNames: Bool

    func failure(_ field: String, _ message: String) -> JobBridgeError {
        JobBridgeError(.invalidDefinition, message, provider: provider, operation: operation, field: field)
    }

    func request(for definition: JobDefinition) throws -> ConnectJobRequest {
        let type = try jobType(definition.kind)
        guard let source = definition.source else {
            throw failure("source", "a \(type) job needs a source connection")
        }
        let (unit, value, firstRun) = try interval(definition.schedule)
        var request = ConnectJobRequest(
            jobType: type, name: sendsJobNames ? definition.name : nil, intervalUnit: unit, intervalValue: value,
            logVerbosity: nil,
            enabled: definition.isEnabled, definedNextRun: firstRun, params: ConnectJobParams())
        try apply(source: source, to: &request)
        try apply(destination: definition.destination, to: &request)
        try apply(tasks: definition.tasks, to: &request)
        try apply(settings: definition.settings, to: &request)
        return request
    }

    /// The update's body: the job as it was read, every param kept, with the change applied.
    func request(updating info: ConnectJob, with update: JobUpdate) throws -> ConnectJobRequest {
        var request = ConnectJobRequest(info)
        // The documents' update body has no name; an app that opted in sends the new name,
        // or the one read, since the body replaces the job.
        request.name = sendsJobNames ? (update.name ?? info.name) : nil
        if let source = update.source { try apply(source: source, to: &request) }
        if let destination = update.destination { try apply(destination: destination, to: &request) }
        if let schedule = update.schedule {
            (request.intervalUnit, request.intervalValue, request.definedNextRun) = try interval(schedule)
        }
        if let isEnabled = update.isEnabled { request.enabled = isEnabled }
        try apply(settings: update.settings, to: &request)
        return request
    }

    /// Checks what the core's validation cannot know about Connect (a change may be
    /// checked before the job is read).
    func check(_ update: JobUpdate) throws {
        if let schedule = update.schedule { _ = try interval(schedule) }
        if let source = update.source, source.id == nil {
            throw failure("source.id", "CData Connect AI names a job's source by connection id; this source has none")
        }
        try checkSettings(update.settings)
    }

    private func jobType(_ kind: JobKind) throws -> ConnectJobType {
        if let value = kind.providerValue {
            if value.caseInsensitiveCompare(ConnectJobType.caching.rawValue) == .orderedSame { return .caching }
            if value.caseInsensitiveCompare(ConnectJobType.scheduledQuery.rawValue) == .orderedSame {
                return .scheduledQuery
            }
        }
        switch kind.category {
        case .replication: return .caching
        case .scheduledQuery: return .scheduledQuery
        default:
            throw failure(
                "kind",
                "CData Connect AI runs Caching (replication) and ScheduledQuery jobs; \(kind) has no counterpart")
        }
    }

    private func interval(_ schedule: Schedule) throws -> (ConnectIntervalUnit, Int, Date?) {
        if case .cron(let cron) = schedule { return try interval(try converted(cron)) }
        guard case .interval(let interval) = schedule else {
            throw failure(
                "schedule", "CData Connect AI schedules jobs by interval (Hour, Day, Week, Month); got \(schedule.kind)"
            )
        }
        guard interval.count >= 1 else {
            throw failure("schedule.count", "an interval count must be at least 1; got \(interval.count)")
        }
        let unit: ConnectIntervalUnit
        switch interval.unit {
        case .hour: unit = .hour
        case .day: unit = .day
        case .week: unit = .week
        case .month: unit = .month
        case .minute:
            throw failure(
                "schedule.unit",
                "CData Connect AI schedules by Hour, Day, Week or Month; a schedule in minutes cannot be kept")
        }
        return (unit, interval.count, interval.firstRun)
    }

    /// The interval schedule that runs a cron schedule's times, when the verdict allows.
    private func converted(_ cron: CronSchedule) throws -> Schedule {
        let conversion = Schedule.cron(cron).convertedToInterval()
        switch conversion.verdict {
        case .exact:
            break
        case .approximate(let differences):
            guard allowsApproximateSchedules else {
                throw failure(
                    "schedule",
                    "'\(cron.text)' is only approximately an interval schedule: "
                        + differences.joined(separator: "; ")
                        + " (create the provider with allowsApproximateSchedules to accept that)")
            }
        case .impossible(let reason):
            throw failure("schedule", "'\(cron.text)' cannot be an interval schedule on CData Connect AI: \(reason)")
        }
        guard let schedule = conversion.schedule, case .interval = schedule else {
            throw failure("schedule", "'\(cron.text)' did not convert to an interval schedule")
        }
        return schedule
    }

    private func apply(source: ConnectionRef, to request: inout ConnectJobRequest) throws {
        guard let id = source.id?.rawValue, !id.isEmpty else {
            throw failure("source.id", "CData Connect AI names a job's source by connection id; this source has none")
        }
        request.params.sourceConnection = id
        if let name = source.name {
            request.params.sourceName = name
            if request.params.sourceConnectionName != nil { request.params.sourceConnectionName = name }
        }
    }

    private func apply(destination: ConnectionRef?, to request: inout ConnectJobRequest) throws {
        guard let destination else { return }
        if request.jobType == .scheduledQuery {
            guard let name = destination.name ?? destination.id?.rawValue else { return }
            request.params.destinationConnectionName = name
            return
        }
        guard let cache = cacheConnection else { return }
        let sameID = destination.id != nil && destination.id == cache.id
        let sameName = destination.id == nil && destination.name != nil && destination.name == cache.name
        guard sameID || sameName else {
            throw failure(
                "destination",
                "a CData Connect AI caching job always writes to the account's cache connection (\(cache)); "
                    + "it cannot write to \(destination)")
        }
    }

    private func apply(tasks: [TaskDefinition], to request: inout ConnectJobRequest) throws {
        guard tasks.count == 1, let task = tasks.first else {
            throw failure(
                "tasks",
                "a CData Connect AI job has exactly one implied task (its table, or its query); got \(tasks.count)")
        }
        if request.jobType == .scheduledQuery {
            guard let query = task.query, !query.allSatisfy(\.isWhitespace) else {
                throw failure("tasks[0].query", "a ScheduledQuery job's task needs a query")
            }
            request.params.query = query
            return
        }
        guard let table = task.table, !table.name.allSatisfy(\.isWhitespace) else {
            throw failure("tasks[0].table", "a Caching job's task names the table it copies; this one has no table")
        }
        request.params.sourceSchema = table.schema
        request.params.sourceTable = table.name
    }

    private func checkSettings(_ settings: [String: JSONValue]) throws {
        for (key, value) in settings {
            if ConnectMapping.portableParams.contains(key) {
                throw failure(
                    "settings.\(key)", "'\(key)' is set through the job's source, destination or task, not a setting")
            }
            if key == ConnectMapping.logVerbositySetting, !value.isNull, verbosity(value) == nil {
                throw failure("settings.\(key)", "logVerbosity is a whole number from 1 to 5; got \(value)")
            }
        }
    }

    private func verbosity(_ value: JSONValue) -> Int? {
        let number = value.intValue ?? value.stringValue.flatMap { Int64($0) }
        guard let number, (1...5).contains(number) else { return nil }
        return Int(number)
    }

    private func apply(settings: [String: JSONValue], to request: inout ConnectJobRequest) throws {
        try checkSettings(settings)
        for (key, value) in settings {
            if key == ConnectMapping.logVerbositySetting {
                request.logVerbosity = value.isNull ? nil : verbosity(value)
            } else if value.isNull {
                request.params.values.removeValue(forKey: key)
            } else if key == ConnectJobParams.Key.autoTruncateStrings, let flag = value.boolValue {
                request.params.autoTruncateStrings = flag
            } else {
                request.params[key] = value
            }
        }
    }
}
