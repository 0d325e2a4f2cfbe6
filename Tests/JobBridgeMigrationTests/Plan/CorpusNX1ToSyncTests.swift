import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Verdict corpus, NX1 → CData Sync (reference §4.5, "NX1 → Sync").
@Suite struct CorpusNX1ToSyncTests {
    static let base: Set<String> = ["KIND_CHANGED", "CUTOVER_DELETE_ONLY"]

    /// The cases; a case whose label starts with "no tables" gets no tables in the mapping.
    static func cases() -> [CorpusCase] {
        let b = base
        func ok(
            _ label: String, _ json: [String: JSONValue], _ extra: Set<String> = [], minus: Set<String> = [],
            verdict: MigrationVerdict = .approximate, check: (@Sendable (PlannedJob) -> String?)? = nil
        ) -> CorpusCase {
            CorpusCase(
                label: label, json: .object(json), verdict: verdict, codes: b.union(extra).subtracting(minus),
                action: .create, check: check)
        }
        func never(_ label: String, _ json: [String: JSONValue], _ extra: Set<String>) -> CorpusCase {
            CorpusCase(label: label, json: .object(json), verdict: .impossible, codes: b.union(extra), action: .skip)
        }
        func blocked(_ label: String, _ json: [String: JSONValue], _ extra: Set<String>) -> CorpusCase {
            CorpusCase(label: label, json: .object(json), verdict: .blocked, codes: b.union(extra), action: .blocked)
        }
        var cases: [CorpusCase] = []
        for (index, cron) in [
            "0 6 * * *", "@daily", "@hourly", "@weekly", "@monthly", "@yearly", "*/10 * * * *", "0 9 * * 1-5",
            "30 2 1 * *", "0 0 * * 0", "15 14 1 1 *", "0 */4 * * *", "5 0 * 8 *", "0 22 * * 1-5", "0 0 L * *",
            "0 12 * * 6,0", "0 3 * * 2", "0 0 1,15 * *", "0 8-18 * * *", "20 4 * 1-6 *", "0 12 * * 5#2",
        ].enumerated() {
            cases.append(ok("exact \(cron)", nx1Job("NS exact \(index)", schedule: cron)))
        }
        for (index, cron) in [
            "5 5 5 5 *", "*/5 * * * *", "0 0-12/2 * * *", "30 * * * *", "0 7 * * 1,3,5", "0 0 15 * *", "0 18 * * 6",
        ].enumerated() {
            cases.append(ok("more exact \(cron)", nx1Job("NS more \(index)", schedule: cron)))
        }
        cases.append(never("minute 61", nx1Job("NS 61", schedule: "61 * * * *"), ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(
            never("weekday and day list", nx1Job("NS both list", schedule: "0 0 1,15 * 5"), ["SCHEDULE_UNEXPRESSIBLE"]))
        for (index, cron) in ["0 3 * * 2-4", "0 0 */3 * *", "20 8 * 1,7 *", "0 23 * * 0"].enumerated() {
            cases.append(ok("extra exact \(cron)", nx1Job("NS extra \(index)", schedule: cron)))
        }
        cases.append(
            blocked(
                "no tables, unmapped", nx1Job("NS no tables unmapped", source: "ftp"),
                ["TASKS_MISSING", "CONNECTION_UNMAPPED"]))
        cases.append(ok("manual", nx1Job("NS manual", schedule: nil)))
        cases.append(never("@once", nx1Job("NS once", schedule: "@once"), ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(never("both day fields", nx1Job("NS both", schedule: "0 0 1 * 1"), ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(
            never("both day fields, step", nx1Job("NS both step", schedule: "0 0 */2 * 1"), ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(never("unreadable", nx1Job("NS unreadable", schedule: "every day"), ["SCHEDULE_UNEXPRESSIBLE"]))
        // Kinds.
        cases.append(ok("mirror", nx1Job("NS mirror", type: "mirror")))
        cases.append(ok("airflow.nlp", nx1Job("NS nlp", type: "airflow.nlp")))
        cases.append(
            ok(
                "mapped job type", nx1Job("NS mapped type", type: "airflow.airbyte"),
                check: { $0.targets.first?.definition.kind.providerValue == "SyncAll" ? nil : "kind not SyncAll" }))
        // Tasks.
        cases.append(blocked("no tables", nx1Job("NS no tables"), ["TASKS_MISSING"]))
        cases.append(
            ok(
                "tables from the mapping", nx1Job("NS tables"),
                check: { job in
                    job.targets.first?.definition.tasks.map { $0.table?.name } == ["Account", "Contact"]
                        ? nil : "tasks \(String(describing: job.targets.first?.definition.tasks))"
                }))
        // Settings (properties_json).
        cases.append(ok("owner property", nx1Job("NS owner", properties: ["owner": "data-team"]), ["SETTING_DROPPED"]))
        cases.append(
            ok("two properties", nx1Job("NS props", properties: ["retries": 3, "pool": "etl"]), ["SETTING_DROPPED"]))
        cases.append(
            ok(
                "round trip from an earlier migration",
                nx1Job(
                    "NS round trip", type: "airflow.dataeng",
                    properties: [
                        "jobbridge": [
                            "key": "0123456789abcdef",
                            "kind": ["category": "replication", "providerValue": "Standard"],
                            "settings": ["verbosity": 3, "truncate_table_data": true],
                            "tasks": [["query": "REPLICATE [A]", "isActive": true]],
                        ]
                    ]), minus: ["KIND_CHANGED"], verdict: .exact,
                check: { job in
                    let d = job.targets.first?.definition
                    return d?.kind.providerValue == "Standard" && d?.settings["verbosity"] == 3
                        && d?.settings["truncate_table_data"] == true && d?.tasks.first?.query == "REPLICATE [A]"
                        ? nil : "not restored: \(String(describing: d))"
                }))
        // Connections.
        cases.append(
            blocked("unmapped source text", nx1Job("NS unmapped", source: "ftp server"), ["CONNECTION_UNMAPPED"]))
        cases.append(
            blocked(
                "unmapped destination text", nx1Job("NS unmapped dest", destination: "lake"), ["CONNECTION_UNMAPPED"]))
        cases.append(blocked("mapped to nothing", nx1Job("NS nothing", source: "legacy"), ["CONNECTION_NOT_FOUND"]))
        cases.append(
            ok(
                "ids from texts", nx1Job("NS ids", source: "hubspot", destination: "pg"),
                check: { job in
                    let d = job.targets.first?.definition
                    return d?.source?.id == "c-hs" && d?.destination?.id == "c-pg" ? nil : "connections"
                }))
        cases.append(ok("no destination", nx1Job("NS no destination", destination: nil)))
        cases.append(ok("hubspot source", nx1Job("NS hubspot", source: "hubspot")))
        cases.append(
            ok("nested property", nx1Job("NS nested", properties: ["conf": ["depth": 2]]), ["SETTING_DROPPED"]))
        cases.append(
            ok("airflow.ingest to mirror-free Sync", nx1Job("NS ingest", type: "airflow.ingest", schedule: "@daily")))
        cases.append(ok("no source", nx1Job("NS no source", source: nil)))
        // Other fields and names.
        cases.append(
            ok("unknown field", nx1Job("NS unknown", extra: ["owner_email": "a@example.com"]), ["FIELD_UNKNOWN"]))
        cases.append(blocked("same name on Sync", nx1Job("NS taken"), ["TARGET_EXISTS"]))
        cases.append(
            ok(
                "created disabled, enabled at cutover", nx1Job("NS staged"),
                check: { job in
                    guard let t = job.targets.first else { return "no target" }
                    return !t.definition.isEnabled && t.enableAtCutover && t.staging == .createdDisabled
                        && t.definition.settings["use_gmt_datetime"] == true ? nil : "staging"
                }))
        cases.append(
            ok(
                "GMT cron", nx1Job("NS gmt", schedule: "45 23 * * *"),
                check: { job in
                    job.targets.first?.definition.schedule.timeZone == "GMT"
                        ? nil
                        : "zone \(String(describing: job.targets.first?.definition.schedule.timeZone))"
                }))
        return cases
    }

    @Test func everyFixtureMatches() async throws {
        let nx1 = try NX1Side()
        let sync = try await SyncSide()
        await sync.seed(syncJob("NS taken").objectValue ?? [:])
        let cases = Self.cases()
        var tables: [String: [TableRef]] = [:]
        for (index, item) in cases.enumerated() where !item.label.hasPrefix("no tables") {
            tables[nx1ID(index)] =
                item.label == "tables from the mapping"
                ? [TableRef(name: "Account"), TableRef(name: "Contact")] : [TableRef(schema: "dbo", name: "Account")]
        }
        let mapping = ConnectionMapping(
            connections: [
                "salesforce prod": "c-sf", "warehouse": "c-sn", "hubspot": "c-hs", "pg": "c-pg", "legacy": "c-nope",
            ], tables: tables, jobTypes: ["airflow.airbyte": "SyncAll"])
        let result = try await runCorpus(
            cases, seed: { index, item in await nx1.seed(id: nx1ID(index), item.json.objectValue ?? [:]) },
            plan: { _, _ in try await JobBridgeMigration.plan(from: nx1.provider, to: sync.provider, mapping: mapping) }
        )
        #expect(cases.count >= 60)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.matched == cases.count)
    }
}
