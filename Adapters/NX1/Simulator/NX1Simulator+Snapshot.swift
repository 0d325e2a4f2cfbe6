import Foundation
import JobBridge
import JobBridgeSimulation

extension NX1Simulator {
    /// Everything the simulator holds (jobs, soft-deleted ones included, runs in
    /// progress, run outcomes set by tests) as one JSON value, so that a
    /// served simulator can keep its state in a file and find it again after a restart.
    /// The configuration and the issued tokens (credentials) are not part of it.
    public func snapshot() async throws -> JSONValue {
        try await state.snapshot()
    }

    /// Replaces everything the simulator holds with a ``snapshot()``. The id generator is
    /// seeded again from the configuration's seed and the restored ids, so that new ids do
    /// not repeat the ones handed out before the snapshot.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the value is not a snapshot of an
    ///   NX1 simulator.
    public func restore(_ snapshot: JSONValue) async throws {
        try await state.restore(snapshot)
    }
}

/// The stored form of an ``NX1SimulatorState``.
struct NX1SimulatorSnapshot: Codable {
    struct Run: Codable {
        var id: String
        var startAt: Date
        var endAt: Date
        /// The failure message when the run fails; `nil` when it completes.
        var failure: String?
    }

    struct Outcome: Codable {
        var id: String
        var failure: String?
    }

    /// Jobs in listing order.
    var jobs: [[String: JSONValue]]
    var runs: [Run]
    var outcomes: [Outcome]
}

extension NX1SimulatorState {
    func snapshot() throws -> JSONValue {
        func failure(_ outcome: NX1Simulator.RunOutcome) -> String? {
            if case .failed(let message) = outcome { return message }
            return nil
        }
        let stored = NX1SimulatorSnapshot(
            jobs: order.compactMap { jobs[$0] },
            runs: runs.sorted { $0.key < $1.key }.map {
                .init(id: $0.key, startAt: $0.value.startAt, endAt: $0.value.endAt, failure: failure($0.value.outcome))
            },
            outcomes: outcomes.sorted { $0.key < $1.key }.map { .init(id: $0.key, failure: failure($0.value)) })
        return try JSONValue(data: JSONEncoder().encode(stored))
    }

    func restore(_ snapshot: JSONValue) throws {
        let stored: NX1SimulatorSnapshot
        do {
            stored = try JSONDecoder().decode(NX1SimulatorSnapshot.self, from: snapshot.data())
        } catch {
            throw JobBridgeError(.badResponse, "the value is not a snapshot of an NX1 simulator: \(error)")
        }
        func outcome(_ failure: String?) -> NX1Simulator.RunOutcome {
            failure.map { .failed(message: $0) } ?? .completed
        }
        order = []
        jobs = [:]
        // FNV-1a over the restored ids: new ids come from another stream than the old ones.
        var mix: UInt64 = 0xcbf2_9ce4_8422_2325
        for job in stored.jobs {
            guard let id = job["id"]?.stringValue else { continue }
            if jobs[id] == nil { order.append(id) }
            jobs[id] = job
            for byte in id.utf8 { mix = (mix ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        generator = SplitMix64(seed: configuration.seed ^ mix)
        runs = Dictionary(
            stored.runs.map { ($0.id, Run(startAt: $0.startAt, endAt: $0.endAt, outcome: outcome($0.failure))) },
            uniquingKeysWith: { first, _ in first })
        outcomes = Dictionary(
            stored.outcomes.map { ($0.id, outcome($0.failure)) }, uniquingKeysWith: { first, _ in first })
        // Issued tokens are not kept (a state file holds no credential): clients renew after a 401.
        tokens = [:]
    }
}
