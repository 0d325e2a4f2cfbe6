import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Reference §6 A1–A4 and the canary: planning makes no mutating call, is deterministic,
/// detects staleness, refuses unknown plan versions, and carries no secret.
@Suite struct PlanDryRunTests {
    static let crons = [
        "0 */6 * * ?", "0 9 ? * MON-FRI", "*/15 * * * ?", "0 0 LW * ?", "0 12 ? * 2#1", "30 2 * * ?", "", "0 0 1 * ?",
    ]
    static let types = ["Standard", "Standard", "Standard", "SyncAll", "ReverseETL"]

    /// 200 mixed Sync jobs: kinds, schedules, zones, tasks, settings, enabled states.
    static func seedMixedSync(_ sync: SyncSide, count: Int = 200) async {
        for i in 0..<count {
            let queries = (0..<(i % 4)).map { "REPLICATE [T\(i)_\($0)]" }
            var extra: [String: JSONValue] = [:]
            if i % 3 == 0 { extra["truncate_table_data"] = true }
            if i % 7 == 0 { extra["api_token"] = .string(canarySecret) }
            if i % 11 == 0 { extra["fancy_option"] = .int(Int64(i)) }
            await sync.seed(
                syncJob(
                    "Mixed \(i)", cron: crons[i % crons.count], gmt: i % 5 == 0 ? false : true, enabled: i % 6 != 0,
                    type: types[i % types.count], source: ["c-sf", "c-pg", "c-mc", "c-lake"][i % 4], queries: queries,
                    extra: extra
                ).objectValue ?? [:])
        }
    }

    static func nx1Mapping() -> ConnectionMapping {
        ConnectionMapping(
            connections: ["c-sf": "salesforce prod", "c-sn": "snowflake", "c-pg": "pg", "c-mc": "mailchimp"],
            serverTimeZone: "America/New_York")
    }

    @Test func planningTwoHundredMixedJobsMakesNoMutatingCall() async throws {
        let sync = try await SyncSide()
        await Self.seedMixedSync(sync)
        let nx1 = try NX1Side()
        let connect = try await ConnectSide()
        for i in 0..<200 {
            try await connect.seed(
                connectJob(
                    "Mixed \(i)", source: connect.connections[["Salesforce", "MailChimp", "PostgreSQL"][i % 3]] ?? "",
                    unit: ["Hour", "Day", "Week", "Month"][i % 4], value: [1, 5, 2, 3][i % 4], enabled: i % 4 != 0,
                    table: "T\(i)", params: i % 5 == 0 ? ["timeCheckColumn": "Modified"] : [:]))
            await nx1.seed(
                id: nx1ID(i),
                nx1Job(
                    "Mixed \(i)", type: ["airflow.ingest", "mirror", "airflow.nlp"][i % 3],
                    schedule: ["0 6 * * *", "@once", nil, "*/10 * * * *", "0 0 1 * 1"][i % 5],
                    properties: i % 2 == 0 ? ["retries": 3, "password": .string(canarySecret)] : nil))
        }
        for side in [sync.transport, nx1.transport, connect.transport] { side.reset() }
        let plans = [
            try await JobBridgeMigration.plan(from: sync.provider, to: nx1.provider, mapping: Self.nx1Mapping()),
            try await JobBridgeMigration.plan(from: sync.provider, to: connect.provider),
            try await JobBridgeMigration.plan(from: connect.provider, to: nx1.provider),
            try await JobBridgeMigration.plan(from: connect.provider, to: sync.provider),
            try await JobBridgeMigration.plan(from: nx1.provider, to: sync.provider),
            try await JobBridgeMigration.plan(from: nx1.provider, to: connect.provider),
        ]
        #expect(plans.allSatisfy { $0.jobs.count == 200 })
        #expect(sync.transport.count > 0 && nx1.transport.count > 0 && connect.transport.count > 0)
        #expect(sync.transport.mutating == [])
        #expect(nx1.transport.mutating == [])
        #expect(connect.transport.mutating == [])
    }

    @Test func twoPlansFromTheSameInputsAreByteIdentical() async throws {
        let sync = try await SyncSide()
        await Self.seedMixedSync(sync, count: 60)
        let nx1 = try NX1Side()
        let first = try await JobBridgeMigration.plan(from: sync.provider, to: nx1.provider, mapping: Self.nx1Mapping())
        let second = try await JobBridgeMigration.plan(
            from: sync.provider, to: nx1.provider, mapping: Self.nx1Mapping())
        #expect(try first.encoded() == second.encoded())
        #expect(try first.encoded(pretty: false) == second.encoded(pretty: false))
        // A plan read back encodes to the same bytes.
        let decoded = try MigrationPlan.decode(from: try first.encoded())
        #expect(decoded == first)
        #expect(try decoded.encoded() == first.encoded())
        // Fresh simulators seeded alike give the same plan too (ids are seeded).
        let otherSync = try await SyncSide()
        await Self.seedMixedSync(otherSync, count: 60)
        let third = try await JobBridgeMigration.plan(
            from: otherSync.provider, to: try NX1Side().provider, mapping: Self.nx1Mapping())
        #expect(try third.encoded() == first.encoded())
    }

    @Test func aStalePlanIsDetectedWithEveryReasonAndNoWrite() async throws {
        let sync = try await SyncSide()
        let first = await sync.seed(syncJob("Stale one").objectValue ?? [:])
        await sync.seed(syncJob("Stale two").objectValue ?? [:])
        let nx1 = try NX1Side()
        let mapping = Self.nx1Mapping()
        let plan = try await JobBridgeMigration.plan(from: sync.provider, to: nx1.provider, mapping: mapping)
        sync.transport.reset()
        nx1.transport.reset()
        #expect(
            try await PlanStaleness.reasons(plan, source: sync.provider, target: nx1.provider, mapping: mapping) == [])
        // Edit a source job, change the mapping, and make a same-named job appear on the target.
        _ = try await sync.provider.updateJob(JobID(first), with: JobUpdate(settings: ["truncate_table_data": true]))
        var changed = mapping
        changed.connections["c-sf"] = "salesforce sandbox"
        await nx1.seed(id: nx1ID(77), nx1Job("Stale two", schedule: nil))
        sync.transport.reset()
        nx1.transport.reset()
        let error = try await #require(throws: MigrationError.self) {
            try await PlanStaleness.ensureFresh(plan, source: sync.provider, target: nx1.provider, mapping: changed)
        }
        #expect(error.code == .planStale)
        #expect(error.details.count == 3)
        #expect(error.details.contains { $0.contains(first) })
        #expect(error.details.contains { $0.contains("mapping") })
        #expect(error.details.contains { $0.contains("target") })
        #expect(sync.transport.mutating == [] && nx1.transport.mutating == [])
        // The pure form, from jobs already read, says the same.
        var current: [String: Job] = [:]
        for job in plan.jobs { current[job.sourceID] = try await sync.provider.job(JobID(job.sourceID)) }
        let targetJobs = try await nx1.provider.jobs().collect()
        #expect(
            PlanStaleness.reasons(plan, sourceJobs: current, targetJobs: targetJobs, mapping: changed) == error.details)
        #expect(PlanStaleness.reasons(plan, sourceJobs: [:], targetJobs: [], mapping: mapping).count == 2)
    }

    @Test func aPlanOfAnUnknownVersionIsRefused() async throws {
        let sync = try await SyncSide()
        await sync.seed(syncJob("Versioned").objectValue ?? [:])
        let plan = try await JobBridgeMigration.plan(from: sync.provider, to: try NX1Side().provider)
        var json = try JSONValue(data: try plan.encoded())
        json["formatVersion"] = 2
        let error = try #require(throws: JobBridgeError.self) { try MigrationPlan.decode(from: try json.data()) }
        #expect(error.field == "formatVersion")
        #expect(error.message.contains("2"))
        // Not a plan at all: refused naming what is missing.
        let other = try #require(throws: JobBridgeError.self) { try MigrationPlan.decode(from: Data("{}".utf8)) }
        #expect(other.code == .invalidDefinition)
    }

    @Test func canarySecretsNeverReachThePlan() async throws {
        let sync = try await SyncSide()
        await Self.seedMixedSync(sync, count: 30)
        await sync.seed(
            syncJob(
                "Canary",
                extra: [
                    "password": .string(canarySecret), "email_to": .string("Password=\(canarySecret)"),
                    "other_cache_options": .string("Password=\(canarySecret);"),
                ]
            )
            .objectValue ?? [:])
        let nx1 = try NX1Side()
        await nx1.seed(
            id: nx1ID(1),
            nx1Job(
                "Canary NX1", source: "Server=db;Password=\(canarySecret);", destination: "lake",
                properties: ["token": .string(canarySecret), "nested": ["client_secret": .string(canarySecret)]]))
        let connect = try await ConnectSide()
        try await connect.seed(
            connectJob(
                "Canary Connect", source: connect.connections["Salesforce"] ?? "",
                params: ["password": .string(canarySecret)]))
        let directions: [(any JobProvider, any JobProvider, ConnectionMapping)] = [
            (sync.provider, nx1.provider, Self.nx1Mapping()), (sync.provider, connect.provider, ConnectionMapping()),
            (nx1.provider, sync.provider, ConnectionMapping()), (nx1.provider, connect.provider, ConnectionMapping()),
            (connect.provider, nx1.provider, ConnectionMapping()),
            (connect.provider, sync.provider, ConnectionMapping()),
        ]
        let folder = try TemporaryFolder("canary")
        defer { folder.remove() }
        for (index, (source, target, mapping)) in directions.enumerated() {
            let plan = try await JobBridgeMigration.plan(from: source, to: target, mapping: mapping)
            let text = String(decoding: try plan.encoded(), as: UTF8.self)
            #expect(!text.contains(canarySecret), "\(plan.sourceProvider) → \(plan.targetProvider)")
            #expect(!"\(plan)".contains(canarySecret))
            // The streamed plan file, written by the planner job by job, holds none either.
            let file = try await JobBridgeMigration.plan(
                from: source, to: target, mapping: mapping, writingTo: folder.file("plan-\(index).jsonl"))
            let lines = String(decoding: try Data(contentsOf: file.url), as: UTF8.self)
            #expect(!lines.contains(canarySecret), "plan file \(plan.sourceProvider) → \(plan.targetProvider)")
            #expect(lines.contains(plan.planID))
        }
    }
}
