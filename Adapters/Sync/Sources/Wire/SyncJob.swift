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

    /// The members of a job's JSON that are not settings.
    static let readOnlyKeys = Set(readOnlyKeyList)

    /// ``readOnlyKeys`` in the order of `ReadOnlyMembers.Name`.
    static let readOnlyKeyList = [
        "id", "job_id", "workspace_id", "created_at", "created", "modified_at", "modified", "updated_at",
        "last_modified", "tasks",
    ]

    /// Reads a job from its JSON object.
    ///
    /// - Parameter timeZone: The zone that dates without an offset are read in.
    /// - Throws: `DecodingError` if `json` is not an object, has no id, or has an id
    ///   that is not a string.
    public init(json: JSONValue, timeZone: TimeZone = .gmt) throws {
        try self.init(wire: WireObject(json, what: "a job"), timeZone: timeZone)
    }

    /// Reads a job from its wire object; zone-less dates are read in `timeZone`.
    ///
    /// One pass over the members: the settings take theirs, and the read-only members are
    /// kept on the way (``ReadOnlyMembers``), so no name is looked up twice or in vain.
    init(wire: WireObject, timeZone: TimeZone) throws {
        var readOnly = ReadOnlyMembers()
        settings = SyncJobSettings(wire: wire) { key, value in readOnly.take(key, value) }
        if let (key, value) = readOnly.first(.id, .jobID) {
            id = try WireObject.id(value) { wire.path(key) }
        } else {
            id = try wire.requiredID("id", "job_id")  // throws: says which names were looked for
        }
        workspaceID = try readOnly.first(.workspaceID).map { key, value in try WireObject.id(value) { wire.path(key) } }
        createdAt = SyncDecoding.date(readOnly.first(.createdAt, .created)?.value, timeZone: timeZone)
        modifiedAt = SyncDecoding.date(
            readOnly.first(.modifiedAt, .modified, .updatedAt, .lastModified)?.value, timeZone: timeZone)
        if let list = readOnly.first(.tasks)?.value, case .array = list {
            tasks = try WireObject.elements(
                of: list, what: "a task", codingPath: wire.path("tasks"), SyncTask.init(wire:))
        } else {
            tasks = nil
        }
        raw = wire.json
    }

    /// The read-only members of a job (``readOnlyKeys``), as one pass over its members
    /// meets them.
    private struct ReadOnlyMembers {
        /// One read-only member.
        enum Name: Int, CaseIterable {
            case id, jobID, workspaceID, createdAt, created, modifiedAt, modified, updatedAt, lastModified, tasks

            /// The member's wire name.
            var key: String { SyncJob.readOnlyKeyList[rawValue] }
        }

        private var values = [JSONValue?](repeating: nil, count: Name.allCases.count)

        /// Keeps `value` if `key` is a read-only member; returns whether it was.
        mutating func take(_ key: String, _ value: JSONValue) -> Bool {
            let name: Name
            switch key {
            case "id": name = .id
            case "job_id": name = .jobID
            case "workspace_id": name = .workspaceID
            case "created_at": name = .createdAt
            case "created": name = .created
            case "modified_at": name = .modifiedAt
            case "modified": name = .modified
            case "updated_at": name = .updatedAt
            case "last_modified": name = .lastModified
            case "tasks": name = .tasks
            default: return false
            }
            values[name.rawValue] = value
            return true
        }

        /// The first of `names` present and not `null` (as ``WireObject``'s getters read
        /// aliases), with its wire name.
        func first(_ names: Name...) -> (key: String, value: JSONValue)? {
            for name in names {
                if let value = values[name.rawValue], !value.isNull { return (name.key, value) }
            }
            return nil
        }
    }
}

extension SyncJob: Codable {
    /// Decodes a job; zone-less dates are read in the server time zone that
    /// ``SyncClient`` puts in the decoder's `userInfo` (GMT otherwise).
    public init(from decoder: any Decoder) throws {
        try self.init(wire: WireObject(from: decoder, what: "a job"), timeZone: SyncDecoding.serverTimeZone(decoder))
    }

    /// Encodes ``raw`` with the settings laid over it, so that changes to ``settings``
    /// are what is written (members in sorted order).
    public func encode(to encoder: any Encoder) throws {
        var wire = WireObject(raw.objectValue ?? [:])
        wire.removing(SyncJobField.knownKeys)
        for (key, value) in settings.json.objectValue ?? [:] { wire.setting(key, value) }
        wire.setting("id", id)
        try wire.encode(to: encoder)
    }
}
