import Foundation
import JobBridge
import JobBridgeSimulation

/// The task routes: list, read, add, update, delete, move, last runs and task history.
extension SyncSimulatorState {
    func listTasks(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        guard let job = jobs[id] else { return notFound("job", id) }
        return page(job.tasks.enumerated().map { taskJSON($1, index: $0, job: id) }, request)
    }

    func getTask(_ id: String, _ taskID: String) -> SimulatorResponse {
        guard let job = jobs[id] else { return notFound("job", id) }
        guard let index = job.tasks.firstIndex(where: { $0.id == taskID }) else { return notFound("task", taskID) }
        return .json(200, taskJSON(job.tasks[index], index: index, job: id))
    }

    func addTask(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        guard var job = jobs[id] else { return notFound("job", id) }
        guard case .object(var members)? = try? request.json() else { return invalid("the body must be a JSON object") }
        guard let query = members.removeValue(forKey: "query")?.stringValue,
            !query.trimmingWhitespace().isEmpty
        else { return invalid("'query' is required") }
        let active = members.removeValue(forKey: "is_active") ?? true
        guard let isActive = active.boolValue else { return invalid("'is_active' must be a Boolean") }
        members.removeValue(forKey: "index")
        members.removeValue(forKey: "id")
        var task = makeTask(query)
        task.isActive = isActive
        task.extra = members
        job.tasks.append(task)
        jobs[id] = job
        return .json(201, taskJSON(task, index: job.tasks.count - 1, job: id))
    }

    func updateTask(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        let taskID = request.param("task")
        guard var job = jobs[id] else { return notFound("job", id) }
        guard var index = job.tasks.firstIndex(where: { $0.id == taskID }) else { return notFound("task", taskID) }
        guard case .object(var members)? = try? request.json() else { return invalid("the body must be a JSON object") }
        var task = job.tasks[index]
        if let value = members.removeValue(forKey: "query") {
            guard let query = value.stringValue, !query.trimmingWhitespace().isEmpty else {
                return invalid("'query' must be a non-empty string")
            }
            task.query = query
        }
        if let value = members.removeValue(forKey: "is_active") {
            guard let isActive = value.boolValue else { return invalid("'is_active' must be a Boolean") }
            task.isActive = isActive
        }
        var target = index
        if let value = members.removeValue(forKey: "index") {
            guard let wanted = value.intValue.flatMap({ Int(exactly: $0) }), job.tasks.indices.contains(wanted) else {
                return invalid("'index' must be between 0 and \(job.tasks.count - 1)")
            }
            target = wanted
        }
        members.removeValue(forKey: "id")
        members.removeValue(forKey: "job_id")
        for (key, value) in members { task.extra[key] = value }
        job.tasks.remove(at: index)
        job.tasks.insert(task, at: target)
        index = target
        jobs[id] = job
        return .json(200, taskJSON(task, index: index, job: id))
    }

    func deleteTask(_ id: String, _ taskID: String) -> SimulatorResponse {
        guard var job = jobs[id] else { return notFound("job", id) }
        guard let index = job.tasks.firstIndex(where: { $0.id == taskID }) else { return notFound("task", taskID) }
        if let run = job.runs.last, !view(run).finished, run.taskIDs.contains(taskID) {
            return runningRefusal("task \(taskID) is running; it cannot be deleted until the job finishes")
        }
        job.tasks.remove(at: index)
        jobs[id] = job
        return .empty(204)
    }

    func moveTask(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        let taskID = request.param("task")
        guard var job = jobs[id] else { return notFound("job", id) }
        guard let index = job.tasks.firstIndex(where: { $0.id == taskID }) else { return notFound("task", taskID) }
        guard case .object(let members)? = try? request.json(),
            let from = members["from_index"]?.intValue, let to = members["to_index"]?.intValue
        else { return invalid("'from_index' and 'to_index' are required integers") }
        guard from == Int64(index) else { return invalid("task \(taskID) is at index \(index), not \(from)") }
        guard let target = Int(exactly: to), job.tasks.indices.contains(target) else {
            return invalid("'to_index' must be between 0 and \(job.tasks.count - 1)")
        }
        let task = job.tasks.remove(at: index)
        job.tasks.insert(task, at: target)
        jobs[id] = job
        return .json(200, ["value": .array(job.tasks.enumerated().map { taskJSON($1, index: $0, job: id) })])
    }

    func lastRuns(_ id: String) -> SimulatorResponse {
        guard let job = jobs[id] else { return notFound("job", id) }
        let entries = job.tasks.compactMap { task -> JSONValue? in
            guard let run = job.runs.last(where: { $0.taskIDs.contains(task.id) }) else { return nil }
            return taskEntry(run, task: task, of: job)
        }
        return .json(200, ["value": .array(entries)])
    }

    func taskHistory(_ request: SimulatorRequest) -> SimulatorResponse {
        let id = request.param("job")
        let taskID = request.param("task")
        guard let job = jobs[id] else { return notFound("job", id) }
        guard let task = job.tasks.first(where: { $0.id == taskID }) else { return notFound("task", taskID) }
        let entries = job.runs.reversed().filter { $0.taskIDs.contains(taskID) }.map {
            taskEntry($0, task: task, of: job)
        }
        return page(entries, request)
    }
}
