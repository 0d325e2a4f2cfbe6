import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// B3–B6: lost responses, torn journals, conflicts, locks.
@Suite struct IdempotencyTests {
    @Test(arguments: [
        Fault.dropAfterServer, .malformedBody, .truncatedBody, .dropBeforeServer, .serverError(status: 503),
    ])
    func aCreateWhoseAnswerIsLostHappensOnceAndIsJournaled(_ fault: Fault) async throws {
        let world = try await ExecutionWorld.make(jobs: 3)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let faults = { (server: any HTTPTransport) -> any HTTPTransport in
            FaultsOnRequests(.post, "/api/jobs", plan: [fault], server: server)
        }
        let report = try await world.engine(wrapTarget: faults).apply(
            plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 3)
        #expect(world.targetCreates == 3)
        #expect(try await world.targetJobs().count == 3)
        #expect(report.jobs.allSatisfy { $0.targets[0].targetID != nil })
    }

    @Test func anUncertainCreateIsProbedAndNotSentAgainWhenItTookEffect() async throws {
        let world = try await ExecutionWorld.make(jobs: 2)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let target = UncertainCreates(inner: try world.target(), actsBeforeFailing: true, failures: 1)
        let engine = MigrationEngine(source: try world.source(), target: target, options: world.options(concurrency: 1))
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 2)
        #expect(target.sends == 2)
        #expect(world.targetCreates == 2)
        let records = try JournalReader.read(at: world.journalURL).records
        #expect(records.contains { $0.message?.contains("found by probe after an ambiguous create") == true })
    }

    @Test func anUncertainCreateThatDidNotActIsSentOnceMore() async throws {
        let world = try await ExecutionWorld.make(jobs: 1)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let target = UncertainCreates(inner: try world.target(), actsBeforeFailing: false, failures: 1)
        let engine = MigrationEngine(source: try world.source(), target: target, options: world.options())
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 1)
        #expect(target.sends == 2)
        #expect(try await world.targetJobs().count == 1)
    }

    @Test func anUncertainCreateTwiceOverIsReportedFailedNotSentAThirdTime() async throws {
        let world = try await ExecutionWorld.make(jobs: 1)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let target = UncertainCreates(inner: try world.target(), actsBeforeFailing: false, failures: 5)
        let engine = MigrationEngine(source: try world.source(), target: target, options: world.options())
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.failed == 1)
        #expect(target.sends == 2)
        #expect(report.jobs[0].errorCode == "outcomeUncertain")
    }

    @Test(arguments: [10, 25, 60])
    func aJournalCutMidRecordResumesByProbingWithoutDuplicates(_ cut: Int) async throws {
        let world = try await ExecutionWorld.make(jobs: 8)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        // Cut the last record (a result) in the middle, as a crash mid-write would.
        let data = try Data(contentsOf: world.journalURL)
        let lines = data.split(separator: 0x0A)
        let last = lines.last ?? Data()
        let kept = data.prefix(data.count - last.count - 1 + min(cut, last.count - 1))
        try kept.write(to: world.journalURL)
        #expect(try JournalReader.read(at: world.journalURL).hadTornTail)
        let report = try await world.engine().resume(plan, journal: world.journalURL, mapping: ConnectionMapping())
        try await CrashResumeTests.expectConsistent(world: world, plan: plan, report: report)
    }

    @Test func aSecondEngineOnTheSameJournalFailsFastNamingTheHolder() async throws {
        let world = try await ExecutionWorld.make(jobs: 2)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let held = try JournalLock.acquire(journal: world.journalURL, now: world.clock.dateSource)
        await #expect {
            try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .lockHeld && error?.message.contains("pid") == true
        }
        #expect(world.ledger.acted { $0.method != .get } == 0)
        // The holder dies: its lease expires; the next run is refused until it breaks the lock.
        world.clock.advance(by: .seconds(600))
        await #expect {
            try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            (error as? MigrationError)?.code == .lockStale
        }
        var options = world.options()
        options.breakLock = true
        let report = try await MigrationEngine(source: try world.source(), target: try world.target(), options: options)
            .apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 2)
        await held.release()
    }

    @Test func conflictPoliciesAreCarriedOutAsPlanned() async throws {
        let world = try await ExecutionWorld.make(jobs: 4)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        // A same-named job that is not ours, on the target.
        let theirs = try await world.target().createJob(
            JobDefinition(name: "Theirs", kind: JobKind(.workflow, providerValue: "airflow.ingest")))
        // fail → blocked (TARGET_EXISTS); adopt → journaled unchanged; skip → left; rename → created.
        plan.jobs[0].action = .blocked
        plan.jobs[0].verdict = .blocked
        plan.jobs[0].losses.append(Loss(.targetExists, field: "name", "a job named Theirs exists"))
        plan.jobs[1].action = .adopt
        plan.jobs[1].targets[0].existingTargetID = theirs.id.rawValue
        plan.jobs[2].action = .skip
        plan.jobs[3].targets[0].definition.name += " (migrated)"
        let report = try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.jobs.map(\.outcome) == [.blocked, .adopted, .skipped, .migrated])
        #expect(report.jobs[0].codes.contains("TARGET_EXISTS"))
        #expect(report.jobs[1].targets[0].targetID == theirs.id.rawValue)
        #expect(world.targetCreates == 2)  // "Theirs" and the renamed one
        let names = try await world.targetJobs().map(\.name).sorted()
        #expect(names.contains(plan.jobs[3].sourceName + " (migrated)"))
        #expect(try await world.target().job(theirs.id) == theirs)
    }
}

/// A target whose first creates fail as if the answer were lost and checking could not
/// tell (``JobBridgeError/Code/outcomeUncertain``): after acting, or without acting.
final class UncertainCreates: JobProvider, @unchecked Sendable {
    let inner: any JobProvider
    let actsBeforeFailing: Bool
    private let lock = NSLock()
    private var remaining: Int
    private var count = 0

    init(inner: any JobProvider, actsBeforeFailing: Bool, failures: Int) {
        self.inner = inner
        self.actsBeforeFailing = actsBeforeFailing
        self.remaining = failures
    }

    var sends: Int { lock.withLock { count } }
    var descriptor: ProviderDescriptor { inner.descriptor }
    func jobs() -> PagedSequence<Job> { inner.jobs() }
    func job(_ id: JobID) async throws -> Job { try await inner.job(id) }

    func createJob(_ definition: JobDefinition) async throws -> Job {
        let fails = lock.withLock { () -> Bool in
            count += 1
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
        guard fails else { return try await inner.createJob(definition) }
        if actsBeforeFailing { _ = try await inner.createJob(definition) }
        throw JobBridgeError(.outcomeUncertain, "the answer was lost and checking could not tell", outcome: .maybeActed)
    }
}

/// B7 (apply side): a job planned `update` changes its existing target in place, and the
/// journal does not count it as created by this plan.
@Suite struct UpdateActionTests {
    @Test func anUpdateChangesTheExistingTargetWithoutCreatingOne() async throws {
        let world = try await ExecutionWorld.make(jobs: 1, target: .sync)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let existing = try #require(try await world.targetJobs().first)
        plan.jobs[0].action = .update
        plan.jobs[0].targets[0].existingTargetID = existing.id.rawValue
        plan.jobs[0].targets[0].definition.settings = ["verbosity": 3]
        plan.jobs[0].targets[0].differences = ["settings.verbosity"]
        let creates = world.targetCreates
        let report = try await world.engine().apply(
            plan, journal: world.folder.file("update.journal"), mapping: ConnectionMapping())
        #expect(report.totals.migrated == 1)
        #expect(world.targetCreates == creates)
        #expect(try await world.target().job(existing.id).settings["verbosity"] == 3)
        let state = JournalState(records: try JournalReader.read(at: world.folder.file("update.journal")).records)
        #expect(state.targets[TargetKey(sourceID: plan.jobs[0].sourceID, split: 0)]?.origin == .adopt)
    }
}
