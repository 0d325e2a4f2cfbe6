import Foundation
import JobBridge
import JobBridgeSimulation

extension ConnectSimulator {
    /// Everything the simulator holds (jobs and their latest runs, connections, the cache
    /// connection, the outcome of the next runs, the id counter) as one JSON value, so
    /// that a served simulator can keep its state in a file and find it again after a
    /// restart. Accepted tokens and pending hosted-page flows are not part of it.
    public func snapshot() async throws -> JSONValue {
        try await state.snapshot()
    }

    /// Replaces everything the simulator holds with a ``snapshot()``.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the value is not a snapshot of a
    ///   Connect simulator.
    public func restore(_ snapshot: JSONValue) async throws {
        try await state.restore(snapshot)
    }
}

/// The stored form of a Connect ``SimulatorState``.
struct ConnectSimulatorSnapshot: Codable {
    struct Run: Codable {
        var queuedAt: Date
        var outcome: String
        var rows: Int64
        var stoppedAt: Date?
    }

    struct Job: Codable {
        var id: String
        var members: [String: JSONValue]
        var run: Run?
    }

    /// Jobs in listing order.
    var jobs: [Job]
    /// Connections in listing order.
    var connections: [[String: JSONValue]]
    var cacheConnection: [String: JSONValue]?
    var nextOutcome: String
    var dataSources: [String]
    var counter: Int
}

extension SimulatorState {
    func snapshot() throws -> JSONValue {
        let stored = ConnectSimulatorSnapshot(
            jobs: jobOrder.compactMap { id in
                jobs[id].map { record in
                    ConnectSimulatorSnapshot.Job(
                        id: id, members: record.members,
                        run: record.run.map {
                            .init(queuedAt: $0.queuedAt, outcome: $0.outcome, rows: $0.rows, stoppedAt: $0.stoppedAt)
                        })
                }
            }, connections: connectionOrder.compactMap { connections[$0] }, cacheConnection: cacheConnection,
            nextOutcome: nextOutcome, dataSources: dataSources, counter: counter)
        return try JSONValue(data: JSONEncoder().encode(stored))
    }

    func restore(_ snapshot: JSONValue) throws {
        let stored: ConnectSimulatorSnapshot
        do {
            stored = try JSONDecoder().decode(ConnectSimulatorSnapshot.self, from: snapshot.data())
        } catch {
            throw JobBridgeError(.badResponse, "the value is not a snapshot of a Connect simulator: \(error)")
        }
        jobs = [:]
        jobOrder = []
        for job in stored.jobs {
            insert(
                JobRecord(
                    members: job.members,
                    run: job.run.map {
                        RunRecord(queuedAt: $0.queuedAt, outcome: $0.outcome, rows: $0.rows, stoppedAt: $0.stoppedAt)
                    }), id: job.id)
        }
        connections = [:]
        connectionOrder = []
        for connection in stored.connections { insertConnection(connection) }
        cacheConnection = stored.cacheConnection
        nextOutcome = stored.nextOutcome
        dataSources = stored.dataSources
        counter = stored.counter
        flows = [:]
    }
}
