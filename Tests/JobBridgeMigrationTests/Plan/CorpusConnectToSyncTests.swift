import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Verdict corpus, CData Connect AI → CData Sync (reference §4.5, "Connect → Sync").
@Suite struct CorpusConnectToSyncTests {
    static let base: Set<String> = ["CUTOVER_READERS_LIVE"]

    static func cases(_ c: [String: String]) -> [CorpusCase] {
        let b = base
        let sf = c["Salesforce"] ?? ""
        func exact(
            _ label: String, _ json: JSONValue, _ extra: Set<String> = [],
            check: (@Sendable (PlannedJob) -> String?)? = nil
        )
            -> CorpusCase
        {
            CorpusCase(label: label, json: json, verdict: .exact, codes: b.union(extra), action: .create, check: check)
        }
        func approx(
            _ label: String, _ json: JSONValue, _ extra: Set<String>, check: (@Sendable (PlannedJob) -> String?)? = nil
        )
            -> CorpusCase
        {
            CorpusCase(
                label: label, json: json, verdict: .approximate, codes: b.union(extra), action: .create, check: check)
        }
        func blocked(_ label: String, _ json: JSONValue, _ extra: Set<String>, variant: Int = 0) -> CorpusCase {
            CorpusCase(
                label: label, json: json, verdict: .blocked, codes: b.union(extra), action: .blocked, variant: variant)
        }
        var cases: [CorpusCase] = []
        for hours in [1, 2, 3, 4, 6, 8, 12, 24] {
            cases.append(exact("Hour×\(hours)", connectJob("CS hour \(hours)", source: sf, unit: "Hour", value: hours)))
        }
        cases.append(
            exact("Day×1", connectJob("CS day", source: sf, unit: "Day", value: 1, firstRun: "2024-01-01T04:30:00Z")))
        cases.append(
            exact(
                "Week×1 Monday 09:00",
                connectJob("CS week", source: sf, unit: "Week", value: 1, firstRun: "2024-01-01T09:00:00Z"),
                check: { job in
                    guard let text = job.targets.first?.definition.schedule.text else { return "no cron" }
                    return text.hasPrefix("0 9 ") && text.uppercased().contains("MON") ? nil : "cron '\(text)'"
                }))
        cases.append(
            exact(
                "Hour×1 from 10:17",
                connectJob("CS 10:17", source: sf, unit: "Hour", value: 1, firstRun: "2024-01-01T10:17:00Z"),
                check: { job in
                    let text = job.targets.first?.definition.schedule.text ?? ""
                    return text.hasPrefix("17 * * * ") ? nil : "cron '\(text)'"
                }))
        cases.append(
            exact(
                "Month×1 day 15",
                connectJob("CS month", source: sf, unit: "Month", value: 1, firstRun: "2024-01-15T06:00:00Z")))
        cases.append(
            exact(
                "Month×3 day 10",
                connectJob("CS quarter", source: sf, unit: "Month", value: 3, firstRun: "2024-01-10T06:00:00Z")))
        cases.append(
            exact(
                "Week×1 Sunday",
                connectJob("CS sunday", source: sf, unit: "Week", value: 1, firstRun: "2024-01-07T23:45:00Z")))
        cases.append(
            exact(
                "Hour×6 offset",
                connectJob("CS 6 offset", source: sf, unit: "Hour", value: 6, firstRun: "2024-01-01T02:30:00Z")))
        for (label, unit, value, first) in [
            ("Hour×1 at :05", "Hour", 1, "2024-01-01T00:05:00Z"), ("Hour×1 at :59", "Hour", 1, "2024-01-01T23:59:00Z"),
            ("Day×1 at 23:59", "Day", 1, "2024-01-01T23:59:00Z"),
            ("Week×1 Wednesday", "Week", 1, "2024-01-03T12:00:00Z"),
            ("Week×1 Saturday", "Week", 1, "2024-01-06T00:00:00Z"),
            ("Month×2 day 5", "Month", 2, "2024-01-05T08:00:00Z"),
            ("Month×4 day 20", "Month", 4, "2024-01-20T08:00:00Z"),
            ("Month×12 day 28", "Month", 12, "2024-01-28T08:00:00Z"),
        ] {
            cases.append(exact(label, connectJob("CS \(label)", source: sf, unit: unit, value: value, firstRun: first)))
        }
        // Drift: the nearest cron differs outside DST (UTC has none).
        cases.append(
            approx(
                "Day×5", connectJob("CS day5", source: sf, unit: "Day", value: 5), ["SCHEDULE_DRIFT"],
                check: { job in
                    guard let loss = job.losses.first(where: { $0.code == .scheduleDrift }),
                        let count = loss.mismatchCount, count > 0, let deviation = loss.maxDeviationSeconds,
                        deviation >= 86_400
                    else { return "no month-end figures" }
                    return nil
                }))
        for (label, unit, value) in [
            ("Hour×5", "Hour", 5), ("Hour×7", "Hour", 7), ("Day×2", "Day", 2), ("Day×3", "Day", 3),
        ] {
            cases.append(
                approx(label, connectJob("CS \(label)", source: sf, unit: unit, value: value), ["SCHEDULE_DRIFT"]))
        }
        for (label, unit, value) in [("Hour×10", "Hour", 10), ("Day×4", "Day", 4), ("Day×6", "Day", 6)] {
            cases.append(
                approx(label, connectJob("CS \(label)", source: sf, unit: unit, value: value), ["SCHEDULE_DRIFT"]))
        }
        cases.append(
            approx(
                "Month×1 day 31",
                connectJob("CS month31", source: sf, unit: "Month", value: 1, firstRun: "2024-01-31T06:00:00Z"),
                ["SCHEDULE_DRIFT"]))
        for weeks in [2, 3] {
            cases.append(
                CorpusCase(
                    label: "Week×\(weeks)",
                    json: connectJob("CS weeks \(weeks)", source: sf, unit: "Week", value: weeks),
                    verdict: .impossible, codes: b.union(["SCHEDULE_UNEXPRESSIBLE"]), action: .skip))
        }
        cases.append(
            exact(
                "Hour×12 offset",
                connectJob("CS 12 offset", source: sf, unit: "Hour", value: 12, firstRun: "2024-01-01T07:05:00Z")))
        // Settings.
        cases.append(
            approx("logVerbosity 4", connectJob("CS verbosity4", source: sf, logVerbosity: 4), ["SETTING_CHANGED"]))
        cases.append(
            exact(
                "logVerbosity 2 and truncation",
                connectJob("CS verbosity2", source: sf, logVerbosity: 2, params: ["autoTruncateStrings": "true"]),
                check: { job in
                    let s = job.targets.first?.definition.settings
                    return s?["verbosity"] == 2 && s?["auto_truncate_strings"] == true
                        ? nil : "settings \(String(describing: s))"
                }))
        for level in [1, 5] {
            cases.append(
                exact("logVerbosity \(level)", connectJob("CS verbosity \(level)", source: sf, logVerbosity: level)))
        }
        cases.append(
            exact("no truncation", connectJob("CS no truncation", source: sf, params: ["autoTruncateStrings": "false"]))
        )
        for (index, param) in [
            ("timeCheckColumn", JSONValue.string("SystemModstamp")), ("destinationWriteScheme", .string("Append")),
            ("destinationSchema", .string("raw")), ("destinationTable", .string("acct")),
        ].enumerated() {
            cases.append(
                approx(
                    "param \(param.0)", connectJob("CS param \(index)", source: sf, params: [param.0: param.1]),
                    ["SETTING_DROPPED"]))
        }
        cases.append(
            approx(
                "merge keys",
                connectJob(
                    "CS merge", source: sf,
                    params: ["mergeKeys": [["colName": "Id", "colType": "varchar", "isPrimaryKey": true]]]),
                ["SETTING_DROPPED"]))
        cases.append(
            approx("unknown param", connectJob("CS unknown", source: sf, params: ["fancyParam": 3]), ["FIELD_UNKNOWN"]))
        // Kinds.
        cases.append(
            approx("ScheduledQuery", connectJob("CS query", source: sf, jobType: "ScheduledQuery"), ["KIND_CHANGED"]))
        // Connections.
        cases.append(
            exact("HubSpot", connectJob("CS hubspot", source: c["HubSpot"] ?? "", table: "Deals", schema: "HubSpot")))
        cases.append(
            exact(
                "relational source is fine for Sync",
                connectJob("CS postgres", source: c["PostgreSQL"] ?? "", table: "orders", schema: "public")))
        cases.append(
            blocked(
                "unmapped source", connectJob("CS snowflake", source: c["Snowflake"] ?? ""), ["CONNECTION_UNMAPPED"]))
        cases.append(
            blocked("mapped to nothing", connectJob("CS lake", source: c["AmazonS3"] ?? ""), ["CONNECTION_NOT_FOUND"]))
        cases.append(
            blocked("cache unmapped", connectJob("CS no cache map", source: sf), ["CONNECTION_UNMAPPED"], variant: 1))
        // Enabled state.
        cases.append(
            CorpusCase(
                label: "disabled", json: connectJob("CS disabled", source: sf, enabled: false), verdict: .exact,
                codes: ["SOURCE_DISABLED"], action: .create,
                check: { $0.targets.first?.enableAtCutover == false ? nil : "enabled at cutover" }))
        cases.append(
            CorpusCase(
                label: "disabled, Day×5",
                json: connectJob("CS disabled day5", source: sf, unit: "Day", value: 5, enabled: false),
                verdict: .approximate, codes: ["SOURCE_DISABLED", "SCHEDULE_DRIFT"], action: .create))
        // Names.
        cases.append(blocked("same name on Sync", connectJob("CS taken", source: sf), ["TARGET_EXISTS"]))
        cases.append(
            CorpusCase(
                label: "same name, skip", json: connectJob("CS taken", source: sf, table: "Lead"), verdict: .exact,
                codes: b.union(["TARGET_EXISTS"]), action: .skip, variant: 2))
        cases.append(
            CorpusCase(
                label: "same name, adopt", json: connectJob("CS taken", source: sf, table: "Case"), verdict: .exact,
                codes: b.union(["TARGET_EXISTS"]), action: .adopt, variant: 3))
        cases.append(
            exact(
                "name carries provenance", connectJob("CS suffix", source: sf),
                check: { job in
                    guard let target = job.targets.first, let name = target.expectedName else { return "no name" }
                    return name == "CS suffix" + target.provenanceKey.nameSuffix && target.definition.name == name
                        ? nil : "name '\(name)', definition '\(target.definition.name)'"
                }))
        cases.append(
            exact(
                "task is the table", connectJob("CS task", source: sf, table: "Opportunity"),
                check: { job in
                    job.targets.first?.definition.tasks.first?.table
                        == TableRef(schema: "Salesforce", name: "Opportunity")
                        ? nil : "task \(String(describing: job.targets.first?.definition.tasks))"
                }))
        cases.append(
            exact(
                "destination is the mapped cache", connectJob("CS dest", source: sf),
                check: { $0.targets.first?.definition.destination?.id?.rawValue == "c-sn" ? nil : "destination" }))
        return cases
    }

    @Test func everyFixtureMatches() async throws {
        let connect = try await ConnectSide()
        let sync = try await SyncSide()
        await sync.seed(syncJob("CS taken").objectValue ?? [:])
        var connections: [String: String] = [:]
        for (source, target) in [
            ("Salesforce", "c-sf"), ("MailChimp", "c-mc"), ("HubSpot", "c-hs"), ("PostgreSQL", "c-pg"),
            ("AmazonS3", "c-nope"),
        ] {
            connections[try #require(connect.connections[source])] = target
        }
        let mapping = ConnectionMapping(connections: connections, cacheDestination: "c-sn")
        var noCache = mapping
        noCache.cacheDestination = nil
        let cases = Self.cases(connect.connections)
        let result = try await runCorpus(
            cases, seed: { _, item in try await connect.seed(item.json) },
            plan: { variant, _ in
                let policy: ConflictPolicy = variant == 2 ? .skip : variant == 3 ? .adopt : .fail
                return try await JobBridgeMigration.plan(
                    from: connect.provider, to: sync.provider, mapping: variant == 1 ? noCache : mapping,
                    options: MigrationOptions(conflictPolicy: policy))
            })
        #expect(cases.count >= 60)
        #expect(result.failures.isEmpty, "\(result.failures.joined(separator: "\n"))")
        #expect(result.matched == cases.count)
    }
}
