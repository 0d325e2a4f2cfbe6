import Foundation
import JobBridge

/// A `JobKind` as Codable data.
public struct KindSnapshot: Hashable, Sendable, Codable {
    /// The portable category.
    public var category: JobCategory
    /// The provider's name for the kind.
    public var providerValue: String?

    /// Creates a kind snapshot.
    public init(category: JobCategory, providerValue: String? = nil) {
        self.category = category
        self.providerValue = providerValue
    }

    /// The snapshot of a kind.
    public init(_ kind: JobKind) { self.init(category: kind.category, providerValue: kind.providerValue) }

    /// The kind again.
    public var kind: JobKind { JobKind(category, providerValue: providerValue) }
}

/// A `JobTask` as Codable data.
public struct TaskSnapshot: Hashable, Sendable, Codable {
    /// The task's id.
    public var id: String
    /// Its position, from 0.
    public var index: Int
    /// The statement it runs.
    public var query: String?
    /// The table it reads.
    public var table: TableRef?
    /// Whether it runs when the job runs.
    public var isActive: Bool
    /// The provider's JSON for the task, secrets redacted.
    public var providerData: JSONValue?

    /// The snapshot of a task (secret-named members of its JSON redacted).
    public init(_ task: JobTask) {
        id = task.id.rawValue
        index = task.index
        query = task.query
        table = task.table
        isActive = task.isActive
        providerData = task.providerData.map(SecretScrubber.scrub)
    }

    /// The definition that would create this task again.
    public var definition: TaskDefinition { TaskDefinition(query: query, table: table, isActive: isActive) }
}

/// A source `Job` as Codable data, tasks included, with secrets redacted: what a plan
/// keeps of every selected job (and what an NX1 rollback re-creates from).
public struct JobSnapshot: Hashable, Sendable, Codable {
    /// The provider's id.
    public var id: String
    /// The name.
    public var name: String
    /// The kind.
    public var kind: KindSnapshot
    /// Where it reads from.
    public var source: ConnectionRef?
    /// Where it writes to.
    public var destination: ConnectionRef?
    /// When it runs.
    public var schedule: ScheduleSnapshot
    /// Whether the schedule is in force.
    public var isEnabled: Bool
    /// The tasks, in order.
    public var tasks: [TaskSnapshot]
    /// When it was created.
    public var createdAt: Date?
    /// When it was last changed.
    public var modifiedAt: Date?
    /// When it runs next, as the provider said.
    public var nextRunAt: Date?
    /// The provider's options, by wire name (secret-named values redacted).
    public var settings: [String: JSONValue]
    /// The provider's JSON for the job (secret-named members redacted).
    public var providerData: JSONValue?

    /// The snapshot of a job. The last run is left out: it changes with every run and says
    /// nothing about what to migrate.
    public init(_ job: Job) {
        id = job.id.rawValue
        name = job.name
        kind = KindSnapshot(job.kind)
        source = job.source.map(Self.redacted)
        destination = job.destination.map(Self.redacted)
        schedule = ScheduleSnapshot(job.schedule)
        isEnabled = job.isEnabled
        tasks = job.tasks.sorted { $0.index < $1.index }.map(TaskSnapshot.init)
        createdAt = job.createdAt
        modifiedAt = job.modifiedAt
        nextRunAt = job.nextRunAt
        settings = SecretScrubber.scrub(job.settings)
        providerData = job.providerData.map(SecretScrubber.scrub)
    }

    /// A connection reference with any secret in its text redacted (NX1's free text may be
    /// a connection string).
    static func redacted(_ ref: ConnectionRef) -> ConnectionRef {
        ConnectionRef(id: ref.id, name: ref.name.map(Redactor.redact))
    }

    /// The job again (without its last run).
    ///
    /// - Throws: `JobBridgeError` when the schedule no longer parses.
    public func job() throws -> Job {
        Job(
            id: JobID(id), name: name, kind: kind.kind, source: source, destination: destination,
            schedule: try schedule.schedule(), isEnabled: isEnabled,
            tasks: tasks.map {
                JobTask(
                    id: TaskID($0.id), index: $0.index, query: $0.query, table: $0.table, isActive: $0.isActive,
                    providerData: $0.providerData)
            }, createdAt: createdAt, modifiedAt: modifiedAt, nextRunAt: nextRunAt, settings: settings,
            providerData: providerData)
    }

    /// The definition that would create the job again on the same provider.
    ///
    /// - Throws: `JobBridgeError` when the schedule no longer parses.
    public func definition() throws -> JobDefinition { try job().definition }
}

/// A `JobDefinition` as Codable data: what apply sends to create a target.
public struct DefinitionSnapshot: Hashable, Sendable, Codable {
    /// The name.
    public var name: String
    /// The kind.
    public var kind: KindSnapshot
    /// Where it reads from.
    public var source: ConnectionRef?
    /// Where it writes to.
    public var destination: ConnectionRef?
    /// When it runs.
    public var schedule: ScheduleSnapshot
    /// Whether the schedule is in force.
    public var isEnabled: Bool
    /// The tasks, in order.
    public var tasks: [TaskDefinitionSnapshot]
    /// The target provider's options, by its wire names.
    public var settings: [String: JSONValue]

    /// Creates a snapshot field by field.
    public init(
        name: String, kind: KindSnapshot, source: ConnectionRef? = nil, destination: ConnectionRef? = nil,
        schedule: ScheduleSnapshot = .manual, isEnabled: Bool = true, tasks: [TaskDefinitionSnapshot] = [],
        settings: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.source = source
        self.destination = destination
        self.schedule = schedule
        self.isEnabled = isEnabled
        self.tasks = tasks
        self.settings = settings
    }

    /// The snapshot of a definition.
    public init(_ definition: JobDefinition) {
        self.init(
            name: definition.name, kind: KindSnapshot(definition.kind), source: definition.source,
            destination: definition.destination, schedule: ScheduleSnapshot(definition.schedule),
            isEnabled: definition.isEnabled, tasks: definition.tasks.map(TaskDefinitionSnapshot.init),
            settings: definition.settings)
    }

    /// The definition again, for `JobProvider.createJob(_:)`.
    ///
    /// - Throws: `JobBridgeError` when the schedule no longer parses.
    public func definition() throws -> JobDefinition {
        JobDefinition(
            name: name, kind: kind.kind, source: source, destination: destination,
            schedule: try schedule.schedule(), isEnabled: isEnabled, tasks: tasks.map(\.definition),
            settings: settings)
    }
}

/// A `TaskDefinition` as Codable data.
public struct TaskDefinitionSnapshot: Hashable, Sendable, Codable {
    /// The statement.
    public var query: String?
    /// The table.
    public var table: TableRef?
    /// Whether it runs when the job runs.
    public var isActive: Bool

    /// Creates a task snapshot.
    public init(query: String? = nil, table: TableRef? = nil, isActive: Bool = true) {
        self.query = query
        self.table = table
        self.isActive = isActive
    }

    /// The snapshot of a task definition.
    public init(_ task: TaskDefinition) { self.init(query: task.query, table: task.table, isActive: task.isActive) }

    /// The definition again.
    public var definition: TaskDefinition { TaskDefinition(query: query, table: table, isActive: isActive) }
}
