import Foundation
import JobBridge

/// The mapping between NX1's wire job and the portable model, both ways, in one place.
///
/// | portable | NX1 | notes |
/// |---|---|---|
/// | `id` | `id` | the UUID as text |
/// | `name` | `job_name` | |
/// | `kind` | `job_type` | `airflow.*` → `.workflow`, `mirror` → `.mirror`, else `.other`; the wire value is `providerValue` |
/// | `source`, `destination` | `source`, `destination` | free text ↔ `ConnectionRef(name:)`; a ref with only an id is sent as the id's text |
/// | `schedule` | `schedule` | text ↔ `.cron(CronSchedule(text, dialect: .airflow, timeZone: .gmt))`; `null` ↔ `.manual`; a text the parser refuses → ``Schedule/unreadable(_:)`` (never written back) |
/// | `isEnabled` | — | always `true`: NX1 has no switch (see ``request(for:)``) |
/// | `tasks` | — | always empty: NX1 jobs have no tasks |
/// | `settings` | `properties_json` | members of the JSON object held in the string |
/// | `createdAt` | `created_at` | |
/// | `lastRun` | `status`, `status_message`, `last_*_at` | see ``lastRun(of:)`` |
/// | `providerData` | the whole job | as it came (``NX1Job/raw``), unknown fields and `null` members included; ``NX1Job/json`` for a job made in code |
public enum NX1Mapping {
    /// The settings key that holds `properties_json` when it is valid JSON but not an object.
    public static let nonObjectPropertiesKey = "properties_json"

    // MARK: native → portable

    /// The portable job for a wire job.
    ///
    /// Never fails: a `properties_json` that is not valid JSON leaves ``Job/settings``
    /// empty (the text stays in ``Job/providerData``); a schedule the cron parser refuses
    /// becomes ``Schedule/unreadable(_:)``, with its text and the parser's reason.
    public static func job(from native: NX1Job) -> Job {
        // Built once: the job and its last run keep the same JSON.
        let data = providerData(of: native)
        return Job(
            id: JobID(native.id), name: native.jobName, kind: kind(for: native.jobType),
            source: native.source.map { ConnectionRef(name: $0) },
            destination: native.destination.map { ConnectionRef(name: $0) },
            schedule: schedule(from: native.schedule), isEnabled: true, tasks: [], createdAt: native.createdAt,
            lastRun: lastRun(of: native, providerData: data), settings: settings(from: native.propertiesJSON),
            providerData: data)
    }

    /// `airflow.*` → ``JobCategory/workflow``, `mirror` → ``JobCategory/mirror``, any other
    /// type → ``JobCategory/other``; the wire value is always kept in `providerValue`.
    public static func kind(for type: NX1JobType) -> JobKind {
        if type.isAirflow { return JobKind(.workflow, providerValue: type.rawValue) }
        if type == .mirror { return JobKind(.mirror, providerValue: type.rawValue) }
        return JobKind(.other, providerValue: type.rawValue)
    }

    /// `null` or blank → ``Schedule/manual``; else the text as an Airflow cron in UTC
    /// (Airflow's default zone), presets such as `@daily` kept as text. A text the parser
    /// refuses (`*/0 * * * *`, `@every 5m`) → ``Schedule/unreadable(_:)`` with the text as
    /// sent and the parser's reason: never ``Schedule/manual``, which would say it never runs.
    public static func schedule(from text: String?) -> Schedule {
        guard let text, !text.allSatisfy(\.isWhitespace) else { return .manual }
        do {
            return .cron(try CronSchedule.cached(text, dialect: .airflow, timeZone: .gmt))
        } catch {
            let reason = (error as? JobBridgeError)?.message ?? "\(error)"
            return .unreadable(UnreadableSchedule(text: text, reason: reason, dialect: .airflow, timeZone: .gmt))
        }
    }

    /// The members of `properties_json` when it holds an object; a non-object value under
    /// ``nonObjectPropertiesKey``; nothing when it is absent or not valid JSON.
    public static func settings(from propertiesJSON: String?) -> [String: JSONValue] {
        guard let value = try? NX1Properties.parse(propertiesJSON) else { return [:] }
        if let members = value.objectValue { return members }
        return [nonObjectPropertiesKey: value]
    }

    /// The job's status as a run phase: `pending` → queued, `running` → running,
    /// `completed`/`success` → succeeded, `failed`/`error` → failed, anything else
    /// (`new` included) → unknown. Words are compared without the white space around them
    /// and in any case (`"failed "` is failed); the wire value is always kept as sent.
    public static func runStatus(for status: NX1JobStatus) -> RunStatus {
        let phase: RunStatus.Phase
        switch normalized(status) {
        case .pending: phase = .queued
        case .running: phase = .running
        case .completed, .success: phase = .succeeded
        case .failed, .error: phase = .failed
        default: phase = .unknown
        }
        return RunStatus(phase, providerValue: status.rawValue)
    }

    /// The status trimmed and lowercased, for comparing with the known words.
    private static func normalized(_ status: NX1JobStatus) -> NX1JobStatus {
        let text = status.rawValue
        // The words NX1 sends are already lower case: nothing to fold.
        if !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) {
            return status
        }
        return NX1JobStatus(rawValue: text.trimmingWhitespace().lowercased())
    }

    /// The job's current or latest run, built from `status` and the `last_*_at` dates
    /// (NX1 keeps no run history and gives runs no ids):
    /// - `nil` when the job never started and its status is `new` or absent;
    /// - start: `last_started_at`; end: `last_completed_at` for a success,
    ///   `last_failed_at` for a failure (when not before the start);
    /// - a status that says no run (`new` after a run, or no status) takes the phase of
    ///   whichever of the last completion and failure is the later, when one is at or
    ///   after the last start; otherwise it is kept as an unknown phase;
    /// - a status word this mapping does not know stays unknown, whatever the dates say:
    ///   a word it cannot read is never taken for another.
    public static func lastRun(of native: NX1Job) -> JobRun? {
        lastRun(of: native, providerData: providerData(of: native))
    }

    /// ``lastRun(of:)`` with the job's JSON already built.
    static func lastRun(of native: NX1Job, providerData: JSONValue?) -> JobRun? {
        let jobID = JobID(native.id)
        let started = native.lastStartedAt
        var status = native.status.map(runStatus(for:)) ?? RunStatus(.unknown)
        let saysNoRun = native.status.map { normalized($0) == .new } ?? true
        if started == nil, saysNoRun { return nil }
        if saysNoRun, let started {
            let completed = native.lastCompletedAt.flatMap { $0 >= started ? $0 : nil }
            let failed = native.lastFailedAt.flatMap { $0 >= started ? $0 : nil }
            switch (completed, failed) {
            case (let done?, let fail?): status.phase = done >= fail ? .succeeded : .failed
            case (.some, nil): status.phase = .succeeded
            case (nil, .some): status.phase = .failed
            case (nil, nil): break
            }
        }
        var ended: Date?
        // A success ends at the last completion, a failure at the last failure: never the
        // other's date (that is a different run's end).
        if status.phase == .succeeded { ended = native.lastCompletedAt }
        if status.phase == .failed { ended = native.lastFailedAt }
        if let end = ended, let started, end < started { ended = nil }
        if status.phase == .queued || status.phase == .running { ended = nil }
        var duration: Duration?
        if let started, let ended {
            duration = .milliseconds(Int64((ended.timeIntervalSince(started) * 1000).rounded()))
        }
        let isCurrent = status.phase == .queued || status.phase == .running
        return JobRun(
            jobID: jobID, status: status, startedAt: status.phase == .queued ? nil : started, endedAt: ended,
            duration: isCurrent ? nil : duration, message: native.statusMessage, providerData: providerData)
    }

    /// The wire job's JSON: as it came when it was read (``NX1Job/raw``), else as the job
    /// writes it (``NX1Job/json``); unknown fields included either way.
    public static func providerData(of native: NX1Job) -> JSONValue? {
        native.raw ?? native.json
    }

    // MARK: portable → native

    /// The `POST /api/jobs` body for a definition, after checking what NX1 cannot hold.
    ///
    /// - Kind: `providerValue` when it is an NX1 type of the same category (so `airflow.nlp`
    ///   or an unknown type read from NX1 round-trips); else `.workflow` → `airflow.dataeng`,
    ///   `.mirror` → `mirror`; any other category is refused (`field` `kind`).
    /// - Schedule: `.manual` → `null`; `.cron` → its text, verbatim (presets included). A cron
    ///   in CData Sync's dialect (other weekday numbers) or in a zone other than UTC is
    ///   refused (`schedule`, `schedule.timeZone`); intervals are refused by the core's
    ///   validation, since the descriptor accepts manual and cron only.
    /// - `isEnabled: false` with a cron schedule is refused (`isEnabled`): NX1 would run it.
    /// - Tasks are refused (`tasks`): NX1 jobs have none.
    /// - Settings become the JSON object in `properties_json` (none → `null`).
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` naming the field.
    public static func request(for definition: JobDefinition) throws -> NX1CreateJobRequest {
        func refuse(_ field: String, _ message: String) -> JobBridgeError {
            JobBridgeError(
                .invalidDefinition, message, provider: NX1Client.providerName, operation: .createJob, field: field)
        }
        if !definition.tasks.isEmpty {
            throw refuse("tasks", "NX1 jobs have no tasks; this definition has \(definition.tasks.count)")
        }
        let type = try jobType(for: definition.kind, refuse: refuse)
        var schedule: String?
        if case .unreadable(let unreadable) = definition.schedule {
            throw refuse("schedule", "\(unreadable); it cannot be written back")
        }
        if case .cron(let cron) = definition.schedule {
            guard cron.dialect != .sync else {
                throw refuse(
                    "schedule",
                    "'\(cron.text)' is in CData Sync's cron dialect, whose weekdays differ; NX1 takes Unix/Airflow cron"
                )
            }
            guard isUTC(cron.timeZone) else {
                throw refuse(
                    "schedule.timeZone",
                    "NX1 reads cron in UTC; a schedule in \(cron.timeZone.identifier) cannot be sent as it is")
            }
            if !definition.isEnabled {
                throw refuse("isEnabled", "NX1 has no way to disable a schedule; a disabled cron job would still run")
            }
            schedule = cron.text
        }
        var request = NX1CreateJobRequest(
            jobType: type, jobName: definition.name, source: text(of: definition.source),
            destination: text(of: definition.destination), schedule: schedule)
        if !definition.settings.isEmpty {
            if definition.settings.count == 1, let value = definition.settings[nonObjectPropertiesKey],
                value.objectValue == nil
            {
                try request.setProperties(value)
            } else {
                try request.setProperties(.object(definition.settings))
            }
        }
        return request
    }

    private static func jobType(
        for kind: JobKind, refuse: (String, String) -> JobBridgeError
    ) throws -> NX1JobType {
        if let value = kind.providerValue, !value.allSatisfy(\.isWhitespace) {
            let type = NX1JobType(rawValue: value)
            if self.kind(for: type).category == kind.category { return type }
        }
        switch kind.category {
        case .workflow: return .dataEngineering
        case .mirror: return .mirror
        default:
            throw refuse(
                "kind",
                "NX1 has no job type for \(kind); use .workflow (airflow.dataeng, airflow.nlp, airflow.ingest, airflow.airbyte) or .mirror"
            )
        }
    }

    /// NX1's free text for a connection: its name, else its id.
    private static func text(of ref: ConnectionRef?) -> String? {
        guard let ref else { return nil }
        return ref.name ?? ref.id?.rawValue
    }

    /// Whether a zone is UTC all year round.
    private static func isUTC(_ zone: TimeZone) -> Bool {
        let january = Date(timeIntervalSince1970: 1_767_225_600)
        let july = january.addingTimeInterval(181 * 86_400)
        return zone.secondsFromGMT(for: january) == 0 && zone.secondsFromGMT(for: july) == 0
    }
}
