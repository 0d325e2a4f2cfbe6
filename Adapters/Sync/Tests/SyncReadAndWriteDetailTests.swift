import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// Details of what the Sync adapter reads and sends that no other test pinned: task
/// places, history order, time zones with and without daylight saving, aliased settings.
/// Found by mutation testing (#15).
struct SyncReadAndWriteDetailTests {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    static func tasks(_ json: JSONValue) throws -> [SyncTask] {
        try JSONDecoder().decode([SyncTask].self, from: json.data())
    }

    // MARK: Tasks

    @Test func aTaskWithoutAnIndexTakesItsPlaceInTheList() throws {
        let natives = try Self.tasks([
            ["id": "a", "query": "A"], ["id": "b", "query": "B"], ["id": "c", "query": "C"],
        ])
        #expect(SyncMapping.tasks(natives).map(\.index) == [0, 1, 2])
        #expect(SyncMapping.task(natives[2], position: 2).index == 2)
        let mixed = try Self.tasks([["id": "a", "query": "A", "index": 1], ["id": "b", "query": "B"]])
        #expect(SyncMapping.tasks(mixed).map(\.query) == ["A", "B"])
        #expect(SyncMapping.tasks(mixed).map(\.index) == [1, 1])
    }

    @Test func taskSettingsAreSentUnderTheDocumentedKeys() throws {
        let settings = SyncTaskSettings(query: "REPLICATE [A]", isActive: false, index: 2)
        #expect(settings.json == ["query": "REPLICATE [A]", "is_active": false, "index": 2])
        let task = SyncTask(id: "t1", settings: settings, jobID: "j1")
        #expect(try JSONValue(data: JSONEncoder().encode(task))["index"] == 2)
        #expect(try JSONValue(data: JSONEncoder().encode(task))["is_active"] == false)
    }

    // MARK: History order

    @Test func historyIsNewestFirstWithUndatedRunsLast() async throws {
        let history: JSONValue = [
            "value": [
                ["id": "h1", "status": "Failed", "run_start_date": "2026-01-10T06:00:00Z"],
                ["id": "h2", "status": "Starting"],
                ["id": "h3", "status": "Successful", "run_start_date": "2026-01-12T06:00:00Z"],
                ["id": "h4", "status": "Successful", "run_start_date": "2026-01-11T06:00:00Z"],
                ["id": "h5", "status": "Queued"],
            ]
        ]
        let provider = try Self.provider(answering: ["/jobs/j1/history": history, "/jobs/j1/tasks/t1/history": history])
        let runs = try await provider.runs(of: "j1").collect()
        #expect(runs.compactMap { $0.runID?.rawValue } == ["h3", "h4", "h1", "h2", "h5"])
        let taskRuns = try await provider.taskRuns(of: "t1", job: "j1")
        #expect(taskRuns.compactMap { $0.runID?.rawValue } == ["h3", "h4", "h1", "h2", "h5"])
    }

    /// A provider whose server answers each path's GET with a fixed body (404 elsewhere).
    static func provider(answering answers: [String: JSONValue]) throws -> SyncProvider {
        let transport = FixedPaths(answers: answers.mapValues { (try? $0.data()) ?? Data() })
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret("t")), transport: transport,
            serverTimeZone: .gmt, retry: RetryPolicy(maxAttempts: 1), clock: SimulatedClock())
        return SyncProvider(client: client, workspaceID: SyncFixture.workspace)
    }

    // MARK: Zones

    @Test func aFixedZoneIsNotTheServersZoneEvenWithTheSameOffsetToday() throws {
        // New York is at -05:00 in winter; a fixed -05:00 zone is not New York in July.
        for zone in [TimeZone(secondsFromGMT: -5 * 3600), TimeZone(identifier: "America/Toronto")] {
            let cron = try CronSchedule("0 6 * * ?", dialect: .sync, timeZone: try #require(zone))
            var definition = SyncFixture.definition()
            definition.schedule = .cron(cron)
            #expect(throws: JobBridgeError.self, "\(String(describing: zone))") {
                _ = try SyncMapping.settings(
                    for: definition, sourceID: nil, destinationID: nil, serverTimeZone: Self.newYork)
            }
        }
        // Two fixed zones of one offset are the same zone.
        let fixed = try CronSchedule(
            "0 6 * * ?", dialect: .sync, timeZone: try #require(TimeZone(identifier: "Etc/GMT+5")))
        var definition = SyncFixture.definition()
        definition.schedule = .cron(fixed)
        let settings = try SyncMapping.settings(
            for: definition, sourceID: nil, destinationID: nil,
            serverTimeZone: try #require(TimeZone(secondsFromGMT: -5 * 3600)))
        #expect(settings.schedule?.cron == "0 6 * * ?")
    }

    @Test func useGMTDateTimeDecidesTheCronZone() throws {
        let settings = try SyncJobSettings(json: ["schedule": ["enabled": true, "cron": "0 6 * * ?"]])
        func zone(_ settings: SyncJobSettings) -> String? {
            guard case .cron(let cron) = SyncMapping.schedule(settings, serverTimeZone: Self.newYork).0 else {
                return nil
            }
            return cron.timeZone.identifier
        }
        #expect(zone(settings) == "America/New_York")
        var gmt = settings
        gmt.useGMTDateTime = true
        #expect(zone(gmt) == TimeZone.gmt.identifier)
        gmt.useGMTDateTime = false
        #expect(zone(gmt) == "America/New_York")
    }

    // MARK: Aliased settings

    @Test func anAliasedSettingIsSentUnderOneSpellingOnly() throws {
        var settings = try SyncJobSettings(json: ["name": "A", "emailerroronly": true])
        #expect(settings.updateJSON.objectValue?.keys.sorted() == ["email_error_only", "name"])
        #expect(settings.json.objectValue?.keys.contains("emailerroronly") == false)
        try settings.set("email_error_only", to: false)
        #expect(settings.updateJSON == ["name": "A", "email_error_only": false])
        // An alias that did not fit its type is kept as it came, under its own spelling,
        // until the documented key is set: then the stale alias goes.
        var odd = try SyncJobSettings(json: ["name": "A", "emailerroronly": "sometimes"])
        #expect(odd.json["emailerroronly"] == "sometimes")
        try odd.set("email_error_only", to: true)
        #expect(odd.json == ["name": "A", "email_error_only": true])
    }
}

/// How Sync's refusals and dates read. Found by mutation testing (#15).
struct SyncRefusalAndDateTests {
    static func provider(executeRefusal message: String) throws -> SyncProvider {
        let transport = FixedPaths(
            answers: ["/jobs/j1/status": Data("{}".utf8)],
            refusals: ["/jobs/j1/execute": Data(#"{"error": {"code": "400", "message": "\#(message)"}}"#.utf8)])
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret("t")), transport: transport,
            serverTimeZone: .gmt, retry: RetryPolicy(maxAttempts: 1), clock: SimulatedClock())
        return SyncProvider(client: client, workspaceID: SyncFixture.workspace)
    }

    @Test(arguments: [
        "Job j1 is already running.", "The job is currently running", "j1 is still running", "A run is in progress",
        "Job is running",
    ])
    func aRefusalThatSaysRunningIsAConflict(_ message: String) async throws {
        let error = await #expect(throws: JobBridgeError.self) {
            try await Self.provider(executeRefusal: message).runJob("j1")
        }
        #expect(error?.code == .conflict, "\(message)")
    }

    @Test(arguments: ["Running out of licences", "The query is invalid", "running"])
    func otherRefusalsStayInvalidRequests(_ message: String) async throws {
        let error = await #expect(throws: JobBridgeError.self) {
            try await Self.provider(executeRefusal: message).runJob("j1")
        }
        #expect(error?.code == .invalidRequest, "\(message)")
    }

    @Test(arguments: ["modified_at", "modified", "updated_at", "last_modified"])
    func everySpellingOfTheModificationDateIsRead(_ key: String) throws {
        let json: JSONValue = .object(["id": "j1", "name": "A", key: "2026-01-02T03:04:05Z"])
        let job = try JSONDecoder().decode(SyncJob.self, from: json.data())
        #expect(SyncMapping.job(job, serverTimeZone: .gmt).modifiedAt == WireDate.parse("2026-01-02T03:04:05Z"))
    }

    @Test func aJobsReadOnlyMembersKeepTheirPrecedenceAndNullsHideNothing() throws {
        // The job's read-only members are read in the same pass as its settings; of several
        // spellings the first present and not null wins, as for every other member.
        let json: JSONValue = [
            "id": nil, "job_id": 42, "workspace_id": 7, "name": "A", "created": "2026-01-01T00:00:00Z",
            "modified_at": nil, "modified": "2026-01-02T00:00:00Z", "updated_at": "2026-01-03T00:00:00Z",
            "last_modified": "2026-01-04T00:00:00Z", "tasks": [["id": "t1", "query": "REPLICATE A"]],
            "x_custom": 1,
        ]
        let job = try SyncJob(json: json)
        #expect(job.id == "42")
        #expect(job.workspaceID == "7")
        #expect(job.createdAt == WireDate.parse("2026-01-01T00:00:00Z"))
        #expect(job.modifiedAt == WireDate.parse("2026-01-02T00:00:00Z"))
        #expect(job.tasks?.map(\.id) == ["t1"])
        #expect(job.settings.name == "A")
        #expect(job.settings.additionalFields == ["x_custom": 1])
        let both = try SyncJob(json: [
            "id": "first", "job_id": "second", "created_at": "2026-02-01T00:00:00Z", "created": "2026-03-01T00:00:00Z",
        ])
        #expect(both.id == "first")
        #expect(both.createdAt == WireDate.parse("2026-02-01T00:00:00Z"))
        let error = #expect(throws: DecodingError.self) { try SyncJob(json: ["id": nil, "job_id": nil, "name": "A"]) }
        #expect("\(String(describing: error))".contains("looked for id, job_id"))
    }

    @Test func aNullUnderOneSpellingDoesNotHideAnother() throws {
        #expect(try SyncRun(json: ["job_id": nil, "JobId": "j1", "status": nil, "Status": "Running"]).jobID == "j1")
        #expect(try SyncRun(json: ["status": nil, "Status": "Running"]).status == "Running")
    }

    @Test(arguments: [("false", false), ("FALSE", false), ("False", false), ("true", true), ("TRUE", true)])
    func booleansSentAsText(_ text: String, _ value: Bool) throws {
        let settings = try SyncJobSettings(json: ["send_email": .string(text), "drop_table": .string(text)])
        #expect(settings.sendEmail == value)
        #expect(settings.dropTable == value)
        #expect(settings.json["send_email"] == .bool(value))
    }

    @Test(arguments: [
        ("1.02:03:04", Duration.seconds(93_784)), ("00:01:30", .seconds(90)), ("10:00:00.5", .milliseconds(36_000_500)),
        ("1500", .milliseconds(1_500)),
    ])
    func runtimesInEachForm(_ text: String, _ duration: Duration) throws {
        #expect(try SyncRun(json: ["runtime": .string(text)]).runtime == duration)
    }

    @Test(arguments: ["", " ", "\n", " \r\n\t "])
    func aBlankStatusAnswerMeansNoRun(_ body: String) async throws {
        let transport = FixedPaths(answers: ["/jobs/j1/status": Data(body.utf8)])
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret("t")), transport: transport,
            serverTimeZone: .gmt, retry: RetryPolicy(maxAttempts: 1), clock: SimulatedClock())
        let provider = SyncProvider(client: client, workspaceID: SyncFixture.workspace)
        #expect(try await provider.status(of: "j1") == nil)
    }

    @Test func aRunOfChosenTasksSaysWhichTasksItRuns() async throws {
        let transport = FixedPaths(answers: [
            "/jobs/j1/status": Data("{}".utf8), "/jobs/j1/execute": Data(#"{"id": "h9", "status": "Starting"}"#.utf8),
        ])
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret("t")), transport: transport,
            serverTimeZone: .gmt, retry: RetryPolicy(maxAttempts: 1), clock: SimulatedClock())
        let provider = SyncProvider(client: client, workspaceID: SyncFixture.workspace)
        let run = try await provider.runJob("j1", tasks: ["t1", "t2"])
        #expect(run.runID == "h9")
        #expect(run.taskIDs == ["t1", "t2"])
        #expect(try await provider.runJob("j1", tasks: nil).taskIDs == nil)
    }

    @Test func aRunsJobIDIsReadUnderEverySpelling() throws {
        for key in ["job_id", "JobId", "jobId"] {
            #expect(try SyncRun(json: .object([key: "j1", "status": "Running"])).jobID == "j1", "\(key)")
        }
    }
}

/// Answers a GET for a known path with its body, anything else with 404.
private struct FixedPaths: HTTPTransport {
    let answers: [String: Data]
    var refusals: [String: Data] = [:]

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        for (path, body) in answers where request.url.path.hasSuffix(path) {
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
        }
        for (path, body) in refusals where request.url.path.hasSuffix(path) {
            return HTTPResponse(status: 400, headers: ["Content-Type": "application/json"], body: body)
        }
        return HTTPResponse(status: 404, headers: ["Content-Type": "application/json"], body: Data("{}".utf8))
    }
}
