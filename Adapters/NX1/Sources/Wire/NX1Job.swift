import Foundation
import JobBridge

/// A job exactly as NX1's API sends it (`GET /api/jobs/{job_id}`, the answer of
/// `POST /api/jobs`, an element of `GET /api/jobs`).
///
/// Tolerant where the documents are silent: every field but `id`, `job_name` and
/// `job_type` may be missing or `null`; dates come in any ISO 8601 form (see
/// ``NX1Date``); `owner_id` may be a string or a number; `properties_json` is a string
/// holding JSON, and an object sent in its place is kept as its JSON text. Fields this
/// type does not know are kept in ``additionalFields`` and written back on encode.
public struct NX1Job: Hashable, Sendable, Codable {
    /// `id`: the job's UUID, kept as sent.
    public var id: String
    /// `job_name`.
    public var jobName: String
    /// `job_type`.
    public var jobType: NX1JobType
    /// `source`: where the data comes from, free text.
    public var source: String?
    /// `destination`: where the data goes, free text.
    public var destination: String?
    /// `schedule`: a five-field cron expression or an Airflow preset such as `@daily`;
    /// `nil` when the job runs only when triggered.
    public var schedule: String?
    /// `properties_json`: the text of a JSON document, exactly as sent. See
    /// ``properties()`` for its parsed value.
    public var propertiesJSON: String?
    /// `owner_id`.
    public var ownerID: String?
    /// `status`.
    public var status: NX1JobStatus?
    /// `status_message`.
    public var statusMessage: String?
    /// `created_at`.
    public var createdAt: Date?
    /// `last_started_at`.
    public var lastStartedAt: Date?
    /// `last_completed_at`.
    public var lastCompletedAt: Date?
    /// `last_failed_at`.
    public var lastFailedAt: Date?
    /// `is_deleted`: `true` for a job deleted but still listed (soft delete); `false` when absent.
    public var isDeleted: Bool
    /// `deleted_at`.
    public var deletedAt: Date?
    /// Every field of the answer this type does not know, by wire name.
    public var additionalFields: [String: JSONValue]
    /// The JSON object the job was read from, whole and as it came (`null` members, date
    /// texts and all); `nil` for a job made in code. What the mapping keeps as
    /// ``Job/providerData``, as the Sync and Connect adapters keep theirs; ``json`` is the
    /// job as this type writes it.
    public var raw: JSONValue?

    /// Creates a job value (for tests and simulators of your own).
    public init(
        id: String, jobName: String, jobType: NX1JobType, source: String? = nil, destination: String? = nil,
        schedule: String? = nil, propertiesJSON: String? = nil, ownerID: String? = nil,
        status: NX1JobStatus? = nil, statusMessage: String? = nil, createdAt: Date? = nil,
        lastStartedAt: Date? = nil, lastCompletedAt: Date? = nil, lastFailedAt: Date? = nil,
        isDeleted: Bool = false, deletedAt: Date? = nil, additionalFields: [String: JSONValue] = [:],
        raw: JSONValue? = nil
    ) {
        self.id = id
        self.jobName = jobName
        self.jobType = jobType
        self.source = source
        self.destination = destination
        self.schedule = schedule
        self.propertiesJSON = propertiesJSON
        self.ownerID = ownerID
        self.status = status
        self.statusMessage = statusMessage
        self.createdAt = createdAt
        self.lastStartedAt = lastStartedAt
        self.lastCompletedAt = lastCompletedAt
        self.lastFailedAt = lastFailedAt
        self.isDeleted = isDeleted
        self.deletedAt = deletedAt
        self.additionalFields = additionalFields
        self.raw = raw
    }

    /// The parsed value of `properties_json`; `nil` when the job has none.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` with `field` `properties_json` when
    ///   the text is not valid JSON. The text itself stays in ``propertiesJSON``.
    public func properties() throws -> JSONValue? {
        try NX1Properties.parse(propertiesJSON)
    }

    /// The job as the JSON object ``encode(to:)`` writes (the same members and values),
    /// built directly rather than through an encoder and a decoder: what a portable job
    /// keeps as its `providerData`, for every job of a listing.
    public var json: JSONValue {
        var members: [String: JSONValue]
        if additionalFields.isEmpty {
            members = Dictionary(minimumCapacity: Self.knownKeys.count)
        } else {
            members = additionalFields.filter { !Self.knownKeys.contains($0.key) }
            members.reserveCapacity(members.count + Self.knownKeys.count)
        }
        // Written straight into the dictionary: a listing builds this for every job.
        func put(_ key: String, _ text: String?) { if let text { members[key] = .string(text) } }
        members["id"] = .string(id)
        members["job_name"] = .string(jobName)
        members["job_type"] = .string(jobType.rawValue)
        put("source", source)
        put("destination", destination)
        put("schedule", schedule)
        put("properties_json", propertiesJSON)
        put("owner_id", ownerID)
        put("status", status?.rawValue)
        put("status_message", statusMessage)
        put("created_at", createdAt.map(NX1Date.format))
        put("last_started_at", lastStartedAt.map(NX1Date.format))
        put("last_completed_at", lastCompletedAt.map(NX1Date.format))
        put("last_failed_at", lastFailedAt.map(NX1Date.format))
        put("deleted_at", deletedAt.map(NX1Date.format))
        members["is_deleted"] = .bool(isDeleted)
        return .object(members)
    }

    /// Wire names of the fields this type reads.
    static let knownKeys = Set(Slot.keys)

    /// Decodes a job, tolerating the variations described on the type.
    public init(from decoder: any Decoder) throws {
        try self.init(wire: WireObject(from: decoder, what: "a job"))
    }

    /// Reads a job from its wire object (see the type's notes on what is tolerated).
    ///
    /// - Throws: `DecodingError` naming the member: no `id`, `job_name` or `job_type`
    ///   string, a documented text member that is not a string, a date that is not ISO 8601.
    init(wire: WireObject) throws {
        // One pass over the members: each known one is kept (in a local, not an array: no
        // allocation) by a switch on its name, and the rest are the additional fields, so no
        // member name is hashed (a listing reads thousands of jobs). The values are then read
        // in a fixed order, so that of several bad members the same one is reported every time.
        var id, jobName, jobType, source, destination, schedule, propertiesJSON, ownerID: JSONValue?
        var status, statusMessage, createdAt, lastStarted, lastCompleted, lastFailed, isDeleted, deletedAt: JSONValue?
        var additional: [String: JSONValue] = [:]
        for (key, value) in wire.members {
            switch Slot(key) {
            case .id?: id = value
            case .jobName?: jobName = value
            case .jobType?: jobType = value
            case .source?: source = value
            case .destination?: destination = value
            case .schedule?: schedule = value
            case .propertiesJSON?: propertiesJSON = value
            case .ownerID?: ownerID = value
            case .status?: status = value
            case .statusMessage?: statusMessage = value
            case .createdAt?: createdAt = value
            case .lastStartedAt?: lastStarted = value
            case .lastCompletedAt?: lastCompleted = value
            case .lastFailedAt?: lastFailed = value
            case .isDeleted?: isDeleted = value
            case .deletedAt?: deletedAt = value
            case nil: additional[key] = value
            }
        }
        func string(_ value: JSONValue?, _ slot: Slot) throws -> String? { try wire.string(value, of: slot.key) }
        func date(_ value: JSONValue?, _ slot: Slot) throws -> Date? {
            try wire.date(value, of: slot.key, emptyIsAbsent: true, parse: NX1Date.parse)
        }
        self.id = try wire.requiredString(id, of: Slot.id.key)
        self.jobName = try wire.requiredString(jobName, of: Slot.jobName.key)
        self.jobType = NX1JobType(rawValue: try wire.requiredString(jobType, of: Slot.jobType.key))
        self.source = try string(source, .source)
        self.destination = try string(destination, .destination)
        self.schedule = try string(schedule, .schedule)
        self.propertiesJSON = try NX1Properties.text(of: propertiesJSON)
        self.ownerID = ownerID.flatMap { value in value.stringValue ?? value.intValue.map { String($0) } }
        self.status = try string(status, .status).map(NX1JobStatus.init(rawValue:))
        self.statusMessage = try string(statusMessage, .statusMessage)
        self.createdAt = try date(createdAt, .createdAt)
        self.lastStartedAt = try date(lastStarted, .lastStartedAt)
        self.lastCompletedAt = try date(lastCompleted, .lastCompletedAt)
        self.lastFailedAt = try date(lastFailed, .lastFailedAt)
        self.isDeleted = try wire.bool(isDeleted, of: Slot.isDeleted.key) ?? false
        self.deletedAt = try date(deletedAt, .deletedAt)
        additionalFields = additional
        raw = wire.json
    }

    /// The documented members, each with its place in the single pass of ``init(wire:)``.
    private enum Slot: Int, CaseIterable {
        case id, jobName, jobType, source, destination, schedule, propertiesJSON, ownerID, status, statusMessage
        case createdAt, lastStartedAt, lastCompletedAt, lastFailedAt, isDeleted, deletedAt

        /// The slot of a member name; `nil` for a member that is not documented.
        ///
        /// Chosen by the name's length first, so that each member is compared with at most
        /// five names (names of up to 15 bytes compare as two machine words).
        init?(_ key: String) {
            let slot: Slot?
            switch key.utf8.count {
            case 2: slot = key == "id" ? .id : nil
            case 6: slot = key == "source" ? .source : key == "status" ? .status : nil
            case 8:
                switch key {
                case "job_name": slot = .jobName
                case "job_type": slot = .jobType
                case "schedule": slot = .schedule
                case "owner_id": slot = .ownerID
                default: slot = nil
                }
            case 10:
                switch key {
                case "created_at": slot = .createdAt
                case "is_deleted": slot = .isDeleted
                case "deleted_at": slot = .deletedAt
                default: slot = nil
                }
            case 11: slot = key == "destination" ? .destination : nil
            case 14: slot = key == "status_message" ? .statusMessage : key == "last_failed_at" ? .lastFailedAt : nil
            case 15: slot = key == "properties_json" ? .propertiesJSON : key == "last_started_at" ? .lastStartedAt : nil
            case 17: slot = key == "last_completed_at" ? .lastCompletedAt : nil
            default: slot = nil
            }
            guard let slot else { return nil }
            self = slot
        }

        /// The member's wire name.
        var key: String { Self.keys[rawValue] }

        /// The wire names, in the order of the cases (the names ``init(_:)`` matches).
        static let keys = [
            "id", "job_name", "job_type", "source", "destination", "schedule", "properties_json", "owner_id",
            "status", "status_message", "created_at", "last_started_at", "last_completed_at", "last_failed_at",
            "is_deleted", "deleted_at",
        ]
    }

    /// Encodes the job with NX1's wire names (``json``); absent optional fields are left out.
    public func encode(to encoder: any Encoder) throws {
        try WireObject(json.objectValue ?? [:]).encode(to: encoder)
    }
}

extension NX1Job: CustomStringConvertible, CustomReflectable {
    /// One line with the job's id, name, type, status and schedule; `properties_json`,
    /// free-text fields and unknown fields only redacted (a password in the job's
    /// properties never shows).
    public var description: String {
        var parts = ["id: \(id)", "job_name: \(jobName)", "job_type: \(jobType.rawValue)"]
        if let status { parts.append("status: \(status.rawValue)") }
        if let schedule { parts.append("schedule: \(schedule)") }
        if let propertiesJSON { parts.append("properties_json: \(Redactor.redact(propertiesJSON))") }
        if let statusMessage { parts.append("status_message: \(Redactor.redact(statusMessage))") }
        if isDeleted { parts.append("is_deleted: true") }
        return "NX1Job(" + parts.joined(separator: ", ") + ")"
    }

    /// Every field for `dump`, with `properties_json`, the free-text fields and the
    /// unknown fields redacted.
    public var customMirror: Mirror {
        let children: KeyValuePairs<String, Any> = [
            "id": id, "jobName": jobName, "jobType": jobType, "source": source.map(Redactor.redact) as Any,
            "destination": destination.map(Redactor.redact) as Any, "schedule": schedule as Any,
            "propertiesJSON": propertiesJSON.map(Redactor.redact) as Any, "ownerID": ownerID as Any,
            "status": status as Any, "statusMessage": statusMessage.map(Redactor.redact) as Any,
            "createdAt": createdAt as Any, "lastStartedAt": lastStartedAt as Any,
            "lastCompletedAt": lastCompletedAt as Any, "lastFailedAt": lastFailedAt as Any, "isDeleted": isDeleted,
            "deletedAt": deletedAt as Any, "additionalFields": JSONValue.object(additionalFields).description,
            "raw": raw?.description as Any,
        ]
        return Mirror(self, children: children, displayStyle: .struct)
    }
}
