// jobbridge-migration-bench: what applying a migration plan costs when every call takes
// 20 ms, and how the engine's memory grows with the plan.
//
// The simulators run in a process of their own (`--serve N`: CData Sync seeded with N jobs
// and an empty NX1, served over HTTP by JobBridgeSimulatorServer twice, on one port as they
// are and on another with 20 ms of latency added to every call by the served simulators'
// latency fault). A child process plans the N jobs to a streamed plan file over the plain
// port (`--plan`), and another applies that file over the slow port (`--apply`), both
// through the AsyncHTTPClient transport, so that the engine's process holds the engine
// alone: no simulator data, and the plan read from disk as apply goes.
//
// Figures, for 1,000 and 5,000 jobs: the calls apply made, its wall time and the bound
// calls × 20 ms ÷ concurrency (goal: wall ≤ 1.2 × bound); the apply process's peak memory
// (VmHWM, its whole life) and resident memory before apply; the ratio 5,000 ÷ 1,000 of the
// peaks (goal ≤ 2: the engine streams); and, for information, the plan process's peak and
// the simulator process's peak. The journal is a real file, flushed per record (default).
//
// Run: swift run -c release --package-path Tools jobbridge-migration-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridgeMigration

let arguments = CommandLine.arguments

/// The argument after `flag`, when there is one.
func argument(after flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

if let jobs = argument(after: "--serve").flatMap(Int.init) {
    try await BenchServer.serve(jobs: jobs)
} else if let root = argument(after: "--plan"), let file = argument(after: "--file") {
    try BenchChild.emit(try await BenchChild.plan(root: root, file: file))
} else if let root = argument(after: "--apply"), let file = argument(after: "--file") {
    try BenchChild.emit(try await BenchChild.apply(root: root, file: file))
} else {
    let small = try BenchRun.measure(jobs: 1_000)
    let large = try BenchRun.measure(jobs: 5_000)
    var report = BenchReport(name: "jobbridge-migration-bench")
    report.note("direction", "CData Sync → NX1 (served simulators, separate process)")
    report.note("latency_per_call", "20 ms (served simulators' latency fault)")
    report.note("transport", "AsyncHTTPClient over loopback")
    report.note("concurrency", String(ExecutionOptions.defaultConcurrency))
    report.add("calls_1000", Double(small.apply.calls), "calls made by apply, 1,000 jobs")
    report.add("wall_s_1000", small.apply.wallSeconds, "apply wall time, 1,000 jobs (s)")
    report.add("bound_s_1000", small.boundSeconds, "bound: calls × 20 ms ÷ concurrency (s)")
    report.add("ratio_vs_bound", small.apply.wallSeconds / small.boundSeconds, "wall ÷ bound, 1,000 jobs", goalMax: 1.2)
    report.add("plan_s_1000", small.plan.seconds, "plan time to a file, 1,000 jobs, no latency (s)")
    report.add("calls_5000", Double(large.apply.calls), "calls made by apply, 5,000 jobs")
    report.add("wall_s_5000", large.apply.wallSeconds, "apply wall time, 5,000 jobs (s)")
    report.add("bound_s_5000", large.boundSeconds, "bound, 5,000 jobs (s)")
    report.add("ratio_vs_bound_5000", large.apply.wallSeconds / large.boundSeconds, "wall ÷ bound, 5,000 jobs")
    report.add("plan_s_5000", large.plan.seconds, "plan time to a file, 5,000 jobs, no latency (s)")
    report.add("peak_memory_mb_1000", small.apply.peakMemoryMB, "engine process peak (VmHWM), 1,000 jobs (MB)")
    report.add("peak_memory_mb_5000", large.apply.peakMemoryMB, "engine process peak (VmHWM), 5,000 jobs (MB)")
    report.add(
        "memory_ratio_5000_vs_1000", large.apply.peakMemoryMB / max(small.apply.peakMemoryMB, 0.001),
        "engine peak 5,000 ÷ 1,000", goalMax: 2)
    report.add(
        "resident_before_apply_mb_1000", small.apply.residentBeforeApplyMB, "engine resident before apply, 1,000")
    report.add(
        "resident_before_apply_mb_5000", large.apply.residentBeforeApplyMB, "engine resident before apply, 5,000")
    report.add("apply_growth_mb_1000", small.apply.growthMB, "engine peak − resident before apply, 1,000 (MB)")
    report.add("apply_growth_mb_5000", large.apply.growthMB, "engine peak − resident before apply, 5,000 (MB)")
    report.add(
        "engine_kb_per_job", (large.apply.peakMemoryMB - small.apply.peakMemoryMB) * 1024 / 4_000,
        "engine peak per additional job, 1,000 → 5,000 (KB)")
    report.add("plan_file_mb_1000", small.plan.fileMB, "plan file size, 1,000 jobs (MB)")
    report.add("plan_file_mb_5000", large.plan.fileMB, "plan file size, 5,000 jobs (MB)")
    report.add("plan_peak_memory_mb_1000", small.plan.peakMemoryMB, "plan process peak, 1,000 (MB; information)")
    report.add("plan_peak_memory_mb_5000", large.plan.peakMemoryMB, "plan process peak, 5,000 (MB; information)")
    report.add(
        "simulator_peak_memory_mb_1000", small.simulatorPeakMB, "simulator process peak, 1,000 (MB; information)")
    report.add(
        "simulator_peak_memory_mb_5000", large.simulatorPeakMB, "simulator process peak, 5,000 (MB; information)")
    report.add("migrated_1000", Double(small.apply.migrated), "jobs migrated, 1,000 planned")
    report.add("migrated_5000", Double(large.apply.migrated), "jobs migrated, 5,000 planned")
    report.print()
}
