import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Verdict corpus, CData Sync → CData Connect AI (reference §4.5, "Sync → Connect").
@Suite struct CorpusSyncToConnectTests {
    static let base: Set<String> = ["NAME_SET_BY_PROVIDER", "DESTINATION_IMPLIED"]

    static func cases() -> [CorpusCase] {
        let b = base
        func ok(_ label: String, _ json: JSONValue, _ extra: Set<String> = []) -> CorpusCase {
            CorpusCase(label: label, json: json, verdict: .approximate, codes: b.union(extra), action: .create)
        }
        func never(_ label: String, _ json: JSONValue, _ extra: Set<String>) -> CorpusCase {
            CorpusCase(label: label, json: json, verdict: .impossible, codes: b.union(extra), action: .skip)
        }
        func blocked(_ label: String, _ json: JSONValue, _ extra: Set<String>, variant: Int = 0) -> CorpusCase {
            CorpusCase(
                label: label, json: json, verdict: .blocked, codes: b.union(extra), action: .blocked, variant: variant)
        }
        var cases: [CorpusCase] = []
        // Schedules in GMT that an interval expresses exactly.
        for (index, cron) in [
            "0 */6 * * ?", "0 * * * ?", "15 */2 * * ?", "0 0 * * ?", "30 4 * * ?", "0 */3 * * ?", "0 */4 * * ?",
            "0 */8 * * ?", "0 */12 * * ?", "45 */1 * * ?", "0 9 ? * MON", "30 18 ? * FRI", "0 0 1 * ?",
            "0 6 15 * ?",
        ].enumerated() {
            cases.append(ok("exact cron \(cron)", syncJob("SC exact \(index)", cron: cron)))
        }
        for (index, cron) in ["20 */4 * * ?", "5 3 ? * SUN", "0 0 10 * ?", "59 23 * * ?", "10 */8 * * ?"].enumerated() {
            cases.append(ok("more exact \(cron)", syncJob("SC more \(index)", cron: cron)))
        }
        // Schedules an interval cannot express.
        for (index, cron) in [
            "0 12 ? * 2#1", "0 9 ? * MON-FRI", "0 0 L * ?", "*/15 * * * ?", "0 */5 * * ?", "0 8,17 * * ?",
            "0 0 LW * ?",
        ].enumerated() {
            cases.append(
                never("unexpressible \(cron)", syncJob("SC never \(index)", cron: cron), ["SCHEDULE_UNEXPRESSIBLE"]))
        }
        cases.append(never("manual schedule", syncJob("SC manual", cron: ""), ["SCHEDULE_UNEXPRESSIBLE"]))
        // Zones: server-local New York (mapping says) → DST differences; zone not given → blocked.
        cases.append(
            ok("server-local daily", syncJob("SC local daily", cron: "0 9 * * ?", gmt: false), ["SCHEDULE_DST"]))
        cases.append(
            ok("server-local absent flag", syncJob("SC local noflag", cron: "30 7 * * ?", gmt: nil), ["SCHEDULE_DST"]))
        cases.append(
            blocked(
                "server zone not given", syncJob("SC zone unknown", cron: "0 9 * * ?", gmt: false),
                ["SCHEDULE_ZONE_UNKNOWN"], variant: 1))
        // Kinds.
        for (index, type) in ["SyncAll", "LoadFolder", "ChangeDataCapture", "ReverseETL"].enumerated() {
            cases.append(never("kind \(type)", syncJob("SC kind \(index)", type: type), ["KIND_UNSUPPORTED"]))
        }
        cases.append(ok("unknown kind", syncJob("SC kind fancy", type: "FancyType"), ["KIND_CHANGED"]))
        // Tasks.
        cases.append(
            CorpusCase(
                label: "three tasks split",
                json: syncJob(
                    "SC three", queries: ["REPLICATE [Account]", "REPLICATE [Contact]", "REPLICATE [Lead]"]),
                verdict: .approximate, codes: b.union(["TASKS_SPLIT"]), action: .create,
                check: { $0.targets.count == 3 ? nil : "\($0.targets.count) targets, expected 3" }))
        cases.append(
            ok(
                "custom SQL dropped",
                syncJob(
                    "SC custom", queries: ["REPLICATE [Account]", "REPLICATE [Opp] SELECT Id FROM [Opp] WHERE x = 1"]),
                ["TASKS_DROPPED"]))
        cases.append(
            never(
                "only custom SQL", syncJob("SC only custom", queries: ["REPLICATE [Opp] SELECT Id FROM [Opp]"]),
                ["TASKS_DROPPED"]))
        cases.append(blocked("no tasks", syncJob("SC no tasks", queries: []), ["TASKS_MISSING"]))
        cases.append(
            CorpusCase(
                label: "schema and table", json: syncJob("SC schema", queries: ["REPLICATE [dbo].[Orders]"]),
                verdict: .approximate, codes: b, action: .create,
                check: {
                    $0.targets.first?.definition.tasks.first?.table == TableRef(schema: "dbo", name: "Orders")
                        ? nil : "table not dbo.Orders"
                }))
        cases.append(
            ok("select star form", syncJob("SC select star", queries: ["REPLICATE [Lead] SELECT * FROM [Lead]"])))
        // Connections.
        cases.append(never("relational source", syncJob("SC postgres", source: "c-pg"), ["SOURCE_RELATIONAL_NO_CACHE"]))
        cases.append(blocked("unmapped source", syncJob("SC unmapped", source: "c-lake"), ["CONNECTION_UNMAPPED"]))
        cases.append(blocked("mapped to nothing", syncJob("SC missing", source: "c-hs"), ["CONNECTION_NOT_FOUND"]))
        cases.append(
            never(
                "relational and unmapped", syncJob("SC pg bad", source: "c-pg", queries: []),
                ["SOURCE_RELATIONAL_NO_CACHE", "TASKS_MISSING"]))
        // Settings.
        cases.append(
            CorpusCase(
                label: "verbosity and truncation kept",
                json: syncJob("SC kept", extra: ["verbosity": 2, "auto_truncate_strings": true]), verdict: .approximate,
                codes: b, action: .create,
                check: {
                    let s = $0.targets.first?.definition.settings
                    return s?["logVerbosity"] == 2 && s?["autoTruncateStrings"] == "true"
                        ? nil : "settings \(String(describing: s))"
                }))
        cases.append(ok("verbosity 4", syncJob("SC verbosity 4", extra: ["verbosity": 4])))
        for (index, setting) in [
            ("truncate_table_data", JSONValue.bool(true)), ("drop_table", .bool(true)),
            ("table_name_prefix", .string("sf_")), ("send_email", .bool(true)), ("batch_size", .int(500)),
            ("destination_schema", .string("raw")),
        ].enumerated() {
            cases.append(
                ok(
                    "setting \(setting.0)", syncJob("SC setting \(index)", extra: [setting.0: setting.1]),
                    ["SETTING_DROPPED"]))
        }
        for (index, setting) in [
            ("continue_on_error", JSONValue.bool(true)), ("alter_schema", .bool(true)), ("history_mode", .bool(true)),
        ].enumerated() {
            cases.append(
                ok(
                    "more setting \(setting.0)", syncJob("SC more setting \(index)", extra: [setting.0: setting.1]),
                    ["SETTING_DROPPED"]))
        }
        cases.append(
            CorpusCase(
                label: "disabled and unexpressible",
                json: syncJob("SC disabled never", cron: "0 9 ? * MON-FRI", enabled: false),
                verdict: .impossible, codes: b.union(["SCHEDULE_UNEXPRESSIBLE", "SOURCE_DISABLED"]), action: .skip))
        // Enabled state, unknown fields.
        cases.append(ok("disabled", syncJob("SC disabled", enabled: false), ["SOURCE_DISABLED"]))
        cases.append(ok("unknown field", syncJob("SC unknown", extra: ["fancy_option": 7]), ["FIELD_UNKNOWN"]))
        cases.append(
            ok(
                "secret unknown field", syncJob("SC secret", extra: ["api_token": .string(canarySecret)]),
                ["FIELD_UNKNOWN", "SETTING_DROPPED"]))
        // Already on the target (same natural key, same schedule): adopt.
        cases.append(
            CorpusCase(
                label: "already migrated", json: syncJob("SC existing", queries: ["REPLICATE [Existing]"]),
                verdict: .approximate, codes: b.union(["ALREADY_MIGRATED"]), action: .adopt))
        cases.append(
            CorpusCase(
                label: "existing differs",
                json: syncJob("SC existing 2", cron: "0 0 * * ?", queries: ["REPLICATE [Other]"]),
                verdict: .approximate, codes: b, action: .update,
                check: {
                    $0.targets.first?.differences == ["schedule"]
                        ? nil : "differences \($0.targets.first?.differences ?? [])"
                }))
        return cases
    }

    @Test func everyFixtureMatches() async throws {
        let sync = try await SyncSide()
        let connect = try await ConnectSide()
        let salesforce = try #require(connect.connections["Salesforce"])
        try await connect.seed(
            connectJob("Existing", source: salesforce, unit: "Hour", value: 6, table: "Existing", schema: ""))
        try await connect.seed(
            connectJob("Other", source: salesforce, unit: "Hour", value: 6, table: "Other", schema: ""))
        let mapping = ConnectionMapping(
            connections: [
                "c-sf": salesforce, "c-pg": try #require(connect.connections["PostgreSQL"]),
                "c-hs": "no-such-connection",
                "c-mc": try #require(connect.connections["MailChimp"]),
            ], serverTimeZone: "America/New_York")
        var noZone = mapping
        noZone.serverTimeZone = nil
        let cases = Self.cases()
        let result = try await runCorpus(
            cases, seed: { _, item in await sync.seed(item.json.objectValue ?? [:]) },
            plan: { variant, _ in
                try await JobBridgeMigration.plan(
                    from: sync.provider, to: connect.provider, mapping: variant == 0 ? mapping : noZone)
            })
        #expect(cases.count >= 60)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.matched == cases.count)
    }
}
