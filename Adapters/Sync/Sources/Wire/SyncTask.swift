import Foundation
import JobBridge

/// A task of a job as the server returns it: a query with its position and active flag.
public struct SyncTask: Hashable, Sendable, Identifiable {
    /// `id`: the task's id, an 18-digit number kept as a string (a JSON integer is taken as
    /// its digits; any other number is refused, since its digits may be lost).
    public var id: String
    /// `job_id`: the job, when the server says.
    public var jobID: String?
    /// The task's query, position and active flag, and any member not known.
    public var settings: SyncTaskSettings
    /// The whole JSON object, as it came.
    public var raw: JSONValue

    /// Creates a task value from its parts; ``raw`` is the settings' JSON with the ids.
    public init(id: String, settings: SyncTaskSettings, jobID: String? = nil) {
        self.id = id
        self.jobID = jobID
        self.settings = settings
        var json = settings.json
        json["id"] = .string(id)
        if let jobID { json["job_id"] = .string(jobID) }
        self.raw = json
    }

    /// `query`: the SQL statement the task runs.
    public var query: String? { settings.query }
    /// `index`: the task's position in the job, from 0.
    public var index: Int? { settings.index }
    /// `is_active`: whether the task runs when the job runs.
    public var isActive: Bool? { settings.isActive }

    static let readOnlyKeys: Set<String> = ["id", "task_id", "job_id"]

    /// Reads a task from its wire object.
    init(wire: WireObject) throws {
        id = try wire.requiredID("id", "task_id")
        jobID = try wire.id("job_id")
        settings = SyncTaskSettings(wire: wire, ignoring: Self.readOnlyKeys)
        raw = wire.json
    }
}

extension SyncTask: Codable {
    /// Decodes a task.
    public init(from decoder: any Decoder) throws {
        try self.init(wire: WireObject(from: decoder, what: "a task"))
    }

    /// Encodes ``raw`` with the settings laid over it.
    public func encode(to encoder: any Encoder) throws {
        var wire = WireObject(raw.objectValue ?? [:])
        wire.removing(SyncTaskSettings.knownKeys)
        for (key, value) in settings.json.objectValue ?? [:] { wire.setting(key, value) }
        wire.setting("id", id)
        try wire.encode(to: encoder)
    }
}

/// The body of adding (`POST /jobs/{job_id}/tasks`) or updating
/// (`PUT /jobs/{job_id}/tasks/{task_id}`) a task: `{"query", "is_active", "index"}`.
public struct SyncTaskSettings: Hashable, Sendable {
    /// `query`: the SQL statement, such as `REPLICATE [Accounts] SELECT * FROM [Accounts]`.
    public var query: String?
    /// `is_active`: whether the task runs when the job runs.
    public var isActive: Bool?
    /// `index`: the task's position, from 0 (sent on update, as the document's example does).
    public var index: Int?
    /// Members this type does not know, kept as they came.
    public var additionalFields: [String: JSONValue]

    /// Creates task settings; `nil` is not sent.
    public init(
        query: String? = nil, isActive: Bool? = nil, index: Int? = nil, additionalFields: [String: JSONValue] = [:]
    ) {
        self.query = query
        self.isActive = isActive
        self.index = index
        self.additionalFields = additionalFields
    }

    static let knownKeys: Set<String> = ["query", "is_active", "index"]

    init(wire: WireObject, ignoring: Set<String>) {
        var additional: [String: JSONValue] = [:]
        for (key, value) in wire.members where !ignoring.contains(key) { additional[key] = value }
        let query = wire.value("query")
        let isActive = wire.value("is_active")
        let index = wire.value("index")
        self.query = query?.stringValue
        self.isActive = isActive?.lenientBool
        self.index = index?.lenientInt64.flatMap { Int(exactly: $0) }
        if self.query != nil || query == nil { additional.removeValue(forKey: "query") }
        if self.isActive != nil || isActive == nil { additional.removeValue(forKey: "is_active") }
        if self.index != nil || index == nil { additional.removeValue(forKey: "index") }
        additionalFields = additional
    }

    /// The settings as a JSON object.
    public var json: JSONValue {
        var members = additionalFields
        if let query { members["query"] = .string(query) }
        if let isActive { members["is_active"] = .bool(isActive) }
        if let index { members["index"] = .int(Int64(index)) }
        return .object(members)
    }
}

extension SyncTaskSettings: Codable {
    /// Decodes task settings from a JSON object.
    public init(from decoder: any Decoder) throws {
        self.init(wire: try WireObject(from: decoder, what: "a task"), ignoring: [])
    }

    /// Encodes ``json``.
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

/// The body of `POST /jobs/{job_id}/execute`: `{"tasks": ["870237973789151200", …]}`,
/// or no tasks to run every active task.
public struct SyncExecuteRequest: Hashable, Sendable, Codable {
    /// `tasks`: the ids of the tasks to run; `nil` runs every active task.
    public var tasks: [String]?

    /// Creates an execute body.
    public init(tasks: [String]? = nil) { self.tasks = tasks }

    private enum CodingKeys: String, CodingKey { case tasks }

    /// Decodes the body; task ids must be strings.
    public init(from decoder: any Decoder) throws {
        tasks = try WireObject(from: decoder, what: "an execute request").ids("tasks")
    }

    /// Encodes `{"tasks": […]}`, or `{}` when no tasks are chosen.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(tasks, forKey: .tasks)
    }
}

/// The body of `POST /jobs/{job_id}/tasks/{task_id}/move`: `{"from_index": 0, "to_index": 1}`.
public struct SyncMoveRequest: Hashable, Sendable, Codable {
    /// `from_index`: where the task is now.
    public var fromIndex: Int
    /// `to_index`: where it goes.
    public var toIndex: Int

    /// Creates a move body.
    public init(fromIndex: Int, toIndex: Int) {
        self.fromIndex = fromIndex
        self.toIndex = toIndex
    }

    private enum CodingKeys: String, CodingKey {
        case fromIndex = "from_index"
        case toIndex = "to_index"
    }
}
