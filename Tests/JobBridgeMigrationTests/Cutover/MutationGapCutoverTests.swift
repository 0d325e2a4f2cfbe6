import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// Cutover, rollback, event and report behaviours that mutation testing found unpinned
/// (catalogue `Scripts/mutation/catalogue-migration.json`, area `migration-cutover`).
@Suite struct MutationGapCutoverTests {
    @Test func theDrainWaitsItsTimeoutAndNoLonger() async throws {
        let (world, plan) = try await CutoverTests.applied(jobs: 1, runDuration: .seconds(7200))
        defer { world.folder.remove() }
        try await world.engine().verify(plan, journal: world.journalURL)
        _ = try await world.source().runJob(JobID(plan.jobs[0].sourceID))
        var options = world.options()
        options.drainTimeout = .seconds(60)
        options.drainPollInterval = .seconds(10)
        let engine = MigrationEngine(source: try world.source(), target: try world.target(), options: options)
        let start = world.clock.now
        let report = try await engine.cutover(plan, journal: world.journalURL)
        #expect(report.totals.cutOver == 0)
        #expect(report.jobs[0].codes.contains("CUTOVER_DRAIN_TIMEOUT"))
        let waited = start.duration(to: world.clock.now)
        #expect(waited >= .seconds(60) && waited < .seconds(70), "\(waited)")
    }
}
