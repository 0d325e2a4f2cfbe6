import Foundation
import JobBridge
import JobBridgeSimulation
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

@testable import JobBridgeSync

/// A listing maps plain jobs straight from their JSON (`SyncMapping.plainJob`) and every
/// other job the general way (`SyncMapping.job(SyncJob(...))`): both must give the same
/// `Job` for every job the fast way takes, and the fast way must refuse every job it
/// cannot map exactly.
@Suite struct SyncListedJobTests {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    /// The general way, or `nil` when it refuses the job.
    static func general(_ json: JSONValue, _ zone: TimeZone) -> Job? {
        guard let native = try? SyncJob(json: json, timeZone: zone) else { return nil }
        return SyncMapping.job(native, serverTimeZone: zone)
    }

    /// Generated jobs: every member drawn from plain, lenient, wrong, `null` and absent
    /// values, with aliases, embedded tasks and unknown members now and then.
    static func generatedJob(_ generator: inout SplitMix64) -> JSONValue {
        func pick<T>(_ choices: [T]) -> T { choices[Int(generator.next() % UInt64(choices.count))] }
        func chance(_ percent: UInt64) -> Bool { generator.next() % 100 < percent }
        var members: [String: JSONValue] = [:]
        // Each list starts with `plain` plain values, drawn nine times in ten, so that about
        // a fifth of the jobs is plain throughout.
        func maybe(_ key: String, _ values: [JSONValue], percent: UInt64 = 70, plain: Int = 1) {
            guard chance(percent) else { return }
            members[key] = chance(90) ? pick(Array(values.prefix(plain))) : pick(values)
        }
        maybe("id", ["job-1", "", 42, 4.5, nil, true], percent: 97, plain: 2)
        maybe("job_id", ["job-2", 7, nil], percent: 5)
        maybe("workspace_id", ["ws", 3, nil, 1.5, ["x"]], percent: 40, plain: 3)
        maybe("name", ["Nightly", "", nil, 5], plain: 3)
        maybe("type", ["Standard", "SyncAll", "ChangeDataCapture", "Future", nil, 3], plain: 5)
        maybe("source_connection_id", ["c-src", "", nil, 9], plain: 3)
        maybe("destination_connection_id", ["c-dst", nil, false], plain: 2)
        maybe(
            "schedule",
            [
                ["enabled": true, "cron": "0 */6 * * ?"], ["enabled": false, "cron": "15 2 ? * 2"], ["cron": ""],
                ["enabled": nil, "cron": nil], ["cron": "*/0 * * * ?", "x": 1], ["enabled": true], nil, [:],
                ["enabled": "true", "cron": "0 0 * * ?"], ["cron": 5], "daily",
            ], plain: 8)
        maybe("use_gmt_datetime", [true, false, nil, "true", "no", 1], plain: 3)
        maybe("verbosity", [1, 3, nil, "2", 2.5, "x"], plain: 3)
        maybe("batch_size", [5000, nil, "5000", 1e3], plain: 2)
        maybe("truncate_table_data", [false, true, nil, "FALSE", 0], plain: 3)
        maybe("table_name_prefix", ["sf_", nil, 3], plain: 2)
        maybe("labels", [["a", "b"], [], nil, ["a", 1], "a"], plain: 3)
        maybe("queries", [["REPLICATE A"], [], nil, [1]], percent: 30, plain: 3)
        maybe("cdc_engine_settings", [["k": 1], "x", nil, 4], percent: 30, plain: 4)
        maybe("email_error_only", [true, nil, "true"], percent: 30, plain: 2)
        maybe("emailerroronly", [true, false], percent: 10)
        maybe("created_at", ["2026-01-02T03:04:05Z", "2026-01-02 03:04:05", "not a date", "", 5, nil], plain: 6)
        maybe("modified_at", ["2026-02-02T03:04:05.250Z", nil, 7], plain: 3)
        maybe("created", ["2026-01-01T00:00:00Z"], percent: 5)
        maybe("updated_at", ["2026-03-01T00:00:00Z"], percent: 5)
        maybe("tasks", [[["id": "t1", "query": "REPLICATE A"]], [], nil, "x"], percent: 10)
        maybe("x_custom", [["level": 2], nil, "v", [1, 2]], percent: 40, plain: 4)
        maybe("password", ["canary-not-a-secret"], percent: 10)
        return .object(members)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func theFastWayAgreesWithTheGeneralWayOnGeneratedJobs(_ seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var taken = 0
        for _ in 0..<400 {
            let json = Self.generatedJob(&generator)
            let members = try #require(json.objectValue)
            for zone in [TimeZone.gmt, Self.newYork] {
                guard let fast = SyncMapping.plainJob(members, serverTimeZone: zone) else { continue }
                taken += 1
                let general = Self.general(json, zone)
                #expect(fast == general, "\(json)")
            }
        }
        // The generator makes plain jobs often enough that the fast way is exercised.
        #expect(taken >= 100, "the fast way took \(taken) of 800")
    }

    @Test func aPlainJobIsTakenTheFastWayWithEverySettingKept() throws {
        let json: JSONValue = [
            "id": "j1", "workspace_id": "ws", "name": "Nightly", "type": "Standard", "source_connection_id": "c1",
            "destination_connection_id": "c2", "schedule": ["enabled": false, "cron": "0 */6 * * ?", "x": 1],
            "verbosity": 2, "labels": ["a"], "use_gmt_datetime": false, "x_custom": ["level": 1], "x_null": nil,
            "email_to": nil, "created_at": "2026-01-02T03:04:05", "queries": ["REPLICATE A"],
        ]
        let members = try #require(json.objectValue)
        let fast = try #require(SyncMapping.plainJob(members, serverTimeZone: Self.newYork))
        #expect(fast == Self.general(json, Self.newYork))
        #expect(
            fast.settings == [
                "verbosity": 2, "labels": ["a"], "use_gmt_datetime": false, "x_custom": ["level": 1], "x_null": nil,
            ])
        #expect(fast.isEnabled == false)
        #expect(fast.providerData == json)
        guard case .cron(let cron) = fast.schedule else {
            Issue.record("expected a cron schedule, got \(fast.schedule)")
            return
        }
        #expect(cron.timeZone.identifier == "America/New_York")
        #expect(fast.createdAt == WireDate.parse("2026-01-02T03:04:05", timeZone: Self.newYork))
    }

    @Test(arguments: [
        ["id": 42] as JSONValue, ["id": "j", "verbosity": "2"], ["id": "j", "schedule": ["enabled": "true"]],
        ["id": "j", "emailerroronly": true], ["id": "j", "tasks": []], ["id": "j", "job_id": "k"],
        ["id": "j", "updated_at": "2026-01-01T00:00:00Z"], ["id": "j", "labels": ["a", 1]],
        ["id": "j", "workspace_id": 1.5], ["name": "no id"], ["id": "j", "batch_size": 1e3],
    ])
    func aJobThatIsNotPlainTakesTheGeneralWay(_ json: JSONValue) throws {
        #expect(SyncMapping.plainJob(try #require(json.objectValue), serverTimeZone: .gmt) == nil)
    }

    @Test func aListingMapsEveryJobAsTheGeneralWayDoes() async throws {
        let server = SyncSimulator(configuration: .init(token: "t", pageSize: 7))
        await server.addWorkspace(id: "ws", name: "W")
        var generator = SplitMix64(seed: 11)
        var seeded = 0
        for _ in 0..<60 {
            var members = try #require(Self.generatedJob(&generator).objectValue)
            for key in ["id", "job_id", "tasks", "workspace_id"] { members.removeValue(forKey: key) }
            members["name"] = .string("Job \(seeded)")
            await server.seedJob(members, workspace: "ws")
            seeded += 1
        }
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret("t")), transport: server,
            serverTimeZone: Self.newYork)
        let listed = try await SyncProvider(client: client, workspaceID: "ws").jobs().collect()
        let natives = try await client.jobs(inWorkspace: "ws").collect()
        #expect(listed.count == seeded)
        #expect(listed == natives.map { SyncMapping.job($0, serverTimeZone: Self.newYork) })
    }

    @Test func everyWireNameFindsItsFieldWithoutTheTable() {
        for (key, field) in SyncJobField.byKey { #expect(SyncJobField(wireKey: key) == field, "\(key)") }
        #expect(SyncJobField.byKey.count == SyncJobField.allCases.count + 1)  // one alias
        for key in ["", "id", "Name", "names", "schedule ", "x_custom", "email_error_onl", "tasks", "workspace_id"] {
            #expect(SyncJobField(wireKey: key) == nil, "\(key)")
        }
    }
}
