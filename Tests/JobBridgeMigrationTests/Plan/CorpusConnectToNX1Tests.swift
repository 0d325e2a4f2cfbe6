import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Verdict corpus, CData Connect AI → NX1 (reference §4.5, "Connect → NX1").
@Suite struct CorpusConnectToNX1Tests {
    /// Every Connect job has a `logVerbosity` (the simulator's default), which NX1 carries.
    static let base: Set<String> = [
        "KIND_CHANGED", "TASKS_CARRIED", "CUTOVER_RECREATE", "CUTOVER_READERS_LIVE", "SETTING_CARRIED",
    ]

    static func cases(_ c: [String: String]) -> [CorpusCase] {
        let b = base
        let sf = c["Salesforce"] ?? ""
        func ok(
            _ label: String, _ json: JSONValue, _ extra: Set<String> = [], minus: Set<String> = [],
            check: (@Sendable (PlannedJob) -> String?)? = nil
        ) -> CorpusCase {
            CorpusCase(
                label: label, json: json, verdict: .approximate, codes: b.union(extra).subtracting(minus),
                action: .create, check: check)
        }
        var cases: [CorpusCase] = []
        for hours in [1, 2, 3, 4, 6, 8, 12, 24] {
            cases.append(ok("Hour×\(hours)", connectJob("CN hour \(hours)", source: sf, unit: "Hour", value: hours)))
        }
        cases.append(
            ok("Day×1", connectJob("CN day", source: sf, unit: "Day", value: 1, firstRun: "2024-01-01T04:30:00Z")))
        cases.append(
            ok(
                "Week×1 Monday 09:00",
                connectJob("CN week", source: sf, unit: "Week", value: 1, firstRun: "2024-01-01T09:00:00Z"),
                check: { job in
                    let text = job.targets.first?.cutoverDefinition?.schedule.text ?? ""
                    return text == "0 9 * * 1" || text == "0 9 * * MON" ? nil : "cron '\(text)'"
                }))
        cases.append(
            ok(
                "Hour×1 from 10:17",
                connectJob("CN 10:17", source: sf, unit: "Hour", value: 1, firstRun: "2024-01-01T10:17:00Z"),
                check: { job in
                    let text = job.targets.first?.cutoverDefinition?.schedule.text ?? ""
                    return text == "17 * * * *" ? nil : "cron '\(text)'"
                }))
        cases.append(
            ok(
                "Month×1 day 15",
                connectJob("CN month", source: sf, unit: "Month", value: 1, firstRun: "2024-01-15T06:00:00Z")))
        cases.append(
            ok(
                "Month×6 day 1",
                connectJob("CN half", source: sf, unit: "Month", value: 6, firstRun: "2024-01-01T00:00:00Z")))
        for (label, unit, value, first) in [
            ("Hour×6 offset", "Hour", 6, "2024-01-01T02:30:00Z"),
            ("Hour×12 offset", "Hour", 12, "2024-01-01T07:05:00Z"),
            ("Week×1 Sunday", "Week", 1, "2024-01-07T23:45:00Z"),
            ("Month×3 day 10", "Month", 3, "2024-01-10T06:00:00Z"),
        ] {
            cases.append(ok(label, connectJob("CN \(label)", source: sf, unit: unit, value: value, firstRun: first)))
        }
        for (label, unit, value, first) in [
            ("Hour×1 at :05", "Hour", 1, "2024-01-01T00:05:00Z"), ("Day×1 at 23:59", "Day", 1, "2024-01-01T23:59:00Z"),
            ("Week×1 Wednesday", "Week", 1, "2024-01-03T12:00:00Z"),
            ("Month×2 day 5", "Month", 2, "2024-01-05T08:00:00Z"),
            ("Month×12 day 28", "Month", 12, "2024-01-28T08:00:00Z"),
            ("Hour×4 offset", "Hour", 4, "2024-01-01T03:15:00Z"),
            ("Hour×2 offset", "Hour", 2, "2024-01-01T01:45:00Z"), ("Hour×8 offset", "Hour", 8, "2024-01-01T05:00:00Z"),
        ] {
            cases.append(
                ok(label, connectJob("CN more \(label)", source: sf, unit: unit, value: value, firstRun: first)))
        }
        for (label, unit, value) in [
            ("Hour×10", "Hour", 10), ("Day×4", "Day", 4), ("Day×6", "Day", 6), ("Hour×7", "Hour", 7),
        ] {
            cases.append(ok(label, connectJob("CN \(label)", source: sf, unit: unit, value: value), ["SCHEDULE_DRIFT"]))
        }
        cases.append(
            CorpusCase(
                label: "Week×3", json: connectJob("CN weeks 3", source: sf, unit: "Week", value: 3),
                verdict: .impossible,
                codes: b.union(["SCHEDULE_UNEXPRESSIBLE"]).subtracting(["CUTOVER_RECREATE"]), action: .skip))
        for (label, unit, value, first) in [
            ("Month×4 day 20", "Month", 4, "2024-01-20T08:00:00Z"),
            ("Week×1 Saturday", "Week", 1, "2024-01-06T00:00:00Z"),
            ("Day×1 at noon", "Day", 1, "2024-01-01T12:00:00Z"), ("Hour×3 offset", "Hour", 3, "2024-01-01T02:10:00Z"),
        ] {
            cases.append(
                ok(label, connectJob("CN extra \(label)", source: sf, unit: unit, value: value, firstRun: first)))
        }
        cases.append(
            ok(
                "param destinationTable",
                connectJob("CN param table", source: sf, params: ["destinationTable": "acct"]), ["SETTING_CARRIED"]))
        for source in ["HubSpot", "MailChimp"] {
            cases.append(
                ok("source \(source)", connectJob("CN \(source)", source: c[source] ?? "", table: "T", schema: source)))
        }
        for (label, unit, value) in [
            ("Day×3", "Day", 3), ("Day×5", "Day", 5), ("Hour×5", "Hour", 5), ("Day×2", "Day", 2), ("Hour×9", "Hour", 9),
        ] {
            cases.append(
                ok(label, connectJob("CN \(label)", source: sf, unit: unit, value: value), ["SCHEDULE_DRIFT"]))
        }
        for weeks in [2, 4] {
            cases.append(
                CorpusCase(
                    label: "Week×\(weeks)",
                    json: connectJob("CN weeks \(weeks)", source: sf, unit: "Week", value: weeks),
                    verdict: .impossible,
                    codes: b.union(["SCHEDULE_UNEXPRESSIBLE"]).subtracting(["CUTOVER_RECREATE"]), action: .skip))
        }
        // Settings and params carried into properties_json.
        for (index, setting) in [
            ("timeCheckColumn", JSONValue.string("SystemModstamp")), ("destinationWriteScheme", .string("Append")),
            ("autoTruncateStrings", .string("true")), ("destinationSchema", .string("raw")),
        ].enumerated() {
            let key = setting.0
            cases.append(
                ok(
                    "param \(key)", connectJob("CN param \(index)", source: sf, params: [key: setting.1]),
                    ["SETTING_CARRIED"],
                    check: { job in
                        let carried = CarriedContent(json: job.targets.first?.definition.settings["jobbridge"])
                        return carried?.settings[key] == setting.1 ? nil : "\(key) not carried"
                    }))
        }
        cases.append(ok("logVerbosity", connectJob("CN verbosity", source: sf, logVerbosity: 4), ["SETTING_CARRIED"]))
        cases.append(
            ok(
                "merge keys",
                connectJob(
                    "CN merge", source: sf,
                    params: ["mergeKeys": [["colName": "Id", "colType": "varchar", "isPrimaryKey": true]]]),
                ["SETTING_CARRIED"]))
        cases.append(
            ok(
                "unknown param kept in the free slot", connectJob("CN unknown", source: sf, params: ["fancyParam": 3]),
                ["FIELD_UNKNOWN"],
                check: { job in
                    let carried = CarriedContent(json: job.targets.first?.definition.settings["jobbridge"])
                    return carried?.fields["params.fancyParam"] == 3 ? nil : "field not carried"
                }))
        // Kinds, connections, state.
        cases.append(ok("ScheduledQuery", connectJob("CN query", source: sf, jobType: "ScheduledQuery")))
        cases.append(
            CorpusCase(
                label: "mapped kind", json: connectJob("CN mirror", source: sf), verdict: .approximate,
                codes: b, action: .create, variant: 1,
                check: { $0.targets.first?.definition.kind.providerValue == "mirror" ? nil : "kind not mirror" }))
        cases.append(
            ok(
                "relational source",
                connectJob("CN postgres", source: c["PostgreSQL"] ?? "", table: "t", schema: "public")))
        cases.append(
            CorpusCase(
                label: "unmapped source", json: connectJob("CN snowflake", source: c["Snowflake"] ?? ""),
                verdict: .blocked,
                codes: b.union(["CONNECTION_UNMAPPED"]), action: .blocked))
        cases.append(
            CorpusCase(
                label: "cache unmapped", json: connectJob("CN no cache", source: sf), verdict: .blocked,
                codes: b.union(["CONNECTION_UNMAPPED"]), action: .blocked, variant: 2))
        cases.append(
            ok(
                "texts", connectJob("CN texts", source: sf),
                check: { job in
                    let d = job.targets.first?.definition
                    return d?.source?.name == "salesforce prod" && d?.destination?.name == "cache db"
                        ? nil : "connections \(String(describing: d?.source)) \(String(describing: d?.destination))"
                }))
        cases.append(
            CorpusCase(
                label: "disabled", json: connectJob("CN disabled", source: sf, enabled: false), verdict: .approximate,
                codes: ["KIND_CHANGED", "TASKS_CARRIED", "CUTOVER_RECREATE", "SOURCE_DISABLED", "SETTING_CARRIED"],
                action: .create,
                check: { $0.targets.first?.enableAtCutover == false ? nil : "enabled at cutover" }))
        cases.append(
            CorpusCase(
                label: "same name on NX1", json: connectJob("CN taken", source: sf), verdict: .blocked,
                codes: b.union(["TARGET_EXISTS"]), action: .blocked))
        cases.append(
            ok(
                "staged without schedule", connectJob("CN staged", source: sf),
                check: { job in
                    guard let target = job.targets.first else { return "no target" }
                    return target.definition.schedule.kind == .manual
                        && target.cutoverDefinition?.schedule.kind == .cron
                        && target.staging == .stagedManualRecreate ? nil : "not staged manual"
                }))
        cases.append(
            ok(
                "provenance in properties_json", connectJob("CN provenance", source: sf),
                check: { job in
                    guard let target = job.targets.first,
                        let carried = CarriedContent(json: target.definition.settings["jobbridge"])
                    else { return "no jobbridge member" }
                    return carried.key == target.provenanceKey && !carried.planID.isEmpty && carried.enforced == false
                        && carried.tasks.first?.table?.name == "Account" ? nil : "member \(carried)"
                }))
        return cases
    }

    @Test func everyFixtureMatches() async throws {
        let connect = try await ConnectSide()
        let nx1 = try NX1Side()
        await nx1.seed(id: nx1ID(950), nx1Job("CN taken", schedule: nil))
        var connections: [String: String] = [:]
        for (source, target) in [
            ("Salesforce", "salesforce prod"), ("MailChimp", "mailchimp"), ("HubSpot", "hubspot"),
            ("PostgreSQL", "warehouse pg"),
        ] {
            connections[try #require(connect.connections[source])] = target
        }
        let mapping = ConnectionMapping(connections: connections, cacheDestination: "cache db")
        var mirror = mapping
        mirror.jobTypes = ["Caching": "mirror"]
        var noCache = mapping
        noCache.cacheDestination = nil
        let cases = Self.cases(connect.connections)
        let result = try await runCorpus(
            cases, seed: { _, item in try await connect.seed(item.json) },
            plan: { variant, _ in
                try await JobBridgeMigration.plan(
                    from: connect.provider, to: nx1.provider, mapping: [mapping, mirror, noCache][variant])
            })
        #expect(cases.count >= 60)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.matched == cases.count)
    }
}
