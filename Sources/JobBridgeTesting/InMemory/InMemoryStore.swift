import Foundation
import JobBridge

/// The state behind an ``InMemoryProvider``: jobs in creation order, their runs oldest
/// first. Run states are not stored but derived from the clock at every read, so that a
/// run moves queued → running → finished as the (simulated) clock moves.
actor InMemoryStore {
    struct StoredRun {
        var id: RunID
        var jobID: JobID
        var requestedAt: Date
        var taskIDs: [TaskID]
        var outcome: RunStatus.Phase
        var cancelledAt: Date?
    }

    private let configuration: InMemoryProvider.Configuration
    private let now: @Sendable () -> Date
    private var jobs: [JobID: Job] = [:]
    private var order: [JobID] = []
    private var runs: [JobID: [StoredRun]] = [:]
    private var nextNumber = 1

    init(configuration: InMemoryProvider.Configuration, now: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        self.now = now
    }

    private var name: String { configuration.name }

    private func makeID(_ prefix: String) -> String {
        defer { nextNumber += 1 }
        return "\(prefix)-\(nextNumber)"
    }

    func notFound(_ what: String, _ id: String, _ operation: JobOperation) -> JobBridgeError {
        JobBridgeError(.notFound, "no \(what) with id '\(id)'", provider: name, operation: operation)
    }

    // MARK: Jobs

    func page(token: String?) throws -> Page<Job> {
        let start = Int(token ?? "0") ?? 0
        let end = min(start + configuration.pageSize, order.count)
        let slice = start < end ? Array(order[start..<end]) : []
        return Page(slice.compactMap { try? job($0, .listJobs) }, nextToken: end < order.count ? String(end) : nil)
    }

    func job(_ id: JobID, _ operation: JobOperation = .getJob) throws -> Job {
        guard var job = jobs[id] else { throw notFound("job", id.rawValue, operation) }
        job.lastRun = runs[id]?.last.map(snapshot)
        job.nextRunAt = nextRun(of: job)
        return job
    }

    func create(_ definition: JobDefinition) throws -> Job {
        let id = JobID(makeID("job"))
        let created = now()
        let tasks = definition.tasks.enumerated().map { index, task in
            JobTask(
                id: TaskID(makeID("task")), index: index, query: task.query, table: task.table, isActive: task.isActive)
        }
        jobs[id] = Job(
            id: id, name: definition.name, kind: definition.kind, source: definition.source,
            destination: definition.destination, schedule: definition.schedule, isEnabled: definition.isEnabled,
            tasks: tasks, createdAt: created, modifiedAt: created, settings: definition.settings)
        order.append(id)
        return try job(id, .createJob)
    }

    func update(_ id: JobID, _ update: JobUpdate) throws -> Job {
        guard var job = jobs[id] else { throw notFound("job", id.rawValue, .updateJob) }
        try refuseWhileRunning(id, .updateJob)
        update.apply(to: &job)
        job.modifiedAt = now()
        jobs[id] = job
        return try self.job(id, .updateJob)
    }

    func delete(_ id: JobID) throws {
        guard jobs[id] != nil else { throw notFound("job", id.rawValue, .deleteJob) }
        try refuseWhileRunning(id, .deleteJob)
        jobs[id] = nil
        runs[id] = nil
        order.removeAll { $0 == id }
    }

    private func refuseWhileRunning(_ id: JobID, _ operation: JobOperation) throws {
        if let last = runs[id]?.last, !snapshot(last).status.isFinished {
            throw JobBridgeError(
                .conflict, "job '\(id)' is running; wait for it or cancel it first", provider: name,
                operation: operation)
        }
    }

    /// Adds a past run that ended as `phase` (a cancelled run is cancelled right after it
    /// was requested), and returns its id.
    func seedRun(of id: JobID, requestedAt: Date, phase: RunStatus.Phase) throws -> RunID {
        guard let job = jobs[id] else { throw notFound("job", id.rawValue, .runJob) }
        let stored = StoredRun(
            id: RunID(makeID("run")), jobID: id, requestedAt: requestedAt,
            taskIDs: job.tasks.filter(\.isActive).map(\.id), outcome: phase,
            cancelledAt: phase == .cancelled ? requestedAt : nil)
        runs[id, default: []].append(stored)
        return stored.id
    }

    // MARK: Runs

    func run(_ id: JobID, tasks chosen: [TaskID]?) throws -> JobRun {
        let operation: JobOperation = chosen == nil ? .runJob : .runTasks
        guard let job = jobs[id] else { throw notFound("job", id.rawValue, operation) }
        if let last = runs[id]?.last, !snapshot(last).status.isFinished {
            throw JobBridgeError(.conflict, "job '\(id)' is already running", provider: name, operation: operation)
        }
        let taskIDs: [TaskID]
        if let chosen {
            guard !chosen.isEmpty else {
                throw JobBridgeError(
                    .invalidRequest, "no tasks chosen", provider: name, operation: operation, field: "tasks")
            }
            for (index, taskID) in chosen.enumerated() where !job.tasks.contains(where: { $0.id == taskID }) {
                throw JobBridgeError(
                    .notFound, "job '\(id)' has no task '\(taskID)'", provider: name, operation: operation,
                    field: "tasks[\(index)]")
            }
            taskIDs = chosen
        } else {
            taskIDs = job.tasks.filter(\.isActive).map(\.id)
        }
        let number = (runs[id]?.count ?? 0) + 1
        let stored = StoredRun(
            id: RunID(makeID("run")), jobID: id, requestedAt: now(), taskIDs: taskIDs,
            outcome: configuration.outcome(job, number))
        runs[id, default: []].append(stored)
        return snapshot(stored)
    }

    func cancel(_ id: JobID) throws {
        guard jobs[id] != nil else { throw notFound("job", id.rawValue, .cancelRun) }
        guard let index = runs[id]?.indices.last, let last = runs[id]?[index], !snapshot(last).status.isFinished
        else {
            throw JobBridgeError(.conflict, "job '\(id)' is not running", provider: name, operation: .cancelRun)
        }
        runs[id]?[index].cancelledAt = now()
    }

    func status(_ id: JobID) throws -> JobRun? {
        guard jobs[id] != nil else { throw notFound("job", id.rawValue, .status) }
        return runs[id]?.last.map(snapshot)
    }

    func runPage(_ id: JobID, token: String?) throws -> Page<JobRun> {
        guard jobs[id] != nil else { throw notFound("job", id.rawValue, .runHistory) }
        let newestFirst = (runs[id] ?? []).reversed().map(snapshot)
        let start = Int(token ?? "0") ?? 0
        let end = min(start + configuration.pageSize, newestFirst.count)
        let slice = start < end ? Array(newestFirst[start..<end]) : []
        return Page(slice, nextToken: end < newestFirst.count ? String(end) : nil)
    }

    func run(_ runID: RunID, of id: JobID) throws -> JobRun {
        guard jobs[id] != nil else { throw notFound("job", id.rawValue, .getRun) }
        guard let stored = runs[id]?.first(where: { $0.id == runID }) else {
            throw notFound("run", runID.rawValue, .getRun)
        }
        return snapshot(stored)
    }

    func taskRuns(_ taskID: TaskID, of id: JobID) throws -> [JobRun] {
        _ = try task(taskID, of: id, .taskHistory)
        return (runs[id] ?? []).reversed().filter { $0.taskIDs.contains(taskID) }.map(snapshot)
    }

    /// The run as it stands at the clock's current time.
    private func snapshot(_ run: StoredRun) -> JobRun {
        let current = now()
        let startedAt = run.requestedAt.addingTimeInterval(configuration.queueDelay.inSeconds)
        let endedAt = startedAt.addingTimeInterval(configuration.runDuration.inSeconds)
        var result = JobRun(
            runID: run.id, jobID: run.jobID, status: .queued, requestedAt: run.requestedAt, taskIDs: run.taskIDs)
        if let cancelledAt = run.cancelledAt, cancelledAt < endedAt {
            result.status = .cancelled
            result.startedAt = cancelledAt >= startedAt ? startedAt : nil
            result.endedAt = cancelledAt
        } else if current < startedAt {
            result.status = .queued
        } else if current < endedAt {
            result.status = .running
            result.startedAt = startedAt
        } else {
            result.status = RunStatus(run.outcome)
            result.startedAt = startedAt
            result.endedAt = endedAt
            result.rowsAffected = run.outcome == .succeeded ? Int64(run.taskIDs.count) * 100 : 0
            result.message = run.outcome == .failed ? "the run failed (as configured)" : nil
        }
        if let start = result.startedAt {
            result.duration = .seconds((result.endedAt ?? current).timeIntervalSince(start))
        }
        return result
    }

    /// The next run by the cron engine; an interval without a first run counts from the
    /// job's creation.
    private func nextRun(of job: Job) -> Date? {
        guard job.isEnabled else { return nil }
        var schedule = job.schedule
        if case .interval(var interval) = schedule, interval.firstRun == nil {
            interval.firstRun = job.createdAt
            schedule = .interval(interval)
        }
        return schedule.nextRun(after: now())
    }

    // MARK: Tasks

    func tasks(of id: JobID) throws -> [JobTask] {
        guard let job = jobs[id] else { throw notFound("job", id.rawValue, .listTasks) }
        return job.tasks
    }

    func task(_ taskID: TaskID, of id: JobID, _ operation: JobOperation = .listTasks) throws -> JobTask {
        guard let job = jobs[id] else { throw notFound("job", id.rawValue, operation) }
        guard let task = job.tasks.first(where: { $0.id == taskID }) else {
            throw notFound("task", taskID.rawValue, operation)
        }
        return task
    }

    func addTask(_ definition: TaskDefinition, to id: JobID) throws -> JobTask {
        guard var job = jobs[id] else { throw notFound("job", id.rawValue, .addTask) }
        let task = JobTask(
            id: TaskID(makeID("task")), index: job.tasks.count, query: definition.query, table: definition.table,
            isActive: definition.isActive)
        job.tasks.append(task)
        jobs[id] = job
        return task
    }

    func updateTask(_ taskID: TaskID, of id: JobID, _ update: TaskUpdate) throws -> JobTask {
        var task = try task(taskID, of: id, .updateTask)
        if let query = update.query { task.query = query }
        if let table = update.table { task.table = table }
        if let isActive = update.isActive { task.isActive = isActive }
        jobs[id]?.tasks[task.index] = task
        return task
    }

    func deleteTask(_ taskID: TaskID, of id: JobID) throws {
        let task = try task(taskID, of: id, .deleteTask)
        try refuseWhileRunning(id, .deleteTask)
        jobs[id]?.tasks.remove(at: task.index)
        reindex(id)
    }

    func moveTask(_ taskID: TaskID, of id: JobID, to index: Int) throws -> [JobTask] {
        let task = try task(taskID, of: id, .moveTask)
        let count = jobs[id]?.tasks.count ?? 0
        guard (0..<count).contains(index) else {
            throw JobBridgeError(
                .invalidRequest, "index \(index) is outside 0..<\(count)", provider: name, operation: .moveTask,
                field: "index")
        }
        jobs[id]?.tasks.remove(at: task.index)
        jobs[id]?.tasks.insert(task, at: index)
        reindex(id)
        return jobs[id]?.tasks ?? []
    }

    private func reindex(_ id: JobID) {
        guard var tasks = jobs[id]?.tasks else { return }
        for index in tasks.indices { tasks[index].index = index }
        jobs[id]?.tasks = tasks
    }
}
