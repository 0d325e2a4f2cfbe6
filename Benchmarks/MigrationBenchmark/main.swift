// jobbridge-migration-bench: what applying a migration plan costs when every call takes
// 20 ms, and how memory grows with the plan.
//
// 1,000 CData Sync jobs are planned (with the planner, no latency) to NX1 and applied by
// the engine at its default concurrency (ExecutionOptions.defaultConcurrency) through a
// transport that sleeps 20 ms (a real Task.sleep) before every call to either simulator.
// Figures: the calls apply made, its wall time, and the bound calls × 20 ms ÷ concurrency
// (goal: wall ≤ 1.2 × bound); the peak memory (VmHWM) of a child process applying 1,000
// and one applying 5,000 jobs (goal: 5,000 ≤ 2 × 1,000: the engine streams), measured over
// apply (the peak is reset after seeding and planning; the whole process's peak, which
// includes the simulators' data and the planner, is printed too). The journal is a real
// file in a temporary folder, flushed per record (the default).
//
// Run: swift run -c release jobbridge-migration-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting

let latency = Duration.milliseconds(20)
let arguments = CommandLine.arguments

/// What one child run measured.
struct ChildFigures: Codable {
    var jobs: Int
    var calls: Int
    var wallSeconds: Double
    var boundSeconds: Double
    var planSeconds: Double
    var migrated: Int
    var peakMemoryMB: Double
    var processPeakMemoryMB: Double
    var residentBeforeApplyMB: Double
}

if let index = arguments.firstIndex(of: "--child"), index + 1 < arguments.count, let jobs = Int(arguments[index + 1]) {
    let figures = try await runMigration(jobs: jobs)
    print(String(decoding: try JSONEncoder().encode(figures), as: UTF8.self))
} else {
    let small = try runChild(jobs: 1_000)
    let large = try runChild(jobs: 5_000)
    var report = BenchReport(name: "jobbridge-migration-bench")
    report.note("direction", "CData Sync → NX1 (simulators)")
    report.note("latency_per_call", "20 ms")
    report.note("concurrency", String(ExecutionOptions.defaultConcurrency))
    report.add("calls_1000", Double(small.calls), "calls made by apply, 1,000 jobs")
    report.add("wall_s_1000", small.wallSeconds, "apply wall time, 1,000 jobs (s)")
    report.add("bound_s_1000", small.boundSeconds, "bound: calls × 20 ms ÷ concurrency (s)")
    report.add("ratio_vs_bound", small.wallSeconds / small.boundSeconds, "wall ÷ bound, 1,000 jobs", goalMax: 1.2)
    report.add("plan_s_1000", small.planSeconds, "plan time, 1,000 jobs, no latency (s)")
    report.add("calls_5000", Double(large.calls), "calls made by apply, 5,000 jobs")
    report.add("wall_s_5000", large.wallSeconds, "apply wall time, 5,000 jobs (s)")
    report.add("bound_s_5000", large.boundSeconds, "bound, 5,000 jobs (s)")
    report.add("ratio_vs_bound_5000", large.wallSeconds / large.boundSeconds, "wall ÷ bound, 5,000 jobs")
    report.add("plan_s_5000", large.planSeconds, "plan time, 5,000 jobs, no latency (s)")
    report.add("peak_memory_mb_1000", small.peakMemoryMB, "peak memory during apply (VmHWM), 1,000 jobs (MB)")
    report.add("peak_memory_mb_5000", large.peakMemoryMB, "peak memory during apply (VmHWM), 5,000 jobs (MB)")
    report.add("resident_before_apply_mb_1000", small.residentBeforeApplyMB, "resident before apply, 1,000 (MB)")
    report.add("resident_before_apply_mb_5000", large.residentBeforeApplyMB, "resident before apply, 5,000 (MB)")
    report.add("process_peak_memory_mb_1000", small.processPeakMemoryMB, "process peak incl. planning, 1,000 (MB)")
    report.add("process_peak_memory_mb_5000", large.processPeakMemoryMB, "process peak incl. planning, 5,000 (MB)")
    report.add(
        "memory_ratio_5000_vs_1000", large.peakMemoryMB / max(small.peakMemoryMB, 0.001),
        "peak memory 5,000 ÷ 1,000", goalMax: 2)
    report.add("migrated_1000", Double(small.migrated), "jobs migrated, 1,000 planned")
    report.add("migrated_5000", Double(large.migrated), "jobs migrated, 5,000 planned")
    report.print()
}

/// Runs this executable with `--child <jobs>` and reads its figures.
func runChild(jobs: Int) throws -> ChildFigures {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["--child", String(jobs)]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let line = data.split(separator: 0x0A).last else {
        throw JobBridgeError(
            .configuration, "the child run of \(jobs) jobs failed (status \(process.terminationStatus))")
    }
    return try JSONDecoder().decode(ChildFigures.self, from: Data(line))
}

/// Seeds `jobs` Sync jobs, plans them to NX1, applies the plan with 20 ms per call.
func runMigration(jobs: Int) async throws -> ChildFigures {
    let clock = SimulatedClock()
    let workspace = "ws-main"
    let sync = SyncSimulator(configuration: .init(token: "bench", pageSize: 500), now: clock.dateSource)
    await sync.addWorkspace(id: workspace, name: "Main")
    await sync.addConnection(id: "c-sf", name: "Salesforce", workspace: workspace)
    await sync.addConnection(id: "c-pg", name: "Warehouse", workspace: workspace)
    for index in 0..<jobs {
        await sync.seedJob(
            [
                "name": .string(String(format: "Job %05d", index)), "type": "Standard",
                "source_connection_id": "c-sf", "destination_connection_id": "c-pg",
                "schedule": ["enabled": .bool(index % 3 != 2), "cron": "0 * * * ?"], "use_gmt_datetime": true,
                "queries": ["REPLICATE [Account]"],
            ], workspace: workspace)
    }
    let nx1 = NX1Simulator(clock: clock)
    let counter = CallCounter()
    guard let syncURL = URL(string: "https://sync.bench.example/api.rsc/v2") else {
        throw JobBridgeError(.configuration, "the benchmark's base URL is invalid")
    }
    func providers(delay: Duration?) throws -> (SyncProvider, NX1Provider) {
        let syncClient = try SyncClient(
            baseURL: syncURL, credentials: SyncClient.tokenCredentials(Secret("bench")),
            transport: Slow(server: sync, delay: delay, counter: counter))
        let nx1Client = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"),
            transport: Slow(server: nx1, delay: delay, counter: counter))
        return (SyncProvider(client: syncClient, workspaceID: workspace), NX1Provider(client: nx1Client))
    }
    let mapping = ConnectionMapping(connections: ["c-sf": "salesforce", "c-pg": "warehouse"])
    let wall = ContinuousClock()
    let (planSource, planTarget) = try providers(delay: nil)
    let planStart = wall.now
    let plan = try await JobBridgeMigration.plan(from: planSource, to: planTarget, mapping: mapping)
    let planSeconds = Timing.seconds(planStart.duration(to: wall.now))

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jobbridge-migration-bench-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (source, target) = try providers(delay: latency)
    let engine = MigrationEngine(
        source: source, target: target,
        options: ExecutionOptions(synchronizesJournal: !arguments.contains("--no-fsync")))
    let drain = Task { for await _ in engine.events {} }
    counter.reset()
    let processPeak = peakMemoryMB()
    resetPeakMemory()
    let before = peakMemoryMB()
    let start = wall.now
    let report = try await engine.apply(plan, journal: folder.appendingPathComponent("plan.journal"), mapping: mapping)
    let seconds = Timing.seconds(start.duration(to: wall.now))
    engine.finishEvents()
    await drain.value
    let calls = counter.count
    return ChildFigures(
        jobs: jobs, calls: calls, wallSeconds: seconds,
        boundSeconds: Double(calls) * Timing.seconds(latency) / Double(ExecutionOptions.defaultConcurrency),
        planSeconds: planSeconds, migrated: report.totals.migrated, peakMemoryMB: peakMemoryMB(),
        processPeakMemoryMB: max(processPeak, peakMemoryMB()), residentBeforeApplyMB: before)
}

/// The process's peak resident memory (VmHWM), in MB; 0 where /proc is absent.
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return digits / 1024
    }
    return 0
}

/// Resets the peak (VmHWM) to the current resident memory, so that the next reading is the
/// peak of what follows (Linux: `5` written to /proc/self/clear_refs).
func resetPeakMemory() {
    try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
}

/// Counts calls.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0

    func add() { lock.withLock { calls += 1 } }
    func reset() { lock.withLock { calls = 0 } }
    var count: Int { lock.withLock { calls } }
}

/// A transport that waits before every call (a real sleep: the benchmark measures wall time).
struct Slow: HTTPTransport {
    let server: any HTTPTransport
    let delay: Duration?
    let counter: CallCounter

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        counter.add()
        if let delay { try await Task.sleep(for: delay) }
        return try await server.send(request)
    }
}
