import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

@Suite struct ApplyTests {
    @Test func applyCreatesEveryTargetStagedWithItsProvenanceAndReportsEveryJob() async throws {
        let world = try await ExecutionWorld.make(jobs: 6)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let report = try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 6)
        #expect(report.totals.alreadyMigrated == 0)
        let targets = try await world.targetJobs()
        #expect(targets.count == 6)
        #expect(targets.allSatisfy { $0.schedule == .manual })
        let keys = Set(targets.compactMap { $0.settings["jobbridge"]?["key"]?.stringValue })
        #expect(keys == Set(plan.jobs.map { $0.targets[0].provenanceKey.rawValue }))
        #expect(report.jobs.allSatisfy { $0.outcome == .migrated && $0.targets[0].targetID != nil })
    }

    @Test func reApplyingAFinishedPlanCreatesNothingAndSaysAlreadyMigrated() async throws {
        let world = try await ExecutionWorld.make(jobs: 5)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let creates = world.targetCreates
        #expect(creates == 5)
        // The same journal, and a fresh journal (found by provenance on the target).
        let again = try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let fresh = try await world.engine().apply(
            plan, journal: world.folder.file("other.journal"), mapping: ConnectionMapping())
        #expect(world.targetCreates == creates)
        for report in [again, fresh] {
            #expect(report.totals.migrated == 5)
            #expect(report.totals.alreadyMigrated == 5)
            #expect(report.jobs.allSatisfy { $0.codes.contains("ALREADY_MIGRATED") })
        }
    }

    @Test func aStalePlanIsRefusedWithNoMutatingCall() async throws {
        let world = try await ExecutionWorld.make(jobs: 4)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        // Edit one source job after planning.
        let source = try world.source()
        _ = try await source.updateJob(JobID(world.sourceIDs[2]), with: JobUpdate(name: "Renamed"))
        await #expect {
            try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .planStale && error?.details.count == 1
                && error?.details.first?.contains(world.sourceIDs[2]) == true
        }
        #expect(world.ledger.acted { $0.method != .get } == 0)
    }

    @Test func aChangedMappingMakesThePlanStale() async throws {
        let world = try await ExecutionWorld.make(jobs: 2)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let mapping = ConnectionMapping(connections: ["c-sf": "salesforce-2"])
        await #expect {
            try await world.engine().apply(plan, journal: world.journalURL, mapping: mapping)
        } throws: { error in
            (error as? MigrationError)?.code == .planStale
        }
        #expect(world.ledger.acted { $0.method != .get } == 0)
    }

    @Test(arguments: [401, 404, 501])
    func aTargetThatRefusesThePreflightReadFailsBeforeAnyWrite(_ status: Int) async throws {
        let world = try await ExecutionWorld.make(jobs: 3)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let refusing = { (server: any HTTPTransport) -> any HTTPTransport in
            RefusingReads(status: status, server: server)
        }
        await #expect {
            try await world.engine(wrapTarget: refusing).apply(
                plan, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .preflightFailed && error?.subject == "listJobs"
        }
        #expect(world.ledger.acted { $0.method != .get } == 0)
    }

    @Test func aTargetWithoutCreateFailsThePreflightNamingTheCapability() async throws {
        let world = try await ExecutionWorld.make(jobs: 2)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let engine = MigrationEngine(
            source: try world.source(), target: ReadOnlyProvider(inner: try world.target()), options: world.options())
        await #expect {
            try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .preflightFailed && error?.subject == "createJob"
        }
    }

    @Test func blockedSkippedAndImpossibleJobsAreNeverWrittenAndEachEndsOnce() async throws {
        let world = try await ExecutionWorld.make(jobs: 4)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        plan.jobs[0].action = .blocked
        plan.jobs[0].verdict = .blocked
        plan.jobs[1].action = .skip
        plan.jobs[2].action = .skip
        plan.jobs[2].verdict = .impossible
        let engine = try world.engine()
        let events = engine.events
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        engine.finishEvents()
        var finished: [String: [JobOutcome]] = [:]
        var sequence = -1
        for await event in events {
            #expect(event.sequence == sequence + 1)
            sequence = event.sequence
            if event.kind == .finished, let id = event.sourceID, let outcome = event.outcome {
                finished[id, default: []].append(outcome)
            }
        }
        #expect(finished.count == 4 && finished.values.allSatisfy { $0.count == 1 })
        #expect(finished[plan.jobs[0].sourceID] == [.blocked])
        #expect(finished[plan.jobs[1].sourceID] == [.skipped])
        #expect(finished[plan.jobs[2].sourceID] == [.impossible])
        #expect(finished[plan.jobs[3].sourceID] == [.migrated])
        #expect(world.targetCreates == 1)
        #expect(report.totals.finished == plan.jobs.count)
        #expect(report.hasFailuresOrBlocked)
    }
}

/// A transport that answers every GET with an error status.
struct RefusingReads: HTTPTransport {
    let status: Int
    let server: any HTTPTransport

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .get else { return try await server.send(request) }
        return HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"],
            body: Data(#"{"error":{"code":"X","message":"refused"}}"#.utf8))
    }
}

/// A provider that declares only reads (no create).
struct ReadOnlyProvider: JobProvider {
    let inner: any JobProvider

    var descriptor: ProviderDescriptor {
        var descriptor = inner.descriptor
        descriptor.capabilities = [.listJobs, .getJob]
        return descriptor
    }

    func jobs() -> PagedSequence<Job> { inner.jobs() }
    func job(_ id: JobID) async throws -> Job { try await inner.job(id) }
}
