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

    /// Decodes a request, accepting numbers and Booleans written as strings.
    public init(from decoder: any Decoder) throws {
        let wire = try WireObject(from: decoder, what: "a job request")
        jobType = ConnectJobType(rawValue: try wire.requiredString("jobType"))
        name = try wire.string("name")
        intervalUnit = ConnectIntervalUnit(rawValue: try wire.requiredString("intervalUnit"))
        guard let value = try wire.int("intervalValue") else {
            throw DecodingError.valueNotFound(
                Int.self, .init(codingPath: wire.path("intervalValue"), debugDescription: "intervalValue is missing"))
        }
        intervalValue = value
        logVerbosity = try wire.int("logVerbosity")
        enabled = try wire.bool("enabled")
        definedNextRun = try wire.date("definedNextRun", parse: ConnectDate.parse)
        params = try wire.object("params", what: "params").map { ConnectJobParams($0.members) } ?? ConnectJobParams()
    }

    /// Encodes the request with numbers and Booleans (members in sorted order).
    public func encode(to encoder: any Encoder) throws {
        var wire = WireObject()
        wire.setting("jobType", jobType.rawValue)
        wire.setting("name", name)
        wire.setting("intervalUnit", intervalUnit.rawValue)
        wire.setting("intervalValue", intervalValue)
        wire.setting("logVerbosity", logVerbosity)
        wire.setting("enabled", enabled)
        wire.setting("definedNextRun", definedNextRun.map(ConnectDate.format))
        wire.setting("params", .object(params.values))
        try wire.encode(to: encoder)
    }
}
