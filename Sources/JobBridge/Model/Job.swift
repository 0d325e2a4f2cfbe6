import Foundation

/// A data job as every provider has it: what it copies, from where to where, when.
///
/// Each adapter normalizes its provider's job into this shape once, in its mapping. What
/// the portable fields cannot express is never lost: ``providerData`` holds the provider's
/// own JSON for the job, whole, and an adapter's update starts from it.
public struct Job: Hashable, Sendable, Identifiable {
    /// The provider's id for the job.
    public var id: JobID
    /// The job's name (NX1: `job_name`).
    public var name: String
    /// What the job does.
    public var kind: JobKind
    /// Where the job reads from.
    public var source: ConnectionRef?
    /// Where the job writes to.
    public var destination: ConnectionRef?
    /// When the job runs on its own; ``Schedule/unreadable(_:)`` when the provider holds a
    /// schedule this library cannot read (its text and the reason are kept).
    public var schedule: Schedule
    /// Whether the schedule is in force. A disabled job still runs when asked to.
    public var isEnabled: Bool
    /// The job's steps, in order. Empty for providers whose jobs have no tasks (NX1), and
    /// for providers that list tasks separately when the adapter has not fetched them.
    public var tasks: [JobTask]
    /// When the job was created.
    public var createdAt: Date?
    /// When the job was last changed.
    public var modifiedAt: Date?
    /// When the job will run next, as the provider says.
    public var nextRunAt: Date?
    /// The latest run, when the provider reports one. A provider's "never ran" sentinel
    /// (CData Connect's year-1 date) is `nil` here.
    public var lastRun: JobRun?
    /// Options the provider has beyond the portable fields (log verbosity, batch size,
    /// truncate before load...), keyed by the provider's wire name.
    public var settings: [String: JSONValue]
    /// The provider's own JSON for the job, whole.
    public var providerData: JSONValue?

    /// Creates a job.
    public init(
        id: JobID,
        name: String,
        kind: JobKind,
        source: ConnectionRef? = nil,
        destination: ConnectionRef? = nil,
        schedule: Schedule = .manual,
        isEnabled: Bool = true,
        tasks: [JobTask] = [],
        createdAt: Date? = nil,
        modifiedAt: Date? = nil,
        nextRunAt: Date? = nil,
        lastRun: JobRun? = nil,
        settings: [String: JSONValue] = [:],
        providerData: JSONValue? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.source = source
        self.destination = destination
        self.schedule = schedule
        self.isEnabled = isEnabled
        self.tasks = tasks
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.nextRunAt = nextRunAt
        self.lastRun = lastRun
        self.settings = settings
        self.providerData = providerData
    }

    /// The definition that would create this job again (on the same or another provider).
    /// A ``Schedule/unreadable(_:)`` schedule is carried over as it is, so validation
    /// refuses the definition until a schedule is chosen: it is never written as another.
    public var definition: JobDefinition {
        JobDefinition(
            name: name, kind: kind, source: source, destination: destination, schedule: schedule,
            isEnabled: isEnabled,
            tasks: tasks.sorted { $0.index < $1.index }.map {
                TaskDefinition(query: $0.query, table: $0.table, isActive: $0.isActive)
            },
            settings: settings)
    }
}

/// What ``JobProvider/createJob(_:)`` takes.
public struct JobDefinition: Hashable, Sendable {
    /// The job's name; not empty.
    public var name: String
    /// What the job does. An adapter uses ``JobKind/providerValue`` when it is one of its
    /// own kinds, else maps the category.
    public var kind: JobKind
    /// Where the job reads from.
    public var source: ConnectionRef?
    /// Where the job writes to.
    public var destination: ConnectionRef?
    /// When the job runs on its own.
    public var schedule: Schedule
    /// Whether the schedule is in force.
    public var isEnabled: Bool
    /// The job's steps, in order.
    public var tasks: [TaskDefinition]
    /// Provider options beyond the portable fields, keyed by the provider's wire name.
    public var settings: [String: JSONValue]

    /// Creates a definition.
    public init(
        name: String,
        kind: JobKind,
        source: ConnectionRef? = nil,
        destination: ConnectionRef? = nil,
        schedule: Schedule = .manual,
        isEnabled: Bool = true,
        tasks: [TaskDefinition] = [],
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
}

/// A change to a job: each property that is set replaces the job's; `nil` leaves it as it
/// is. Settings are merged key by key (a key set to ``JSONValue/null`` removes it).
public struct JobUpdate: Hashable, Sendable {
    /// The new name; not empty.
    public var name: String?
    /// The new source.
    public var source: ConnectionRef?
    /// The new destination.
    public var destination: ConnectionRef?
    /// The new schedule (``Schedule/manual`` removes the schedule).
    public var schedule: Schedule?
    /// Whether the schedule is in force.
    public var isEnabled: Bool?
    /// Settings to set or (with `null`) remove.
    public var settings: [String: JSONValue]

    /// Creates a change to a job.
    public init(
        name: String? = nil,
        source: ConnectionRef? = nil,
        destination: ConnectionRef? = nil,
        schedule: Schedule? = nil,
        isEnabled: Bool? = nil,
        settings: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.source = source
        self.destination = destination
        self.schedule = schedule
        self.isEnabled = isEnabled
        self.settings = settings
    }

    /// Whether the update changes nothing.
    public var isEmpty: Bool {
        name == nil && source == nil && destination == nil && schedule == nil && isEnabled == nil
            && settings.isEmpty
    }

    /// Applies the change to a job's portable fields (what an in-memory store or an adapter
    /// building a full-replacement body needs).
    public func apply(to job: inout Job) {
        if let name { job.name = name }
        if let source { job.source = source }
        if let destination { job.destination = destination }
        if let schedule { job.schedule = schedule }
        if let isEnabled { job.isEnabled = isEnabled }
        for (key, value) in settings {
            // Not `job.settings[key] = nil`: JSONValue is ExpressibleByNilLiteral, so that
            // would store `.null` instead of removing the key.
            if value.isNull {
                job.settings.removeValue(forKey: key)
            } else {
                job.settings[key] = value
            }
        }
    }
}
