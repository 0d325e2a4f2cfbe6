import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// The loss-code catalogue, the mapping file, connection checks (§6 G1, G2), unknown fields
/// (A6), every refusal at once, selections, lookups and verification.
@Suite struct PlanPiecesTests {
    /// Every code of reference §5 with its effect letter.
    static let reference: [(String, String)] = [
        ("SCHEDULE_DST", "A"), ("SCHEDULE_DRIFT", "A"), ("SCHEDULE_UNEXPRESSIBLE", "I"),
        ("SCHEDULE_ANCHOR_GUESSED", "A"),
        ("SCHEDULE_ZONE_UNKNOWN", "B"), ("NAME_SET_BY_PROVIDER", "A"), ("KIND_CHANGED", "A"), ("KIND_UNSUPPORTED", "I"),
        ("TASKS_SPLIT", "A"), ("TASKS_DROPPED", "A"), ("TASKS_CARRIED", "A"), ("TASKS_MISSING", "B"),
        ("CONNECTION_UNMAPPED", "B"), ("CONNECTION_NOT_FOUND", "B"), ("CONNECTION_TYPE_MISMATCH", "B"),
        ("DESTINATION_IMPLIED", "A"), ("CONNECT_NO_CACHE", "B"), ("SOURCE_RELATIONAL_NO_CACHE", "I"),
        ("SETTING_DROPPED", "A"), ("SETTING_CHANGED", "A"), ("SETTING_CARRIED", "A"), ("FIELD_UNKNOWN", "A"),
        ("TARGET_EXISTS", "B"), ("ALREADY_MIGRATED", "i"), ("SOURCE_DISABLED", "i"), ("PLAN_STALE", "R"),
        ("PREFLIGHT_FAILED", "R"), ("LOCK_HELD", "R"), ("LOCK_STALE", "R"), ("VERIFY_MISMATCH", "B"),
        ("DRIFT_TARGET", "B"), ("CUTOVER_DELETE_ONLY", "i"), ("CUTOVER_RECREATE", "i"), ("CUTOVER_READERS_LIVE", "i"),
        ("CUTOVER_DRAIN_TIMEOUT", "B"), ("ROLLBACK_DELETES_DATA", "R"), ("ROLLBACK_NEW_ID", "i"),
    ]

    @Test func theCatalogueHasEveryReferenceCodeWithItsEffectMeaningAndRemedy() {
        let letters: [LossCode.Effect: String] = [
            .approximate: "A", .impossible: "I", .blocked: "B", .refusal: "R", .information: "i",
        ]
        #expect(LossCode.all.map(\.rawValue) == Self.reference.map(\.0))
        for (raw, letter) in Self.reference {
            let code = LossCode(rawValue: raw)
            #expect(letters[code.effect] == letter, "\(raw)")
            #expect(!code.meaning.isEmpty && !code.remedy.isEmpty, "\(raw)")
        }
        #expect(!LossCode(rawValue: "NOT_A_CODE").isKnown)
        #expect(MigrationVerdict.worst([.exact, .blocked, .approximate]) == .blocked)
        #expect(MigrationVerdict.worst([.blocked, .impossible]) == .impossible)
        #expect(MigrationVerdict.worst([]) == .exact)
    }

    @Test func aMappingFileLoadsAndRefusesUnknownMembersWrongShapesAndZones() throws {
        let text = """
            {"connections": {"c-sf": "sf"}, "cacheDestination": "c-sn", "tables": {"j1": [{"schema": "dbo", "name": "A"}]},
             "jobTypes": {"Standard": "airflow.ingest"}, "serverTimeZone": "America/New_York",
             "scheduleOverrides": {"42": {"kind": "cron", "text": "0 6 * * *", "dialect": "airflow", "timeZone": "GMT"}}}
            """
        let mapping = try ConnectionMapping.load(from: Data(text.utf8))
        #expect(mapping.connections == ["c-sf": "sf"])
        #expect(mapping.tables["j1"] == [TableRef(schema: "dbo", name: "A")])
        #expect(try mapping.scheduleOverrides["42"]?.schedule().kind == .cron)
        let unknown = try #require(throws: JobBridgeError.self) {
            try ConnectionMapping.load(from: Data(#"{"conections": {}}"#.utf8))
        }
        #expect(unknown.field == "mapping.conections")
        let shape = try #require(throws: JobBridgeError.self) {
            try ConnectionMapping.load(from: Data(#"{"connections": {"a": 1}}"#.utf8))
        }
        #expect(shape.field?.hasPrefix("mapping.connections") == true)
        let zone = try #require(throws: JobBridgeError.self) {
            try ConnectionMapping.load(from: Data(#"{"serverTimeZone": "Mars/Olympus"}"#.utf8))
        }
        #expect(zone.field == "mapping.serverTimeZone")
        #expect(throws: JobBridgeError.self) { try ConnectionMapping.load(from: Data("[1]".utf8)) }
    }

    @Test func missingOrWrongConnectionMappingsBlockAtPlanTime() async throws {
        let sync = try await SyncSide()
        for n in 0..<3 { await sync.seed(syncJob("G1 \(n)").objectValue ?? [:]) }
        let connect = try await ConnectSide()
        let none = try await JobBridgeMigration.plan(from: sync.provider, to: connect.provider)
        #expect(none.jobs.allSatisfy { $0.action == .blocked && $0.codes.contains(.connectionUnmapped) })
        #expect(none.jobs.allSatisfy { $0.connections.contains { $0.status == .unmapped } })
        let wrong = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider, mapping: ConnectionMapping(connections: ["c-sf": "no-such"]))
        #expect(wrong.jobs.allSatisfy { $0.action == .blocked && $0.codes.contains(.connectionNotFound) })
        #expect(wrong.totals.byAction["blocked"] == 3)
    }

    @Test func aConnectAccountWithoutCacheBlocksWithItsRemedy() async throws {
        let sync = try await SyncSide()
        await sync.seed(syncJob("G2").objectValue ?? [:])
        let connect = try await ConnectSide(withCache: false)
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider,
            mapping: ConnectionMapping(connections: ["c-sf": connect.connections["Salesforce"] ?? ""]))
        let loss = try #require(plan.jobs.first?.losses.first { $0.code == .connectNoCache })
        #expect(loss.verdict == .blocked)
        #expect(loss.remedy.contains("/job/cacheConnection"))
        #expect(plan.jobs.first?.action == .blocked)
    }

    @Test func anUnknownFieldInEachPayloadIsNamedByPath() async throws {
        let sync = try await SyncSide()
        await sync.seed(syncJob("A6", extra: ["fancy_option": 1]).objectValue ?? [:])
        let connect = try await ConnectSide()
        try await connect.seed(
            connectJob("A6", source: connect.connections["Salesforce"] ?? "", params: ["fancyParam": 2]))
        let nx1 = try NX1Side()
        await nx1.seed(id: nx1ID(1), nx1Job("A6", extra: ["owner_email": "a@example.com"]))
        let mapping = ConnectionMapping(connections: ["c-sf": "sf"], tables: [nx1ID(1): [TableRef(name: "A")]])
        for (source, target, path) in [
            (sync.provider as any JobProvider, nx1.provider as any JobProvider, "providerData.fancy_option"),
            (connect.provider, nx1.provider, "providerData.params.fancyParam"),
            (nx1.provider, sync.provider, "providerData.owner_email"),
        ] {
            let plan = try await JobBridgeMigration.plan(from: source, to: target, mapping: mapping)
            let loss = try #require(plan.jobs.first?.losses.first { $0.code == .fieldUnknown }, "\(path)")
            #expect(loss.field == path)
            #expect(loss.content != nil)
            #expect(plan.jobs.first?.verdict != .exact)
        }
    }

    @Test func everyRefusalOfAJobIsListedAtOnce() async throws {
        let sync = try await SyncSide()
        await sync.seed(
            syncJob(
                "All at once", cron: "0 12 ? * 2#1", gmt: false, type: "ReverseETL", source: "c-lake", queries: [],
                extra: ["drop_table": true, "fancy_option": 1]
            ).objectValue ?? [:])
        let plan = try await JobBridgeMigration.plan(from: sync.provider, to: try await ConnectSide().provider)
        let codes = try #require(plan.jobs.first).codes.map(\.rawValue)
        for code in [
            "KIND_UNSUPPORTED", "SCHEDULE_ZONE_UNKNOWN", "CONNECTION_UNMAPPED", "TASKS_MISSING", "SETTING_DROPPED",
            "FIELD_UNKNOWN", "NAME_SET_BY_PROVIDER", "DESTINATION_IMPLIED",
        ] {
            #expect(codes.contains(code), "\(code) missing from \(codes)")
        }
        #expect(plan.jobs.first?.verdict == .impossible)
    }

    @Test func selectionsChooseTheJobs() async throws {
        let sync = try await SyncSide()
        var ids: [String] = []
        for n in 0..<5 { ids.append(await sync.seed(syncJob("Pick \(n)").objectValue ?? [:])) }
        let nx1 = try NX1Side()
        let byID = try await JobBridgeMigration.plan(
            from: sync.provider, selection: .ids([JobID(ids[3]), JobID(ids[1])]), to: nx1.provider)
        #expect(byID.jobs.map(\.sourceID) == [ids[1], ids[3]].sorted())
        let byName = try await JobBridgeMigration.plan(
            from: sync.provider, selection: .matching { $0.name.hasSuffix("4") }, to: nx1.provider)
        #expect(byName.jobs.map(\.sourceName) == ["Pick 4"])
        await #expect(throws: JobBridgeError.self) {
            _ = try await JobBridgeMigration.plan(from: sync.provider, selection: .ids(["nope"]), to: nx1.provider)
        }
    }

    @Test func anAdapterThatDeclaresNoTraitsIsStillPlanned() async throws {
        // The in-memory provider keeps the permissive default traits: cron in any zone,
        // ordered tasks, provenance by name suffix.
        let memory = InMemoryProvider()
        let job = try await memory.createJob(
            JobDefinition(
                name: "Plain", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
                destination: ConnectionRef(id: "c-sn"), schedule: .cron(try CronSchedule("0 6 * * *")),
                tasks: [TaskDefinition(table: TableRef(name: "A"))]))
        let sync = try await SyncSide()
        let plan = try await JobBridgeMigration.plan(
            from: memory, to: sync.provider, mapping: ConnectionMapping(connections: ["c-sf": "c-sf", "c-sn": "c-sn"]))
        let planned = try #require(plan.job(sourceID: job.id.rawValue))
        #expect(planned.verdict == .exact, "\(planned.losses)")
        #expect(planned.action == .create)
        let back = try await JobBridgeMigration.plan(from: sync.provider, to: InMemoryProvider())
        #expect(back.jobs.isEmpty)
    }

    @Test func anIntervalTargetsFirstRunMovesPastTheGivenDateKeepingItsPhase() async throws {
        let sync = try await SyncSide()
        let id = await sync.seed(syncJob("Later", cron: "15 */6 * * ?").objectValue ?? [:])
        let connect = try await ConnectSide()
        let notBefore = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01 00:00 UTC
        let mapping = ConnectionMapping(connections: ["c-sf": connect.connections["Salesforce"] ?? ""])
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider, mapping: mapping,
            options: MigrationOptions(firstRunNotBefore: notBefore))
        let job = try #require(plan.job(sourceID: id))
        let first = try #require(job.targets.first?.definition.schedule.firstRun)
        #expect(first >= notBefore && first < notBefore.addingTimeInterval(6 * 3_600))
        #expect(Int(first.timeIntervalSince1970) % (6 * 3_600) == 15 * 60)
        #expect(!job.losses.contains { $0.code == .scheduleDrift || $0.code == .scheduleDST })
        let created = try await connect.provider.createJob(try #require(job.targets.first).definition.definition())
        #expect(PlanVerification.compare(planned: try #require(job.targets.first), readBack: created) == [])
    }

    @Test func aCronInTheSyncServersZoneStaysInServerTime() async throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let memory = InMemoryProvider()
        let job = try await memory.createJob(
            JobDefinition(
                name: "NY", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
                schedule: .cron(try CronSchedule("30 2 * * 1-5", timeZone: newYork)),
                tasks: [TaskDefinition(table: TableRef(name: "A"))]))
        let sync = try await SyncSide()
        var mapping = ConnectionMapping(connections: ["c-sf": "c-sf"], serverTimeZone: "America/New_York")
        let local = try #require(
            try await JobBridgeMigration.plan(from: memory, to: sync.provider, mapping: mapping).job(
                sourceID: job.id.rawValue))
        #expect(local.targets.first?.definition.settings["use_gmt_datetime"] == false)
        #expect(local.targets.first?.definition.schedule.timeZone == "America/New_York")
        #expect(!local.codes.contains(.scheduleDST) && !local.codes.contains(.scheduleDrift), "\(local.losses)")
        // Another server zone: the cron is moved to GMT, and differs on DST terms.
        mapping.serverTimeZone = "Europe/Berlin"
        let moved = try #require(
            try await JobBridgeMigration.plan(from: memory, to: sync.provider, mapping: mapping).job(
                sourceID: job.id.rawValue))
        #expect(moved.targets.first?.definition.settings["use_gmt_datetime"] == true)
        #expect(moved.codes.contains(.scheduleDST))
    }

    @Test func targetLookupsFindTheirTargetAndSkipDeletedJobs() throws {
        let key = ProvenanceKey(sourceProvider: "S", sourceScope: "w", sourceJobID: "1", splitIndex: 0)
        #expect(key != ProvenanceKey(sourceProvider: "S", sourceScope: "w", sourceJobID: "1", splitIndex: 1))
        #expect(key == ProvenanceKey(sourceProvider: "S", sourceScope: "w", sourceJobID: "1", splitIndex: 0))
        let member = Job(
            id: "n1", name: "X", kind: JobKind(.workflow), settings: ["jobbridge": ["key": .string(key.rawValue)]])
        let deleted = Job(
            id: "n0", name: "X", kind: JobKind(.workflow), settings: ["jobbridge": ["key": .string(key.rawValue)]],
            providerData: ["is_deleted": true])
        let suffixed = Job(id: "s1", name: "Orders" + key.nameSuffix, kind: JobKind(.replication))
        let table = Job(
            id: "c1", name: "whatever", kind: JobKind(.replication), source: ConnectionRef(id: "conn"),
            tasks: [JobTask(id: "table", index: 0, table: TableRef(schema: "dbo", name: "A"))])
        let jobs = [deleted, member, suffixed, table]
        #expect(TargetLookup(strategy: .settingsMember, key: key, member: "jobbridge").find(in: jobs)?.id == "n1")
        #expect(TargetLookup(strategy: .nameSuffix, key: key, nameSuffix: key.nameSuffix).find(in: jobs)?.id == "s1")
        #expect(
            TargetLookup(
                strategy: .naturalKey, key: key, sourceConnection: "conn", table: TableRef(schema: "dbo", name: "A")
            )
            .find(in: jobs)?.id == "c1")
        #expect(
            TargetLookup(strategy: .naturalKey, key: key, sourceConnection: "conn", table: TableRef(name: "B"))
                .find(in: jobs) == nil)
        #expect(TargetLookup(strategy: .name, key: key, name: "whatever").find(in: jobs)?.id == "c1")
        #expect(TargetLookup(strategy: .settingsMember, key: key, member: "jobbridge").find(in: [deleted]) == nil)
    }

    @Test func verificationNamesEachDifferingFieldAndComparesSchedulesByBehaviour() async throws {
        let connect = try await ConnectSide()
        let sf = connect.connections["Salesforce"] ?? ""
        let id = try await connect.seed(connectJob("Verify", source: sf, unit: "Hour", value: 6))
        let sync = try await SyncSide()
        let plan = try await JobBridgeMigration.plan(
            from: connect.provider, to: sync.provider,
            mapping: ConnectionMapping(connections: [sf: "c-sf"], cacheDestination: "c-sn"))
        let target = try #require(plan.job(sourceID: id)?.targets.first)
        let created = try await sync.provider.createJob(try target.definition.definition())
        let readBack = try await sync.provider.job(created.id)
        #expect(PlanVerification.compare(planned: target, readBack: readBack) == [])
        // A field the platform dropped, a changed schedule, a renamed job: each named.
        var changed = readBack
        changed.settings["verbosity"] = nil
        changed.schedule = .cron(try CronSchedule("0 */4 * * ?", dialect: .sync))
        changed.name = "Other"
        let losses = PlanVerification.compare(planned: target, readBack: changed)
        #expect(Set(losses.map(\.field)) == ["name", "schedule", "settings.verbosity"])
        #expect(losses.allSatisfy { $0.code == .verifyMismatch && $0.verdict == .blocked })
        // The same runs written differently are no difference.
        var same = readBack
        same.schedule = .cron(try CronSchedule("0 0,6,12,18 * * ?", dialect: .sync))
        #expect(PlanVerification.compare(planned: target, readBack: same) == [])
        // After cutover the target is enabled.
        var enabled = readBack
        enabled.isEnabled = true
        #expect(PlanVerification.compare(planned: target, readBack: enabled, stage: .cutOver) == [])
        #expect(
            PlanVerification.compare(planned: target, readBack: enabled, stage: .staged).map(\.field) == ["isEnabled"])
    }
}
