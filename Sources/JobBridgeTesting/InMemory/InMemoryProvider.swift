import Foundation
import JobBridge

/// A complete provider that keeps its jobs in memory: the reference implementation of
/// ``JobProvider``, and what apps use in their own unit tests.
///
/// It declares every capability and passes every case of the contract suite. Runs move
/// queued → running → finished as its clock moves: give it a ``SimulatedClock``'s
/// ``SimulatedClock/dateSource`` and wait on that clock, and a test of an hour-long run
/// takes no time. A running job refuses update and delete (``JobBridgeError/Code/conflict``),
/// as CData Sync does.
///
/// ```swift
/// let clock = SimulatedClock()
/// let provider = InMemoryProvider(now: clock.dateSource)
/// let job = try await provider.createJob(JobDefinition(name: "Accounts", kind: JobKind(.replication)))
/// let run = try await provider.runJob(job.id)
/// let finished = try await provider.waitForCompletion(of: run, clock: clock)
/// ```
public struct InMemoryProvider: JobProvider {
    /// How the provider behaves.
    public struct Configuration: Sendable {
        /// The provider's name.
        public var name: String
        /// Jobs (and runs) per page of a listing.
        public var pageSize: Int
        /// The operations it declares (every one by default). Operations left out throw
        /// ``JobBridgeError/Code/unsupported``, as a real provider's would.
        public var capabilities: ProviderCapabilities
        /// The schedule kinds it accepts (every kind a provider can accept by default).
        public var scheduleKinds: Set<Schedule.Kind>
        /// Time from a run's request to its start.
        public var queueDelay: Duration
        /// Time from a run's start to its end.
        public var runDuration: Duration
        /// How a run ends, given the job and the run's number (from 1).
        public var outcome: @Sendable (Job, Int) -> RunStatus.Phase

        /// Creates a configuration; every parameter has a default.
        public init(
            name: String = "In-Memory",
            pageSize: Int = 50,
            capabilities: ProviderCapabilities = .all,
            scheduleKinds: Set<Schedule.Kind> = Schedule.Kind.writable,
            queueDelay: Duration = .seconds(1),
            runDuration: Duration = .seconds(30),
            outcome: @escaping @Sendable (Job, Int) -> RunStatus.Phase = { _, _ in .succeeded }
        ) {
            self.name = name
            self.pageSize = max(1, pageSize)
            self.capabilities = capabilities
            self.scheduleKinds = scheduleKinds
            self.queueDelay = queueDelay
            self.runDuration = runDuration
            self.outcome = outcome
        }
    }

    private let store: InMemoryStore
    /// The provider's name, capabilities and rules.
    public let descriptor: ProviderDescriptor

    /// Creates an empty provider.
    ///
    /// - Parameters:
    ///   - configuration: How it behaves.
    ///   - now: Where it reads the time (pass a ``SimulatedClock/dateSource`` in tests).
    public init(configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = InMemoryStore(configuration: configuration, now: now)
        self.descriptor = ProviderDescriptor(
            name: configuration.name, capabilities: configuration.capabilities,
            scheduleKinds: configuration.scheduleKinds)
    }

    /// Every job, in creation order, a page at a time.
    public func jobs() -> PagedSequence<Job> {
        guard descriptor.capabilities.supports(.listJobs) else { return .failing(unsupported(.listJobs)) }
        return PagedSequence { [store] token in try await store.page(token: token) }
    }

    /// One job with its tasks and latest run.
    public func job(_ id: JobID) async throws -> Job {
        try require(.getJob)
        return try await store.job(id)
    }

    /// Creates a job after validating the definition.
    public func createJob(_ definition: JobDefinition) async throws -> Job {
        try require(.createJob)
        try definition.validate(for: descriptor)
        return try await store.create(definition)
    }

    /// Changes a job after validating the change; refused while the job runs.
    public func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        try require(.updateJob)
        try update.validate(for: descriptor)
        return try await store.update(id, update)
    }

    /// Deletes a job; refused while it runs.
    public func deleteJob(_ id: JobID) async throws {
        try require(.deleteJob)
        try await store.delete(id)
    }

    /// Starts a run of every active task, or of the chosen tasks.
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        try require(tasks == nil ? .runJob : .runTasks)
        return try await store.run(id, tasks: tasks)
    }

    /// Cancels the job's current run.
    public func cancelRun(of id: JobID) async throws {
        try require(.cancelRun)
        try await store.cancel(id)
    }

    /// The job's current or latest run.
    public func status(of id: JobID) async throws -> JobRun? {
        try require(.status)
        return try await store.status(id)
    }

    /// The job's runs, newest first, a page at a time.
    public func runs(of id: JobID) -> PagedSequence<JobRun> {
        guard descriptor.capabilities.supports(.runHistory) else { return .failing(unsupported(.runHistory)) }
        return PagedSequence { [store] token in try await store.runPage(id, token: token) }
    }

    /// One run by id.
    public func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun {
        try require(.getRun)
        return try await store.run(runID, of: jobID)
    }

    /// The job's tasks in order.
    public func tasks(of jobID: JobID) async throws -> [JobTask] {
        try require(.listTasks)
        return try await store.tasks(of: jobID)
    }

    /// One task.
    public func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask {
        try require(.listTasks)
        return try await store.task(taskID, of: jobID)
    }

    /// Adds a task at the end.
    public func addTask(_ definition: TaskDefinition, to jobID: JobID) async throws -> JobTask {
        try require(.addTask)
        try definition.validate(for: descriptor)
        return try await store.addTask(definition, to: jobID)
    }

    /// Changes a task.
    public func updateTask(_ taskID: TaskID, of jobID: JobID, with update: TaskUpdate) async throws -> JobTask {
        try require(.updateTask)
        try update.validate(for: descriptor)
        return try await store.updateTask(taskID, of: jobID, update)
    }

    /// Deletes a task; the ones after it move up.
    public func deleteTask(_ taskID: TaskID, of jobID: JobID) async throws {
        try require(.deleteTask)
        try await store.deleteTask(taskID, of: jobID)
    }

    /// Moves a task and returns the tasks in their new order.
    public func moveTask(_ taskID: TaskID, of jobID: JobID, to index: Int) async throws -> [JobTask] {
        try require(.moveTask)
        return try await store.moveTask(taskID, of: jobID, to: index)
    }

    /// The runs that covered the task, newest first.
    public func taskRuns(of taskID: TaskID, job jobID: JobID) async throws -> [JobRun] {
        try require(.taskHistory)
        return try await store.taskRuns(taskID, of: jobID)
    }

    // MARK: Seeding

    /// A run that ended before a job is seeded: see ``seedJob(_:pastRuns:)``.
    public struct PastRun: Hashable, Sendable {
        /// When it was requested; it started ``Configuration/queueDelay`` later.
        public var requestedAt: Date
        /// How it ended (a cancelled run reads as cancelled right when it was requested).
        public var phase: RunStatus.Phase

        /// Creates a past run.
        public init(requestedAt: Date, phase: RunStatus.Phase = .succeeded) {
            self.requestedAt = requestedAt
            self.phase = phase
        }
    }

    /// Stores a job as if it had existed before, with its past runs, whatever the provider
    /// declares (a provider configured without ``JobOperation/createJob`` can still be
    /// seeded, which is how the contract suite tests providers that cannot create). The
    /// definition is validated as a create would validate it.
    ///
    /// - Parameters:
    ///   - definition: The job's fields.
    ///   - pastRuns: Its runs, in any order; each should have ended by the clock's current
    ///     time (requested at least ``Configuration/queueDelay`` plus
    ///     ``Configuration/runDuration`` ago), or it reads as still going.
    /// - Returns: The job as stored, and the ids of its runs in the order given.
    public func seedJob(_ definition: JobDefinition, pastRuns: [PastRun] = []) async throws -> (
        job: Job, runIDs: [RunID]
    ) {
        try definition.validate(for: descriptor)
        let created = try await store.create(definition)
        // Stored oldest first, as runs are; returned in the order given.
        var runIDs: [RunID] = pastRuns.map { _ in RunID("") }
        for index in pastRuns.indices.sorted(by: { pastRuns[$0].requestedAt < pastRuns[$1].requestedAt }) {
            let run = pastRuns[index]
            runIDs[index] = try await store.seedRun(of: created.id, requestedAt: run.requestedAt, phase: run.phase)
        }
        return (try await store.job(created.id), runIDs)
    }
}
