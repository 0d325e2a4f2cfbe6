import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// F5–F7: rollback is journal-driven, touches only what this plan created, restores exactly
/// the sources that were enabled, and is idempotent.
@Suite struct RollbackTests {
    @Test func rollbackDisablesCreatedTargetsReEnablesExactlyTheEnabledSourcesAndIsIdempotent() async throws {
        let world = try await ExecutionWorld.make(jobs: 6, target: .sync)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        // One job adopts an existing, enabled target that is not ours.
        let theirs = try await world.target().createJob(
            JobDefinition(
                name: "Theirs", kind: JobKind(.replication, providerValue: "Standard"),
                source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-pg"),
                tasks: [TaskDefinition(query: "REPLICATE [Account]")]))
        plan.jobs[5].action = .adopt
        plan.jobs[5].targets[0].existingTargetID = theirs.id.rawValue
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        try await world.engine().verify(plan, journal: world.journalURL)
        try await world.engine().cutover(
            plan, journal: world.journalURL,
            options: CutoverOptions(onlySourceIDs: Set(plan.jobs.prefix(5).map(\.sourceID))))
        let report = try await world.engine().rollback(plan, journal: world.journalURL)
        let source = try world.source()
        for job in plan.jobs.prefix(5) {
            #expect(try await source.job(JobID(job.sourceID)).isEnabled == job.source.isEnabled)
        }
        let targets = try await world.targetJobs()
        #expect(targets.count == 6)
        for target in targets where target.id != theirs.id { #expect(!target.isEnabled) }
        #expect(try await world.target().job(theirs.id) == theirs)
        #expect(report.totals.rolledBack == 5)
        let writes = world.ledger.acted { $0.method != .get } + world.sourceLedger.acted { $0.method != .get }
        try await world.engine().rollback(plan, journal: world.journalURL)
        #expect(world.ledger.acted { $0.method != .get } + world.sourceLedger.acted { $0.method != .get } == writes)
        // Deleting, when asked, deletes only what this plan created.
        try await world.engine().rollback(plan, journal: world.journalURL, options: RollbackOptions(targets: .delete))
        #expect(try await world.targetJobs().map(\.id) == [theirs.id])
    }

    @Test func deletingTargetsWithAnImpliedDestinationNeedsConfirmationByName() async throws {
        let world = try await ExecutionWorld.make(jobs: 3, target: .sync)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let cache = ImpliedDestination(inner: try world.target())
        let engine = MigrationEngine(source: try world.source(), target: cache, options: world.options())
        try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let writes = world.ledger.acted { $0.method != .get }
        await #expect {
            try await engine.rollback(plan, journal: world.journalURL, options: RollbackOptions(targets: .delete))
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .rollbackDeletesData && error?.details.count == 3
        }
        #expect(world.ledger.acted { $0.method != .get } == writes)
        // Disabling is always allowed; deleting with every target named deletes them.
        try await engine.rollback(plan, journal: world.journalURL)
        #expect(try await world.targetJobs().count == 3)
        let ids = Set(try await world.targetJobs().map(\.id.rawValue))
        try await engine.rollback(
            plan, journal: world.journalURL, options: RollbackOptions(targets: .delete, confirmedDataDeletions: ids))
        #expect(try await world.targetJobs().isEmpty)
    }

    @Test func aSourceThatCannotBeDisabledIsDeletedOnlyWhenAskedAndReCreatedFromItsSnapshot() async throws {
        let clock = SimulatedClock()
        let nx1 = NX1Simulator(clock: clock)
        let nx1Client = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: nx1,
            retry: ExecutionWorld.retry, clock: clock)
        let source = NX1Provider(client: nx1Client, now: clock.dateSource)
        let original = try await source.createJob(
            JobDefinition(
                name: "Nightly", kind: JobKind(.workflow, providerValue: "airflow.ingest"),
                source: ConnectionRef(name: "salesforce"), destination: ConnectionRef(name: "warehouse"),
                schedule: .cron(try CronSchedule("0 3 * * *", dialect: .airflow, timeZone: .gmt)),
                settings: ["team": "data"]))
        let world = try await ExecutionWorld.make(jobs: 0, target: .sync)
        defer { world.folder.remove() }
        let plan = NX1SourcePlan.plan(try await source.job(original.id), sourceProvider: source.descriptor.name)
        let engine = MigrationEngine(source: source, target: try world.target(), options: world.options())
        try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        try await engine.verify(plan, journal: world.journalURL)
        let refused = try await engine.cutover(plan, journal: world.journalURL)
        #expect(refused.totals.cutOver == 0)
        #expect(refused.jobs[0].codes.contains("CUTOVER_DELETE_ONLY"))
        #expect(try await source.jobs().collect().count == 1)
        let cut = try await engine.cutover(
            plan, journal: world.journalURL, options: CutoverOptions(deleteSourcesThatCannotBeDisabled: true))
        #expect(cut.totals.cutOver == 1)
        #expect(try await source.jobs().collect().isEmpty)
        #expect(try await world.targetJobs().map(\.isEnabled) == [true])
        let records = try JournalReader.read(at: world.journalURL).records
        let snapshot = try #require(records.first { $0.kind == .snapshot })
        #expect(snapshot.sequence < (records.first { $0.step == .deleteSource && $0.kind == .intent }?.sequence ?? -1))
        let back = try await engine.rollback(plan, journal: world.journalURL)
        #expect(back.jobs[0].codes.contains("ROLLBACK_NEW_ID"))
        let recreated = try #require(try await source.jobs().collect().first)
        #expect(recreated.id != original.id)
        #expect(recreated.definition == original.definition)
        #expect(try await world.targetJobs().map(\.isEnabled) == [false])
    }
}

/// A provider seen through a descriptor whose destination is implied (a cache), like
/// CData Connect's: the engine knows it only from the descriptor.
struct ImpliedDestination: JobProvider {
    let inner: any JobProvider

    var descriptor: ProviderDescriptor {
        var descriptor = inner.descriptor
        descriptor.migration.destination = .implied
        return descriptor
    }

    func jobs() -> PagedSequence<Job> { inner.jobs() }
    func job(_ id: JobID) async throws -> Job { try await inner.job(id) }
    func createJob(_ definition: JobDefinition) async throws -> Job { try await inner.createJob(definition) }
    func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        try await inner.updateJob(id, with: update)
    }
    func deleteJob(_ id: JobID) async throws { try await inner.deleteJob(id) }
}

/// A hand-made plan from one NX1 job to CData Sync (created disabled, manual schedule).
enum NX1SourcePlan {
    static func plan(_ job: Job, sourceProvider: String) -> MigrationPlan {
        let key = ProvenanceKey(
            sourceProvider: sourceProvider, sourceScope: "", sourceJobID: job.id.rawValue, splitIndex: 0)
        let name = job.name + key.nameSuffix
        let definition = DefinitionSnapshot(
            name: name, kind: KindSnapshot(category: .replication, providerValue: "Standard"),
            source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-pg"), schedule: .manual,
            isEnabled: false, tasks: [TaskDefinitionSnapshot(query: "REPLICATE [Account]")])
        let target = PlannedTarget(
            splitIndex: 0, provenanceKey: key, definition: definition, expectedName: name,
            lookup: TargetLookup(strategy: .nameSuffix, key: key, nameSuffix: key.nameSuffix, name: name),
            enableAtCutover: true, staging: .createdDisabled)
        let snapshot = JobSnapshot(job)
        let planned = PlannedJob(
            sourceID: job.id.rawValue, sourceName: job.name, source: snapshot, sourceFingerprint: snapshot.fingerprint,
            action: .create, verdict: .approximate,
            losses: [Loss(.cutoverDeleteOnly, field: "isEnabled", "NX1 cannot disable a job")], connections: [],
            targets: [target])
        return MigrationPlan(
            planID: "nx1-plan", sourceProvider: sourceProvider, sourceScope: "", targetProvider: "CData Sync",
            targetScope: ExecutionWorld.workspace, mappingFingerprint: ConnectionMapping().fingerprint,
            targetNamesFingerprint: (try? Fingerprint(of: [String]())) ?? Fingerprint(text: ""),
            options: MigrationOptions(), jobs: [planned])
    }
}
