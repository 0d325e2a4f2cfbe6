import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Verdict corpus, NX1 → CData Connect AI (reference §4.5, "NX1 → Connect").
@Suite struct CorpusNX1ToConnectTests {
    static let base: Set<String> = [
        "KIND_CHANGED", "NAME_SET_BY_PROVIDER", "DESTINATION_IMPLIED", "CUTOVER_DELETE_ONLY",
    ]

    static func cases() -> [CorpusCase] {
        let b = base
        func ok(
            _ label: String, _ json: [String: JSONValue], _ extra: Set<String> = [], minus: Set<String> = [],
            action: MigrationAction = .create, variant: Int = 0, check: (@Sendable (PlannedJob) -> String?)? = nil
        ) -> CorpusCase {
            CorpusCase(
                label: label, json: .object(json), verdict: .approximate, codes: b.union(extra).subtracting(minus),
                action: action, variant: variant, check: check)
        }
        func never(_ label: String, _ json: [String: JSONValue], _ extra: Set<String>) -> CorpusCase {
            CorpusCase(label: label, json: .object(json), verdict: .impossible, codes: b.union(extra), action: .skip)
        }
        func blocked(_ label: String, _ json: [String: JSONValue], _ extra: Set<String>, variant: Int = 0) -> CorpusCase
        {
            CorpusCase(
                label: label, json: .object(json), verdict: .blocked, codes: b.union(extra), action: .blocked,
                variant: variant)
        }
        var cases: [CorpusCase] = []
        for (index, cron) in [
            "0 * * * *", "30 2 * * *", "0 */6 * * *", "0 9 * * 1", "0 0 1 * *", "@daily", "@hourly", "@weekly",
            "@monthly", "15 */2 * * *", "0 */3 * * *", "0 */8 * * *", "0 */12 * * *", "45 23 * * 0", "0 6 15 * *",
            "0 0 1 */3 *",
        ].enumerated() {
            cases.append(ok("exact \(cron)", nx1Job("NC exact \(index)", schedule: cron)))
        }
        for (index, cron) in [
            "15 * * * *", "0 12 * * *", "0 0 * * 3", "0 6 1 * *", "0 */2 * * *", "0 */4 * * *", "0 0 1 1 *", "@yearly",
            "30 */1 * * *", "0 0 15 */6 *",
        ].enumerated() {
            cases.append(ok("more exact \(cron)", nx1Job("NC more \(index)", schedule: cron)))
        }
        for (index, cron) in ["0 18 * * 5", "30 5 * * *", "0 8 * * 0"].enumerated() {
            cases.append(ok("extra exact \(cron)", nx1Job("NC extra \(index)", schedule: cron)))
        }
        for (index, cron) in ["0 0 * * 1,3", "*/30 * * * *", "0 0 1,15 * *", "0 9-17 * * *"].enumerated() {
            cases.append(
                never(
                    "more unexpressible \(cron)", nx1Job("NC more never \(index)", schedule: cron),
                    ["SCHEDULE_UNEXPRESSIBLE"]))
        }
        for (index, cron) in ["*/10 * * * *", "@once", "0 9 * * 1-5", "0 */5 * * *", "0 8,17 * * *", "0 0 L * *"]
            .enumerated()
        {
            cases.append(
                never("unexpressible \(cron)", nx1Job("NC never \(index)", schedule: cron), ["SCHEDULE_UNEXPRESSIBLE"]))
        }
        cases.append(never("manual", nx1Job("NC manual", schedule: nil), ["SCHEDULE_UNEXPRESSIBLE"]))
        // Kinds.
        cases.append(ok("mirror", nx1Job("NC mirror", type: "mirror")))
        cases.append(ok("airflow.nlp", nx1Job("NC nlp", type: "airflow.nlp")))
        cases.append(
            ok(
                "unknown type", nx1Job("NC custom", type: "custom.thing"),
                check: { $0.targets.first?.definition.kind.providerValue == "Caching" ? nil : "kind" }))
        // Tables.
        cases.append(blocked("no tables", nx1Job("NC no tables"), ["TASKS_MISSING"]))
        cases.append(
            ok(
                "three tables split", nx1Job("NC three"), ["TASKS_SPLIT"],
                check: { $0.targets.count == 3 ? nil : "\($0.targets.count) targets" }))
        // Connections.
        cases.append(
            blocked("unmapped source text", nx1Job("NC unmapped", source: "ftp server"), ["CONNECTION_UNMAPPED"]))
        cases.append(blocked("no source", nx1Job("NC no source", source: nil), ["CONNECTION_UNMAPPED"]))
        cases.append(never("relational source", nx1Job("NC pg", source: "pg"), ["SOURCE_RELATIONAL_NO_CACHE"]))
        cases.append(blocked("mapped to nothing", nx1Job("NC legacy", source: "legacy"), ["CONNECTION_NOT_FOUND"]))
        cases.append(
            ok(
                "destination text ignored", nx1Job("NC dest", destination: "anything"),
                check: { job in
                    job.targets.first?.definition.destination?.name == "CacheConnection" ? nil : "destination"
                }))
        cases.append(
            blocked("no cache connection", nx1Job("NC no cache"), ["CONNECT_NO_CACHE"], variant: 1))
        // Settings.
        cases.append(ok("properties", nx1Job("NC props", properties: ["retries": 3]), ["SETTING_DROPPED"]))
        cases.append(ok("two properties", nx1Job("NC props 2", properties: ["a": 1, "b": "x"]), ["SETTING_DROPPED"]))
        cases.append(
            ok(
                "round trip from an earlier migration",
                nx1Job(
                    "NC round trip", type: "airflow.dataeng", schedule: "0 */6 * * *",
                    properties: [
                        "jobbridge": [
                            "key": "fedcba9876543210", "kind": ["category": "replication", "providerValue": "Caching"],
                            "settings": ["logVerbosity": 2],
                            "tasks": [["table": ["schema": "CRM", "name": "Deal"], "isActive": true]],
                        ]
                    ]), minus: ["KIND_CHANGED"],
                check: { job in
                    let d = job.targets.first?.definition
                    return d?.settings["logVerbosity"] == 2 && d?.kind.providerValue == "Caching"
                        && d?.tasks.first?.table == TableRef(schema: "CRM", name: "Deal")
                        ? nil : "not restored \(String(describing: d))"
                }))
        cases.append(
            ok("nested property", nx1Job("NC nested", properties: ["conf": ["depth": 2]]), ["SETTING_DROPPED"]))
        cases.append(ok("mirror with schedule", nx1Job("NC mirror daily", type: "mirror", schedule: "@daily")))
        cases.append(ok("no destination", nx1Job("NC no destination", destination: nil)))
        cases.append(
            never(
                "relational and once", nx1Job("NC pg once", source: "pg", schedule: "@once"),
                ["SOURCE_RELATIONAL_NO_CACHE", "SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(
            ok(
                "carried Sync kind becomes Caching",
                nx1Job(
                    "NC carried sync", type: "airflow.dataeng",
                    properties: [
                        "jobbridge": [
                            "key": "00000000000000aa",
                            "kind": ["category": "replication", "providerValue": "Standard"],
                        ]
                    ]), minus: ["KIND_CHANGED"],
                check: { $0.targets.first?.definition.kind.providerValue == "Caching" ? nil : "kind not Caching" }))
        cases.append(
            ok("unknown field", nx1Job("NC unknown", extra: ["owner_email": "a@example.com"]), ["FIELD_UNKNOWN"]))
        cases.append(
            ok(
                "already on Connect", nx1Job("NC done", schedule: "0 */6 * * *"), ["ALREADY_MIGRATED"], action: .adopt))
        cases.append(
            ok(
                "found with another schedule", nx1Job("NC differs", schedule: "0 0 * * *"), action: .update,
                check: { $0.targets.first?.differences == ["schedule"] ? nil : "differences" }))
        cases.append(
            ok(
                "natural key lookup", nx1Job("NC lookup"),
                check: { job in
                    guard let lookup = job.targets.first?.lookup else { return "no lookup" }
                    return lookup.strategy == .naturalKey && lookup.table?.name == "Account" ? nil : "lookup"
                }))
        return cases
    }

    @Test func everyFixtureMatches() async throws {
        let nx1 = try NX1Side()
        let connect = try await ConnectSide()
        let bare = try await ConnectSide(withCache: false)
        let sf = try #require(connect.connections["Salesforce"])
        try await connect.seed(connectJob("Done", source: sf, table: "Done", schema: "dbo"))
        try await connect.seed(connectJob("Differs", source: sf, table: "Differs", schema: "dbo"))
        let cases = Self.cases()
        var tables: [String: [TableRef]] = [:]
        for (index, item) in cases.enumerated() where item.label != "no tables" {
            switch item.label {
            case "three tables split": tables[nx1ID(index)] = ["A", "B", "C"].map { TableRef(schema: "dbo", name: $0) }
            case "already on Connect": tables[nx1ID(index)] = [TableRef(schema: "dbo", name: "Done")]
            case "found with another schedule": tables[nx1ID(index)] = [TableRef(schema: "dbo", name: "Differs")]
            default: tables[nx1ID(index)] = [TableRef(schema: "dbo", name: "Account")]
            }
        }
        func mapping(_ side: ConnectSide) throws -> ConnectionMapping {
            ConnectionMapping(
                connections: [
                    "salesforce prod": try #require(side.connections["Salesforce"]),
                    "pg": try #require(side.connections["PostgreSQL"]), "legacy": "no-such",
                ], tables: tables)
        }
        let result = try await runCorpus(
            cases, seed: { index, item in await nx1.seed(id: nx1ID(index), item.json.objectValue ?? [:]) },
            plan: { variant, _ in
                let target = variant == 0 ? connect : bare
                return try await JobBridgeMigration.plan(
                    from: nx1.provider, to: target.provider, mapping: try mapping(target))
            })
        #expect(cases.count >= 60)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.matched == cases.count)
    }
}
