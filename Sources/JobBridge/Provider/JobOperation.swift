/// Every operation of ``JobProvider``, each with its capability bit.
///
/// Errors name the operation that failed, and a provider declares the operations it
/// supports in its ``ProviderCapabilities``.
public enum JobOperation: String, Hashable, Sendable, CaseIterable, Codable {
    /// List every job (``JobProvider/jobs()``).
    case listJobs
    /// Read one job (``JobProvider/job(_:)``).
    case getJob
    /// Create a job (``JobProvider/createJob(_:)``).
    case createJob
    /// Change a job (``JobProvider/updateJob(_:with:)``).
    case updateJob
    /// Delete a job (``JobProvider/deleteJob(_:)``).
    case deleteJob
    /// Run every active task of a job now (``JobProvider/runJob(_:tasks:)`` with `nil`).
    case runJob
    /// Run chosen tasks of a job now (``JobProvider/runJob(_:tasks:)`` with task ids).
    case runTasks
    /// Stop a job's current run (``JobProvider/cancelRun(of:)``).
    case cancelRun
    /// Read a job's current or latest run (``JobProvider/status(of:)``).
    case status
    /// List a job's past runs, newest first (``JobProvider/runs(of:)``).
    case runHistory
    /// Read one past run by id (``JobProvider/run(_:of:)``).
    case getRun
    /// List or read a job's tasks (``JobProvider/tasks(of:)``, ``JobProvider/task(_:of:)``).
    case listTasks
    /// Add a task to a job (``JobProvider/addTask(_:to:)``).
    case addTask
    /// Change a task (``JobProvider/updateTask(_:of:with:)``).
    case updateTask
    /// Delete a task (``JobProvider/deleteTask(_:of:)``).
    case deleteTask
    /// Move a task to another position (``JobProvider/moveTask(_:of:to:)``).
    case moveTask
    /// List a task's past runs (``JobProvider/taskRuns(of:job:)``).
    case taskHistory

    /// The capability that a provider declares to support this operation.
    public var capability: ProviderCapabilities {
        // The bit index is the case's position, so the two can never drift apart.
        let index = JobOperation.allCases.firstIndex(of: self) ?? 0
        return ProviderCapabilities(rawValue: 1 << UInt32(index))
    }
}

/// The set of operations a provider supports.
///
/// An operation that is not in the set throws ``JobBridgeError/Code/unsupported`` when
/// called: never a silent no-op, never an empty result standing in for "cannot".
public struct ProviderCapabilities: OptionSet, Hashable, Sendable, CustomStringConvertible {
    /// The bits, one per ``JobOperation`` in declaration order.
    public let rawValue: UInt32
    /// Creates a set from its bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Creates the set of the given operations' capabilities.
    public init(_ operations: some Sequence<JobOperation>) {
        self = operations.reduce(into: []) { $0.insert($1.capability) }
    }

    /// ``JobOperation/listJobs``.
    public static let listJobs = JobOperation.listJobs.capability
    /// ``JobOperation/getJob``.
    public static let getJob = JobOperation.getJob.capability
    /// ``JobOperation/createJob``.
    public static let createJob = JobOperation.createJob.capability
    /// ``JobOperation/updateJob``.
    public static let updateJob = JobOperation.updateJob.capability
    /// ``JobOperation/deleteJob``.
    public static let deleteJob = JobOperation.deleteJob.capability
    /// ``JobOperation/runJob``.
    public static let runJob = JobOperation.runJob.capability
    /// ``JobOperation/runTasks``.
    public static let runTasks = JobOperation.runTasks.capability
    /// ``JobOperation/cancelRun``.
    public static let cancelRun = JobOperation.cancelRun.capability
    /// ``JobOperation/status``.
    public static let status = JobOperation.status.capability
    /// ``JobOperation/runHistory``.
    public static let runHistory = JobOperation.runHistory.capability
    /// ``JobOperation/getRun``.
    public static let getRun = JobOperation.getRun.capability
    /// ``JobOperation/listTasks``.
    public static let listTasks = JobOperation.listTasks.capability
    /// ``JobOperation/addTask``.
    public static let addTask = JobOperation.addTask.capability
    /// ``JobOperation/updateTask``.
    public static let updateTask = JobOperation.updateTask.capability
    /// ``JobOperation/deleteTask``.
    public static let deleteTask = JobOperation.deleteTask.capability
    /// ``JobOperation/moveTask``.
    public static let moveTask = JobOperation.moveTask.capability
    /// ``JobOperation/taskHistory``.
    public static let taskHistory = JobOperation.taskHistory.capability

    /// Every operation.
    public static let all = ProviderCapabilities(JobOperation.allCases)

    /// Whether the set holds the operation's capability.
    public func supports(_ operation: JobOperation) -> Bool { contains(operation.capability) }

    /// The operations in the set, in declaration order.
    public var operations: [JobOperation] { JobOperation.allCases.filter(supports) }

    /// The operations' names, such as `[listJobs, getJob]`.
    public var description: String { "[" + operations.map(\.rawValue).joined(separator: ", ") + "]" }
}
