/// One step of a job.
///
/// For CData Sync a task is a SQL statement such as
/// `REPLICATE [Accounts] SELECT * FROM [Accounts]`; for CData Connect a caching job has one
/// implied task, the table it copies. (Named `JobTask` so that it never hides Swift's `Task`.)
public struct JobTask: Hashable, Sendable, Identifiable {
    /// The task's id (CData Sync: an 18-digit number, kept as a string).
    public var id: TaskID
    /// Its position in the job, from 0, dense.
    public var index: Int
    /// The statement the task runs, when it is a query.
    public var query: String?
    /// The table the task reads, when the provider describes tasks by table.
    public var table: TableRef?
    /// Whether the task runs when the job runs.
    public var isActive: Bool
    /// The provider's own JSON for this task, whole.
    public var providerData: JSONValue?

    /// Creates a task.
    public init(
        id: TaskID, index: Int, query: String? = nil, table: TableRef? = nil, isActive: Bool = true,
        providerData: JSONValue? = nil
    ) {
        self.id = id
        self.index = index
        self.query = query
        self.table = table
        self.isActive = isActive
        self.providerData = providerData
    }
}

/// What ``JobProvider/addTask(_:to:)`` takes, and what a ``JobDefinition`` lists.
public struct TaskDefinition: Hashable, Sendable {
    /// The statement the task runs.
    public var query: String?
    /// The table the task reads.
    public var table: TableRef?
    /// Whether the task runs when the job runs.
    public var isActive: Bool

    /// Creates a task definition. At least one of `query` and `table` must be set.
    public init(query: String? = nil, table: TableRef? = nil, isActive: Bool = true) {
        self.query = query
        self.table = table
        self.isActive = isActive
    }
}

/// A change to a task: each property that is set replaces the task's; `nil` leaves it.
public struct TaskUpdate: Hashable, Sendable {
    /// The new statement.
    public var query: String?
    /// The new table.
    public var table: TableRef?
    /// Whether the task runs when the job runs.
    public var isActive: Bool?

    /// Creates a change to a task.
    public init(query: String? = nil, table: TableRef? = nil, isActive: Bool? = nil) {
        self.query = query
        self.table = table
        self.isActive = isActive
    }

    /// Whether the update changes nothing.
    public var isEmpty: Bool { query == nil && table == nil && isActive == nil }
}
