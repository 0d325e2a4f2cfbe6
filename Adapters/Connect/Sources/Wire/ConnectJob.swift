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

    private enum CodingKeys: String, CodingKey {
        case id, name, jobType, enabled, created, lastModified, nextRunTime, intervalUnit, intervalValue
        case logVerbosity, definedNextRun, lastRun, params
    }

    /// Decodes a job, keeping its JSON.
    public init(from decoder: any Decoder) throws {
        raw = try JSONValue(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? container.decode(String.self, forKey: .id) {
            id = text
        } else if let number = try? container.decode(Int64.self, forKey: .id) {
            id = String(number)
        } else {
            id = try container.decode(String.self, forKey: .id)
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        jobType = try container.decodeIfPresent(ConnectJobType.self, forKey: .jobType)
        enabled = try Lenient.bool(container, .enabled)
        created = try Lenient.date(container, .created)
        lastModified = try Lenient.date(container, .lastModified)
        nextRunTime = try Lenient.date(container, .nextRunTime)
        intervalUnit = try container.decodeIfPresent(ConnectIntervalUnit.self, forKey: .intervalUnit)
        intervalValue = try Lenient.int(container, .intervalValue)
        logVerbosity = try Lenient.int(container, .logVerbosity)
        definedNextRun = try Lenient.date(container, .definedNextRun)
        lastRun = try container.decodeIfPresent(ConnectLastRun.self, forKey: .lastRun)
        params = try container.decodeIfPresent(ConnectJobParams.self, forKey: .params) ?? ConnectJobParams()
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

    private enum CodingKeys: String, CodingKey {
        case dateTime, duration, status, rowsAffected, nextRunTime
    }

    /// Decodes a last run, keeping its JSON.
    public init(from decoder: any Decoder) throws {
        raw = try JSONValue(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dateTime = try Lenient.date(container, .dateTime)
        duration = try Lenient.int64(container, .duration)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        rowsAffected = try Lenient.int64(container, .rowsAffected)
        nextRunTime = try Lenient.date(container, .nextRunTime)
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

    private enum CodingKeys: String, CodingKey { case jobs }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self), container.contains(.jobs) {
            let jobs = try container.decodeIfPresent([ConnectJob].self, forKey: .jobs) ?? []
            guard let first = jobs.first else {
                throw DecodingError.dataCorruptedError(
                    forKey: .jobs, in: container, debugDescription: "the answer's \"jobs\" holds no job")
            }
            job = first
        } else {
            job = try ConnectJob(from: decoder)
        }
    }
}

/// The answer of list: `{"jobs":[ConnectJob]}`, where `jobs` may be `null`.
struct JobListAnswer: Decodable {
    let jobs: [ConnectJob]

    private enum CodingKeys: String, CodingKey { case jobs }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jobs = try container.decodeIfPresent([ConnectJob].self, forKey: .jobs) ?? []
    }
}
