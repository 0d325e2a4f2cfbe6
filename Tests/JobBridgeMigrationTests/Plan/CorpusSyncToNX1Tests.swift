import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeSync
import Testing

/// Verdict corpus, CData Sync → NX1 (reference §4.5, "Sync → NX1").
@Suite struct CorpusSyncToNX1Tests {
    static let base: Set<String> = ["KIND_CHANGED", "TASKS_CARRIED", "CUTOVER_RECREATE"]

    static func cases() -> [CorpusCase] {
        let b = base
        func ok(_ label: String, _ json: JSONValue, _ extra: Set<String> = [], minus: Set<String> = []) -> CorpusCase {
            CorpusCase(
                label: label, json: json, verdict: .approximate, codes: b.union(extra).subtracting(minus),
                action: .create)
        }
        func never(_ label: String, _ json: JSONValue, _ extra: Set<String>) -> CorpusCase {
            CorpusCase(
                label: label, json: json, verdict: .impossible,
                codes: b.union(extra).subtracting(["CUTOVER_RECREATE"]), action: .skip)
        }
        var cases: [CorpusCase] = []
        for (index, cron) in [
            "0 */6 * * ?", "0 0 * * ?", "*/15 * * * ?", "0 9 ? * MON-FRI", "0 8,17 * * ?", "30 2 1 * ?", "0 0 1 1 ?",
            "0 12 ? * 2#1", "0 0 L * ?", "5 4 ? * SUN", "0 0 29 2 ?", "0/30 9-17 ? * MON-FRI", "0 22 ? JAN,JUL *",
            "0 0 15W * ?",
        ].enumerated() {
            cases.append(ok("exact cron \(cron)", syncJob("SN exact \(index)", cron: cron)))
        }
        for (index, cron) in ["10 10 10 10 ?", "0 4 ? * TUE,THU", "0 */2 * * ?", "15,45 * * * ?", "0 6 1-7 * ?"]
            .enumerated()
        {
            cases.append(ok("more exact \(cron)", syncJob("SN more \(index)", cron: cron)))
        }
        cases.append(
            ok("local weekdays", syncJob("SN local weekdays", cron: "30 6 ? * MON-FRI", gmt: false), ["SCHEDULE_DST"]))
        for (index, cron) in ["0 1 * * ?", "45 17 ? * SAT", "0 3 1 */2 ?"].enumerated() {
            cases.append(ok("extra exact \(cron)", syncJob("SN extra \(index)", cron: cron)))
        }
        cases.append(never("LW", syncJob("SN LW", cron: "0 0 LW * ?"), ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(never("L-3", syncJob("SN L-3", cron: "0 0 L-3 * ?"), ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(
            never(
                "unreadable six fields", syncJob("SN six", cron: "0 0/30 9-17 ? * MON-FRI"), ["SCHEDULE_UNEXPRESSIBLE"])
        )
        cases.append(ok("manual", syncJob("SN manual", cron: ""), minus: ["CUTOVER_RECREATE"]))
        // Server-local New York → UTC.
        cases.append(ok("local daily", syncJob("SN local daily", cron: "0 9 * * ?", gmt: false), ["SCHEDULE_DST"]))
        cases.append(ok("local Monday", syncJob("SN local monday", cron: "0 9 ? * MON", gmt: false), ["SCHEDULE_DST"]))
        cases.append(
            ok(
                "local Friday night crosses midnight", syncJob("SN local friday", cron: "0 22 ? * FRI", gmt: false),
                ["SCHEDULE_DST"],
                minus: []))
        cases.append(
            never(
                "local day of month crosses midnight", syncJob("SN local dom", cron: "0 22 15 * ?", gmt: false),
                ["SCHEDULE_UNEXPRESSIBLE"]))
        cases.append(
            CorpusCase(
                label: "server zone not given", json: syncJob("SN zone unknown", cron: "0 9 * * ?", gmt: false),
                verdict: .blocked, codes: ["KIND_CHANGED", "TASKS_CARRIED", "SCHEDULE_ZONE_UNKNOWN"], action: .blocked,
                variant: 1))
        // Kinds: every Sync type becomes an NX1 type.
        for (index, type) in ["SyncAll", "LoadFolder", "ChangeDataCapture", "ReverseETL", "FancyType"].enumerated() {
            cases.append(ok("kind \(type)", syncJob("SN kind \(index)", type: type)))
        }
        // Tasks.
        cases.append(ok("no tasks", syncJob("SN no tasks", queries: []), minus: ["TASKS_CARRIED"]))
        cases.append(
            ok("three tasks", syncJob("SN three", queries: ["REPLICATE [A]", "REPLICATE [B]", "REPLICATE [C]"])))
        cases.append(ok("custom SQL", syncJob("SN custom", queries: ["REPLICATE [Opp] SELECT Id FROM [Opp]"])))
        // Settings carried in properties_json.
        for (index, setting) in [
            ("truncate_table_data", JSONValue.bool(true)), ("drop_table", .bool(true)), ("verbosity", .int(3)),
            ("auto_truncate_strings", .bool(true)), ("table_name_prefix", .string("sf_")),
            ("email_to", .string("ops@example.com")), ("batch_size", .int(1_000)),
        ].enumerated() {
            let key = setting.0
            cases.append(
                CorpusCase(
                    label: "setting \(key)", json: syncJob("SN setting \(index)", extra: [key: setting.1]),
                    verdict: .approximate, codes: b.union(["SETTING_CARRIED"]), action: .create,
                    check: { job in
                        let carried = CarriedContent(json: job.targets.first?.definition.settings["jobbridge"])
                        return carried?.settings[key] == setting.1 ? nil : "\(key) not carried"
                    }))
        }
        for (index, setting) in [
            ("alter_schema", JSONValue.bool(true)), ("continue_on_error", .bool(false)), ("history_mode", .bool(true)),
            ("replicate_interval", .int(2)),
        ].enumerated() {
            cases.append(
                ok(
                    "more setting \(setting.0)", syncJob("SN more setting \(index)", extra: [setting.0: setting.1]),
                    ["SETTING_CARRIED"]))
        }
        cases.append(ok("PostgreSQL source", syncJob("SN postgres", source: "c-pg")))
        cases.append(
            ok(
                "disabled and manual", syncJob("SN disabled manual", cron: "", enabled: false), ["SOURCE_DISABLED"],
                minus: ["CUTOVER_RECREATE"]))
        cases.append(
            ok(
                "two settings", syncJob("SN two settings", extra: ["truncate_table_data": true, "drop_table": false]),
                ["SETTING_CARRIED"]))
        // Connections (free text on NX1).
        cases.append(
            CorpusCase(
                label: "unmapped source", json: syncJob("SN unmapped", source: "c-lake"), verdict: .blocked,
                codes: b.union(["CONNECTION_UNMAPPED"]), action: .blocked))
        cases.append(
            CorpusCase(
                label: "unmapped destination", json: syncJob("SN unmapped dest", destination: "c-lake"),
                verdict: .blocked, codes: b.union(["CONNECTION_UNMAPPED"]), action: .blocked))
        cases.append(
            CorpusCase(
                label: "mapped texts", json: syncJob("SN texts"), verdict: .approximate, codes: b, action: .create,
                check: {
                    let d = $0.targets.first?.definition
                    return d?.source?.name == "salesforce prod" && d?.destination?.name == "snowflake"
                        ? nil : "connections \(String(describing: d?.source)) \(String(describing: d?.destination))"
                }))
        cases.append(ok("disabled", syncJob("SN disabled", enabled: false), ["SOURCE_DISABLED"]))
        cases.append(ok("unknown field", syncJob("SN unknown", extra: ["fancy_option": 7]), ["FIELD_UNKNOWN"]))
        cases.append(
            CorpusCase(
                label: "same name on NX1", json: syncJob("SN taken"), verdict: .blocked,
                codes: b.union(["TARGET_EXISTS"]), action: .blocked))
        cases.append(
            CorpusCase(
                label: "same name, rename", json: syncJob("SN taken"), verdict: .approximate,
                codes: b.union(["TARGET_EXISTS"]), action: .create, variant: 2,
                check: { $0.targets.first?.expectedName == "SN taken (migrated)" ? nil : "not renamed" }))
        cases.append(
            CorpusCase(
                label: "already migrated", json: syncJob("SN done"), verdict: .approximate,
                codes: b.union(["ALREADY_MIGRATED"]), action: .adopt))
        return cases
    }

    @Test func everyFixtureMatches() async throws {
        let sync = try await SyncSide()
        let nx1 = try NX1Side()
        await nx1.seed(id: nx1ID(900), nx1Job("SN taken", source: "x", destination: "y", schedule: nil))
        let mapping = ConnectionMapping(
            connections: [
                "c-sf": "salesforce prod", "c-sn": "snowflake", "c-pg": "warehouse pg", "c-hs": "hubspot",
                "c-mc": "mailchimp",
            ], serverTimeZone: "America/New_York")
        var noZone = mapping
        noZone.serverTimeZone = nil
        let cases = Self.cases()
        let result = try await runCorpus(
            cases, seed: { _, item in await sync.seed(item.json.objectValue ?? [:]) },
            plan: { variant, ids in
                if variant == 0, let index = cases.firstIndex(where: { $0.label == "already migrated" }) {
                    let key = ProvenanceKey(
                        sourceProvider: sync.provider.descriptor.name, sourceScope: SyncSide.workspace,
                        sourceJobID: ids[index], splitIndex: 0)
                    await nx1.seed(
                        id: nx1ID(901),
                        nx1Job(
                            "SN done", type: "airflow.dataeng", destination: "snowflake", schedule: "0 */6 * * *",
                            properties: ["jobbridge": ["key": .string(key.rawValue)]]))
                }
                return try await JobBridgeMigration.plan(
                    from: sync.provider, to: nx1.provider, mapping: variant == 1 ? noZone : mapping,
                    options: MigrationOptions(conflictPolicy: variant == 2 ? .rename : .fail))
            })
        #expect(cases.count >= 60)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.matched == cases.count)
    }
}
