import Foundation
import JobBridge

/// CData Sync v2 behind ``JobProvider``: the jobs of one workspace.
///
/// ```swift
/// let client = try SyncClient(
///     baseURL: URL(string: "https://sync.example.com:8181/api.rsc/v2")!,
///     credentials: SyncClient.tokenCredentials(token), serverTimeZone: TimeZone(identifier: "America/New_York")!)
/// let sync = SyncProvider(client: client, workspaceID: "default")
/// for try await job in sync.jobs() { print(job.name, job.schedule) }
/// ```
///
/// The mapping is in ``SyncMapping``; the native client is ``client``, and the ``SyncJob``
/// behind a portable job is ``native(_:)``. What the provider adds to the native client:
/// - **Reads** list the workspace's jobs (following next links); ``job(_:)`` reads the job
///   and its tasks. ``Job/lastRun`` and ``Job/nextRunAt`` are not part of Sync's job JSON:
///   ``status(of:)`` gives the latest run.
/// - **Updates** are read-modify-write: the job is read, the change applied to its
///   settings, and every setting that `PUT /jobs/{job_id}` takes is sent back with every
///   member the library does not know, so nothing is dropped whatever the server does
///   with fields left out. Settings that only create takes (type, connections, worker
///   pool, …) are refused with ``JobBridgeError/Code/invalidDefinition`` when changed.
/// - **Running jobs**: Sync refuses to update or delete them; that arrives as
///   ``JobBridgeError/Code/conflict``, whether the server said `409` or `400` "running".
/// - **Writes** follow the core's rule (``WriteRecovery``): a request that may have
///   acted (the connection dropped, a 500/502/504, an unreadable 2xx) is never sent again
///   blindly. After an ambiguous create the provider looks for the job by its name (Sync's
///   job names are unique per workspace: v1 addressed jobs by name, and the adapter relies
///   on it here only) with the connections that were sent; after an ambiguous execute it
///   compares the status with the one read before; after an ambiguous task add it compares
///   the task list with the one read before; a delete, a cancel and a move are checked by
///   reading the result. A create costs its `POST` and one read of the new job's tasks
///   when nothing fails. A write that took effect is reported as such even when a read
///   after it fails (the result is then what the write's answer said).
/// - **Errors** name this provider instance (``ProviderDescriptor/name``) and the
///   operation the caller invoked.
/// - **Runs** without a history id are told from older ones by the server's dates only
///   (see ``runJob(_:tasks:)``), never by the local clock.
/// - **Schedules** are cron in Sync's dialect (see ``SyncCron``, which also says which
///   daylight-saving policy applies), read in GMT when the job's `use_gmt_datetime` is
///   true and in ``SyncClient/serverTimeZone`` otherwise. A cron in another zone is refused.
public struct SyncProvider: JobProvider {
    /// The native client, for everything the portable model does not cover.
    public let client: SyncClient
    /// The workspace whose jobs this provider lists and creates.
    public let workspaceID: String
    /// The provider's name, capabilities and rules.
    public let descriptor: ProviderDescriptor
    /// Whether the server has `GET /jobs/{id}`, once an answer has shown it.
    let jobRoute = SyncJobRoute()

    /// Creates a provider for one workspace.
    ///
    /// - Parameters:
    ///   - name: The provider's name as shown to people (default `"CData Sync"`).
    ///
    /// Runs are dated by the server's clock only, never the local one, which may be
    /// skewed from it.
    public init(client: SyncClient, workspaceID: String, name: String = SyncClient.providerName) {
        self.client = client
        self.workspaceID = workspaceID
        self.descriptor = ProviderDescriptor(
            name: name, capabilities: Self.capabilities, scheduleKinds: [.manual, .cron],
            fields: Self.fieldCapabilities, migration: Self.migrationTraits(workspaceID: workspaceID))
    }

    /// Every operation of ``JobOperation``: Sync's API has them all.
    public static let capabilities: ProviderCapabilities = .all

    /// Every field is read, created and updated (update by read-modify-write); schedules
    /// read back as manual or cron (Sync's dialect, in GMT or the server's zone); a
    /// cancelled run reads back as cancelled.
    public static let fieldCapabilities = FieldCapabilities(
        scheduleKindsRead: [.manual, .cron], cancelledRunPhase: .cancelled)

    private var zone: TimeZone { client.serverTimeZone }

    // MARK: Jobs

    /// The workspace's jobs, page by page (tasks are not fetched: ``Job/tasks`` is empty
    /// unless the server embeds them).
    public func jobs() -> PagedSequence<Job> {
        stamping(.listJobs, client.listedJobs(inWorkspace: workspaceID))
    }

    /// One job with its tasks.
    public func job(_ id: JobID) async throws -> Job {
        try await stamping(.getJob) { try await readJob(id) }
    }

    private func readJob(_ id: JobID) async throws -> Job {
        let native = try await nativeJob(id.rawValue)
        let tasks = try await client.tasks(of: id.rawValue).collect()
        return SyncMapping.job(native, tasks: tasks, serverTimeZone: zone)
    }

    /// Creates a job (its tasks sent as `queries`), then marks inactive tasks inactive.
    public func createJob(_ definition: JobDefinition) async throws -> Job {
        try await stamping(.createJob) { try await create(definition) }
    }

    private func create(_ definition: JobDefinition) async throws -> Job {
        try definition.validate(for: descriptor)
        let source = try await connectionID(definition.source, field: "source")
        let destination = try await connectionID(definition.destination, field: "destination")
        let settings = try SyncMapping.settings(
            for: definition, sourceID: source, destinationID: destination, serverTimeZone: zone)
        let created = try await recovery.perform(
            .createJob, provider: descriptor.name,
            checking: "the jobs named '\(definition.name)' in workspace \(workspaceID)"
        ) {
            try await client.createJob(settings, inWorkspace: workspaceID)
        } check: { () -> WriteCheck<SyncJob> in
            let named = try await client.jobs(inWorkspace: workspaceID).collect().filter {
                $0.settings.name == definition.name
            }
            // Names are unique per workspace: a job of that name with the connections
            // that were sent is the one created; one with other connections is an older
            // job, and the server refused this create as a duplicate.
            let same = named.filter {
                $0.settings.sourceConnectionID == settings.sourceConnectionID
                    && $0.settings.destinationConnectionID == settings.destinationConnectionID
            }
            guard let job = same.first else { return .didNotTakeEffect }
            return same.count == 1 ? .tookEffect(job) : .unknown("\(same.count) jobs are named '\(definition.name)'")
        }
        // The job exists from here on: a failed read or task update is not a failed create.
        guard var tasks = try await recovery.readAfterWrite({ try await client.tasks(of: created.id).collect() })
        else { return SyncMapping.job(created, serverTimeZone: zone) }
        // Tasks come from `queries`; a server that ignored them made a job without. The job
        // exists (the error says so, with its id): the create is not to be sent again.
        guard tasks.count == definition.tasks.count else {
            throw JobBridgeError(
                .badResponse,
                "job \(created.id) was created, but with \(tasks.count) tasks for \(definition.tasks.count) queries; "
                    + "it exists: fix or delete it rather than create it again",
                httpStatus: 200, field: "tasks", outcome: .answered)
        }
        // `queries` cannot say that a task is inactive: each inactive one is updated after.
        let ordered = SyncMapping.tasks(tasks)
        var changed = false
        for (position, task) in definition.tasks.enumerated() where !task.isActive && position < ordered.count {
            guard let native = tasks.first(where: { $0.id == ordered[position].id.rawValue }) else { continue }
            var body = native.settings
            body.isActive = false
            body.index = ordered[position].index
            changed =
                try await recovery.readAfterWrite(attempts: 1) {
                    try await client.updateTask(native.id, of: created.id, body)
                } != nil || changed
        }
        if changed, let reread = try await recovery.readAfterWrite({ try await client.tasks(of: created.id).collect() })
        {
            tasks = reread
        }
        return SyncMapping.job(created, tasks: tasks, serverTimeZone: zone)
    }

    /// Changes a job by read-modify-write; refused while it runs.
    public func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        try await stamping(.updateJob) {
            try update.validate(for: descriptor)
            let current = try await nativeJob(id.rawValue)
            try await checkUnchanged(update.source, current.settings.sourceConnectionID, field: "source")
            try await checkUnchanged(
                update.destination, current.settings.destinationConnectionID, field: "destination")
            var settings = current.settings
            try SyncMapping.apply(update, to: &settings, serverTimeZone: zone)
            guard settings != current.settings else { return try await readJob(id) }
            try await client.updateJob(id.rawValue, json: settings.updateJSON)
            // Updated: a failed read now must not report the update as failed.
            var updated = current
            updated.settings = settings
            return try await recovery.readAfterWrite { try await readJob(id) }
                ?? SyncMapping.job(updated, serverTimeZone: zone)
        }
    }

    /// Deletes a job; refused while it runs. A delete whose answer was lost succeeds when
    /// the job is gone.
    public func deleteJob(_ id: JobID) async throws {
        try await stamping(.deleteJob) {
            try await recovery.perform(.deleteJob, provider: descriptor.name, checking: "job \(id)") {
                try await client.deleteJob(id.rawValue, retrying: false)
            } check: {
                try await .gone { _ = try await nativeJob(id.rawValue) }
            }
        }
    }

    // MARK: Runs

    /// Executes the job (every active task, or the chosen ones).
    ///
    /// The status is read before the execute. The run returned has the server's history id
    /// when the answer (or the status read after it) gives one; otherwise its
    /// ``JobRun/requestedAt`` is just after the previous run's start as the server reported
    /// it (`nil` when the job never ran), so that waiting for it compares the server's
    /// dates with each other.
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        let operation: JobOperation = tasks == nil ? .runJob : .runTasks
        return try await stamping(operation) { try await execute(id, tasks: tasks, operation: operation) }
    }

    private func execute(_ id: JobID, tasks: [TaskID]?, operation: JobOperation) async throws -> JobRun {
        if let tasks, tasks.isEmpty {
            throw JobBridgeError(
                .invalidRequest, "no tasks chosen; pass nil to run every active task", field: "tasks")
        }
        // The latest run before the execute: the reference that tells this run from older
        // ones, in the server's own clock and dates. Its failure is the run's failure.
        let previous = try await client.status(of: id.rawValue)
        let answer = try await recovery.perform(
            operation, provider: descriptor.name, checking: "the status of job \(id)"
        ) {
            try await client.execute(id.rawValue, tasks: tasks?.map(\.rawValue)) ?? SyncRun()
        } check: { () -> WriteCheck<SyncRun> in
            let status = try await client.status(of: id.rawValue)
            return Self.isNewer(status, than: previous) ? .tookEffect(status) : .didNotTakeEffect
        }
        var run = answer
        if run.isEmpty {
            // An answer that describes no run: the status says which run started, once it
            // shows one newer than `previous`. The run was accepted: a failed read here
            // leaves it "Starting" rather than failing the run.
            let status = try await recovery.readAfterWrite { try await client.status(of: id.rawValue) }
            if let status, Self.isNewer(status, than: previous) {
                run = status
            } else {
                run = SyncRun(status: "Starting")
            }
        }
        var result = SyncMapping.run(run, jobID: id)
        if result.runID == nil {
            // Without an id, ``waitForCompletion(of:pollInterval:timeout:clock:)`` takes a
            // status for this run when it started no earlier than `requestedAt`: a date of
            // the server's (never the local clock, which may be skewed from it), just after
            // the previous run's start. No previous run: every run is this one or later.
            result.requestedAt = previous.runStartDate.map { $0.addingTimeInterval(0.001) }
        }
        if result.taskIDs == nil, let tasks { result.taskIDs = tasks }
        return result
    }

    /// Whether `run`, a status read after an execute, is a run other than `previous`, the
    /// status read before it: it has another history id, or else it started later (when
    /// the two carry neither ids nor starts: it is unfinished while `previous` had
    /// finished). Whether `run` has finished does not matter: a run may end before it is read.
    static func isNewer(_ run: SyncRun, than previous: SyncRun) -> Bool {
        if run.isEmpty { return false }
        if previous.isEmpty { return true }
        if let id = run.id, let previousID = previous.id { return id != previousID }
        if let start = run.runStartDate, let previousStart = previous.runStartDate { return start > previousStart }
        return !SyncMapping.status(run.status).isFinished && SyncMapping.status(previous.status).isFinished
    }

    /// Cancels the job's current run.
    public func cancelRun(of id: JobID) async throws {
        try await stamping(.cancelRun) {
            try await recovery.perform(.cancelRun, provider: descriptor.name, checking: "the status of job \(id)") {
                try await client.cancel(id.rawValue)
            } check: {
                let status = try await client.status(of: id.rawValue)
                return status.isEmpty || SyncMapping.status(status.status).isFinished
                    ? .tookEffect(()) : .didNotTakeEffect
            }
        }
    }

    /// The job's current or latest run; `nil` if it never ran.
    public func status(of id: JobID) async throws -> JobRun? {
        try await stamping(.status) {
            let native = try await client.status(of: id.rawValue)
            return native.isEmpty ? nil : SyncMapping.run(native, jobID: id)
        }
    }

    /// The job's runs, newest first. v2's order and paging are not documented, so every
    /// page is read and the runs sorted by start before the first is returned.
    public func runs(of id: JobID) -> PagedSequence<JobRun> {
        let history = client.history(of: id.rawValue)
        return stamping(
            .runHistory,
            .single {
                SyncMapping.newestFirst(try await history.collect().map { SyncMapping.run($0, jobID: id) })
            })
    }

    /// One run (history entry).
    public func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun {
        try await stamping(.getRun) {
            SyncMapping.run(try await client.history(runID.rawValue, of: jobID.rawValue), jobID: jobID)
        }
    }

    // MARK: Tasks

    /// The job's tasks in order.
    public func tasks(of jobID: JobID) async throws -> [JobTask] {
        try await stamping(.listTasks) { try await orderedTasks(of: jobID) }
    }

    private func orderedTasks(of jobID: JobID) async throws -> [JobTask] {
        SyncMapping.tasks(try await client.tasks(of: jobID.rawValue).collect())
    }

    /// One task.
    public func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask {
        try await stamping(.listTasks) { try await readTask(taskID, of: jobID) }
    }

    private func readTask(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask {
        let native = try await client.task(taskID.rawValue, of: jobID.rawValue)
        if native.index != nil { return SyncMapping.task(native, position: 0) }
        // No index in the answer: the task's place in the list says it.
        let all = try await orderedTasks(of: jobID)
        return all.first { $0.id == taskID } ?? SyncMapping.task(native, position: 0)
    }

    /// Adds a task at the end of the job.
    public func addTask(_ definition: TaskDefinition, to jobID: JobID) async throws -> JobTask {
        try await stamping(.addTask) {
            try definition.validate(for: descriptor)
            let query = SyncMapping.query(for: definition)
            let before = try await client.tasks(of: jobID.rawValue).collect()
            let body = SyncTaskSettings(query: query, isActive: definition.isActive)
            // The task that appeared since `before` with this query, if any.
            let appeared = { () async throws -> SyncTask? in
                try await client.tasks(of: jobID.rawValue).collect().first { task in
                    task.query == query && !before.contains { $0.id == task.id }
                }
            }
            let added = try await recovery.perform(
                .addTask, provider: descriptor.name, checking: "the tasks of job \(jobID)"
            ) { () -> SyncTask? in
                try await client.addTask(body, to: jobID.rawValue)
            } check: { () -> WriteCheck<SyncTask?> in
                guard let task = try await appeared() else { return .didNotTakeEffect }
                return .tookEffect(task)
            }
            // Added: reads from here on only add what they know.
            let found: SyncTask?
            if let added {
                found = added
            } else {
                found = try await recovery.readAfterWrite { try await appeared() } ?? nil
            }
            let all = try await recovery.readAfterWrite { try await orderedTasks(of: jobID) } ?? []
            if let found {
                return all.first { $0.id.rawValue == found.id } ?? SyncMapping.task(found, position: before.count)
            }
            guard let last = all.last(where: { $0.query == query }) else {
                throw JobBridgeError(
                    .outcomeUncertain,
                    "the task was accepted but its id could not be read; check the tasks of job \(jobID)",
                    outcome: .maybeActed)
            }
            return last
        }
    }

    /// Changes a task (its position is kept).
    public func updateTask(_ taskID: TaskID, of jobID: JobID, with update: TaskUpdate) async throws -> JobTask {
        try await stamping(.updateTask) {
            try update.validate(for: descriptor)
            let current = try await client.task(taskID.rawValue, of: jobID.rawValue)
            var settings = current.settings
            if let query = update.query { settings.query = query }
            if let table = update.table { settings.query = SyncMapping.query(for: TaskDefinition(table: table)) }
            if let isActive = update.isActive { settings.isActive = isActive }
            guard settings != current.settings else { return try await readTask(taskID, of: jobID) }
            if settings.index == nil { settings.index = try await readTask(taskID, of: jobID).index }
            try await client.updateTask(taskID.rawValue, of: jobID.rawValue, settings)
            var updated = current
            updated.settings = settings
            return try await recovery.readAfterWrite { try await readTask(taskID, of: jobID) }
                ?? SyncMapping.task(updated, position: settings.index ?? 0)
        }
    }

    /// Deletes a task; the tasks after it move up.
    public func deleteTask(_ taskID: TaskID, of jobID: JobID) async throws {
        try await stamping(.deleteTask) {
            try await recovery.perform(
                .deleteTask, provider: descriptor.name, checking: "task \(taskID) of job \(jobID)"
            ) {
                try await client.deleteTask(taskID.rawValue, of: jobID.rawValue, retrying: false)
            } check: {
                try await .gone { _ = try await client.task(taskID.rawValue, of: jobID.rawValue) }
            }
        }
    }

    /// Moves a task and returns every task in its new order.
    public func moveTask(_ taskID: TaskID, of jobID: JobID, to index: Int) async throws -> [JobTask] {
        try await stamping(.moveTask) {
            let current = try await orderedTasks(of: jobID)
            guard let task = current.first(where: { $0.id == taskID }) else {
                throw JobBridgeError(.notFound, "job \(jobID) has no task \(taskID)")
            }
            guard current.indices.contains(index) else {
                throw JobBridgeError(
                    .invalidRequest, "index \(index) is outside 0..<\(current.count)", field: "index")
            }
            guard task.index != index else { return current }
            try await recovery.perform(.moveTask, provider: descriptor.name, checking: "the tasks of job \(jobID)") {
                try await client.moveTask(taskID.rawValue, of: jobID.rawValue, from: task.index, to: index)
            } check: {
                try await orderedTasks(of: jobID).first { $0.id == taskID }?.index == index
                    ? .tookEffect(()) : .didNotTakeEffect
            }
            guard let moved = try await recovery.readAfterWrite({ try await orderedTasks(of: jobID) }) else {
                var order = current
                order.remove(at: task.index)
                order.insert(task, at: index)
                return order.enumerated().map { position, task in
                    var task = task
                    task.index = position
                    return task
                }
            }
            return moved
        }
    }

    /// The task's runs, newest first.
    public func taskRuns(of taskID: TaskID, job jobID: JobID) async throws -> [JobRun] {
        try await stamping(.taskHistory) {
            let history = try await client.taskHistory(of: taskID.rawValue, job: jobID.rawValue).collect()
            return SyncMapping.newestFirst(history.map { SyncMapping.run($0, jobID: jobID) })
        }
    }

    // MARK: Helpers

    /// The core's rule for writes, with the client's retry policy and clock.
    private var recovery: WriteRecovery { client.rest.writeRecovery }

    /// The job, read with `GET /jobs/{id}` (not in Sync's documents), or from the
    /// workspace's documented listing when the server lacks that route. A job of another
    /// workspace is not found.
    ///
    /// A `405` or `501` says the route is missing. A `404` is ambiguous (no such job, or no
    /// such route): until the route has answered once, it is confirmed through the listing,
    /// and a job the listing has proves the route missing. What is learnt is remembered
    /// (``SyncJobRoute``), so a server without the route costs one wasted request, not one
    /// per read, and a server with it never lists on a missing job again.
    func nativeJob(_ id: String) async throws -> SyncJob {
        let route = jobRoute.state
        if route == .absent { return try await listedJob(id) }
        let job: SyncJob
        do {
            job = try await client.job(id)
        } catch let error as JobBridgeError where error.httpStatus == 405 || error.httpStatus == 501 {
            jobRoute.learn(.absent)
            return try await listedJob(id)
        } catch let error as JobBridgeError where error.httpStatus == 404 && route == .unknown {
            guard let listed = try await listedJobIfAny(id) else { throw error }
            jobRoute.learn(.absent)
            return listed
        }
        if route == .unknown { jobRoute.learn(.present) }
        if let workspace = job.workspaceID, workspace != workspaceID { throw notFound(id) }
        return job
    }

    /// The job from the workspace's listing, or not found.
    private func listedJob(_ id: String) async throws -> SyncJob {
        guard let listed = try await listedJobIfAny(id) else { throw notFound(id) }
        return listed
    }

    /// The job from the workspace's listing, if it is there.
    private func listedJobIfAny(_ id: String) async throws -> SyncJob? {
        try await client.jobs(inWorkspace: workspaceID).collect().first(where: { $0.id == id })
    }

    private func notFound(_ id: String) -> JobBridgeError {
        JobBridgeError(.notFound, "workspace \(workspaceID) has no job \(id)", outcome: .answered)
    }

    /// The id of a connection reference: its id, or the id of the workspace's one
    /// connection with its name.
    private func connectionID(_ ref: ConnectionRef?, field: String) async throws -> String? {
        guard let ref else { return nil }
        if let id = ref.id, !id.rawValue.isEmpty { return id.rawValue }
        let name = ref.name ?? ""
        let matches = try await client.connections(inWorkspace: workspaceID).collect().filter { $0.name == name }
        guard matches.count == 1, let match = matches.first else {
            throw JobBridgeError(
                .invalidDefinition,
                matches.isEmpty
                    ? "workspace \(workspaceID) has no connection named '\(name)'"
                    : "workspace \(workspaceID) has \(matches.count) connections named '\(name)'; give the id",
                field: "\(field).name")
        }
        return match.id
    }

    /// Refuses a change of a connection that Sync sets at creation only.
    private func checkUnchanged(_ ref: ConnectionRef?, _ current: String?, field: String) async throws {
        guard let ref, try await connectionID(ref, field: field) != current else { return }
        throw JobBridgeError(
            .invalidDefinition, "CData Sync sets a job's \(field) connection when it is created only", field: field)
    }
}
