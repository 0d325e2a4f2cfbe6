import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// Native ↔ portable, both ways, through the simulator or fixed answers.
@Suite struct MappingTests {
    @Test func theSeedJobReadsAsAPortableJobThatNeverRan() async throws {
        let fixture = FixedAnswer(WireFormatTests.seedJob)
        let provider = ConnectProvider(client: try fixture.client(), cacheConnection: TestSupport.cacheConnection)
        let job = try await provider.job("9d5c6a3e-0000-4000-8000-000000000001")
        #expect(job.name == "MailChimp1_Conversations")
        #expect(job.kind == JobKind(.replication, providerValue: "Caching"))
        #expect(job.source == ConnectionRef(id: "f6f3cfe6-72e2-4edb-914f-4409c01c1418", name: "MailChimp1"))
        #expect(job.destination == TestSupport.cacheConnection)
        #expect(job.schedule == .interval(IntervalSchedule(every: 1, .hour)))
        #expect(job.isEnabled)
        #expect(
            job.tasks == [
                JobTask(
                    id: "table", index: 0, table: TableRef(schema: "MailChimp", name: "Conversations"),
                    providerData: job.tasks.first?.providerData)
            ])
        #expect(job.lastRun == nil)
        #expect(job.nextRunAt == ConnectDate.parse("2025-11-20T16:52:32Z"))
        #expect(job.createdAt == ConnectDate.parse("2025-11-20T15:26:43.096Z"))
        #expect(job.settings == ["logVerbosity": 1, "timeCheckColumn": "", "autoTruncateStrings": "false"])
        #expect(job.providerData == (try TestSupport.json(WireFormatTests.seedJob)))
        #expect(try await provider.status(of: job.id) == nil)
        #expect(try provider.native(job).params.sourceTable == "Conversations")
    }

    @Test func aRealLastRunMapsWithItsStatusDurationAndRows() async throws {
        let body = """
            {"id": "j1", "name": "n", "jobType": "Caching", "intervalUnit": "Day", "intervalValue": "2",
             "enabled": "false", "logVerbosity": "4",
             "lastRun": {"dateTime": "2026-01-01T10:00:00.1234567Z", "duration": 90, "status": "JOB_SUCCEEDED",
                         "rowsAffected": 1284, "nextRunTime": "2026-01-03T10:00:00Z"},
             "params": {"sourceConnection": "c1", "sourceConnectionName": "SF", "sourceName": "old", "sourceTable": "T"}}
            """
        let provider = ConnectProvider(client: try FixedAnswer(body).client())
        let job = try await provider.job("j1")
        let run = try #require(job.lastRun)
        #expect(run.status == RunStatus(.succeeded, providerValue: "JOB_SUCCEEDED"))
        #expect(run.startedAt == ConnectDate.parse("2026-01-01T10:00:00.1234567Z"))
        #expect(run.duration == .seconds(90))
        #expect(run.endedAt == ConnectDate.parse("2026-01-01T10:01:30.1234567Z"))
        #expect(run.rowsAffected == 1284)
        #expect(run.runID == nil)
        #expect(job.schedule == .interval(IntervalSchedule(every: 2, .day)))
        #expect(!job.isEnabled)
        #expect(job.settings["logVerbosity"] == 4)
        #expect(job.source == ConnectionRef(id: "c1", name: "SF"))
        #expect(job.destination == nil)
        #expect(job.tasks.first?.table == TableRef(name: "T"))
    }

    @Test(arguments: [
        ("JOB_QUEUED", RunStatus.Phase.queued), ("JOB_RUNNING", .running), ("JOB_SUCCEEDED", .succeeded),
        ("JOB_SUCCESS", .succeeded), ("JOB_FAILED", .failed), ("JOB_NOCHANGE", .succeeded),
        ("JOB_NO_CHANGE", .succeeded), ("JOB_CANCELLED", .cancelled), ("JOB_CANCELED", .cancelled),
        ("Running", .running), ("NoChange", .succeeded), ("JOB_WARP_SPEED", .unknown),
        ("  job_no_change ", .succeeded), ("queued", .queued), ("JOB_FAİLED", .unknown), ("jöb_failed", .unknown),
    ])
    func runStatusesMapAndKeepTheirString(_ wire: String, _ phase: RunStatus.Phase) async throws {
        let body = """
            {"id": "j1", "jobType": "Caching", "lastRun": {"dateTime": "2026-01-01T10:00:00Z", "duration": 5,
             "status": "\(wire)", "rowsAffected": 0}, "params": {}}
            """
        let provider = ConnectProvider(client: try FixedAnswer(body).client())
        let status = try #require(try await provider.status(of: "j1"))
        #expect(status.status == RunStatus(phase, providerValue: wire))
    }

    @Test func scheduledQueryAndUnknownKindsAreKept() async throws {
        let body = """
            {"jobs": [{"id": "q1", "name": "Revenue", "jobType": "ScheduledQuery", "intervalUnit": "Week",
              "intervalValue": 1, "params": {"query": "SELECT 1", "destinationConnectionName": "Warehouse",
              "destinationSchema": "public", "destinationTable": "revenue", "destinationWriteScheme": "Append"}},
             {"id": "x1", "name": "Future", "jobType": "Replication2", "intervalUnit": "Fortnight",
              "params": {"shiny": [1, 2]}}]}
            """
        let provider = ConnectProvider(
            client: try FixedAnswer(body).client(), cacheConnection: TestSupport.cacheConnection)
        let jobs = try await provider.jobs().collect()
        #expect(jobs[0].kind == JobKind(.scheduledQuery, providerValue: "ScheduledQuery"))
        #expect(jobs[0].tasks.map(\.query) == ["SELECT 1"])
        #expect(jobs[0].destination == ConnectionRef(name: "Warehouse"))
        #expect(jobs[0].settings["destinationTable"] == "revenue")
        #expect(jobs[0].settings["destinationWriteScheme"] == "Append")
        #expect(jobs[1].kind == JobKind(.other, providerValue: "Replication2"))
        // An interval unit the adapter does not know is unreadable, never manual.
        #expect(jobs[1].schedule.kind == .unreadable)
        #expect(jobs[1].schedule.description.contains("Fortnight"))
        #expect(jobs[1].settings["shiny"] == [1, 2])
        #expect(jobs[1].providerData?["intervalUnit"] == "Fortnight")
    }

    @Test func aDefinitionIsSentAsTheDocumentedBody() async throws {
        let fixture = FixedAnswer(WireFormatTests.seedJob)
        let provider = ConnectProvider(client: try fixture.client(), cacheConnection: TestSupport.cacheConnection)
        _ = try await provider.createJob(
            JobDefinition(
                name: "OData categories", kind: JobKind(.replication),
                source: ConnectionRef(id: "36b2c04f-70f4-44a1-876a-29e42237ee63", name: "OData1"),
                destination: TestSupport.cacheConnection,
                schedule: .interval(
                    IntervalSchedule(every: 1, .hour, firstRun: Date(timeIntervalSince1970: 1_767_229_200))),
                tasks: [TaskDefinition(table: TableRef(schema: "OData", name: "Categories"))],
                settings: ["logVerbosity": 1, "timeCheckColumn": "", "autoTruncateStrings": false]))
        let expected = try TestSupport.json(
            #"""
            {"jobType": "Caching", "intervalUnit": "Hour", "intervalValue": 1,
             "logVerbosity": 1, "enabled": true, "definedNextRun": "2026-01-01T01:00:00Z",
             "params": {"timeCheckColumn": "", "autoTruncateStrings": "false",
                        "sourceConnection": "36b2c04f-70f4-44a1-876a-29e42237ee63", "sourceName": "OData1",
                        "sourceSchema": "OData", "sourceTable": "Categories"}}
            """#)
        #expect(try fixture.lastBody() == expected)
        #expect(fixture.requests.last?.method == .post)
        #expect(fixture.requests.last?.url.absoluteString == "https://cloud.cdata.com/api/job/create")
    }

    @Test func anUpdateStartsFromTheJobAndKeepsUnknownParams() async throws {
        let simulator = ConnectSimulator()
        let id = try await simulator.addJob(
            [
                "jobType": "Caching", "name": "Keep me", "intervalUnit": "Day", "intervalValue": 1, "logVerbosity": 2,
                "params": [
                    "sourceConnection": "c1", "sourceName": "SF", "sourceTable": "Account",
                    "sourceSchema": "Salesforce",
                    "futureOption": ["nested": true], "mergeKeys": [["colName": "Id", "colType": "varchar"]],
                ],
            ])
        let provider = try TestSupport.provider(simulator)
        let updated = try await provider.updateJob(
            JobID(id),
            with: JobUpdate(
                schedule: .interval(IntervalSchedule(every: 2, .week)), settings: ["timeCheckColumn": "Modified"]))
        let params = try #require(updated.providerData?["params"])
        #expect(params["futureOption"] == ["nested": true])
        #expect(params["mergeKeys"] == [["colName": "Id", "colType": "varchar"]])
        #expect(params["timeCheckColumn"] == "Modified")
        #expect(updated.name == "Keep me")
        #expect(updated.schedule == .interval(IntervalSchedule(every: 2, .week)))
        #expect(updated.settings["logVerbosity"] == 2)
        let sent = try #require(simulator.router.receivedRequests.last { $0.method == .put }?.body)
        let body = try JSONValue(data: sent)
        #expect(body["intervalValue"] == 2)
        #expect(body["intervalUnit"] == "Week")
        #expect(body["enabled"] == true)
        #expect(body["params"]?["sourceTable"] == "Account")
        #expect(body["name"] == nil)
    }

    @Test func minutesAreRefusedBeforeAnyRequest() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        var definition = ConnectHarness().definition(0)
        definition.schedule = .interval(IntervalSchedule(every: 15, .minute))
        let error = try await #require(throws: JobBridgeError.self) { try await provider.createJob(definition) }
        #expect(error.code == .invalidDefinition)
        #expect(error.field == "schedule.unit")
        #expect(error.message.contains("Hour, Day, Week or Month"))
        let updateError = try await #require(throws: JobBridgeError.self) {
            try await provider.updateJob(
                "any", with: JobUpdate(schedule: .interval(IntervalSchedule(every: 1, .minute))))
        }
        #expect(updateError.field == "schedule.unit")
        #expect(simulator.router.receivedRequests.isEmpty)
    }

    @Test(arguments: [
        ("unevenCron", "schedule"), ("manual", "schedule"), ("twoTasks", "tasks"), ("queryTask", "tasks[0].table"),
        ("noSourceID", "source.id"), ("otherDestination", "destination"), ("workflow", "kind"),
        ("verbosity", "settings.logVerbosity"), ("portableSetting", "settings.sourceTable"),
    ])
    func badDefinitionsAreRefusedBeforeAnyRequest(_ defect: String, _ field: String) async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        var definition = ConnectHarness().definition(0)
        switch defect {
        // A cron that no interval can follow (converted cron: CronConversionTests).
        case "unevenCron": definition.schedule = .cron(try CronSchedule("0 9 * * 1-5"))
        case "manual": definition.schedule = .manual
        case "twoTasks": definition.tasks = Array(ConnectHarness().sampleTasks.prefix(2))
        case "queryTask": definition.tasks = [TaskDefinition(query: "SELECT 1")]
        case "noSourceID": definition.source = ConnectionRef(name: "MailChimp1")
        case "otherDestination": definition.destination = ConnectionRef(id: "elsewhere", name: "Snowflake")
        case "workflow": definition.kind = JobKind(.workflow)
        case "verbosity": definition.settings = ["logVerbosity": 9]
        default: definition.settings = ["sourceTable": "Other"]
        }
        let error = try await #require(throws: JobBridgeError.self) { try await provider.createJob(definition) }
        #expect(error.code == .invalidDefinition)
        #expect(error.field == field)
        #expect(simulator.router.receivedRequests.isEmpty)
    }

    @Test func aPortableJobMovesToAScheduledQuery() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(
            JobDefinition(
                name: "Revenue", kind: JobKind(.scheduledQuery), source: ConnectionRef(id: "c1", name: "SF"),
                destination: ConnectionRef(name: "Warehouse"), schedule: .interval(IntervalSchedule(every: 1, .month)),
                tasks: [TaskDefinition(query: "SELECT SUM(Amount) FROM Opportunity")],
                settings: ["destinationTable": "revenue", "destinationWriteScheme": "Overwrite"]))
        #expect(job.kind == JobKind(.scheduledQuery, providerValue: "ScheduledQuery"))
        #expect(job.destination == ConnectionRef(name: "Warehouse"))
        #expect(try await provider.tasks(of: job.id).map(\.query) == ["SELECT SUM(Amount) FROM Opportunity"])
        #expect(try await provider.task("query", of: job.id).index == 0)
        #expect(job.definition.settings["destinationTable"] == "revenue")
    }

    @Test func updatesCheckSourceAndDestinationBeforeSending() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        let before = simulator.router.receivedRequests.count
        let noID = try await #require(throws: JobBridgeError.self) {
            try await provider.updateJob(job.id, with: JobUpdate(source: ConnectionRef(name: "Elsewhere")))
        }
        #expect(noID.field == "source.id")
        #expect(simulator.router.receivedRequests.count == before)
        let elsewhere = try await #require(throws: JobBridgeError.self) {
            try await provider.updateJob(job.id, with: JobUpdate(destination: ConnectionRef(id: "other")))
        }
        #expect(elsewhere.field == "destination")
        #expect(elsewhere.operation == .updateJob)
        #expect(simulator.router.count(.put, "/job/:id/update") == 0)

        let moved = try await provider.updateJob(
            job.id,
            with: JobUpdate(
                source: ConnectionRef(id: "0f0e0d0c-0000-4000-8000-000000000009", name: "MailChimp2"),
                destination: TestSupport.cacheConnection, isEnabled: false, settings: ["logVerbosity": "5"]))
        #expect(moved.source == ConnectionRef(id: "0f0e0d0c-0000-4000-8000-000000000009", name: "MailChimp2"))
        #expect(!moved.isEnabled)
        #expect(moved.settings["logVerbosity"] == 5)
        #expect(moved.tasks.map(\.table) == [TableRef(schema: "MailChimp", name: "Conversations")])
    }

    @Test func onlyTheImpliedTaskExists() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        #expect(try await provider.task("table", of: job.id).table?.name == "Conversations")
        let error = try await #require(throws: JobBridgeError.self) { try await provider.task("query", of: job.id) }
        #expect(error.code == .notFound)
        for operation in [JobOperation.addTask, .updateTask, .deleteTask, .moveTask, .runHistory, .getRun] {
            #expect(!provider.descriptor.capabilities.supports(operation))
        }
        await #expect(throws: JobBridgeError.self) {
            try await provider.addTask(TaskDefinition(table: TableRef(name: "Other")), to: job.id)
        }
    }
}
