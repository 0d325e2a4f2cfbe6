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

extension JobTask: CustomStringConvertible, CustomReflectable {
    /// About the most characters of a query a description shows; a longer query is cut
    /// (marked `…(truncated)`).
    public static let describedQueryLimit = 120

    /// One line: the position, the id, what the task runs (its query, cut to about
    /// ``describedQueryLimit`` characters and redacted, or its table) and `inactive` when it
    /// does not run, such as `#0 task 12 "REPLICATE [Accounts] SELECT * FROM [Accounts]"` or
    /// `#1 task 13 table dbo.Orders (inactive)`. The provider's JSON is left out.
    public var description: String {
        var text = "#\(index) task \(ErrorText.oneLine(id.rawValue, limit: ErrorText.quotedValueLimit))"
        if let query {
            text += " \"" + Redactor.redact(ErrorText.oneLine(query, limit: Self.describedQueryLimit)) + "\""
        }
        if let table {
            text += " table " + Redactor.redact(ErrorText.oneLine(table.description, limit: ErrorText.quotedValueLimit))
        }
        if query == nil, table == nil { text += " (no query or table)" }
        if !isActive { text += " (inactive)" }
        return text
    }

    /// The task's fields, with the query redacted (as `dump` and test failures show it).
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "id": id, "index": index, "query": query.map(Redactor.redact) as Any, "table": table as Any,
                "isActive": isActive, "providerData": providerData as Any,
            ], displayStyle: .struct)
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
