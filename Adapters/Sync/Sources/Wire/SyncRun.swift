import Foundation
import JobBridge

/// One run as CData Sync reports it: an entry of a job's or a task's history, the job's
/// status, the answer to an execute, or a task's last run.
///
/// v2's JSON for these is not documented. Sync v1 named the history fields `Id`,
/// `RunStartDate`, `Status`, `Details`, `Runtime` and `RecordsAffected`; v2 uses lower
/// snake_case elsewhere. Both spellings are read (and a few obvious variants), nothing
/// is required, and the whole object is kept in ``raw``.
public struct SyncRun: Hashable, Sendable {
    /// The run's (history entry's) id: `id`, `Id`, `history_id`. A string, or an integer
    /// (which JSON keeps exactly up to 19 digits) taken as its digits.
    public var id: String?
    /// The job's id: `job_id`, `JobId`.
    public var jobID: String?
    /// The task's id, for task history and last runs: `task_id`, `TaskId`.
    public var taskID: String?
    /// The status string as sent: `status`, `Status` (Starting, Running, Successful,
    /// SUCCESS, Failed, Error, SKIPPED, …).
    public var status: String?
    /// When the run started: `run_start_date`, `RunStartDate`, `start_date`, `started_at`.
    public var runStartDate: Date?
    /// When the run ended: `run_end_date`, `RunEndDate`, `end_date`, `ended_at`.
    public var runEndDate: Date?
    /// The server's message: `details`, `Details`, `message`.
    public var details: String?
    /// How long the run took: `runtime`, `Runtime`. A number is read as milliseconds (the
    /// unit is not documented; milliseconds is the reading that gives plausible
    /// durations for v1's values), a text as `[d.]hh:mm:ss[.fff]`.
    public var runtime: Duration?
    /// Rows affected: `records_affected`, `RecordsAffected`, `rows_affected`.
    public var recordsAffected: Int64?
    /// The tasks the run covered: `tasks`, `task_ids` (each a string).
    public var taskIDs: [String]?
    /// The whole JSON object, as it came.
    public var raw: JSONValue

    /// Creates a run value (for tests).
    public init(
        id: String? = nil, jobID: String? = nil, status: String? = nil, runStartDate: Date? = nil,
        runtime: Duration? = nil, recordsAffected: Int64? = nil, details: String? = nil, raw: JSONValue = [:]
    ) {
        self.id = id
        self.jobID = jobID
        self.status = status
        self.runStartDate = runStartDate
        self.runtime = runtime
        self.recordsAffected = recordsAffected
        self.details = details
        self.raw = raw
    }

    /// Reads a run from its JSON object; zone-less dates are read in `timeZone`.
    ///
    /// - Throws: `DecodingError` if `json` is not an object or an id is neither a string nor
    ///   an exact integer.
    public init(json: JSONValue, timeZone: TimeZone = .gmt) throws {
        try self.init(wire: WireObject(json, what: "a run"), timeZone: timeZone)
    }

    /// Reads a run from its wire object, leniently: nothing is required, a value of an
    /// unexpected kind reads as `nil` (``raw`` keeps it); only ids are checked.
    init(wire: WireObject, timeZone: TimeZone) throws {
        id = try wire.id("id", "Id", "history_id", "HistoryId", "historyId")
        jobID = try wire.id("job_id", "JobId", "jobId")
        taskID = try wire.id("task_id", "TaskId", "taskId")
        status = wire.text("status", "Status")
        runStartDate = SyncDecoding.date(
            wire.value("run_start_date", "RunStartDate", "start_date", "started_at"), timeZone: timeZone)
        runEndDate = SyncDecoding.date(
            wire.value("run_end_date", "RunEndDate", "end_date", "ended_at"), timeZone: timeZone)
        details = wire.text("details", "Details", "message")
        runtime = wire.value("runtime", "Runtime").flatMap(Self.duration)
        recordsAffected = wire.value("records_affected", "RecordsAffected", "rows_affected")?.lenientInt64
        taskIDs = try wire.ids("tasks", "task_ids")
        raw = wire.json
    }

    /// Whether the object carries nothing about a run (no id, no status, no start): what
    /// the status of a job that never ran looks like.
    public var isEmpty: Bool {
        id == nil && (status ?? "").trimmingWhitespace().isEmpty && runStartDate == nil
    }

    /// A runtime: a number of milliseconds, or `[d.]hh:mm:ss[.fff]`; `nil` for anything
    /// else, negative, not finite, or too long for a `Duration` of whole milliseconds.
    static func duration(_ value: JSONValue) -> Duration? {
        if let milliseconds = value.doubleValue { return Self.milliseconds(milliseconds) }
        guard let text = value.stringValue?.trimmingWhitespace(), !text.isEmpty else { return nil }
        if let milliseconds = Double(text) { return Self.milliseconds(milliseconds) }
        // A sign anywhere (`-00:01:05`, whose hours read as 0) makes it negative: no duration.
        guard !text.contains("-") else { return nil }
        var parts = text.split(separator: ":").map(String.init)
        guard parts.count == 3, let seconds = Double(parts[2]), let minutes = Int64(parts[1]) else { return nil }
        var days: Int64 = 0
        if let dot = parts[0].firstIndex(of: ".") {
            guard let value = Int64(parts[0][..<dot]) else { return nil }
            days = value
            parts[0] = String(parts[0][parts[0].index(after: dot)...])
        }
        guard let hours = Int64(parts[0]), days >= 0, hours >= 0, minutes >= 0, seconds >= 0 else { return nil }
        let minutesTotal = (Double(days) * 24 + Double(hours)) * 60 + Double(minutes)
        return Self.milliseconds((minutesTotal * 60 + seconds) * 1000)
    }

    /// Whole milliseconds, when `value` is finite, not negative and fits in `Int64`.
    private static func milliseconds(_ value: Double) -> Duration? {
        guard value.isFinite, value >= 0, let whole = Int64(exactly: value.rounded()) else { return nil }
        return .milliseconds(whole)
    }
}

extension SyncRun: Codable {
    /// Decodes a run; zone-less dates are read in the decoder's server time zone.
    public init(from decoder: any Decoder) throws {
        try self.init(wire: WireObject(from: decoder, what: "a run"), timeZone: SyncDecoding.serverTimeZone(decoder))
    }

    /// Encodes ``raw``.
    public func encode(to encoder: any Encoder) throws { try raw.encode(to: encoder) }
}
