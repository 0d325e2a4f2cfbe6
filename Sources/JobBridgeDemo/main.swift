// jobbridge-demo: every job on every registered provider in one table, and one run
// followed to its end. Runs with no account and no network: providers are in-memory
// (and, as adapters land, simulators of the real platforms) on a simulated clock.
import Foundation
import JobBridge
import JobBridgeTesting

let clock = SimulatedClock(startDate: Date(timeIntervalSince1970: 1_795_435_200))  // 2026-11-23 12:00 UTC
let providers = try await DemoProviders.make(clock: clock)
let registry = ProviderRegistry(providers)

print("JobBridge demo: \(providers.count) providers, simulated time \(Table.format(clock.date))\n")
let listing = await registry.listAllJobs()
// The next run as the provider says; where it does not (Sync and NX1 report none), one
// computed from an enabled job's cron schedule by the cron engine, marked with `*`.
func nextRun(of job: Job) -> String {
    if let date = job.nextRunAt { return Table.format(date) }
    guard job.isEnabled, case .cron = job.schedule, let date = job.schedule.nextRun(after: clock.date) else {
        return "-"
    }
    return Table.format(date) + "*"
}
let rows = listing.jobs.map { entry in
    [
        entry.provider, entry.job.name, entry.job.kind.description, entry.job.schedule.description,
        nextRun(of: entry.job), entry.job.lastRun.map { "\($0.status)" } ?? "never ran",
    ]
}
print(Table.render(header: ["PROVIDER", "JOB", "KIND", "SCHEDULE", "NEXT RUN", "LAST RUN"], rows: rows))
if rows.contains(where: { $0[4].hasSuffix("*") }) { print("* computed from the cron schedule") }
for failure in listing.failures { print("! \(failure)") }

// Follow one run from request to end.
guard let target = listing.jobs.first(where: { $0.job.kind.category == .replication }),
    let provider = registry.provider(named: target.provider)
else {
    print("\nno replication job to run")
    exit(0)
}
print("\nRunning '\(target.job.name)' on \(target.provider)...")
let run = try await provider.runJob(target.job.id)
print("  \(Table.format(clock.date))  \(run.status)")
// The default pace: reads at 0, 0.5, 1.25 s..., each pause half as long again, at most 5 s.
let finished = try await provider.waitForCompletion(of: run, clock: clock)
let took = finished.duration.map { " in \($0)" } ?? ""
print("  \(Table.format(clock.date))  \(finished.status)\(took), \(finished.rowsAffected ?? 0) rows")
