import Foundation
import JobBridge

/// A CData Sync job as the server returns it: its id, its ``SyncJobSettings``, and the
/// whole JSON object it came in.
///
/// The read-only members that are not settings (`id`, `workspace_id`, the creation and
/// modification dates, embedded `tasks`) are read here; their names are not in the
/// Job Management document and are read leniently.
public struct SyncJob: Hashable, Sendable, Identifiable {
    /// `id`: the job's id (a string, or a JSON integer taken as its digits; any other
    /// number is refused).
    public var id: String
    /// `workspace_id`: the workspace the job belongs to, when the server says.
    public var workspaceID: String?
    /// The job's settings.
    public var settings: SyncJobSettings
    /// When the job was created (`created_at` or `created`), when the server says.
    public var createdAt: Date?
    /// When the job was last changed (`modified_at`, `modified`, `updated_at` or
    /// `last_modified`), when the server says.
    public var modifiedAt: Date?
    /// The job's tasks when the answer embeds them (`tasks`); `nil` otherwise.
    public var tasks: [SyncTask]?
    /// The whole JSON object, as it came.
    public var raw: JSONValue

    /// Creates a job value from its parts; ``raw`` is the settings' JSON with the id and
    /// workspace.
    public init(id: String, settings: SyncJobSettings, workspaceID: String? = nil) {
        self.id = id
        self.workspaceID = workspaceID
        self.settings = settings
        var json = settings.json
        json["id"] = .string(id)
        if let workspaceID { json["workspace_id"] = .string(workspaceID) }
        self.raw = json
    }

    /// The documented kinds of a job's members, settings and read-only ones.
    static let shapes: [String: SyncWireShape] = SyncJobField.shapes.merging(
        readOnlyKeys.subtracting(["tasks"]).map { ($0, SyncWireShape.string) }, uniquingKeysWith: { first, _ in first })

    /// The members of a job's JSON that are not settings.
    static let readOnlyKeys: Set<String> = [
        "id", "job_id", "workspace_id", "created_at", "created", "modified_at", "modified", "updated_at",
        "last_modified", "tasks",
    ]

    /// Reads a job from its JSON object.
    ///
    /// - Parameter timeZone: The zone that dates without an offset are read in.
    /// - Throws: `DecodingError` if `json` is not an object, has no id, or has an id
    ///   that is not a string.
    public init(json: JSONValue, timeZone: TimeZone = .gmt) throws {
        try self.init(json: json, timeZone: timeZone, codingPath: [])
    }

    init(json: JSONValue, timeZone: TimeZone, codingPath: [any CodingKey]) throws {
        let object = try SyncJSONObject(json, codingPath: codingPath, what: "a job")
        id = try object.requiredID("id", "job_id")
        workspaceID = try object.id("workspace_id")
        settings = SyncJobSettings(object: object, ignoring: Self.readOnlyKeys)
        createdAt = object.date("created_at", "created", timeZone: timeZone)
        modifiedAt = object.date("modified_at", "modified", "updated_at", "last_modified", timeZone: timeZone)
        if let (key, value) = object.member(["tasks"]), case .array(let elements) = value {
            tasks = try elements.enumerated().map { index, element in
                try SyncTask(
                    json: element, codingPath: codingPath + [SyncCodingKey(key), SyncCodingKey(intValue: index)])
            }
        } else {
            tasks = nil
        }
        raw = json
    }
}

extension SyncJob: Codable {
    /// Decodes a job; zone-less dates are read in the server time zone that
    /// ``SyncClient`` puts in the decoder's `userInfo` (GMT otherwise).
    public init(from decoder: any Decoder) throws {
        let json = try SyncWireShape.decodeObject(decoder, shapes: Self.shapes)
        try self.init(json: json, timeZone: SyncDecoding.serverTimeZone(decoder), codingPath: decoder.codingPath)
    }

    /// Encodes ``raw`` with the settings laid over it, so that changes to ``settings``
    /// are what is written.
    public func encode(to encoder: any Encoder) throws {
        var members = raw.objectValue ?? [:]
        for key in SyncJobField.knownKeys { members.removeValue(forKey: key) }
        for (key, value) in settings.json.objectValue ?? [:] { members[key] = value }
        members["id"] = .string(id)
        try JSONValue.object(members).encode(to: encoder)
    }
}
