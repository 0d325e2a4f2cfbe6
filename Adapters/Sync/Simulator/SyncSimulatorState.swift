import Foundation
import JobBridge
import JobBridgeSimulation

/// The state behind a ``SyncSimulator`` and the handlers of its routes, on raw JSON.
/// Run states are derived from the clock at every read, so a run moves on as the
/// (simulated) clock moves.
actor SyncSimulatorState {
    struct StoredTask {
        var id: String
        var query: String
        var isActive: Bool
        var extra: [String: JSONValue]
    }

    struct StoredRun {
        var id: String
        var requestedAt: Date
        var taskIDs: [String]
        var outcome: SyncSimulator.RunOutcome
        var cancelledAt: Date?
    }

    struct StoredJob {
        var id: String
        var workspace: String
        /// Every member as sent, unknown ones included (not `id`, `workspace_id`, `queries`).
        var members: [String: JSONValue]
        var tasks: [StoredTask]
        var runs: [StoredRun]
        var createdAt: Date
        var modifiedAt: Date
    }

    /// What a run looks like at a given time.
    struct RunView {
        var status: String
        var finished: Bool
        var endedAt: Date?
    }

    private let configuration: SyncSimulator.Configuration
    private let now: @Sendable () -> Date
    var workspaces: [(id: String, name: String)] = []
    var connections: [(id: String, name: String, workspace: String)] = []
    /// Every job by id (the task routes in `SyncSimulatorState+Tasks.swift` read it too).
    var jobs: [String: StoredJob] = [:]
    var order: [String] = []
    var nextTaskID: UInt64
    var nextJobNumber: UInt64 = 1
    var nextRunID: UInt64 = 910_000_000_000_000_001

    init(configuration: SyncSimulator.Configuration, now: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        self.now = now
        self.nextTaskID = configuration.firstTaskID
    }

    // MARK: Seeding

    func addWorkspace(id: String, name: String) {
        workspaces.removeAll { $0.id == id }
        workspaces.append((id, name))
    }

    func addConnection(id: String, name: String, workspace: String) {
        connections.removeAll { $0.id == id }
        connections.append((id, name, workspace))
    }

    func seedJob(_ json: [String: JSONValue], workspace: String) -> String {
        var members = json
        let id = members.removeValue(forKey: "id")?.stringValue ?? makeJobID()
        members.removeValue(forKey: "workspace_id")
        let queries = members.removeValue(forKey: "queries")?.arrayValue?.compactMap(\.stringValue) ?? []
        let date = now()
        jobs[id] = StoredJob(
            id: id, workspace: workspace, members: members, tasks: queries.map(makeTask), runs: [], createdAt: date,
            modifiedAt: date)
        order.append(id)
        return id
    }

    func seedRun(of id: String, requestedAt: Date, outcome: SyncSimulator.RunOutcome) -> String? {
        guard var job = jobs[id] else { return nil }
        let run = StoredRun(
            id: String(nextRunID), requestedAt: requestedAt, taskIDs: job.tasks.filter(\.isActive).map(\.id),
            outcome: outcome)
        nextRunID += 1
        job.runs.append(run)
        jobs[id] = job
        return run.id
    }

    func jobJSON(_ id: String) -> JSONValue? { jobs[id].map(json) }
    func jobCount(_ workspace: String) -> Int { jobs.values.filter { $0.workspace == workspace }.count }
    func runCount(_ id: String) -> Int { jobs[id]?.runs.count ?? 0 }

    // MARK: Workspaces and connections

    func listWorkspaces(_ request: SimulatorRequest) -> SimulatorResponse {
        page(workspaces.map { ["id": .string($0.id), "name": .string($0.name)] }, request)
    }

    func workspace(_ id: String) -> SimulatorResponse {
        guard let found = workspaces.first(where: { $0.id == id }) else { return notFound("workspace", id) }
        return .json(200, ["id": .string(found.id), "name": .string(found.name)])
    }

    func listConnections(_ request: SimulatorRequest) -> SimulatorResponse {
        let workspace = request.param("ws")
        guard workspaces.contains(where: { $0.id == workspace }) else { return notFound("workspace", workspace) }
        return page(connections.filter { $0.workspace == workspace }.map(connectionJSON), request)
    }

    func connection(_ id: String) -> SimulatorResponse {
        guard let found = connections.first(where: { $0.id == id }) else { return notFound("connection", id) }
        return .json(200, connectionJSON(found))
    }

    private func connectionJSON(_ connection: (id: String, name: String, workspace: String)) -> JSONValue {
        ["id": .string(connection.id), "name": .string(connection.name), "workspace_id": .string(connection.workspace)]
    }

    // MARK: Jobs

    func listJobs(_ request: SimulatorRequest) -> SimulatorResponse {
        let workspace = request.param("ws")
        guard workspaces.contains(where: { $0.id == workspace }) else { return notFound("workspace", workspace) }
        return page(order.compactMap { jobs[$0] }.filter { $0.workspace == workspace }.map(json), request)
    }

    func getJob(_ id: String) -> SimulatorResponse {
        guard let job = jobs[id] else { return notFound("job", id) }
        return .json(200, json(job))
    }

    func createJob(_ request: SimulatorRequest) -> SimulatorResponse {
        let workspace = request.param("ws")
        guard workspaces.contains(where: { $0.id == workspace }) else { return notFound("workspace", workspace) }
        guard case .object(var members)? = try? request.json() else { return invalid("the body must be a JSON object") }
        if let problem = WireRules.problem(in: members) { return invalid(problem) }
        for key in ["name", "type", "source_connection_id", "destination_connection_id"] where members[key] == nil {
            return invalid("'\(key)' is required")
        }
        if let problem = nameProblem(members["name"], workspace: workspace, except: nil) { return invalid(problem) }
        for key in ["source_connection_id", "destination_connection_id"] {
            let id = members[key]?.stringValue ?? ""
            guard connections.contains(where: { $0.id == id && $0.workspace == workspace }) else {
                return invalid("'\(key)': workspace \(workspace) has no connection \(id)")
            }
        }
        members.removeValue(forKey: "id")
        members.removeValue(forKey: "workspace_id")
        let queries = members.removeValue(forKey: "queries")?.arrayValue?.compactMap(\.stringValue) ?? []
        let id = makeJobID()
        let date = now()
        jobs[id] = StoredJob(
            id: id, workspace: workspace, members: members, tasks: queries.map(makeTask), runs: [], createdAt: date,
            modifiedAt: date)
        order.append(id)
        return .json(201, jobJSON(id) ?? [:])
    }

    func updateJob(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        guard var job = jobs[id] else { return notFound("job", id) }
        if isRunning(job) { return runningRefusal("job \(id) is running; it cannot be updated until it finishes") }
        guard case .object(var members)? = try? request.json() else { return invalid("the body must be a JSON object") }
        members.removeValue(forKey: "id")
        members.removeValue(forKey: "workspace_id")
        if let problem = WireRules.problem(in: members) { return invalid(problem) }
        for key in WireRules.createOnly.sorted() {
            if let value = members[key], value != job.members[key] {
                return invalid("'\(key)' is set when a job is created and cannot be changed")
            }
            members.removeValue(forKey: key)
        }
        if members["name"] != nil, let problem = nameProblem(members["name"], workspace: job.workspace, except: id) {
            return invalid(problem)
        }
        // A member left out is kept: the document's example sends only the changed ones.
        for (key, value) in members {
            if key == "schedule", case .object(let schedule) = value, case .object(var current)? = job.members[key] {
                for (member, setting) in schedule { current[member] = setting }
                job.members[key] = .object(current)
            } else {
                job.members[key] = value
            }
        }
        job.modifiedAt = now()
        jobs[id] = job
        return .json(200, json(job))
    }

    func deleteJob(_ id: String) -> SimulatorResponse {
        guard let job = jobs[id] else { return notFound("job", id) }
        if isRunning(job) { return runningRefusal("job \(id) is running; it cannot be deleted until it finishes") }
        jobs[id] = nil
        order.removeAll { $0 == id }
        return .empty(204)
    }

    // MARK: Runs

    func execute(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        guard var job = jobs[id] else { return notFound("job", id) }
        if isRunning(job) { return .error(409, code: "JOB_RUNNING", message: "job \(id) is already running") }
        var chosen: [String]?
        if !request.body.isEmpty {
            guard case .object(let members)? = try? request.json() else {
                return invalid("the body must be a JSON object")
            }
            if let tasks = members["tasks"], !tasks.isNull {
                guard case .array(let elements) = tasks else { return invalid("'tasks' must be a list of task ids") }
                let ids = elements.compactMap(\.stringValue)
                guard ids.count == elements.count else { return invalid("'tasks' must hold task ids as strings") }
                guard !ids.isEmpty else { return invalid("'tasks' is empty") }
                for taskID in ids where !job.tasks.contains(where: { $0.id == taskID }) {
                    return invalid("job \(id) has no task \(taskID)")
                }
                chosen = ids
            }
        }
        let run = StoredRun(
            id: String(nextRunID), requestedAt: now(),
            taskIDs: chosen ?? job.tasks.filter(\.isActive).map(\.id),
            outcome: configuration.outcome(id, job.runs.count + 1))
        nextRunID += 1
        job.runs.append(run)
        jobs[id] = job
        return .json(200, entry(run, of: job))
    }

    func cancel(_ id: String) -> SimulatorResponse {
        guard var job = jobs[id] else { return notFound("job", id) }
        guard let index = job.runs.indices.last, !view(job.runs[index]).finished else {
            return invalid("job \(id) is not running")
        }
        job.runs[index].cancelledAt = now()
        jobs[id] = job
        return .json(200, entry(job.runs[index], of: job))
    }

    func history(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        guard let job = jobs[id] else { return notFound("job", id) }
        return page(job.runs.reversed().map { entry($0, of: job) }, request)
    }

    func historyEntry(_ id: String, _ runID: String) -> SimulatorResponse {
        guard let job = jobs[id] else { return notFound("job", id) }
        guard let run = job.runs.first(where: { $0.id == runID }) else { return notFound("history entry", runID) }
        return .json(200, entry(run, of: job))
    }

    func status(_ id: String) -> SimulatorResponse {
        guard let job = jobs[id] else { return notFound("job", id) }
        guard let run = job.runs.last else { return .json(200, ["job_id": .string(id), "status": nil]) }
        return .json(200, entry(run, of: job))
    }

    // MARK: JSON

    private func json(_ job: StoredJob) -> JSONValue {
        var members = job.members
        members["id"] = .string(job.id)
        members["workspace_id"] = .string(job.workspace)
        members["created_at"] = .string(WireDate.format(job.createdAt))
        members["modified_at"] = .string(WireDate.format(job.modifiedAt))
        return .object(members)
    }

    func taskJSON(_ task: StoredTask, index: Int, job: String) -> JSONValue {
        var members = task.extra
        members["id"] = .string(task.id)
        members["index"] = .int(Int64(index))
        members["query"] = .string(task.query)
        members["is_active"] = .bool(task.isActive)
        return .object(members)
    }

    private func entry(_ run: StoredRun, of job: StoredJob) -> JSONValue {
        let view = self.view(run)
        var records: Int64 = 0
        var details = ""
        if view.status == "Successful", case .succeeded(let perTask) = run.outcome {
            records = perTask * Int64(run.taskIDs.count)
        }
        if view.status == "Failed", case .failed(let message) = run.outcome { details = message }
        if view.status == "Cancelled" { details = "cancelled on request" }
        return [
            "id": .string(run.id), "job_id": .string(job.id), "status": .string(view.status),
            "run_start_date": .string(WireDate.format(run.requestedAt)),
            "runtime": .int(milliseconds(from: run.requestedAt, to: view.endedAt ?? now())),
            "records_affected": .int(records), "details": .string(details),
            "tasks": .array(run.taskIDs.map(JSONValue.string)),
        ]
    }

    func taskEntry(_ run: StoredRun, task: StoredTask, of job: StoredJob) -> JSONValue {
        let whole = entry(run, of: job)
        var records: Int64 = 0
        if case .succeeded(let perTask) = run.outcome, whole["status"] == "Successful" { records = perTask }
        return [
            "id": .string("\(run.id)-\(task.id)"), "history_id": .string(run.id), "job_id": .string(job.id),
            "task_id": .string(task.id), "query": .string(task.query), "status": whole["status"] ?? nil,
            "run_start_date": whole["run_start_date"] ?? nil, "runtime": whole["runtime"] ?? nil,
            "records_affected": .int(records), "details": whole["details"] ?? nil,
        ]
    }

    func page(_ items: [JSONValue], _ request: SimulatorRequest) -> SimulatorResponse {
        let skip = max(0, request.queryValue("$skip").flatMap { Int($0) } ?? 0)
        let top = min(configuration.pageSize, max(1, request.queryValue("$top").flatMap { Int($0) } ?? .max))
        let end = min(items.count, skip + top)
        var body: [String: JSONValue] = ["value": .array(skip < end ? Array(items[skip..<end]) : [])]
        if end < items.count, var components = URLComponents(url: request.raw.url, resolvingAgainstBaseURL: false) {
            components.percentEncodedQuery = "$top=\(top)&$skip=\(end)"
            if let link = components.url?.absoluteString { body["@odata.nextLink"] = .string(link) }
        }
        return .json(200, .object(body))
    }

    // MARK: Rules

    func view(_ run: StoredRun) -> RunView {
        let current = now()
        let start = run.requestedAt.addingTimeInterval(configuration.queueDelay.inSeconds)
        let end = start.addingTimeInterval(configuration.runDuration.inSeconds)
        if let cancelled = run.cancelledAt, cancelled < end {
            return RunView(status: "Cancelled", finished: true, endedAt: cancelled)
        }
        if current < start { return RunView(status: "Starting", finished: false) }
        if current < end { return RunView(status: "Running", finished: false) }
        switch run.outcome {
        case .succeeded: return RunView(status: "Successful", finished: true, endedAt: end)
        case .failed: return RunView(status: "Failed", finished: true, endedAt: end)
        }
    }

    private func isRunning(_ job: StoredJob) -> Bool {
        guard let last = job.runs.last else { return false }
        return !view(last).finished
    }

    private func nameProblem(_ name: JSONValue?, workspace: String, except: String?) -> String? {
        guard let name = name?.stringValue, !name.trimmingWhitespace().isEmpty else {
            return "'name' must be a non-empty string"
        }
        let taken = jobs.values.contains {
            $0.workspace == workspace && $0.id != except && $0.members["name"] == .string(name)
        }
        return taken ? "workspace \(workspace) already has a job named '\(name)'" : nil
    }

    private func makeJobID() -> String {
        defer { nextJobNumber += 1 }
        let digits = String(nextJobNumber)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    func makeTask(_ query: String) -> StoredTask {
        defer { nextTaskID += 1 }
        return StoredTask(id: String(nextTaskID), query: query, isActive: true, extra: [:])
    }

    func notFound(_ what: String, _ id: String) -> SimulatorResponse {
        .error(404, code: "NOT_FOUND", message: "no \(what) with id '\(id)'")
    }

    func invalid(_ message: String) -> SimulatorResponse {
        .error(400, code: "INVALID_REQUEST", message: message)
    }

    func runningRefusal(_ message: String) -> SimulatorResponse {
        configuration.runningRefusalStatus == 409
            ? .error(409, code: "JOB_RUNNING", message: message)
            : .error(configuration.runningRefusalStatus, code: "INVALID_REQUEST", message: message)
    }

    private func milliseconds(from start: Date, to end: Date) -> Int64 {
        Int64((max(0, end.timeIntervalSince(start)) * 1000).rounded())
    }
}
