/// A job platform behind the portable model: what every adapter conforms to.
///
/// A provider declares what it can do in ``descriptor``. Every operation it does not
/// declare keeps the default implementation from the protocol extension, which throws
/// ``JobBridgeError/Code/unsupported`` naming the operation and the provider. Adapters
/// implement the operations they declare, and validate input with the core's validation
/// (``JobDefinition/validate(for:)``) before sending any request.
public protocol JobProvider: Sendable {
    /// The provider's name, capabilities and rules.
    var descriptor: ProviderDescriptor { get }

    /// Every job, page by page.
    func jobs() -> PagedSequence<Job>
    /// One job, with its tasks when the provider has tasks.
    func job(_ id: JobID) async throws -> Job
    /// Creates a job and returns it as the provider stored it.
    func createJob(_ definition: JobDefinition) async throws -> Job
    /// Changes a job and returns it as the provider stored it.
    func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job
    /// Deletes a job.
    func deleteJob(_ id: JobID) async throws
    /// Runs a job now: every active task when `tasks` is `nil`, else the chosen tasks.
    /// Returns the run as the provider reports it right after the request (often queued).
    func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun
    /// Stops the job's current run.
    func cancelRun(of id: JobID) async throws
    /// The job's current run, or its latest when none is going; `nil` if it never ran.
    func status(of id: JobID) async throws -> JobRun?
    /// The job's past runs, newest first.
    func runs(of id: JobID) -> PagedSequence<JobRun>
    /// One past run.
    func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun
    /// The job's tasks, in order.
    func tasks(of jobID: JobID) async throws -> [JobTask]
    /// One task.
    func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask
    /// Adds a task at the end of the job.
    func addTask(_ definition: TaskDefinition, to jobID: JobID) async throws -> JobTask
    /// Changes a task.
    func updateTask(_ taskID: TaskID, of jobID: JobID, with update: TaskUpdate) async throws -> JobTask
    /// Deletes a task; the tasks after it move up.
    func deleteTask(_ taskID: TaskID, of jobID: JobID) async throws
    /// Moves a task to a position (from 0) and returns every task in its new order.
    func moveTask(_ taskID: TaskID, of jobID: JobID, to index: Int) async throws -> [JobTask]
    /// A task's past runs, newest first.
    func taskRuns(of taskID: TaskID, job jobID: JobID) async throws -> [JobRun]
    /// The connections jobs can use, as the provider lists them (ids, names, drivers; never
    /// credentials): what a migration checks a connection mapping against. Providers whose
    /// jobs name connections by free text (NX1) keep the default, which throws
    /// ``JobBridgeError/Code/unsupported``.
    func connections() async throws -> [ProviderConnection]
}

/// Who a provider is and what it can do.
public struct ProviderDescriptor: Hashable, Sendable {
    /// The provider's name as shown to people, such as `"CData Sync"`; names an instance
    /// when an app has several (`"Sync (production)"`).
    public var name: String
    /// The operations the provider supports.
    public var capabilities: ProviderCapabilities
    /// The schedule kinds the provider accepts in a definition or an update (the kinds it
    /// *writes*; the kinds it reads are ``FieldCapabilities/scheduleKindsRead``); never
    /// ``Schedule/Kind/unreadable`` (the initializer leaves it out, and validation refuses an
    /// unreadable schedule whatever this set holds). Which kinds a provider *reads* is
    /// wider: any provider may read a schedule back as ``Schedule/unreadable(_:)``.
    public var scheduleKinds: Set<Schedule.Kind>
    /// The longest job name the provider accepts, when it has a limit.
    public var maximumNameLength: Int?
    /// What the provider does with each field: which fields it reads, which a create and
    /// an update can set, which schedule kinds it reads back, what a cancelled run reads
    /// back as. An update that sets a field outside ``FieldCapabilities/updatable`` is
    /// refused by validation.
    public var fields: FieldCapabilities
    /// What a migration engine needs to know about the provider (provenance slot, task
    /// model, cron zone, staging, native keys…); permissive by default (see ``MigrationTraits``).
    public var migration: MigrationTraits

    /// Creates a descriptor. `scheduleKinds` defaults to every kind a provider can accept
    /// (``Schedule/Kind/writable``); ``Schedule/Kind/unreadable`` is removed from it.
    /// `fields` defaults to every field read, created and updated
    /// (``FieldCapabilities/all``).
    public init(
        name: String,
        capabilities: ProviderCapabilities,
        scheduleKinds: Set<Schedule.Kind> = Schedule.Kind.writable,
        maximumNameLength: Int? = nil,
        fields: FieldCapabilities = .all,
        migration: MigrationTraits = MigrationTraits()
    ) {
        self.name = name
        self.capabilities = capabilities
        self.scheduleKinds = scheduleKinds.subtracting([.unreadable])
        self.maximumNameLength = maximumNameLength
        self.fields = fields
        self.migration = migration
    }
}

extension JobProvider {
    /// The error to throw for an operation the provider does not support.
    public func unsupported(_ operation: JobOperation) -> JobBridgeError {
        JobBridgeError(
            .unsupported, "\(descriptor.name) does not support \(operation.rawValue)",
            provider: descriptor.name, operation: operation)
    }

    /// Throws ``JobBridgeError/Code/unsupported`` unless the provider declares the operation.
    public func require(_ operation: JobOperation) throws {
        guard descriptor.capabilities.supports(operation) else { throw unsupported(operation) }
    }

    /// Runs every active task of a job now.
    public func runJob(_ id: JobID) async throws -> JobRun { try await runJob(id, tasks: nil) }

    // Default implementations: every operation a provider does not implement is unsupported.

    /// Throws ``JobBridgeError/Code/unsupported`` on first iteration.
    public func jobs() -> PagedSequence<Job> { .failing(unsupported(.listJobs)) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func job(_ id: JobID) async throws -> Job { throw unsupported(.getJob) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func createJob(_ definition: JobDefinition) async throws -> Job { throw unsupported(.createJob) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        throw unsupported(.updateJob)
    }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func deleteJob(_ id: JobID) async throws { throw unsupported(.deleteJob) }
    /// Throws ``JobBridgeError/Code/unsupported`` (naming ``JobOperation/runTasks`` when
    /// tasks were chosen).
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        throw unsupported(tasks == nil ? .runJob : .runTasks)
    }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func cancelRun(of id: JobID) async throws { throw unsupported(.cancelRun) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func status(of id: JobID) async throws -> JobRun? { throw unsupported(.status) }
    /// Throws ``JobBridgeError/Code/unsupported`` on first iteration.
    public func runs(of id: JobID) -> PagedSequence<JobRun> { .failing(unsupported(.runHistory)) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun { throw unsupported(.getRun) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func tasks(of jobID: JobID) async throws -> [JobTask] { throw unsupported(.listTasks) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask { throw unsupported(.listTasks) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func addTask(_ definition: TaskDefinition, to jobID: JobID) async throws -> JobTask {
        throw unsupported(.addTask)
    }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func updateTask(_ taskID: TaskID, of jobID: JobID, with update: TaskUpdate) async throws -> JobTask {
        throw unsupported(.updateTask)
    }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func deleteTask(_ taskID: TaskID, of jobID: JobID) async throws { throw unsupported(.deleteTask) }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func moveTask(_ taskID: TaskID, of jobID: JobID, to index: Int) async throws -> [JobTask] {
        throw unsupported(.moveTask)
    }
    /// Throws ``JobBridgeError/Code/unsupported``.
    public func taskRuns(of taskID: TaskID, job jobID: JobID) async throws -> [JobRun] {
        throw unsupported(.taskHistory)
    }
    /// Throws ``JobBridgeError/Code/unsupported``: the provider lists no connections.
    public func connections() async throws -> [ProviderConnection] {
        throw JobBridgeError(
            .unsupported, "\(descriptor.name) does not list connections", provider: descriptor.name)
    }
}
