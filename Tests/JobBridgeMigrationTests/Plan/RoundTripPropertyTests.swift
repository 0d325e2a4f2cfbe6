import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// A small seeded generator (SplitMix64), so that every run draws the same jobs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Reference §6 H1: for generated jobs whose A → B verdict is exact, A → B → A equals the
/// original under normalisation (ids, names the provider sets, dates and the interval's
/// anchor date aside), for the pairs that admit exact round trips: Connect → Sync, and
/// NX1 (with content carried by an earlier migration) → Sync.
@Suite struct RoundTripPropertyTests {
    static let count = 40

    @Test(arguments: [UInt64(1), 2, 3])
    func connectToSyncAndBack(seed: UInt64) async throws {
        var random = SeededGenerator(state: seed)
        let connect = try await ConnectSide()
        let sync = try await SyncSide()
        let sources = ["Salesforce", "MailChimp", "HubSpot"]
        var originals: [String: Job] = [:]
        for n in 0..<Self.count {
            let (unit, value): (String, Int) =
                [
                    ("Hour", [1, 2, 3, 4, 6, 8, 12, 24].randomElement(using: &random) ?? 1), ("Day", 1), ("Week", 1),
                    ("Month", [1, 2, 3, 4, 6, 12].randomElement(using: &random) ?? 1),
                ].randomElement(using: &random) ?? ("Hour", 1)
            let first = String(
                format: "2024-01-%02dT%02d:%02d:00Z", Int.random(in: 1...28, using: &random),
                Int.random(in: 0...23, using: &random), Int.random(in: 0...59, using: &random))
            let source = sources.randomElement(using: &random) ?? "Salesforce"
            let id = try await connect.seed(
                connectJob(
                    "RT \(seed) \(n)", source: connect.connections[source] ?? "", unit: unit, value: value,
                    firstRun: first, enabled: Bool.random(using: &random), table: "T\(n)",
                    schema: ["Salesforce", "CRM"].randomElement(using: &random) ?? "CRM",
                    logVerbosity: [1, 2, 3, 5].randomElement(using: &random),
                    params: ["autoTruncateStrings": .string(Bool.random(using: &random) ? "true" : "false")]))
            originals[id] = try await connect.provider.job(JobID(id))
        }
        var forward: [String: String] = [:]
        var backward: [String: String] = [:]
        for (name, syncID) in [("Salesforce", "c-sf"), ("MailChimp", "c-mc"), ("HubSpot", "c-hs")] {
            let id = try #require(connect.connections[name])
            forward[id] = syncID
            backward[syncID] = id
        }
        let there = try await JobBridgeMigration.plan(
            from: connect.provider, to: sync.provider,
            mapping: ConnectionMapping(connections: forward, cacheDestination: "c-sn"))
        let exact = there.jobs.filter { $0.verdict == .exact }
        #expect(exact.count == Self.count, "\(there.jobs.filter { $0.verdict != .exact }.map(\.losses))")
        // B as cutover leaves it.
        for job in exact {
            let target = try #require(job.targets.first)
            _ = try await sync.provider.createJob(try PlanVerification.cutOverDefinition(target).definition())
        }
        // Back to a fresh Connect account: each planned definition equals the original.
        let fresh = try await ConnectSide()
        let back = try await JobBridgeMigration.plan(
            from: sync.provider, to: fresh.provider, mapping: ConnectionMapping(connections: backward))
        #expect(back.jobs.count == exact.count)
        var matched = 0
        for job in back.jobs {
            let target = try #require(job.targets.first)
            guard
                let original = originals.values.first(where: { original in
                    original.tasks.first?.table == target.definition.tasks.first?.table
                })
            else {
                Issue.record("no original for \(job.sourceName)")
                continue
            }
            let planned = PlanVerification.cutOverDefinition(target)
            var problems: [String] = []
            if planned.kind.providerValue != original.kind.providerValue { problems.append("kind") }
            if planned.source?.id != original.source?.id { problems.append("source") }
            if planned.destination?.id != original.destination?.id { problems.append("destination") }
            if planned.isEnabled != original.isEnabled { problems.append("enabled") }
            if planned.settings["logVerbosity"] != original.settings["logVerbosity"] { problems.append("logVerbosity") }
            if planned.settings["autoTruncateStrings"] != original.settings["autoTruncateStrings"] {
                problems.append("autoTruncateStrings")
            }
            let comparison = ScheduleComparison.compare(
                source: .init(original.schedule), target: .init(try planned.schedule.schedule()), zones: [.gmt],
                runsPerWindow: 200)
            if !comparison.isExact { problems.append("schedule \(original.schedule) → \(planned.schedule)") }
            #expect(problems.isEmpty, "\(original.name): \(problems)")
            if problems.isEmpty { matched += 1 }
        }
        #expect(matched == exact.count)
        // Back to the original account: every job is found by its natural key, and matches.
        let again = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider, mapping: ConnectionMapping(connections: backward))
        #expect(again.jobs.allSatisfy { $0.action == .adopt && $0.codes.contains(.alreadyMigrated) })
    }

    /// A name without the ` [jb:<8 hex>]` suffix a Sync target carries.
    static func withoutSuffix(_ name: String) -> String {
        guard let range = name.range(of: " [jb:", options: .backwards), name.hasSuffix("]") else { return name }
        return String(name[..<range.lowerBound])
    }

    @Test(arguments: [UInt64(11), 12])
    func nx1WithCarriedContentToSyncAndBack(seed: UInt64) async throws {
        var random = SeededGenerator(state: seed)
        let nx1 = try NX1Side()
        let sync = try await SyncSide()
        var originals: [String: [String: JSONValue]] = [:]
        var tables: [String: [TableRef]] = [:]
        for n in 0..<Self.count {
            let minute = Int.random(in: 0...59, using: &random)
            let hour = Int.random(in: 0...23, using: &random)
            let cron =
                [
                    "\(minute) \(hour) * * *", "\(minute) \(hour) * * \(Int.random(in: 0...6, using: &random))",
                    "\(minute) */\([1, 2, 3, 4, 6, 8, 12].randomElement(using: &random) ?? 1) * * *",
                    "\(minute) \(hour) \(Int.random(in: 1...28, using: &random)) * *",
                ].randomElement(using: &random) ?? "0 0 * * *"
            let queries = (0..<Int.random(in: 1...3, using: &random)).map { "REPLICATE [T\(n)_\($0)]" }
            let member: JSONValue = [
                "key": .string(String(format: "%016x", n + 1)),
                "kind": ["category": "replication", "providerValue": "Standard"],
                "settings": [
                    "verbosity": .int(Int64([1, 2, 3, 5].randomElement(using: &random) ?? 1)),
                    "truncate_table_data": .bool(Bool.random(using: &random)),
                ],
                "tasks": .array(queries.map { ["query": .string($0), "isActive": true] }),
            ]
            let json = nx1Job(
                "NRT \(seed) \(n)", type: "airflow.dataeng",
                source: ["salesforce prod", "hubspot"].randomElement(using: &random),
                destination: "warehouse", schedule: cron, properties: ["jobbridge": member])
            originals["NRT \(seed) \(n)"] = json
            await nx1.seed(id: nx1ID(n), json)
            tables[nx1ID(n)] = []
        }
        let forward = ConnectionMapping(
            connections: ["salesforce prod": "c-sf", "hubspot": "c-hs", "warehouse": "c-sn"])
        let there = try await JobBridgeMigration.plan(from: nx1.provider, to: sync.provider, mapping: forward)
        let exact = there.jobs.filter { $0.verdict == .exact }
        #expect(exact.count == Self.count, "\(there.jobs.filter { $0.verdict != .exact }.map(\.losses))")
        for job in exact {
            let target = try #require(job.targets.first)
            _ = try await sync.provider.createJob(try PlanVerification.cutOverDefinition(target).definition())
        }
        let back = try await JobBridgeMigration.plan(
            from: sync.provider, to: try NX1Side().provider,
            mapping: ConnectionMapping(connections: ["c-sf": "salesforce prod", "c-hs": "hubspot", "c-sn": "warehouse"])
        )
        #expect(back.jobs.count == exact.count)
        for job in back.jobs {
            let target = try #require(job.targets.first)
            let name = Self.withoutSuffix(job.sourceName)
            let original = try #require(originals[name])
            let planned = PlanVerification.cutOverDefinition(target)
            let carried = try #require(CarriedContent(json: planned.settings["jobbridge"]))
            let originalMember = try #require(
                CarriedContent(
                    json: try JSONValue(data: Data((original["properties_json"]?.stringValue ?? "").utf8))["jobbridge"])
            )
            var problems: [String] = []
            if planned.name != name { problems.append("name \(planned.name)") }
            if planned.kind.providerValue != "airflow.dataeng" { problems.append("kind") }
            if planned.source?.name != original["source"]?.stringValue { problems.append("source") }
            if planned.destination?.name != "warehouse" { problems.append("destination") }
            if carried.kind != originalMember.kind { problems.append("carried kind") }
            if carried.settings != originalMember.settings { problems.append("carried settings \(carried.settings)") }
            if carried.tasks != originalMember.tasks { problems.append("carried tasks") }
            let originalSchedule = try CronSchedule(original["schedule"]?.stringValue ?? "", dialect: .airflow)
            let comparison = ScheduleComparison.compare(
                source: .init(.cron(originalSchedule)), target: .init(try planned.schedule.schedule()), zones: [.gmt],
                runsPerWindow: 300)
            if !comparison.isExact { problems.append("schedule") }
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }
}
