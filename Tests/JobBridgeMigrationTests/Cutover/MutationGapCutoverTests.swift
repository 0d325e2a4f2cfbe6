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

    static func records(_ world: ExecutionWorld) throws -> Int {
        try JournalReader.read(at: world.journalURL).records.count
    }

    @Test func aJobNeverVerifiedIsNotCutOver() async throws {
        let (world, plan) = try await CutoverTests.applied(jobs: 1)
        defer { world.folder.remove() }
        let report = try await world.engine().cutover(plan, journal: world.journalURL)
        #expect(report.totals.cutOver == 0)
        #expect(try await world.source().job(JobID(plan.jobs[0].sourceID)).isEnabled)
    }

    @Test func cutoverAndRollbackRunTwiceWriteNothingTheSecondTime() async throws {
        let (world, plan) = try await CutoverTests.applied(jobs: 2)
        defer { world.folder.remove() }
        try await world.engine().verify(plan, journal: world.journalURL)
        try await world.engine().cutover(plan, journal: world.journalURL)
        let afterCutover = try Self.records(world)
        try await world.engine().cutover(plan, journal: world.journalURL)
        #expect(try Self.records(world) == afterCutover)
        try await world.engine().rollback(plan, journal: world.journalURL)
        let afterRollback = try Self.records(world)
        try await world.engine().rollback(plan, journal: world.journalURL)
        #expect(try Self.records(world) == afterRollback)
    }

    @Test func rollingBackTargetsThatNeverFiredSendsNoWrite() async throws {
        let (world, plan) = try await CutoverTests.applied(jobs: 2)
        defer { world.folder.remove() }
        let writes = world.ledger.acted { $0.method != .get }
        let report = try await world.engine().rollback(plan, journal: world.journalURL)
        #expect(report.totals.rolledBack == 2)
        #expect(world.ledger.acted { $0.method != .get } == writes)
    }

    @Test func theReportNamesFailuresAndAdoptions() async throws {
        let world = try await ExecutionWorld.make(jobs: 3, target: .sync)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        plan.jobs[2].action = .adopt
        let key = { (index: Int) in TargetKey(sourceID: plan.jobs[index].sourceID, split: 0) }
        let state = JournalState(records: [
            JournalRecord(.intent, step: .create, sourceID: key(0).sourceID, split: 0),
            JournalRecord(
                .failed, step: .create, sourceID: key(0).sourceID, split: 0, code: "rateLimited", message: "slow down"),
            JournalRecord(.result, step: .create, sourceID: key(1).sourceID, split: 0, targetID: "t-1"),
            JournalRecord(
                .failed, step: .completeCutover, sourceID: key(1).sourceID, code: "CUTOVER_DRAIN_TIMEOUT",
                message: "still running"),
            JournalRecord(.result, step: .adopt, sourceID: key(2).sourceID, split: 0, targetID: "t-2"),
        ])
        let report = MigrationReport(plan: plan, journal: state)
        #expect(report.jobs[0].outcome == .failed)
        #expect(report.jobs[0].codes.contains("rateLimited"))
        #expect(report.jobs[1].outcome == .migrated)
        #expect(report.jobs[1].codes.contains("CUTOVER_DRAIN_TIMEOUT"))
        #expect(report.jobs[2].outcome == .adopted)
        #expect(report.totals.adopted == 1 && report.totals.failed == 1 && report.totals.migrated == 1)
    }

    @Test func theReportCountsVerifiedTargetsNotJobs() async throws {
        let world = try await ExecutionWorld.make(jobs: 1, target: .sync)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        var second = plan.jobs[0].targets[0]
        second.splitIndex = 1
        plan.jobs[0].targets.append(second)
        let id = plan.jobs[0].sourceID
        let state = JournalState(records: [
            JournalRecord(.result, step: .create, sourceID: id, split: 0, targetID: "t-0"),
            JournalRecord(.result, step: .create, sourceID: id, split: 1, targetID: "t-1"),
            JournalRecord(.verified, step: .create, sourceID: id, split: 0, targetID: "t-0"),
            JournalRecord(.verified, step: .create, sourceID: id, split: 1, targetID: "t-1"),
        ])
        #expect(MigrationReport(plan: plan, journal: state).totals.verified == 2)
    }
}
