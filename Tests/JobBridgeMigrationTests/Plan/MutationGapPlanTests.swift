import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// A target provider that lists fixed jobs (some marked deleted in their native JSON, as a
/// provider may list them) and reads them by id.
struct ListedJobsProvider: JobProvider {
    let descriptor: ProviderDescriptor
    let listed: [Job]

    func jobs() -> PagedSequence<Job> { .single { listed } }

    func job(_ id: JobID) async throws -> Job {
        guard let job = listed.first(where: { $0.id == id }) else {
            throw JobBridgeError(.notFound, "no job \(id)", field: "id")
        }
        return job
    }
}

/// The planner's behaviours that mutation testing found unpinned (catalogue
/// `Scripts/mutation/catalogue-migration.json`, area `migration-plan`): two-task splits,
/// inactive tasks, connections mapped by name, deleted target jobs, name suffixes, and the
/// adopt and rename conflict policies.
@Suite struct MutationGapPlanTests {
    static func connectMapping(_ connect: ConnectSide) -> ConnectionMapping {
        ConnectionMapping(connections: ["c-sf": connect.connections["Salesforce"] ?? ""])
    }

    @Test func twoTasksSplitIntoTwoTargets() async throws {
        let sync = try await SyncSide()
        let id = await sync.seed(
            syncJob("Two", queries: ["REPLICATE [Account]", "REPLICATE [Contact]"]).objectValue ?? [:])
        let connect = try await ConnectSide()
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider, mapping: Self.connectMapping(connect))
        let job = try #require(plan.job(sourceID: id))
        #expect(job.targets.count == 2)
        #expect(job.codes.contains(.tasksSplit), "\(job.losses)")
    }

    @Test func anInactiveTaskIsDroppedNotMigratedAsAnActiveTarget() async throws {
        let memory = InMemoryProvider()
        let source = try await memory.createJob(
            JobDefinition(
                name: "Half on", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
                schedule: .cron(try CronSchedule("0 */6 * * *")),
                tasks: [
                    TaskDefinition(table: TableRef(name: "Account")),
                    TaskDefinition(table: TableRef(name: "Contact"), isActive: false),
                ]))
        let connect = try await ConnectSide()
        let plan = try await JobBridgeMigration.plan(
            from: memory, to: connect.provider, mapping: Self.connectMapping(connect))
        let job = try #require(plan.job(sourceID: source.id.rawValue))
        #expect(job.targets.map { $0.definition.tasks.first?.table?.name } == ["Account"])
        let dropped = try #require(job.losses.first { $0.code == .tasksDropped })
        #expect(dropped.field == "tasks[1]")
        #expect(!job.codes.contains(.tasksSplit))
    }

    @Test func aMappingToATargetConnectionsNameFindsIt() async throws {
        let sync = try await SyncSide()
        let id = await sync.seed(syncJob("By name").objectValue ?? [:])
        let connect = try await ConnectSide()
        let salesforce = try #require(connect.connections["Salesforce"])
        let listed = try await connect.provider.connections()
        let name = try #require(listed.first { $0.id.rawValue == salesforce }?.name)
        #expect(name != salesforce)
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider, mapping: ConnectionMapping(connections: ["c-sf": name]))
        let job = try #require(plan.job(sourceID: id))
        #expect(!job.codes.contains(.connectionNotFound), "\(job.losses)")
        let need = try #require(job.connections.first { $0.role == .source })
        #expect(need.status == .mapped)
        #expect(need.target?.id?.rawValue == salesforce)
    }

    @Test func aDeletedTargetJobOfTheSameNameIsNoConflict() async throws {
        let memory = InMemoryProvider()
        let source = try await memory.createJob(
            JobDefinition(
                name: "Orders", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
                schedule: .cron(try CronSchedule("0 6 * * *")), tasks: [TaskDefinition(table: TableRef(name: "A"))]))
        let gone = Job(id: "t-1", name: "Orders", kind: JobKind(.replication), providerData: ["is_deleted": true])
        let live = Job(id: "t-2", name: "Other", kind: JobKind(.replication))
        // The target describes itself as CData Sync (names carry the provenance suffix).
        let sync = try await SyncSide().provider.descriptor
        let target = ListedJobsProvider(descriptor: sync, listed: [gone, live])
        let plan = try await JobBridgeMigration.plan(
            from: memory, to: target, mapping: ConnectionMapping(connections: ["c-sf": "c-sf"]))
        let job = try #require(plan.job(sourceID: source.id.rawValue))
        #expect(!job.codes.contains(.targetExists), "\(job.losses)")
        #expect(job.action == .create, "\(job.losses)")
        // A live job of that name is a conflict.
        let taken = ListedJobsProvider(
            descriptor: sync,
            listed: [Job(id: "t-3", name: "Orders", kind: JobKind(.replication))])
        let blocked = try await JobBridgeMigration.plan(
            from: memory, to: taken, mapping: ConnectionMapping(connections: ["c-sf": "c-sf"]))
        #expect(blocked.jobs.first?.codes.contains(.targetExists) == true, "\(blocked.jobs)")
    }

    @Test func onlyAWholeProvenanceSuffixIsTakenOffAName() async throws {
        let sync = try await SyncSide()
        let real = await sync.seed(syncJob("Orders [jb:0123abcd]").objectValue ?? [:])
        let lookalike = await sync.seed(syncJob("Weekly [jb:ab]").objectValue ?? [:])
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: try NX1Side().provider, mapping: PlanDryRunTests.nx1Mapping())
        #expect(plan.job(sourceID: real)?.targets.first?.expectedName == "Orders")
        #expect(plan.job(sourceID: lookalike)?.targets.first?.expectedName == "Weekly [jb:ab]")
    }

    @Test func adoptAndRenameNameTheTargetTheyChose() async throws {
        let sync = try await SyncSide()
        let id = await sync.seed(syncJob("Taken").objectValue ?? [:])
        let nx1 = try NX1Side()
        let existing = nx1ID(900)
        await nx1.seed(id: existing, nx1Job("Taken", schedule: nil))
        let adopted = try await JobBridgeMigration.plan(
            from: sync.provider, to: nx1.provider, mapping: PlanDryRunTests.nx1Mapping(),
            options: MigrationOptions(conflictPolicy: .adopt))
        let adoptedJob = try #require(adopted.job(sourceID: id))
        #expect(adoptedJob.action == .adopt)
        #expect(adoptedJob.targets.first?.existingTargetID == existing)
        let renamed = try await JobBridgeMigration.plan(
            from: sync.provider, to: nx1.provider, mapping: PlanDryRunTests.nx1Mapping(),
            options: MigrationOptions(conflictPolicy: .rename))
        let target = try #require(renamed.job(sourceID: id)?.targets.first)
        #expect(target.expectedName == "Taken (migrated)")
        #expect(target.definition.name == "Taken (migrated)")
        #expect(target.lookup.name == "Taken (migrated)")
        #expect(target.existingTargetID == nil)
    }

    @Test func allowTypeChangeLiftsASourceDriverMismatch() async throws {
        let from = try await ConnectSide()
        let id = try await from.seed(connectJob("Driver", source: try #require(from.connections["Salesforce"])))
        let to = try await ConnectSide()
        let mapping = ConnectionMapping(
            connections: [try #require(from.connections["Salesforce"]): try #require(to.connections["MailChimp"])])
        let strict = try await JobBridgeMigration.plan(from: from.provider, to: to.provider, mapping: mapping)
        let refused = try #require(strict.job(sourceID: id))
        #expect(refused.codes.contains(.connectionTypeMismatch), "\(refused.losses)")
        #expect(refused.connections.first { $0.role == .source }?.status == .typeMismatch)
        let allowed = try await JobBridgeMigration.plan(
            from: from.provider, to: to.provider, mapping: mapping, options: MigrationOptions(allowTypeChange: true))
        let job = try #require(allowed.job(sourceID: id))
        #expect(!job.codes.contains(.connectionTypeMismatch), "\(job.losses)")
        #expect(job.connections.first { $0.role == .source }?.status == .mapped)
    }

    @Test func aSettingWithNoEqualTakesTheNearestAllowedValue() async throws {
        let connect = try await ConnectSide()
        let sf = try #require(connect.connections["Salesforce"])
        let four = try await connect.seed(connectJob("Four", source: sf, logVerbosity: 4))
        let five = try await connect.seed(connectJob("Five", source: sf, logVerbosity: 5))
        let plan = try await JobBridgeMigration.plan(
            from: connect.provider, to: try await SyncSide().provider,
            mapping: ConnectionMapping(connections: [sf: "c-sf"], cacheDestination: "c-sn"))
        // Sync allows 1, 2, 3 and 5: 4 is as near 3 as 5, and the lower wins.
        #expect(plan.job(sourceID: four)?.targets.first?.definition.settings["verbosity"] == 3)
        #expect(plan.job(sourceID: four)?.codes.contains(.settingChanged) == true)
        #expect(plan.job(sourceID: five)?.targets.first?.definition.settings["verbosity"] == 5)
        #expect(plan.job(sourceID: five)?.codes.contains(.settingChanged) == false)
    }

    @Test func aJobTypeMappedToItselfIsNoKindChange() async throws {
        let from = try await ConnectSide()
        let to = try await ConnectSide()
        let id = try await from.seed(connectJob("Same type", source: try #require(from.connections["Salesforce"])))
        let plan = try await JobBridgeMigration.plan(
            from: from.provider, to: to.provider,
            mapping: ConnectionMapping(
                connections: [try #require(from.connections["Salesforce"]): try #require(to.connections["Salesforce"])],
                jobTypes: ["Caching": "Caching"]))
        let job = try #require(plan.job(sourceID: id))
        #expect(job.source.kind.providerValue == "Caching")
        #expect(!job.codes.contains(.kindChanged), "\(job.losses)")
        #expect(job.targets.first?.definition.kind.providerValue == "Caching")
    }

    @Test func lookupsMatchOnlyTheirOwnKeyConnectionAndSchema() {
        let key = ProvenanceKey(sourceProvider: "S", sourceScope: "w", sourceJobID: "1", splitIndex: 0)
        let other = ProvenanceKey(sourceProvider: "S", sourceScope: "w", sourceJobID: "2", splitIndex: 0)
        let jobs = [
            Job(id: "s0", name: "Orders" + other.nameSuffix, kind: JobKind(.replication)),
            Job(id: "s1", name: "Orders" + key.nameSuffix, kind: JobKind(.replication)),
        ]
        #expect(TargetLookup(strategy: .nameSuffix, key: key, nameSuffix: key.nameSuffix).find(in: jobs)?.id == "s1")
        #expect(TargetLookup(strategy: .nameSuffix, key: key, nameSuffix: key.nameSuffix).find(in: [jobs[0]]) == nil)
        func reading(_ id: JobID, connection: String, schema: String?) -> Job {
            Job(
                id: id, name: "t", kind: JobKind(.replication), source: ConnectionRef(id: ConnectionID(connection)),
                tasks: [JobTask(id: "t", index: 0, table: TableRef(schema: schema, name: "A"))])
        }
        let lookup = TargetLookup(
            strategy: .naturalKey, key: key, sourceConnection: "conn", table: TableRef(schema: "dbo", name: "A"))
        #expect(lookup.find(in: [reading("c0", connection: "other", schema: "dbo")]) == nil)
        #expect(lookup.find(in: [reading("c1", connection: "conn", schema: "sales")]) == nil)
        #expect(
            lookup.find(in: [
                reading("c0", connection: "other", schema: "dbo"), reading("c1", connection: "conn", schema: "sales"),
                reading("c2", connection: "conn", schema: "dbo"),
            ])?.id == "c2")
    }
}
