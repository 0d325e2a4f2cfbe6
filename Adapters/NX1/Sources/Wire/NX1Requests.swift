import Foundation
import JobBridge

/// The body of `POST /api/jobs` [doc]: `job_type` and `job_name` required, the rest
/// `string | null`. Optional fields left `nil` are sent as `null`.
public struct NX1CreateJobRequest: Hashable, Sendable, Encodable {
    /// `job_type`.
    public var jobType: NX1JobType
    /// `job_name`.
    public var jobName: String
    /// `source`, free text.
    public var source: String?
    /// `destination`, free text.
    public var destination: String?
    /// `properties_json`: JSON **text**. Use ``setProperties(_:)`` to set it from a value.
    public var propertiesJSON: String?
    /// `schedule`: a cron expression or an Airflow preset; `nil` for none.
    public var schedule: String?
    /// Fields to send beyond the documented ones, by wire name (never overriding them).
    public var additionalFields: [String: JSONValue]

    /// Creates a request.
    public init(
        jobType: NX1JobType, jobName: String, source: String? = nil, destination: String? = nil,
        propertiesJSON: String? = nil, schedule: String? = nil, additionalFields: [String: JSONValue] = [:]
    ) {
        self.jobType = jobType
        self.jobName = jobName
        self.source = source
        self.destination = destination
        self.propertiesJSON = propertiesJSON
        self.schedule = schedule
        self.additionalFields = additionalFields
    }

    /// Sets `properties_json` to the JSON text of `value` (`nil` removes it).
    public mutating func setProperties(_ value: JSONValue?) throws {
        propertiesJSON = try value.map(NX1Properties.text)
    }

    /// Encodes the body with NX1's wire names: the documented fields (`null` for those not
    /// set) over ``additionalFields``.
    public func encode(to encoder: any Encoder) throws {
        var wire = WireObject(additionalFields)
        wire.setting("job_type", .string(jobType.rawValue))
        wire.setting("job_name", .string(jobName))
        wire.setting("source", source.map(JSONValue.string) ?? .null)
        wire.setting("destination", destination.map(JSONValue.string) ?? .null)
        wire.setting("properties_json", propertiesJSON.map(JSONValue.string) ?? .null)
        wire.setting("schedule", schedule.map(JSONValue.string) ?? .null)
        try wire.encode(to: encoder)
    }
}

/// The body of `PUT /api/jobs/{job_id}/status` [sdk]: `{status, status_message?}`.
public struct NX1StatusUpdate: Hashable, Sendable, Encodable {
    /// `status`.
    public var status: NX1JobStatus
    /// `status_message`; left out when `nil`.
    public var statusMessage: String?

    /// Creates a status change.
    public init(status: NX1JobStatus, statusMessage: String? = nil) {
        self.status = status
        self.statusMessage = statusMessage
    }

    /// Encodes the body with NX1's wire names.
    public func encode(to encoder: any Encoder) throws {
        var wire = WireObject()
        wire.setting("status", status.rawValue)
        wire.setting("status_message", statusMessage)
        try wire.encode(to: encoder)
    }
}
