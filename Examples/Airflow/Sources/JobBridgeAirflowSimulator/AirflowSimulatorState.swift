import Foundation
import JobBridge
import JobBridgeSimulation

/// The simulated Airflow's DAGs, tasks and runs, as raw JSON, behind an actor.
actor AirflowSimulatorState {
    private struct StoredDAG {
        var object: [String: JSONValue]
        var timezone: String
        var tasks: [JSONValue]
    }

    private struct StoredRun {
        var object: [String: JSONValue]
        /// When a triggered run starts (nil while its DAG is paused); nil for seeded runs.
        var startAt: Date?
        /// Whether the run was triggered here (its state follows the clock until set).
        var isLive: Bool
        var order: Int
    }

    private let configuration: AirflowSimulator.Configuration
    private let now: @Sendable () -> Date
    private let errors: SimulatorErrorBody
    private var dags: [String: StoredDAG] = [:]
    private var runs: [String: [StoredRun]] = [:]
    private var inserted = 0

    init(
        configuration: AirflowSimulator.Configuration, now: @escaping @Sendable () -> Date, errors: SimulatorErrorBody
    ) {
        self.configuration = configuration
        self.now = now
        self.errors = errors
    }

    func insertDAG(_ dag: JSONValue, timezone: String, tasks: [JSONValue]) {
        guard let object = dag.objectValue, let id = object["dag_id"]?.stringValue else { return }
        dags[id] = StoredDAG(object: object, timezone: timezone, tasks: tasks)
    }

    func insertRun(_ run: JSONValue) {
        guard let object = run.objectValue, let dag = object["dag_id"]?.stringValue else { return }
        inserted += 1
        runs[dag, default: []].append(StoredRun(object: object, startAt: nil, isLive: false, order: inserted))
    }

    // MARK: DAGs

    func listDAGs(_ request: SimulatorRequest) -> SimulatorResponse {
        guard let window = page(request) else { return badPage }
        let (limit, offset) = window
        let ordered = dags.keys.sorted()
        let slice = ordered.dropFirst(offset).prefix(limit).compactMap { dags[$0].map { JSONValue.object($0.object) } }
        return .json(200, ["dags": .array(slice), "total_entries": .int(Int64(ordered.count))])
    }

    func dag(_ id: String, details: Bool) -> SimulatorResponse {
        guard let dag = dags[id] else { return dagNotFound(id) }
        var object = dag.object
        if details {
            object["timezone"] = .string(dag.timezone)
            object["catchup"] = object["catchup"] ?? false
        }
        return .json(200, .object(object))
    }

    func patchDAG(_ request: SimulatorRequest) throws -> SimulatorResponse {
        let id = request.param("dag")
        guard var dag = dags[id] else { return dagNotFound(id) }
        let mask = request.queryValue("update_mask")
        guard mask == nil || mask == "is_paused" else {
            return errors.response(400, "BadRequest", "Only `is_paused` field can be updated through the REST API")
        }
        guard case .bool(let paused)? = try request.json()["is_paused"] else {
            return errors.response(400, "BadRequest", "is_paused: Not a valid boolean.")
        }
        dag.object["is_paused"] = .bool(paused)
        dags[id] = dag
        if !paused {
            for index in runs[id, default: []].indices where runs[id]?[index].isLive == true {
                if runs[id]?[index].startAt == nil {
                    runs[id]?[index].startAt = now().addingTimeInterval(configuration.queueDelay.inSeconds)
                }
            }
        }
        return .json(200, .object(dag.object))
    }

    // MARK: Runs

    func listRuns(_ request: SimulatorRequest) throws -> SimulatorResponse {
        guard let window = page(request) else { return badPage }
        let (limit, offset) = window
        // Airflow filters by dag_id: an unknown DAG has no runs (no 404).
        var list = (runs[request.param("dag")] ?? []).map(view)
        let order = request.queryValue("order_by") ?? "id"
        let descending = order.hasPrefix("-")
        let key = descending ? String(order.dropFirst()) : order
        switch key {
        case "execution_date", "logical_date", "start_date":
            let field = key == "start_date" ? "start_date" : "execution_date"
            list.sort {
                let lhs = $0.object[field]?.stringValue ?? "", rhs = $1.object[field]?.stringValue ?? ""
                return lhs == rhs ? $0.order < $1.order : lhs < rhs
            }
        case "id":
            list.sort { $0.order < $1.order }
        default:
            return errors.response(
                400, "BadRequest", "Ordering with '\(key)' is disallowed or the attribute does not exist on the model")
        }
        if descending { list.reverse() }
        let slice = list.dropFirst(offset).prefix(limit).map { JSONValue.object($0.object) }
        return .json(200, ["dag_runs": .array(Array(slice)), "total_entries": .int(Int64(list.count))])
    }

    func trigger(_ request: SimulatorRequest) throws -> SimulatorResponse {
        let dagID = request.param("dag")
        guard let dag = dags[dagID] else { return dagNotFound(dagID) }
        let body = try request.json()
        let date = now()
        let runID = body["dag_run_id"]?.stringValue ?? "manual__" + Self.format(date)
        if runs[dagID, default: []].contains(where: { $0.object["dag_run_id"]?.stringValue == runID }) {
            return errors.response(
                409, "AlreadyExists", "DAGRun with DAG ID: '\(dagID)' and DAGRun ID: '\(runID)' already exists")
        }
        let paused = dag.object["is_paused"]?.boolValue ?? false
        inserted += 1
        let object: [String: JSONValue] = [
            "dag_run_id": .string(runID), "dag_id": .string(dagID), "logical_date": .string(Self.format(date)),
            "execution_date": .string(Self.format(date)), "start_date": .null, "end_date": .null,
            "data_interval_start": .string(Self.format(date)), "data_interval_end": .string(Self.format(date)),
            "run_type": "manual", "state": "queued", "external_trigger": true, "conf": body["conf"] ?? [:],
            "note": body["note"] ?? .null, "last_scheduling_decision": .null,
        ]
        let start = paused ? nil : date.addingTimeInterval(configuration.queueDelay.inSeconds)
        let run = StoredRun(object: object, startAt: start, isLive: true, order: inserted)
        runs[dagID, default: []].append(run)
        return .json(200, .object(view(run).object))
    }

    func run(_ runID: String, of dagID: String) -> SimulatorResponse {
        guard let run = runs[dagID]?.first(where: { $0.object["dag_run_id"]?.stringValue == runID }) else {
            return runNotFound(runID, dagID)
        }
        return .json(200, .object(view(run).object))
    }

    func patchRun(_ request: SimulatorRequest) throws -> SimulatorResponse {
        let dagID = request.param("dag")
        let runID = request.param("run")
        guard let index = runs[dagID]?.firstIndex(where: { $0.object["dag_run_id"]?.stringValue == runID }),
            var run = runs[dagID]?[index]
        else { return runNotFound(runID, dagID) }
        guard let state = try request.json()["state"]?.stringValue, ["success", "failed", "queued"].contains(state)
        else { return errors.response(400, "BadRequest", "state: Must be one of: success, failed, queued.") }
        run = view(run)
        run.isLive = state == "queued"
        run.object["state"] = .string(state)
        if state == "queued" {
            run.startAt = now().addingTimeInterval(configuration.queueDelay.inSeconds)
            run.object["start_date"] = .null
            run.object["end_date"] = .null
        } else {
            run.object["end_date"] = .string(Self.format(now()))
        }
        runs[dagID]?[index] = run
        return .json(200, .object(view(run).object))
    }

    // MARK: Tasks

    func tasks(of dagID: String) -> SimulatorResponse {
        guard let dag = dags[dagID] else { return dagNotFound(dagID) }
        let sorted = dag.tasks.sorted { ($0["task_id"]?.stringValue ?? "") < ($1["task_id"]?.stringValue ?? "") }
        return .json(200, ["tasks": .array(sorted), "total_entries": .int(Int64(sorted.count))])
    }

    func task(_ taskID: String, of dagID: String) -> SimulatorResponse {
        guard let dag = dags[dagID] else { return dagNotFound(dagID) }
        guard let task = dag.tasks.first(where: { $0["task_id"]?.stringValue == taskID }) else {
            return errors.response(404, "NotFound", "Task with id '\(taskID)' not found")
        }
        return .json(200, task)
    }

    // MARK: Helpers

    /// The run as it reads now: a live run's state and dates follow the clock.
    private func view(_ run: StoredRun) -> StoredRun {
        guard run.isLive else { return run }
        var run = run
        let date = now()
        guard let start = run.startAt, date >= start else {
            run.object["state"] = "queued"
            return run
        }
        let end = start.addingTimeInterval(configuration.runDuration.inSeconds)
        run.object["start_date"] = .string(Self.format(start))
        if date >= end {
            run.object["state"] = "success"
            run.object["end_date"] = .string(Self.format(end))
        } else {
            run.object["state"] = "running"
        }
        return run
    }

    /// `limit` (cut to the maximum) and `offset`, or `nil` when one is not a number of 0 or more.
    private func page(_ request: SimulatorRequest) -> (limit: Int, offset: Int)? {
        func number(_ name: String, default value: Int) -> Int? {
            guard let text = request.queryValue(name) else { return value }
            guard let number = Int(text), number >= 0 else { return nil }
            return number
        }
        guard let limit = number("limit", default: 100), let offset = number("offset", default: 0) else { return nil }
        return (min(limit, configuration.maximumPageLimit), offset)
    }

    private var badPage: SimulatorResponse {
        errors.response(400, "BadRequest", "limit and offset must be whole numbers of 0 or more")
    }

    private func dagNotFound(_ id: String) -> SimulatorResponse {
        errors.response(404, "NotFound", "DAG with dag_id: '\(id)' not found")
    }

    private func runNotFound(_ runID: String, _ dagID: String) -> SimulatorResponse {
        errors.response(404, "NotFound", "DAGRun with DAG ID: '\(dagID)' and DagRun ID: '\(runID)' not found")
    }

    /// RFC 3339 with an offset, microseconds, as Airflow writes dates (`+00:00`, not `Z`).
    static func format(_ date: Date) -> String {
        WireDate.format(date, fractionDigits: 6, timeZone: .gmt, zone: .offset)
    }
}
