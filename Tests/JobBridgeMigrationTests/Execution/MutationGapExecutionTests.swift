import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// Execution behaviours that mutation testing found unpinned (catalogue
/// `Scripts/mutation/catalogue-migration.json`, areas `migration-apply`, `migration-journal`,
/// `migration-cutover`).
@Suite struct MutationGapExecutionTests {
    @Test(arguments: [CrashPoint.afterCommit, .afterResponse])
    func aTargetCreatedJustBeforeACrashIsThisPlansAndRollbackRemovesIt(_ point: CrashPoint) async throws {
        // The second create acts, and the engine dies before its result is journaled: the
        // intent is pending. Resume probes it and journals it as created by this plan (not
        // found already migrated), so that rollback removes it with the others.
        let world = try await ExecutionWorld.make(jobs: 3)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let crash = CrashSwitch(k: 2, point: point)
        let crashing = try world.engine(concurrency: 1, hook: crash.journalHook) { crash.transport($0) }
        await #expect(throws: (any Error).self) {
            try await crashing.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        }
        #expect(crash.crashed)
        let before = JournalState(records: try JournalReader.read(at: world.journalURL).records)
        #expect(before.targets.values.filter(\.pendingCreate).count == 1)
        try await world.engine().resume(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let state = JournalState(records: try JournalReader.read(at: world.journalURL).records)
        for job in plan.jobs {
            let known = state.targets[TargetKey(sourceID: job.sourceID, split: 0)]
            #expect(known?.origin == .create && known?.foundByProbe == false, "\(job.sourceID)")
        }
        #expect(try await world.targetJobs().count == 3)
        try await world.engine().rollback(plan, journal: world.journalURL, options: RollbackOptions(targets: .delete))
        #expect(try await world.targetJobs().isEmpty)
    }

    @Test func reApplyingAFinishedPlanWritesNothingToTheJournal() async throws {
        let world = try await ExecutionWorld.make(jobs: 3)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let records = try JournalReader.read(at: world.journalURL).records.count
        let report = try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.alreadyMigrated == 3)
        #expect(try JournalReader.read(at: world.journalURL).records.count == records)
    }

    @Test func aSourceEditedButNotRenamedMakesThePlanStale() async throws {
        let world = try await ExecutionWorld.make(jobs: 2)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        _ = try await world.source().updateJob(
            JobID(world.sourceIDs[0]), with: JobUpdate(settings: ["truncate_table_data": true]))
        await #expect {
            try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            (error as? MigrationError)?.code == .planStale
        }
        #expect(world.targetCreates == 0)
    }

    @Test func aTargetRenamedByHandIsFoundByItsProvenanceSuffix() async throws {
        let world = try await ExecutionWorld.make(jobs: 2, target: .sync)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let first = try #require(try await world.targetJobs().first { $0.name.contains("[jb:") })
        let range = try #require(first.name.range(of: " [jb:"))
        let suffix = String(first.name[range.lowerBound...])
        _ = try await world.target().updateJob(first.id, with: JobUpdate(name: "Renamed by hand" + suffix))
        // A fresh journal (a new migration of the same plan): the lookup before create finds both.
        let report = try await world.engine().apply(
            plan, journal: world.folder.file("again.journal"), mapping: ConnectionMapping())
        #expect(report.totals.alreadyMigrated == 2)
        #expect(world.targetCreates == 2)
        #expect(try await world.targetJobs().count == 2)
    }

    @Test func rollbackLeavesTargetsAnotherJournalCreated() async throws {
        // A second migration of the same plan (another journal) finds every target already
        // migrated: they are not its own, and its rollback leaves them alone.
        let world = try await ExecutionWorld.make(jobs: 2, target: .sync)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let other = world.folder.file("second.journal")
        try await world.engine().apply(plan, journal: other, mapping: ConnectionMapping())
        let state = JournalState(records: try JournalReader.read(at: other).records)
        #expect(state.targets.values.allSatisfy { $0.foundByProbe })
        try await world.engine().rollback(plan, journal: other, options: RollbackOptions(targets: .delete))
        #expect(try await world.targetJobs().count == 2)
    }

    /// An engine whose retry policy allows three attempts within ten minutes.
    static func engine(_ world: ExecutionWorld, target: any JobProvider) throws -> MigrationEngine {
        var options = world.options(concurrency: 1)
        options.retry = RetryPolicy(maxAttempts: 3, maxTotalTime: .seconds(600), random: { $0.upperBound })
        return MigrationEngine(source: try world.source(), target: target, options: options)
    }

    @Test(arguments: [2, 3])
    func aRateLimitedCreateWaitsItsRetryAfterAndStopsAtThePolicysAttempts(_ refusals: Int) async throws {
        let world = try await ExecutionWorld.make(jobs: 1, target: .sync)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let flaky = FlakyCreates(try world.target(), clock: world.clock, refusals: refusals)
        let report = try await Self.engine(world, target: flaky).apply(
            plan, journal: world.journalURL, mapping: ConnectionMapping())
        // Each attempt waits the server's 30 seconds; the policy allows three in all: two
        // refusals end migrated, three end failed (never a fourth send).
        let attempts = flaky.attempts
        #expect(attempts.count == 3)
        for (earlier, later) in zip(attempts, attempts.dropFirst()) {
            #expect(earlier.duration(to: later) >= .seconds(30))
        }
        #expect(report.totals.migrated == (refusals < 3 ? 1 : 0))
        #expect(report.totals.failed == (refusals < 3 ? 0 : 1))
        #expect(try await world.targetJobs().count == (refusals < 3 ? 1 : 0))
        // A create that failed is settled in the journal: not pending (nothing to probe), its
        // code kept.
        let state = JournalState(records: try JournalReader.read(at: world.journalURL).records)
        let known = try #require(state.targets[TargetKey(sourceID: plan.jobs[0].sourceID, split: 0)])
        #expect(known.pendingCreate == false)
        #expect(known.failureCode == (refusals < 3 ? nil : "rateLimited"))
    }

    @Test func aCreateThatMayHaveActedIsNotResentBeforeAProbe() async throws {
        let world = try await ExecutionWorld.make(jobs: 1, target: .sync)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        // The first create acts, and its answer is lost (a transport failure).
        let flaky = FlakyCreates(try world.target(), clock: world.clock, refusals: 0, lostAnswers: 1)
        let engine = MigrationEngine(source: try world.source(), target: flaky, options: world.options(concurrency: 1))
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 1)
        #expect(flaky.attempts.count == 1)
        #expect(try await world.targetJobs().count == 1)
    }
}

/// A target whose creates are refused (`429`, not sent, `Retry-After: 30`) a number of
/// times, or act and lose their answer (a transport failure that may have acted); it
/// records the clock's instant of every create attempt.
final class FlakyCreates: JobProvider, @unchecked Sendable {
    let inner: any JobProvider
    let clock: SimulatedClock
    private let lock = NSLock()
    private var refusals: Int
    private var lostAnswers: Int
    private var instants: [SimulatedClock.Instant] = []

    init(_ inner: any JobProvider, clock: SimulatedClock, refusals: Int, lostAnswers: Int = 0) {
        self.inner = inner
        self.clock = clock
        self.refusals = refusals
        self.lostAnswers = lostAnswers
    }

    var descriptor: ProviderDescriptor { inner.descriptor }
    var attempts: [SimulatedClock.Instant] { lock.withLock { instants } }

    func jobs() -> PagedSequence<Job> { inner.jobs() }
    func job(_ id: JobID) async throws -> Job { try await inner.job(id) }
    func connections() async throws -> [ProviderConnection] { try await inner.connections() }

    func createJob(_ definition: JobDefinition) async throws -> Job {
        let (refuse, lose) = lock.withLock { () -> (Bool, Bool) in
            instants.append(clock.now)
            if refusals > 0 {
                refusals -= 1
                return (true, false)
            }
            if lostAnswers > 0 {
                lostAnswers -= 1
                return (false, true)
            }
            return (false, false)
        }
        if refuse {
            throw JobBridgeError(
                .rateLimited, "slow down", httpStatus: 429, retryAfter: .seconds(30), outcome: .notSent)
        }
        let created = try await inner.createJob(definition)
        if lose { throw JobBridgeError(.transport, "the connection was reset", outcome: .maybeActed) }
        return created
    }
}
