import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// The native client and the provider against the simulator (or a router where a server
/// must misbehave on purpose).
@Suite struct SyncClientTests {
    /// A client over a bare router, for answers the simulator never gives.
    static func client(_ router: SimulatorRouter) throws -> SyncClient {
        try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials("t"), transport: router,
            retry: .never)
    }

    // MARK: Authentication

    @Test func tokenHeaderAndBasicAreAccepted() async throws {
        let header = try await SyncFixture()
        _ = try await header.client.workspaces().collect()
        #expect(header.simulator.router.receivedRequests.first?.headers["x-cdata-authtoken"] == SyncFixture.token)

        let basic = try await SyncFixture(
            credentials: SyncClient.basicCredentials(user: "anyone", token: Secret(SyncFixture.token)))
        let workspaces = try await basic.client.workspaces().collect()
        #expect(workspaces.map(\.id) == [SyncFixture.workspace, "ws-other"])
        #expect(basic.simulator.router.receivedRequests.first?.headers["Authorization"]?.hasPrefix("Basic ") == true)
    }

    @Test func aWrongTokenIsUnauthorizedAndNeverShown() async throws {
        let recorder = EventLog()
        let fixture = try await SyncFixture(credentials: SyncClient.tokenCredentials("wrong-secret-value"))
        let client = try SyncClient(
            rest: RESTClient(
                provider: "CData Sync", baseURL: SyncFixture.baseURL, transport: fixture.simulator,
                credentials: SyncClient.tokenCredentials("wrong-secret-value"), observers: [recorder]))
        for attempt in [fixture.client, client] {
            let error = await syncError { _ = try await attempt.jobs(inWorkspace: SyncFixture.workspace).collect() }
            #expect(error?.code == .unauthorized)
            #expect(error?.httpStatus == 401)
            #expect(error?.operation == .listJobs)
            #expect(error.map { "\($0)" }?.contains("wrong-secret-value") == false)
        }
        #expect(!recorder.text.isEmpty)
        #expect(!recorder.text.contains("wrong-secret-value"))
        let basic = try await SyncFixture(credentials: SyncClient.basicCredentials(token: "nope"))
        #expect(await syncError { _ = try await basic.client.workspace(SyncFixture.workspace) }?.code == .unauthorized)
    }

    // MARK: Every other endpoint of the native client

    @Test func workspacesConnectionsAndRunEndpoints() async throws {
        let fixture = try await SyncFixture()
        let client = fixture.client
        #expect(try await client.workspace("ws-other").name == "Other")
        let connections = try await client.connections(inWorkspace: SyncFixture.workspace).collect()
        #expect(connections.map(\.name) == ["Salesforce", "Warehouse", "Snowflake", "HubSpot"])
        #expect(try await client.connection("c-hs").workspaceID == SyncFixture.workspace)
        #expect(await syncError { _ = try await client.connection("c-none") }?.code == .notFound)

        let job = try await fixture.provider.createJob(
            SyncFixture.definition(tasks: [
                TaskDefinition(query: "REPLICATE [A]"), TaskDefinition(query: "REPLICATE [B]"),
            ]))
        let tasks = try await client.tasks(of: job.id.rawValue).collect()
        #expect(try await client.lastRunOfTasks(of: job.id.rawValue).isEmpty)
        let run = try #require(try await client.execute(job.id.rawValue, tasks: [tasks[1].id]))
        #expect(run.status == "Starting")
        fixture.clock.advance(by: .seconds(60))
        let id = try #require(run.id)
        #expect(try await client.history(id, of: job.id.rawValue).status == "Successful")
        #expect(try await client.history(of: job.id.rawValue).collect().map(\.id) == [id])
        let lastRuns = try await client.lastRunOfTasks(of: job.id.rawValue)
        #expect(lastRuns.map(\.taskID) == [tasks[1].id])
        #expect(try await client.taskHistory(of: tasks[1].id, job: job.id.rawValue).collect().count == 1)
        #expect(try await client.taskHistory(of: tasks[0].id, job: job.id.rawValue).collect().isEmpty)
        #expect(try await client.status(of: job.id.rawValue).recordsAffected == 100)
    }

    // MARK: Paging

    @Test func listingsFollowNextLinks() async throws {
        let fixture = try await SyncFixture(configuration: .init(token: SyncFixture.token, pageSize: 2))
        for number in 0..<5 { _ = try await fixture.provider.createJob(SyncFixture.definition("Job \(number)")) }
        let listedBefore = fixture.requests(.get, "workspaces/:ws/jobs").count
        let jobs = try await fixture.provider.jobs().collect()
        #expect(jobs.map(\.name) == (0..<5).map { "Job \($0)" })
        let pages = fixture.requests(.get, "workspaces/:ws/jobs").dropFirst(listedBefore)
        #expect(pages.count == 3)
        #expect(pages.last?.url.query?.contains("$skip=4") == true)
    }

    @Test func otherListShapesAreRead() async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.get, "/workspaces/:ws/jobs") { request in
            if request.queryValue("page") == "2" { return .json(200, ["items": [["id": "b", "name": "B"]]]) }
            return .json(200, ["value": [["id": "a", "name": "A"]], "next": "workspaces/w/jobs?page=2"])
        }
        router.on(.get, "/jobs/:job/tasks") { _ in .json(200, [["id": "1", "query": "Q"]]) }
        let client = try Self.client(router)
        #expect(try await client.jobs(inWorkspace: "w").collect().map(\.id) == ["a", "b"])
        #expect(try await client.tasks(of: "a").collect().map(\.query) == ["Q"])
    }

    @Test func aLinkToAnotherOriginIsNotFollowed() async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.get, "/workspaces/:ws/jobs") { _ in
            .json(200, ["value": [["id": "a"]], "@odata.nextLink": "https://evil.example/api.rsc/v2/steal"])
        }
        let error = await syncError { _ = try await Self.client(router).jobs(inWorkspace: "w").collect() }
        #expect(error?.code == .badResponse)
        #expect(error?.operation == .listJobs)
        #expect(error?.message.contains("another origin") == true)
        #expect(router.receivedRequests.count == 1)
    }

    @Test func anIntegerIDIsReadAsItsDigits() async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.get, "/jobs/:job/tasks") { _ in
            SimulatorResponse(
                status: 200,
                body: Data(#"{"value":[{"id":"1","query":"A"},{"id":870237973789151200,"query":"B"}]}"#.utf8))
        }
        router.on(.get, "/workspaces/:ws/jobs") { _ in
            SimulatorResponse(status: 200, body: Data(#"{"value":[{"id":9223372036854775807,"name":"Big"}]}"#.utf8))
        }
        let client = try Self.client(router)
        #expect(try await client.tasks(of: "j").collect().map(\.id) == ["1", "870237973789151200"])
        #expect(try await client.jobs(inWorkspace: "w").collect().map(\.id) == ["9223372036854775807"])
        let run = try SyncRun(json: ["id": 910_000_000_000_000_001, "job_id": 7, "tasks": [870_237_973_789_151_200]])
        #expect(run.id == "910000000000000001")
        #expect(run.jobID == "7")
        #expect(run.taskIDs == ["870237973789151200"])
    }

    @Test(arguments: ["98765432109876543210", "1.5", "1e300"])
    func aNumericIDThatIsNotAnExactIntegerIsABadResponseNamingTheField(_ number: String) async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.get, "/jobs/:job/tasks") { _ in
            SimulatorResponse(status: 200, body: Data(#"{"value":[{"id":"1","query":"A"},{"id":\#(number)}]}"#.utf8))
        }
        let error = await syncError { _ = try await Self.client(router).tasks(of: "j").collect() }
        #expect(error?.code == .badResponse)
        #expect(error?.field == "value[1].id")
        #expect(error?.message.contains("JSON strings or integers") == true)
        #expect(error?.message.contains("cannot be trusted") == true)
    }

    @Test(arguments: [
        ("/jobs/:job/tasks", "a task"), ("/workspaces/:ws/jobs", "a job"), ("/workspaces", "a workspace"),
        ("/workspaces/:ws/connections", "a connection"),
    ])
    func anElementWithoutAnIDIsABadResponseNamingIt(_ route: String, _ what: String) async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.get, route) { _ in
            SimulatorResponse(status: 200, body: Data(#"{"value":[{"id":"1","name":"A"},{"name":"B"}]}"#.utf8))
        }
        let client = try Self.client(router)
        let error = await syncError {
            switch what {
            case "a task": _ = try await client.tasks(of: "j").collect()
            case "a job": _ = try await client.jobs(inWorkspace: "w").collect()
            case "a workspace": _ = try await client.workspaces().collect()
            default: _ = try await client.connections(inWorkspace: "w").collect()
            }
        }
        #expect(error?.code == .badResponse)
        #expect(error?.field == "value[1].id")
        #expect(error?.message.contains("\(what) has no id") == true)
    }

    // MARK: Errors

    @Test func notFoundAndInvalidCarryTheEnvelope() async throws {
        let fixture = try await SyncFixture()
        let missing = await syncError { _ = try await fixture.provider.job("no-such-job") }
        #expect(missing?.code == .notFound)
        #expect(missing?.providerCode == "NOT_FOUND")
        #expect(missing?.operation == .getJob)
        var definition = SyncFixture.definition()
        definition.destination = ConnectionRef(id: "c-other")
        let invalid = await syncError { _ = try await fixture.provider.createJob(definition) }
        #expect(invalid?.code == .invalidRequest)
        #expect(invalid?.httpStatus == 400)
        #expect(invalid?.providerCode == "INVALID_REQUEST")
        #expect(invalid?.message.contains("c-other") == true)
    }

    @Test(arguments: [409, 400])
    func aRunningJobRefusesUpdateAndDeleteAsConflict(_ status: Int) async throws {
        let fixture = try await SyncFixture(
            configuration: .init(token: SyncFixture.token, runningRefusalStatus: status))
        let job = try await fixture.provider.createJob(
            SyncFixture.definition(tasks: [TaskDefinition(query: "REPLICATE [A]")]))
        _ = try await fixture.provider.runJob(job.id)
        let update = await syncError { _ = try await fixture.provider.updateJob(job.id, with: JobUpdate(name: "x")) }
        let delete = await syncError { try await fixture.provider.deleteJob(job.id) }
        let task = await syncError { try await fixture.provider.deleteTask(job.tasks[0].id, of: job.id) }
        for error in [update, delete, task] {
            #expect(error?.code == .conflict)
            #expect(error?.httpStatus == status)
        }
        #expect(update?.operation == .updateJob)
        #expect(delete?.operation == .deleteJob)
        // Once the run is over, both go through.
        fixture.clock.advance(by: .seconds(60))
        #expect(try await fixture.provider.updateJob(job.id, with: JobUpdate(name: "x")).name == "x")
        try await fixture.provider.deleteJob(job.id)
    }

    @Test func onlyMessagesThatSayRunningBecomeConflicts() async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.post, "/jobs/:job/cancel") { _ in
            .error(400, code: "INVALID_REQUEST", message: "job j is not running")
        }
        router.on(.put, "/jobs/:job") { _ in .error(400, code: "E", message: "The job is currently running.") }
        router.on(.delete, "/jobs/:job") { _ in .error(400, code: "E", message: "Job is still in progress") }
        let client = try Self.client(router)
        #expect(await syncError { try await client.cancel("j") }?.code == .invalidRequest)
        #expect(await syncError { try await client.updateJob("j", SyncJobSettings(name: "n")) }?.code == .conflict)
        #expect(await syncError { try await client.deleteJob("j") }?.code == .conflict)
    }

    @Test func readingAJobFallsBackToTheListWithoutAGetRoute() async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.get, "/workspaces/:ws/jobs") { _ in .json(200, ["value": [["id": "a", "name": "A"]]]) }
        router.on(.put, "/jobs/:job") { _ in .empty(200) }
        router.on(.get, "/jobs/:job/tasks") { _ in .json(200, ["value": []]) }
        let provider = SyncProvider(client: try Self.client(router), workspaceID: "w")
        #expect(try await provider.job("a").name == "A")
        #expect(await syncError { _ = try await provider.job("b") }?.code == .notFound)
    }

    @Test func aJobOfAnotherWorkspaceIsNotFound() async throws {
        let fixture = try await SyncFixture()
        let id = await fixture.simulator.seedJob(["name": "Elsewhere", "type": "Standard"], workspace: "ws-other")
        #expect(await syncError { _ = try await fixture.provider.job(JobID(id)) }?.code == .notFound)
        #expect(try await fixture.client.job(id).workspaceID == "ws-other")
    }

    // MARK: Read-modify-write

    @Test func anUpdateSendsBackWhatItDoesNotKnow() async throws {
        let fixture = try await SyncFixture()
        let id = await fixture.simulator.seedJob(
            [
                "name": "Legacy", "type": "Standard", "source_connection_id": "c-sf",
                "destination_connection_id": "c-pg", "worker_pool": 2, "verbosity": 2,
                "x_future_option": ["mode": "fast", "level": 3], "schedule": ["enabled": true, "cron": "0 1 * * ?"],
            ], workspace: SyncFixture.workspace)
        let updated = try await fixture.provider.updateJob(
            JobID(id), with: JobUpdate(name: "Legacy 2", settings: ["verbosity": 3]))
        #expect(updated.name == "Legacy 2")
        #expect(updated.settings["x_future_option"] == ["mode": "fast", "level": 3])
        let body = try SyncFixture.body(fixture.requests(.put, "jobs/:job").last)
        #expect(
            body == [
                "name": "Legacy 2", "verbosity": 3, "x_future_option": ["mode": "fast", "level": 3],
                "schedule": ["enabled": true, "cron": "0 1 * * ?"],
            ])
        // Nothing changes, nothing is sent.
        _ = try await fixture.provider.updateJob(JobID(id), with: JobUpdate(name: "Legacy 2"))
        #expect(fixture.requests(.put, "jobs/:job").count == 1)
    }

    @Test func connectionsCannotChangeAndNamesResolve() async throws {
        let fixture = try await SyncFixture()
        var definition = SyncFixture.definition()
        definition.source = ConnectionRef(name: "Snowflake")
        let job = try await fixture.provider.createJob(definition)
        #expect(job.source == ConnectionRef(id: "c-sn"))
        _ = try await fixture.provider.updateJob(job.id, with: JobUpdate(source: ConnectionRef(name: "Snowflake")))
        let changed = await syncError {
            _ = try await fixture.provider.updateJob(job.id, with: JobUpdate(destination: ConnectionRef(id: "c-hs")))
        }
        #expect(changed?.code == .invalidDefinition)
        #expect(changed?.field == "destination")
        definition.name = "Other"
        definition.source = ConnectionRef(name: "Nowhere")
        #expect(await syncError { _ = try await fixture.provider.createJob(definition) }?.field == "source.name")
    }

    @Test func aFailedRunIsReportedAsFailed() async throws {
        let fixture = try await SyncFixture(
            configuration: .init(
                token: SyncFixture.token, outcome: { _, run in run == 2 ? .failed("ORA-00942") : .succeeded }))
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "Q")]))
        for _ in 0..<2 {
            let run = try await fixture.provider.runJob(job.id)
            _ = try await fixture.provider.waitForCompletion(of: run, pollInterval: .seconds(1), clock: fixture.clock)
        }
        let runs = try await fixture.provider.runs(of: job.id).collect()
        #expect(runs.map(\.status.phase) == [.failed, .succeeded])
        #expect(runs[0].message == "ORA-00942")
        #expect(runs[0].status.providerValue == "Failed")
        #expect(runs[1].rowsAffected == 100)
        #expect(try await fixture.provider.status(of: job.id)?.status.phase == .failed)
    }
}

extension SyncClientTests {
    /// The demo simulator, wired exactly as the lines proposed for `DemoProviders` wire it.
    @Test func theDemoSimulatorIsSeeded() async throws {
        let clock = SimulatedClock()
        let sync = SyncProvider(
            client: try SyncClient(
                baseURL: URL(string: "https://sync.example.com:8181/api.rsc/v2") ?? SyncFixture.baseURL,
                credentials: SyncClient.tokenCredentials(Secret(SyncSimulator.demoToken)),
                transport: await SyncSimulator.demo(clock: clock), clock: clock),
            workspaceID: SyncSimulator.demoWorkspaceID, name: "CData Sync (simulator)")
        let jobs = try await sync.jobs().collect()
        #expect(jobs.map(\.kind.category) == [.replication, .replicateAll, .changeDataCapture, .reverseETL])
        #expect(jobs.map(\.isEnabled) == [true, true, true, false])
        #expect(jobs[1].schedule == .cron(try CronSchedule("30 2 ? * MON-FRI", dialect: .sync, timeZone: .gmt)))
        let history = try await sync.runs(of: jobs[0].id).collect()
        #expect(history.map(\.status.phase) == [.succeeded])
        #expect(history.first?.rowsAffected == 200)
        #expect(try await sync.tasks(of: jobs[0].id).count == 2)
        #expect(try await sync.status(of: jobs[1].id) == nil)
    }
}

/// Keeps every observed event as text.
final class EventLog: HTTPObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func observe(_ event: HTTPEvent) {
        lock.withLock { lines.append(String(describing: event) + String(reflecting: event)) }
    }

    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
