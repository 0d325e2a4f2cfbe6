import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeHTTPClient
import JobBridgeMigration
import JobBridgeNX1
import JobBridgeSync

/// The plan and apply processes: each talks to the served simulators over loopback through
/// the AsyncHTTPClient transport and prints its figures as one JSON line.
enum BenchChild {
    /// What the plan process measured.
    struct PlanFigures: Codable {
        var seconds: Double
        var peakMemoryMB: Double
        var fileMB: Double
    }

    /// What the apply process measured.
    struct ApplyFigures: Codable {
        var calls: Int
        var wallSeconds: Double
        var migrated: Int
        var peakMemoryMB: Double
        var residentBeforeApplyMB: Double

        /// Peak less the resident memory before apply.
        var growthMB: Double { max(0, peakMemoryMB - residentBeforeApplyMB) }
    }

    static let mapping = ConnectionMapping(connections: ["c-sf": "salesforce", "c-pg": "warehouse"])

    /// Prints figures as one JSON line (the parent reads the last line).
    static func emit(_ figures: some Encodable) throws {
        print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
    }

    /// The two providers, through a transport that counts calls.
    static func providers(root: String, counter: CallCounter) throws -> (SyncProvider, NX1Provider) {
        guard let base = URL(string: root), let syncURL = URL(string: root + "/api.rsc/v2") else {
            throw JobBridgeError(.configuration, "the simulator's URL '\(root.prefix(80))' is invalid")
        }
        let transport = Counting(inner: AsyncHTTPClientTransport.shared, counter: counter)
        let sync = try SyncClient(
            baseURL: syncURL, credentials: SyncClient.tokenCredentials(Secret(BenchServer.token)), transport: transport)
        let nx1 = try NX1Client(baseURL: base, credentials: NX1Auth.preSharedKey("simulator-psk"), transport: transport)
        return (SyncProvider(client: sync, workspaceID: BenchServer.workspace), NX1Provider(client: nx1))
    }

    /// Plans every Sync job to NX1, written to `file` job by job.
    static func plan(root: String, file: String) async throws -> PlanFigures {
        let (source, target) = try providers(root: root, counter: CallCounter())
        let url = URL(fileURLWithPath: file)
        let clock = ContinuousClock()
        let start = clock.now
        try await JobBridgeMigration.plan(from: source, to: target, mapping: mapping, writingTo: url)
        let seconds = Timing.seconds(start.duration(to: clock.now))
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.doubleValue ?? 0
        return PlanFigures(
            seconds: seconds, peakMemoryMB: ProcessMemory.peakMB(), fileMB: size / 1_048_576)
    }

    /// Applies the plan file with the engine's defaults; the journal goes beside it.
    static func apply(root: String, file: String) async throws -> ApplyFigures {
        let counter = CallCounter()
        let (source, target) = try providers(root: root, counter: counter)
        let plan = try MigrationPlanFile(at: URL(fileURLWithPath: file))
        let engine = MigrationEngine(source: source, target: target)
        let drain = Task { for await _ in engine.events {} }
        let before = ProcessMemory.residentMB()
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await engine.apply(
            plan, journal: URL(fileURLWithPath: file + ".journal"), mapping: mapping)
        let seconds = Timing.seconds(start.duration(to: clock.now))
        engine.finishEvents()
        await drain.value
        return ApplyFigures(
            calls: counter.count, wallSeconds: seconds, migrated: report.totals.migrated,
            peakMemoryMB: ProcessMemory.peakMB(), residentBeforeApplyMB: before)
    }
}

/// Counts calls.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0

    func add() { lock.withLock { calls += 1 } }
    var count: Int { lock.withLock { calls } }
}

/// A transport that counts the calls it passes on.
struct Counting: HTTPTransport {
    let inner: any HTTPTransport
    let counter: CallCounter

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        counter.add()
        return try await inner.send(request)
    }
}
