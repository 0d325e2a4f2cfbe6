import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// Details of what the Connect adapter reads and sends that no other test pinned: the
/// year-1 "no next run" date, runs still going, the source's name after a change of
/// source, the range of logVerbosity. Found by mutation testing (#15).
@Suite struct ConnectReadAndWriteDetailTests {
    static func job(_ members: String, lastRun: String = "null") -> String {
        """
        {"id": "j1", "name": "n", "jobType": "Caching", "intervalUnit": "Hour", "intervalValue": 1,
         "enabled": true, \(members) "lastRun": \(lastRun),
         "params": {"sourceConnection": "c1", "sourceConnectionName": "SF", "sourceName": "SF", "sourceTable": "T"}}
        """
    }

    @Test(arguments: ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z", "0001-06-30T12:00:00Z"])
    func aYearOneNextRunMeansNone(_ date: String) async throws {
        let provider = ConnectProvider(client: try FixedAnswer(Self.job("\"nextRunTime\": \"\(date)\",")).client())
        #expect(try await provider.job("j1").nextRunAt == nil)
    }

    @Test func aRealNextRunIsRead() async throws {
        let provider = ConnectProvider(
            client: try FixedAnswer(Self.job("\"nextRunTime\": \"0002-01-02T00:00:00Z\",")).client())
        #expect(try await provider.job("j1").nextRunAt == ConnectDate.parse("0002-01-02T00:00:00Z"))
        let later = ConnectProvider(
            client: try FixedAnswer(Self.job("\"nextRunTime\": \"2026-03-01T08:00:00Z\",")).client())
        #expect(try await later.job("j1").nextRunAt == ConnectDate.parse("2026-03-01T08:00:00Z"))
    }

    @Test(arguments: ["JOB_RUNNING", "JOB_QUEUED", "RUNNING"])
    func aRunStillGoingHasNoEnd(_ status: String) async throws {
        let lastRun =
            #"{"dateTime": "2026-01-01T10:00:00Z", "duration": 90, "status": "\#(status)", "rowsAffected": 0}"#
        let provider = ConnectProvider(client: try FixedAnswer(Self.job("", lastRun: lastRun)).client())
        let run = try #require(try await provider.job("j1").lastRun)
        #expect(!run.status.isFinished)
        #expect(run.endedAt == nil)
        #expect(run.startedAt == ConnectDate.parse("2026-01-01T10:00:00Z"))
    }

    @Test func aFinishedRunEndsAfterItsDuration() async throws {
        let lastRun = #"{"dateTime": "2026-01-01T10:00:00Z", "duration": 90, "status": "JOB_FAILED"}"#
        let provider = ConnectProvider(client: try FixedAnswer(Self.job("", lastRun: lastRun)).client())
        let run = try #require(try await provider.job("j1").lastRun)
        #expect(run.endedAt == ConnectDate.parse("2026-01-01T10:01:30Z"))
    }

    @Test func changingTheSourceRenamesItEverywhere() async throws {
        let fixture = FixedAnswer(Self.job(""))
        let provider = ConnectProvider(client: try fixture.client())
        _ = try await provider.updateJob("j1", with: JobUpdate(source: ConnectionRef(id: "c2", name: "HubSpot")))
        let params = try #require(try fixture.lastBody()["params"])
        #expect(params["sourceConnection"] == "c2")
        #expect(params["sourceConnectionName"] == "HubSpot")
        #expect(params["sourceName"] == "HubSpot")
    }

    @Test(arguments: [JSONValue.int(0), 6, -1, "0", 2.5])
    func logVerbosityOutsideOneToFiveIsRefused(_ value: JSONValue) async throws {
        let fixture = FixedAnswer(Self.job(""))
        let provider = ConnectProvider(client: try fixture.client())
        var definition = JobDefinition(
            name: "n", kind: JobKind(.replication), source: ConnectionRef(id: "c1", name: "SF"),
            schedule: .interval(IntervalSchedule(every: 1, .hour)), tasks: [TaskDefinition(table: TableRef(name: "T"))])
        definition.settings = ["logVerbosity": value]
        let error = await #expect(throws: JobBridgeError.self) { try await provider.createJob(definition) }
        #expect(error?.field == "settings.logVerbosity")
        #expect(fixture.requests.isEmpty)
        await #expect(throws: JobBridgeError.self) {
            try await provider.updateJob("j1", with: JobUpdate(settings: ["logVerbosity": value]))
        }
    }

    @Test(arguments: [JSONValue.int(1), 5, "3"])
    func logVerbosityOneToFiveIsSentAtTheTopLevel(_ value: JSONValue) async throws {
        let fixture = FixedAnswer(Self.job(""))
        let provider = ConnectProvider(client: try fixture.client())
        _ = try await provider.updateJob("j1", with: JobUpdate(settings: ["logVerbosity": value]))
        let sent = try fixture.lastBody()
        #expect(sent["logVerbosity"] == .int(value.intValue ?? value.stringValue.flatMap { Int64($0) } ?? -1))
        #expect(sent["params"]?["logVerbosity"] == nil)
    }

    @Test func anUpdateKeepsWhatItDoesNotChange() async throws {
        let fixture = FixedAnswer(Self.job(#""logVerbosity": 4, "definedNextRun": "2026-03-01T08:00:00Z","#))
        // Names are sent only by an app that opted in (the documents list no name key).
        let provider = ConnectProvider(client: try fixture.client(), sendsJobNames: true)
        _ = try await provider.updateJob("j1", with: JobUpdate(name: "renamed"))
        let sent = try fixture.lastBody()
        #expect(sent["name"] == "renamed")
        #expect(sent["logVerbosity"] == 4)
        #expect(sent["params"]?["sourceTable"] == "T")
    }

    @Test(arguments: ["maybe", "yes", "1"])
    func aBooleanThatIsNeitherTrueNorFalseIsRefused(_ text: String) async throws {
        let provider = ConnectProvider(
            client: try FixedAnswer(
                Self.job("").replacingOccurrences(of: #""enabled": true"#, with: #""enabled": "\#(text)""#)
            )
            .client())
        await #expect(throws: JobBridgeError.self) { try await provider.job("j1") }
    }

    @Test func aLastRunWithoutADateIsNoRun() throws {
        let lastRun = try JSONDecoder().decode(
            ConnectLastRun.self, from: Data(#"{"dateTime": null, "status": "JOB_SUCCEEDED"}"#.utf8))
        #expect(lastRun.isNeverRun)
        let real = try JSONDecoder().decode(
            ConnectLastRun.self, from: Data(#"{"dateTime": "2026-01-01T00:00:00Z"}"#.utf8))
        #expect(!real.isNeverRun)
    }

    @Test(arguments: [0, 65_536, -1])
    func aCachePortOutsideOneTo65535IsRefused(_ port: Int) {
        let error = #expect(throws: JobBridgeError.self) {
            _ = try ConnectCacheConnectionString(server: "db", port: port, user: "u", password: "p", database: "d")
        }
        #expect(error?.field == "port")
    }

    @Test func aCachingJobWritesToTheCacheConnectionWhateverItsParamsSay() async throws {
        let body = Self.job("").replacingOccurrences(
            of: #""sourceTable": "T"}"#, with: #""sourceTable": "T", "destinationConnectionName": "Elsewhere"}"#)
        let provider = ConnectProvider(
            client: try FixedAnswer(body).client(), cacheConnection: TestSupport.cacheConnection)
        let job = try await provider.job("j1")
        #expect(job.destination == TestSupport.cacheConnection)
    }

    @Test func aJobWithoutEnabledIsEnabled() async throws {
        let body = Self.job("").replacingOccurrences(of: #""enabled": true,"#, with: "")
        let provider = ConnectProvider(client: try FixedAnswer(body).client())
        #expect(try await provider.job("j1").isEnabled)
    }
}
