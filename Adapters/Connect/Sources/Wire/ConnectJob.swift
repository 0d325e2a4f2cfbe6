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
        // One pass over the members, each kept by a switch on its name (chosen by length
        // first), rather than one hashed lookup per documented member: a listing reads
        // thousands of jobs. The values are then read in a fixed order, so that of several
        // bad members the same one is reported every time.
        var slots = [JSONValue?](repeating: nil, count: Slot.allCases.count)
        for (key, value) in wire.members {
            if let slot = Slot(key) { slots[slot.rawValue] = value }
        }
        func value(_ slot: Slot) -> JSONValue? { slots[slot.rawValue] }
        func string(_ slot: Slot) throws -> String? { try wire.string(value(slot), of: slot.key) }
        func date(_ slot: Slot) throws -> Date? { try wire.date(value(slot), of: slot.key, parse: ConnectDate.parse) }
        func int(_ slot: Slot) throws -> Int? { try wire.int(value(slot), of: slot.key) }
        raw = wire.json
        id = try wire.requiredID(value(.id), of: Slot.id.key)
        name = try string(.name)
        jobType = try string(.jobType).map(ConnectJobType.init(rawValue:))
        enabled = try wire.bool(value(.enabled), of: Slot.enabled.key)
        created = try date(.created)
        lastModified = try date(.lastModified)
        nextRunTime = try date(.nextRunTime)
        intervalUnit = try string(.intervalUnit).map(ConnectIntervalUnit.init(rawValue:))
        intervalValue = try int(.intervalValue)
        logVerbosity = try int(.logVerbosity)
        definedNextRun = try date(.definedNextRun)
        lastRun = try wire.object(value(.lastRun), of: Slot.lastRun.key, what: "a last run").map(
            ConnectLastRun.init(wire:))
        params =
            try wire.object(value(.params), of: Slot.params.key, what: "params").map { ConnectJobParams($0.members) }
            ?? ConnectJobParams()
    }

    /// The documented members, each with its place in the single pass of ``init(wire:)``.
    private enum Slot: Int, CaseIterable {
        case id, name, jobType, enabled, created, lastModified, nextRunTime, intervalUnit, intervalValue
        case logVerbosity, definedNextRun, lastRun, params

        /// The slot of a member name; `nil` for a member that is not documented.
        init?(_ key: String) {
            let slot: Slot?
            switch key.utf8.count {
            case 2: slot = key == "id" ? .id : nil
            case 4: slot = key == "name" ? .name : nil
            case 6: slot = key == "params" ? .params : nil
            case 7:
                slot =
                    key == "enabled"
                    ? .enabled
                    : key == "created" ? .created : key == "jobType" ? .jobType : key == "lastRun" ? .lastRun : nil
            case 11: slot = key == "nextRunTime" ? .nextRunTime : nil
            case 12:
                slot =
                    key == "lastModified"
                    ? .lastModified
                    : key == "intervalUnit" ? .intervalUnit : key == "logVerbosity" ? .logVerbosity : nil
            case 13: slot = key == "intervalValue" ? .intervalValue : nil
            case 14: slot = key == "definedNextRun" ? .definedNextRun : nil
            default: slot = nil
            }
            guard let slot else { return nil }
            self = slot
        }

        /// The member's wire name.
        var key: String { Self.keys[rawValue] }

        /// The wire names, in the order of the cases (the names ``init(_:)`` matches).
        static let keys = [
            "id", "name", "jobType", "enabled", "created", "lastModified", "nextRunTime", "intervalUnit",
            "intervalValue", "logVerbosity", "definedNextRun", "lastRun", "params",
        ]
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
/// The jobs of `GET /job/list` as portable jobs, each mapped as its node is read, so that
/// no array of native jobs is built and copied from (a listing holds thousands). The
/// cache connection the mapping needs comes in the decoder's `userInfo`
/// (``cacheConnectionKey``).
struct ConnectListedJobs: Decodable {
    /// Where the decoder's `userInfo` holds the provider's cache connection.
    static let cacheConnectionKey = CodingUserInfoKey(rawValue: "JobBridgeConnect.cacheConnection")

    var jobs: [Job]

    init(from decoder: any Decoder) throws {
        let cache = Self.cacheConnectionKey.flatMap { decoder.userInfo[$0] as? ConnectionRef }
        let wire = try WireObject(from: decoder, what: "a job list")
        guard let list = wire.value("jobs") else {
            jobs = []
            return
        }
        jobs = try WireObject.elements(of: list, what: "a job", codingPath: wire.path("jobs")) { element in
            ConnectMapping.job(try ConnectJob(wire: element), cacheConnection: cache)
        }
    }
}

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
