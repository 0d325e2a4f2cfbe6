import Foundation
import JobBridge

/// CData Connect AI behind ``JobProvider``.
///
/// What it does: list, read, create, update and delete jobs; run and stop them; read the
/// current or latest run (`lastRun`); read each job's one implied task. What Connect does
/// not have is declared unsupported: run history (the API keeps the last run only), runs
/// by id, running chosen tasks, and adding, changing, deleting or moving tasks (a job's
/// table or query is changed by updating the job's params through its native client).
///
/// ```swift
/// let client = try ConnectClient { try await signer.token() }
/// let connect = ConnectProvider(client: client, cacheConnection: ConnectionRef(id: "…", name: "CacheConnection"))
/// for try await job in connect.jobs() { print(job.name, job.lastRun?.status ?? "never ran") }
/// ```
/// The mapping is documented on `ConnectMapping` (native → portable) and
/// `ConnectRequests` (portable → native) in this module's sources.
public struct ConnectProvider: JobProvider {
    /// The operations CData Connect AI supports.
    public static let capabilities: ProviderCapabilities = [
        .listJobs, .getJob, .createJob, .updateJob, .deleteJob, .runJob, .cancelRun, .status, .listTasks,
    ]

    /// The native client, for everything the portable model does not cover.
    public let client: ConnectClient
    /// The account's cache connection: the destination of every caching job. `nil` when
    /// the app did not say (jobs then read without a destination).
    public let cacheConnection: ConnectionRef?
    /// Whether a cron schedule that converts only approximately to an interval is accepted
    /// (with its differences) rather than refused.
    public let allowsApproximateSchedules: Bool
    /// Name, capabilities (``capabilities``), schedules (intervals, and cron converted to
    /// an interval when the conversion allows).
    public let descriptor: ProviderDescriptor

    /// Creates the provider.
    ///
    /// - Parameters:
    ///   - client: The native client.
    ///   - name: The name shown for this provider (default `"CData Connect AI"`).
    ///   - cacheConnection: The account's cache connection (see
    ///     ``ConnectClient/setCacheConnection(_:)``), reported as every caching job's
    ///     destination. When it is set, a caching job given another destination is refused;
    ///     when it is `nil`, a destination given to a caching job cannot be checked and is
    ///     not sent (Connect has no destination field for caching jobs).
    ///   - allowsApproximateSchedules: Whether to accept a cron schedule that an interval
    ///     can only approximate (for example `0 */5 * * *`, which restarts at midnight);
    ///     by default such a schedule is refused, saying what would differ.
    public init(
        client: ConnectClient, name: String = ConnectClient.providerName, cacheConnection: ConnectionRef? = nil,
        allowsApproximateSchedules: Bool = false
    ) {
        self.client = client
        self.cacheConnection = cacheConnection
        self.allowsApproximateSchedules = allowsApproximateSchedules
        self.descriptor = ProviderDescriptor(
            name: name, capabilities: Self.capabilities, scheduleKinds: [.interval, .cron])
    }

    /// The native job behind a portable one (decoded from its ``Job/providerData``).
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` if the job has no Connect JSON.
    public func native(_ job: Job) throws -> JobInfo {
        guard let data = job.providerData else {
            throw JobBridgeError(
                .badResponse, "job \(job.id) carries no CData Connect AI JSON", provider: descriptor.name)
        }
        do {
            return try JSONDecoder().decode(JobInfo.self, from: try data.data())
        } catch {
            throw JobBridgeError(
                .badResponse, "job \(job.id)'s JSON is not a Connect job: \(error)", provider: descriptor.name)
        }
    }

    // MARK: Jobs

    /// Every job, in one page (the API does not page).
    public func jobs() -> PagedSequence<Job> {
        let client = client
        let cache = cacheConnection
        return .single { try await client.jobs().map { ConnectMapping.job($0, cacheConnection: cache) } }
    }

    /// One job, with its implied task.
    public func job(_ id: JobID) async throws -> Job {
        ConnectMapping.job(try await client.job(id.rawValue), cacheConnection: cacheConnection)
    }

    /// Creates a job. Validated before any request: the core's rules, then Connect's
    /// (one task with a table or query, an interval in hours, days, weeks or months, a
    /// source with an id, no destination but the cache connection).
    public func createJob(_ definition: JobDefinition) async throws -> Job {
        try definition.validate(for: descriptor)
        let request = try requests(.createJob).request(for: definition)
        do {
            return ConnectMapping.job(try await client.createJob(request), cacheConnection: cacheConnection)
        } catch let error as JobBridgeError where error.code == .transport || error.code == .serviceUnavailable {
            throw await explainAmbiguousCreate(error, request: request)
        }
    }

    /// After a create that may or may not have reached the provider (the connection
    /// dropped, or a gateway failed), looks for the job and says in the error whether it
    /// is safe to create it again. The create is never repeated here.
    private func explainAmbiguousCreate(_ error: JobBridgeError, request: JobRequest) async -> JobBridgeError {
        var explained = error
        guard let jobs = try? await client.jobs() else {
            explained.message += "; whether the job was created could not be checked: list the jobs before trying again"
            return explained
        }
        let matches = jobs.filter { job in
            job.name == request.name && job.jobType == request.jobType
                && job.params.sourceConnection == request.params.sourceConnection
                && job.params.sourceTable == request.params.sourceTable && job.params.query == request.params.query
        }
        if matches.isEmpty {
            explained.message += "; no such job exists, so creating it again is safe"
        } else {
            let ids = matches.map(\.id).joined(separator: ", ")
            explained.message +=
                "; a job with this name, source and table exists (\(ids)): the create may have "
                + "taken effect, check it before trying again"
        }
        return explained
    }

    /// Changes a job: reads it, applies the change to its JSON (every param kept, known or
    /// not) and sends the whole job back.
    public func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        try update.validate(for: descriptor)
        let requests = requests(.updateJob)
        try requests.check(update)
        let current = try await client.job(id.rawValue)
        let request = try requests.request(updating: current, with: update)
        return ConnectMapping.job(
            try await client.updateJob(id.rawValue, with: request), cacheConnection: cacheConnection)
    }

    /// Deletes a job.
    public func deleteJob(_ id: JobID) async throws {
        try await client.deleteJob(id.rawValue)
    }

    // MARK: Runs

    /// Queues a run and returns it as the job's `lastRun` reads right after.
    ///
    /// Connect runs have no id. If `lastRun` still shows the previous, finished run (the
    /// queue has not caught up), the run returned is queued and "requested" just after
    /// that one started, so that waiting never takes the previous result for this run.
    /// Choosing tasks is unsupported (a job has one task). A run of a running job throws
    /// ``JobBridgeError/Code/conflict`` (`409 CACHE_JOB_RUNNING`).
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        if tasks != nil { throw unsupported(.runTasks) }
        try await client.runJob(id.rawValue)
        // The run is queued once the provider said 200; the read only adds what it knows.
        // If the read fails, the queued run is still reported rather than an error that
        // would invite running the job a second time.
        var info: JobInfo?
        do {
            info = try await client.job(id.rawValue)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            info = nil
        }
        let latest = info?.lastRun.flatMap { ConnectMapping.run($0, of: id) }
        if let latest, !latest.status.isFinished { return latest }
        let queued = RunStatus(.queued, providerValue: "JOB_QUEUED")
        return JobRun(
            jobID: id, status: queued, requestedAt: latest?.startedAt.map { $0.addingTimeInterval(0.001) })
    }

    /// Stops the job's current run (`POST /job/{id}/stop`).
    public func cancelRun(of id: JobID) async throws {
        try await client.stopJob(id.rawValue)
    }

    /// The job's `lastRun`; `nil` when it carries the year-1 "never ran" sentinel.
    public func status(of id: JobID) async throws -> JobRun? {
        let info = try await client.job(id.rawValue)
        return info.lastRun.flatMap { ConnectMapping.run($0, of: JobID(info.id)) }
    }

    // MARK: Tasks

    /// The job's one implied task (none when the job names no table or query).
    public func tasks(of jobID: JobID) async throws -> [JobTask] {
        ConnectMapping.tasks(try await client.job(jobID.rawValue))
    }

    /// The implied task by id (`table` for a Caching job, `query` for a ScheduledQuery).
    public func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask {
        guard let task = try await tasks(of: jobID).first(where: { $0.id == taskID }) else {
            throw JobBridgeError(
                .notFound, "job \(jobID) has no task \(taskID) (its one task is \"table\" or \"query\")",
                provider: descriptor.name, operation: .listTasks)
        }
        return task
    }

    private func requests(_ operation: JobOperation) -> ConnectRequests {
        ConnectRequests(
            provider: descriptor.name, operation: operation, cacheConnection: cacheConnection,
            allowsApproximateSchedules: allowsApproximateSchedules)
    }
}
