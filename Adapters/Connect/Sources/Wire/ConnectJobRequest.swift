import Foundation
import JobBridge

/// The body of create (`POST /job/create`) and update (`PUT /job/{id}/update`): the
/// documents' `CreateJob`.
///
/// Sent with numbers and Booleans (`"intervalValue": 1`, `"enabled": true`) as the schema
/// says; decodes the strings of the provider's own example (`"intervalValue": "1"`) too.
public struct ConnectJobRequest: Hashable, Sendable, Codable {
    /// `jobType`.
    public var jobType: ConnectJobType
    /// `name`. Not among the documented create parameters, though every answer has it;
    /// sent only when set. The provider leaves it unset (a job's name is what Connect
    /// reports) unless the app opts in with `ConnectProvider(sendsJobNames: true)`.
    public var name: String?
    /// `intervalUnit`.
    public var intervalUnit: ConnectIntervalUnit
    /// `intervalValue`, at least 1.
    public var intervalValue: Int
    /// `logVerbosity`, 1–5.
    public var logVerbosity: Int?
    /// `enabled` (the provider's default is `true`).
    public var enabled: Bool?
    /// `definedNextRun`: the first run.
    public var definedNextRun: Date?
    /// `params`, every key sent as it is.
    public var params: ConnectJobParams

    /// Creates a request.
    public init(
        jobType: ConnectJobType, name: String? = nil, intervalUnit: ConnectIntervalUnit, intervalValue: Int,
        logVerbosity: Int? = nil, enabled: Bool? = nil, definedNextRun: Date? = nil, params: ConnectJobParams
    ) {
        self.jobType = jobType
        self.name = name
        self.intervalUnit = intervalUnit
        self.intervalValue = intervalValue
        self.logVerbosity = logVerbosity
        self.enabled = enabled
        self.definedNextRun = definedNextRun
        self.params = params
    }

    /// The request that would store a job as it was read (the start of a read-modify-write:
    /// every param, known or not, is kept).
    public init(_ job: ConnectJob) {
        self.init(
            jobType: job.jobType ?? .caching, name: job.name, intervalUnit: job.intervalUnit ?? .hour,
            intervalValue: job.intervalValue ?? 1, logVerbosity: job.logVerbosity, enabled: job.enabled,
            definedNextRun: job.definedNextRun, params: job.params)
    }

    private enum CodingKeys: String, CodingKey {
        case jobType, name, intervalUnit, intervalValue, logVerbosity, enabled, definedNextRun, params
    }

    /// Decodes a request, accepting numbers and Booleans written as strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jobType = try container.decode(ConnectJobType.self, forKey: .jobType)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        intervalUnit = try container.decode(ConnectIntervalUnit.self, forKey: .intervalUnit)
        guard let value = try Lenient.int(container, .intervalValue) else {
            throw DecodingError.valueNotFound(
                Int.self, .init(codingPath: [CodingKeys.intervalValue], debugDescription: "intervalValue is missing"))
        }
        intervalValue = value
        logVerbosity = try Lenient.int(container, .logVerbosity)
        enabled = try Lenient.bool(container, .enabled)
        definedNextRun = try Lenient.date(container, .definedNextRun)
        params = try container.decodeIfPresent(ConnectJobParams.self, forKey: .params) ?? ConnectJobParams()
    }

    /// Encodes the request with numbers and Booleans.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobType, forKey: .jobType)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(intervalUnit, forKey: .intervalUnit)
        try container.encode(intervalValue, forKey: .intervalValue)
        try container.encodeIfPresent(logVerbosity, forKey: .logVerbosity)
        try container.encodeIfPresent(enabled, forKey: .enabled)
        try container.encodeIfPresent(definedNextRun.map(ConnectDate.format), forKey: .definedNextRun)
        try container.encode(params, forKey: .params)
    }
}
