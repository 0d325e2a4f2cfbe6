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
///
/// Writes follow the core's rule (``WriteRecovery``): a create, run, stop or delete that
/// may have acted is checked, never repeated blindly. After an ambiguous create the jobs
/// are listed for one with the same name, type, source and table or query, created since
/// shortly before the request (five minutes of clock skew allowed); after an ambiguous run
/// or stop the job's `lastRun` is read; after an ambiguous delete the job is read. A write
/// that took effect is reported as such even when a read after it fails. Errors name this
/// provider instance and the operation the caller invoked.
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
    /// Whether create and update send the job's name (the `name` key, which the documents
    /// do not list among the create parameters). `false` by default: the job's name is what
    /// Connect reports (the simulator, like the documented examples, names a job after its
    /// source and table), and an update that sets a name is refused.
    public let sendsJobNames: Bool
    /// Name, capabilities (``capabilities``), schedules (intervals, and cron converted to
    /// an interval when the conversion allows), fields (``fieldCapabilities(sendsJobNames:)``).
    public let descriptor: ProviderDescriptor
    private let now: @Sendable () -> Date

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
    ///   - sendsJobNames: Whether create and update send the job's name, for a server
    ///     known to accept a `name` key the documents do not list (see ``sendsJobNames``).
    ///   - now: The wall clock, used to bound the search for a job whose create failed
    ///     ambiguously (a ``SimulatedClock``'s date source in tests).
    public init(
        client: ConnectClient, name: String = ConnectClient.providerName, cacheConnection: ConnectionRef? = nil,
        allowsApproximateSchedules: Bool = false, sendsJobNames: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.now = now
        self.cacheConnection = cacheConnection
        self.allowsApproximateSchedules = allowsApproximateSchedules
        self.sendsJobNames = sendsJobNames
        self.descriptor = ProviderDescriptor(
            name: name, capabilities: Self.capabilities, scheduleKinds: [.interval, .cron],
            fields: Self.fieldCapabilities(sendsJobNames: sendsJobNames), migration: Self.migrationTraits)
    }

    /// What Connect does with each field: every field is read; create sets all but the
    /// name, update sets source, destination, schedule, enabled flag and settings (a job's
    /// table or query is changed through the native client), and both set the name too
    /// when the app opts in (`sendsJobNames`). Schedules read back as intervals (or
    /// manual); a stopped run reads back as cancelled.
    public static func fieldCapabilities(sendsJobNames: Bool = false) -> FieldCapabilities {
        let name: Set<JobField> = sendsJobNames ? [.name] : []
        return FieldCapabilities(
            readable: Set(JobField.allCases),
            creatable: Set(JobField.allCases).subtracting([.name]).union(name),
            updatable: Set<JobField>([.source, .destination, .schedule, .isEnabled, .settings]).union(name),
            scheduleKindsRead: [.manual, .interval], cancelledRunPhase: .cancelled)
    }

    /// The native job behind a portable one (decoded from its ``Job/providerData``; no
    /// request is sent), the same escape hatch as Sync's and NX1's `native(_:)`.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` if the job has no Connect JSON.
    public func native(_ job: Job) throws -> ConnectJob {
        guard let data = job.providerData else {
            throw JobBridgeError(
                .badResponse, "job \(job.id) carries no CData Connect AI JSON", provider: descriptor.name)
        }
        do {
            return try JSONDecoder().decode(ConnectJob.self, from: try data.data())
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
        return stamping(.listJobs, .single { try await client.listedJobs(cacheConnection: cache) })
    }

    /// One job, with its implied task.
    public func job(_ id: JobID) async throws -> Job {
        try await stamping(.getJob) {
            ConnectMapping.job(try await client.job(id.rawValue), cacheConnection: cacheConnection)
        }
    }

    /// Creates a job. Validated before any request: the core's rules, then Connect's
    /// (one task with a table or query, an interval in hours, days, weeks or months, a
    /// source with an id, no destination but the cache connection).
    public func createJob(_ definition: JobDefinition) async throws -> Job {
        try await stamping(.createJob) {
            try definition.validate(for: descriptor)
            let request = try requests(.createJob).request(for: definition)
            let sentAt = now()
            let created = try await recovery.perform(
                .createJob, provider: descriptor.name, checking: "the jobs named '\(definition.name)'"
            ) {
                try await client.createJob(request)
            } check: {
                try await findCreated(request, since: sentAt.addingTimeInterval(-300))
            }
            return ConnectMapping.job(created, cacheConnection: cacheConnection)
        }
    }

    /// After a create that may have acted: the job it made, if exactly one with its name,
    /// type, source and table or query was created since `since`. No such job at all: it
    /// did not take effect. Look-alikes that cannot be told apart (older ones, when the two
    /// clocks may disagree; several recent ones): unknown.
    private func findCreated(_ request: ConnectJobRequest, since: Date) async throws -> WriteCheck<ConnectJob> {
        let matches = try await client.jobs().filter { job in
            (request.name == nil || job.name == request.name) && job.jobType == request.jobType
                && job.params.sourceConnection == request.params.sourceConnection
                && job.params.sourceTable == request.params.sourceTable && job.params.query == request.params.query
        }
        let recent = matches.filter { ($0.created ?? .distantPast) >= since }
        if recent.count == 1, let job = recent.first { return .tookEffect(job) }
        if matches.isEmpty { return .didNotTakeEffect }
        let ids = matches.map(\.id).joined(separator: ", ")
        return .unknown("jobs with this name, source and table exist (\(ids)) and could be the one created")
    }

    /// Changes a job: reads it, applies the change to its JSON (every param kept, known or
    /// not) and sends the whole job back.
    public func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        try await stamping(.updateJob) {
            try update.validate(for: descriptor)
            let requests = requests(.updateJob)
            try requests.check(update)
            let current = try await client.job(id.rawValue)
            let request = try requests.request(updating: current, with: update)
            let updated: ConnectJob
            do {
                updated = try await client.updateJob(id.rawValue, with: request)
            } catch let error as JobBridgeError where error.code == .badResponse && error.outcome == .maybeActed {
                // The provider said 2xx, so the update took effect; only its answer was
                // unreadable. Read the job again rather than report a failure.
                guard let reread = try await recovery.readAfterWrite({ try await client.job(id.rawValue) }) else {
                    throw error
                }
                updated = reread
            }
            return ConnectMapping.job(updated, cacheConnection: cacheConnection)
        }
    }

    /// Deletes a job (and the data it cached). A delete whose answer was lost succeeds
    /// when the job is gone.
    public func deleteJob(_ id: JobID) async throws {
        try await stamping(.deleteJob) {
            try await recovery.perform(.deleteJob, provider: descriptor.name, checking: "job \(id)") {
                try await client.deleteJob(id.rawValue, retrying: false)
            } check: {
                try await .gone { _ = try await client.job(id.rawValue) }
            }
        }
    }

    // MARK: Runs

    /// Queues a run and returns it as the job's `lastRun` reads right after.
    ///
    /// The job is read before the run, so that an ambiguous failure can be checked (a
    /// `lastRun` newer than the one before, or going, is this run) and so that the run
    /// returned is never taken for the previous one. Connect runs have no id. If `lastRun`
    /// still shows the previous, finished run, the run returned is queued and "requested"
    /// just after that one started. Choosing tasks is unsupported (a job has one task). A
    /// run of a running job throws ``JobBridgeError/Code/conflict`` (`409 CACHE_JOB_RUNNING`).
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        if tasks != nil { throw unsupported(.runTasks) }
        return try await stamping(.runJob) {
            let before = try await client.job(id.rawValue).lastRun.flatMap { ConnectMapping.run($0, of: id) }
            let started = try await recovery.perform(
                .runJob, provider: descriptor.name, checking: "the last run of job \(id)"
            ) { () -> JobRun? in
                try await client.runJob(id.rawValue)
                return nil
            } check: { () -> WriteCheck<JobRun?> in
                let latest = try await client.job(id.rawValue).lastRun.flatMap { ConnectMapping.run($0, of: id) }
                guard let latest, Self.isNew(latest, since: before) else {
                    return .unknown("the job shows no new run yet (a queued run may not show at once)")
                }
                return .tookEffect(latest)
            }
            if let started { return started }
            // Queued: the read only adds what it knows, and its failure is not the run's.
            let latest = try await recovery.readAfterWrite { try await client.job(id.rawValue) }?
                .lastRun.flatMap { ConnectMapping.run($0, of: id) }
            if let latest, Self.isNew(latest, since: before) { return latest }
            let queued = RunStatus(.queued, providerValue: "JOB_QUEUED")
            let previousStart = before?.startedAt ?? latest?.startedAt
            return JobRun(jobID: id, status: queued, requestedAt: previousStart.map { $0.addingTimeInterval(0.001) })
        }
    }

    /// Whether `run` (a `lastRun` read after a run request) is another run than `before`
    /// (the one read before it): it is going while `before` was not, or it started later.
    static func isNew(_ run: JobRun, since before: JobRun?) -> Bool {
        guard let before else { return true }
        if !run.status.isFinished, before.status.isFinished { return true }
        guard let start = run.startedAt, let previous = before.startedAt else { return false }
        return start > previous
    }

    /// Stops the job's current run (`POST /job/{id}/stop`). A stop whose answer was lost
    /// succeeds when the job no longer runs.
    public func cancelRun(of id: JobID) async throws {
        try await stamping(.cancelRun) {
            try await recovery.perform(.cancelRun, provider: descriptor.name, checking: "the last run of job \(id)") {
                try await client.stopJob(id.rawValue)
            } check: {
                let latest = try await client.job(id.rawValue).lastRun.flatMap { ConnectMapping.run($0, of: id) }
                return latest.map { $0.status.isFinished } ?? true ? .tookEffect(()) : .didNotTakeEffect
            }
        }
    }

    /// The job's `lastRun`; `nil` when it carries the year-1 "never ran" sentinel.
    public func status(of id: JobID) async throws -> JobRun? {
        try await stamping(.status) {
            let info = try await client.job(id.rawValue)
            return info.lastRun.flatMap { ConnectMapping.run($0, of: JobID(info.id)) }
        }
    }

    // MARK: Tasks

    /// The job's one implied task (none when the job names no table or query).
    public func tasks(of jobID: JobID) async throws -> [JobTask] {
        try await stamping(.listTasks) { ConnectMapping.tasks(try await client.job(jobID.rawValue)) }
    }

    /// The implied task by id (`table` for a Caching job, `query` for a ScheduledQuery).
    public func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask {
        try await stamping(.listTasks) {
            guard
                let task = ConnectMapping.tasks(try await client.job(jobID.rawValue)).first(where: { $0.id == taskID })
            else {
                throw JobBridgeError(
                    .notFound, "job \(jobID) has no task \(taskID) (its one task is \"table\" or \"query\")",
                    outcome: .answered)
            }
            return task
        }
    }

    /// The core's rule for writes, with the client's retry policy and clock.
    private var recovery: WriteRecovery { client.rest.writeRecovery }

    private func requests(_ operation: JobOperation) -> ConnectRequests {
        ConnectRequests(
            provider: descriptor.name, operation: operation, cacheConnection: cacheConnection,
            allowsApproximateSchedules: allowsApproximateSchedules, sendsJobNames: sendsJobNames)
    }
}
