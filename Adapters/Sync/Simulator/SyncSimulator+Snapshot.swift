import Foundation
import JobBridge
import JobBridgeSimulation

extension SyncSimulator {
    /// Everything the simulator holds (workspaces, connections, jobs with their tasks and
    /// runs, the id counters) as one JSON value, so that a served simulator can keep its
    /// state in a file and find it again after a restart. The configuration (token, page
    /// size, timings, outcome rule) is not part of it.
    public func snapshot() async throws -> JSONValue {
        try await state.snapshot()
    }

    /// Replaces everything the simulator holds with a ``snapshot()``.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the value is not a snapshot of a
    ///   Sync simulator.
    public func restore(_ snapshot: JSONValue) async throws {
        try await state.restore(snapshot)
    }
}

/// The stored form of a ``SyncSimulatorState``.
struct SyncSimulatorSnapshot: Codable {
    struct Workspace: Codable {
        var id: String
        var name: String
    }

    struct Connection: Codable {
        var id: String
        var name: String
        var workspace: String
    }

    struct TaskEntry: Codable {
        var id: String
        var query: String
        var isActive: Bool
        var extra: [String: JSONValue]
    }

    struct Run: Codable {
        var id: String
        var requestedAt: Date
        var taskIDs: [String]
        /// Records per task when the run succeeds; `nil` when it fails.
        var records: Int64?
        /// The failure message when the run fails.
        var failure: String?
        var cancelledAt: Date?
    }

    struct Job: Codable {
        var id: String
        var workspace: String
        var members: [String: JSONValue]
        var tasks: [TaskEntry]
        var runs: [Run]
        var createdAt: Date
        var modifiedAt: Date
    }

    var workspaces: [Workspace]
    var connections: [Connection]
    /// Jobs in listing order.
    var jobs: [Job]
    var nextTaskID: UInt64
    var nextJobNumber: UInt64
    var nextRunID: UInt64
}

extension SyncSimulatorState {
    func snapshot() throws -> JSONValue {
        let stored = SyncSimulatorSnapshot(
            workspaces: workspaces.map { .init(id: $0.id, name: $0.name) },
            connections: connections.map { .init(id: $0.id, name: $0.name, workspace: $0.workspace) },
            jobs: order.compactMap { jobs[$0] }.map { job in
                SyncSimulatorSnapshot.Job(
                    id: job.id, workspace: job.workspace, members: job.members,
                    tasks: job.tasks.map { .init(id: $0.id, query: $0.query, isActive: $0.isActive, extra: $0.extra) },
                    runs: job.runs.map { run in
                        var stored = SyncSimulatorSnapshot.Run(
                            id: run.id, requestedAt: run.requestedAt, taskIDs: run.taskIDs, cancelledAt: run.cancelledAt
                        )
                        switch run.outcome {
                        case .succeeded(let records): stored.records = records
                        case .failed(let message): stored.failure = message
                        }
                        return stored
                    }, createdAt: job.createdAt, modifiedAt: job.modifiedAt)
            }, nextTaskID: nextTaskID, nextJobNumber: nextJobNumber, nextRunID: nextRunID)
        return try JSONValue(data: JSONEncoder().encode(stored))
    }

    func restore(_ snapshot: JSONValue) throws {
        let stored: SyncSimulatorSnapshot
        do {
            stored = try JSONDecoder().decode(SyncSimulatorSnapshot.self, from: snapshot.data())
        } catch {
            throw JobBridgeError(.badResponse, "the value is not a snapshot of a Sync simulator: \(error)")
        }
        workspaces = stored.workspaces.map { ($0.id, $0.name) }
        connections = stored.connections.map { ($0.id, $0.name, $0.workspace) }
        jobs = [:]
        order = []
        for job in stored.jobs where jobs[job.id] == nil {
            order.append(job.id)
            jobs[job.id] = StoredJob(
                id: job.id, workspace: job.workspace, members: job.members,
                tasks: job.tasks.map { StoredTask(id: $0.id, query: $0.query, isActive: $0.isActive, extra: $0.extra) },
                runs: job.runs.map { run in
                    StoredRun(
                        id: run.id, requestedAt: run.requestedAt, taskIDs: run.taskIDs,
                        outcome: run.failure.map { .failed($0) } ?? .succeeded(recordsPerTask: run.records ?? 0),
                        cancelledAt: run.cancelledAt)
                }, createdAt: job.createdAt, modifiedAt: job.modifiedAt)
        }
        nextTaskID = stored.nextTaskID
        nextJobNumber = stored.nextJobNumber
        nextRunID = stored.nextRunID
    }
}
