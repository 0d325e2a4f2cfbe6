import Foundation
import JobBridge

/// A job as the Job API answers it (`ConnectJob`), with the answer's JSON kept whole in ``raw``.
///
/// Tolerant where the documents disagree: `intervalValue` and `logVerbosity` decode from
/// numbers or strings, `enabled` from a Boolean or `"true"`/`"false"`; dates with a
/// fraction of any length or none.
public struct ConnectJob: Hashable, Sendable, Decodable {
    /// `id`.
    public var id: String
    /// `name`.
    public var name: String?
    /// `jobType`.
    public var jobType: ConnectJobType?
    /// `enabled` (absent means the provider's default, `true`).
    public var enabled: Bool?
    /// `created`.
    public var created: Date?
    /// `lastModified`.
    public var lastModified: Date?
    /// `nextRunTime`.
    public var nextRunTime: Date?
    /// `intervalUnit`.
    public var intervalUnit: ConnectIntervalUnit?
    /// `intervalValue`.
    public var intervalValue: Int?
    /// `logVerbosity`, 1–5.
    public var logVerbosity: Int?
    /// `definedNextRun`, when the answer echoes the first run that was asked for
    /// (undocumented in answers; read when present).
    public var definedNextRun: Date?
    /// `lastRun`. Holds the year-1 sentinel for a job that never ran: see
    /// ``ConnectLastRun/isNeverRun``.
    public var lastRun: ConnectLastRun?
    /// `params`, every key kept.
    public var params: ConnectJobParams
    /// The answer's JSON for this job, whole.
    public var raw: JSONValue

    /// Decodes a job, keeping its JSON.
    public init(from decoder: any Decoder) throws {
        try self.init(wire: WireObject(from: decoder, what: "a job"))
    }

    /// Reads a job from its wire object (see the type's notes on what is tolerated).
    ///
    /// - Throws: `DecodingError` naming the member that is missing or of the wrong kind.
    init(wire: WireObject) throws {
        raw = wire.json
        id = try wire.requiredID("id")
        name = try wire.string("name")
        jobType = try wire.string("jobType").map(ConnectJobType.init(rawValue:))
        enabled = try wire.bool("enabled")
        created = try wire.date("created", parse: ConnectDate.parse)
        lastModified = try wire.date("lastModified", parse: ConnectDate.parse)
        nextRunTime = try wire.date("nextRunTime", parse: ConnectDate.parse)
        intervalUnit = try wire.string("intervalUnit").map(ConnectIntervalUnit.init(rawValue:))
        intervalValue = try wire.int("intervalValue")
        logVerbosity = try wire.int("logVerbosity")
        definedNextRun = try wire.date("definedNextRun", parse: ConnectDate.parse)
        lastRun = try wire.object("lastRun", what: "a last run").map(ConnectLastRun.init(wire:))
        params = try wire.object("params", what: "params").map { ConnectJobParams($0.members) } ?? ConnectJobParams()
    }
}

/// A job's `lastRun`: `{dateTime, duration, status, rowsAffected, nextRunTime}`, all nullable.
public struct ConnectLastRun: Hashable, Sendable, Decodable {
    /// `dateTime`: when the run started. `0001-01-01T00:00:00Z` means the job never ran.
    public var dateTime: Date?
    /// `duration`, in seconds by the documents' arithmetic (the unit is not documented).
    /// For a job that never ran it is "now minus the year 1" (63894847975 in the sample),
    /// which is not a duration at all.
    public var duration: Int64?
    /// `status`, such as `JOB_QUEUED`; kept as sent.
    public var status: String?
    /// `rowsAffected`.
    public var rowsAffected: Int64?
    /// `nextRunTime`.
    public var nextRunTime: Date?
    /// The member's JSON, whole.
    public var raw: JSONValue

    /// Decodes a last run, keeping its JSON.
    public init(from decoder: any Decoder) throws {
        try self.init(wire: WireObject(from: decoder, what: "a last run"))
    }

    init(wire: WireObject) throws {
        raw = wire.json
        dateTime = try wire.date("dateTime", parse: ConnectDate.parse)
        duration = try wire.int64("duration")
        status = try wire.string("status")
        rowsAffected = try wire.int64("rowsAffected")
        nextRunTime = try wire.date("nextRunTime", parse: ConnectDate.parse)
    }

    /// Whether this stands for "never ran": no date, or the year-1 sentinel.
    public var isNeverRun: Bool {
        guard let dateTime else { return true }
        return ConnectDate.isSentinel(dateTime)
    }
}

/// The answer of describe, create and update: a bare `ConnectJob`, or (in older documents)
/// `{"jobs":[ConnectJob]}`. Both are accepted.
struct JobAnswer: Decodable {
    let job: ConnectJob

    init(from decoder: any Decoder) throws {
        let wire = try WireObject(from: decoder, what: "a job")
        guard wire.contains("jobs") else {
            job = try ConnectJob(wire: wire)
            return
        }
        let jobs = try JobListAnswer.jobs(in: wire)
        guard let first = jobs.first else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: wire.path("jobs"), debugDescription: "the answer's \"jobs\" holds no job"))
        }
        job = first
    }
}

/// The answer of list: `{"jobs":[ConnectJob]}`, where `jobs` may be `null`.
struct JobListAnswer: Decodable {
    let jobs: [ConnectJob]

    init(from decoder: any Decoder) throws {
        jobs = try Self.jobs(in: WireObject(from: decoder, what: "a job list"))
    }

    /// The jobs of `jobs`, each read straight from the tree (`null` or absent: none).
    static func jobs(in wire: WireObject) throws -> [ConnectJob] {
        guard let list = wire.value("jobs") else { return [] }
        return try WireObject.elements(of: list, what: "a job", codingPath: wire.path("jobs"), ConnectJob.init(wire:))
    }
}
