import Foundation
import JobBridge
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// The simulator on its own, spoken to in raw JSON through the core's ``RESTClient``.
@Suite struct SyncSimulatorTests {
    struct Server {
        let clock = SimulatedClock()
        let simulator: SyncSimulator
        let rest: RESTClient

        init(_ configuration: SyncSimulator.Configuration = .init(token: "t")) async throws {
            simulator = SyncSimulator(configuration: configuration, now: clock.dateSource)
            await simulator.addWorkspace(id: "ws", name: "Workspace")
            await simulator.addConnection(id: "c-1", name: "Source", workspace: "ws")
            await simulator.addConnection(id: "c-2", name: "Destination", workspace: "ws")
            rest = try RESTClient(
                provider: "sim", baseURL: SyncFixture.baseURL, transport: simulator,
                credentials: HeaderTokenCredentials(token: Secret(configuration.token)), retry: .never, clock: clock)
        }

        func get(_ path: String...) async throws -> JSONValue { try await rest.get(JSONValue.self, path) }

        func post(_ body: JSONValue, _ path: String...) async throws -> JSONValue {
            try await rest.send(.post, path, json: body, as: JSONValue.self)
        }

        func job(queries: [String] = ["A", "B", "C"], name: String = "Job") async throws -> String {
            let created = try await post(
                [
                    "name": .string(name), "type": "Standard", "source_connection_id": "c-1",
                    "destination_connection_id": "c-2", "queries": .array(queries.map(JSONValue.string)),
                ], "workspaces", "ws", "jobs")
            return created["id"]?.stringValue ?? ""
        }

        func tasks(_ job: String) async throws -> [JSONValue] {
            try await get("jobs", job, "tasks")["value"]?.arrayValue ?? []
        }
    }

    @Test func taskIDsAreEighteenDigitStringsAndIndexesStayDense() async throws {
        let server = try await Server()
        let job = try await server.job()
        var tasks = try await server.tasks(job)
        for task in tasks {
            let id = try #require(task["id"]?.stringValue)
            #expect(id.count == 18 && id.allSatisfy(\.isNumber))
        }
        #expect(tasks.map { $0["index"] } == [0, 1, 2])
        // Delete the middle one.
        try await server.rest.send(.delete, ["jobs", job, "tasks", tasks[1]["id"]?.stringValue ?? ""])
        tasks = try await server.tasks(job)
        #expect(tasks.map { $0["query"] } == ["A", "C"])
        #expect(tasks.map { $0["index"] } == [0, 1])
        // Add one: it goes last.
        let added = try await server.post(["query": "D", "is_active": false], "jobs", job, "tasks")
        #expect(added["index"] == 2)
        #expect(added["is_active"] == false)
        // Move the last to the front; a wrong from_index is refused.
        let last = added["id"]?.stringValue ?? ""
        let refused = await syncError {
            _ = try await server.post(["from_index": 0, "to_index": 0], "jobs", job, "tasks", last, "move")
        }
        #expect(refused?.httpStatus == 400)
        let moved = try await server.post(["from_index": 2, "to_index": 0], "jobs", job, "tasks", last, "move")
        #expect(moved["value"]?.arrayValue?.map { $0["query"] } == ["D", "A", "C"])
        tasks = try await server.tasks(job)
        #expect(tasks.map { $0["index"] } == [0, 1, 2])
        // An update with another index moves the task too.
        _ = try await server.rest.send(
            .put, ["jobs", job, "tasks", last], json: ["query": "D2", "is_active": true, "index": 2] as JSONValue)
        #expect(try await server.tasks(job).map { $0["query"] } == ["A", "C", "D2"])
    }

    @Test func aRunMovesOnWithTheClockAndEndsAsConfigured() async throws {
        let server = try await Server(
            .init(
                token: "t", queueDelay: .seconds(2), runDuration: .seconds(10),
                outcome: { _, run in
                    run == 1 ? .succeeded(recordsPerTask: 7) : .failed("boom")
                }))
        let job = try await server.job(queries: ["A", "B"])
        #expect(try await server.get("jobs", job, "status") == ["job_id": .string(job), "status": nil])
        let run = try await server.post([:], "jobs", job, "execute")
        let runID = try #require(run["id"]?.stringValue)
        #expect(run["status"] == "Starting")
        server.clock.advance(by: .seconds(3))
        #expect(try await server.get("jobs", job, "status")["status"] == "Running")
        let running = await syncError { _ = try await server.post([:], "jobs", job, "execute") }
        #expect(running?.httpStatus == 409)
        server.clock.advance(by: .seconds(10))
        let finished = try await server.get("jobs", job, "history", runID)
        #expect(finished["status"] == "Successful")
        #expect(finished["records_affected"] == 14)
        #expect(finished["runtime"] == 12_000)
        #expect(finished["run_start_date"] == "2026-01-01T00:00:00Z")
        // The second run fails, and the history lists it first.
        _ = try await server.post(
            ["tasks": .array([(try await server.tasks(job))[0]["id"] ?? nil])], "jobs", job, "execute")
        server.clock.advance(by: .seconds(20))
        let history = try await server.get("jobs", job, "history")["value"]?.arrayValue ?? []
        #expect(history.map { $0["status"] } == ["Failed", "Successful"])
        #expect(history[0]["details"] == "boom")
        #expect(history[0]["tasks"]?.arrayValue?.count == 1)
        let lastRuns = try await server.get("jobs", job, "tasks", "last-run")["value"]?.arrayValue ?? []
        #expect(lastRuns.map { $0["status"] } == ["Failed", "Successful"])
    }

    @Test func aRunningJobRefusesUpdateAndDelete() async throws {
        let server = try await Server()
        let job = try await server.job()
        _ = try await server.post([:], "jobs", job, "execute")
        for attempt in [
            { try await server.rest.send(.put, ["jobs", job], json: ["name": "x"] as JSONValue) },
            { try await server.rest.send(.delete, ["jobs", job]) },
        ] {
            let error = await syncError { _ = try await attempt() }
            #expect(error?.httpStatus == 409)
            #expect(error?.providerCode == "JOB_RUNNING")
        }
        _ = try await server.post([:], "jobs", job, "cancel")
        #expect(try await server.get("jobs", job, "status")["status"] == "Cancelled")
        try await server.rest.send(.delete, ["jobs", job])
        #expect(await syncError { _ = try await server.get("jobs", job) }?.httpStatus == 404)
    }

    @Test func errorsUseTheEnvelope() async throws {
        let server = try await Server()
        let unauthenticated = try await server.simulator.send(
            HTTPRequest(method: .get, url: SyncFixture.baseURL.appendingPathComponent("workspaces")))
        #expect(unauthenticated.status == 401)
        let body = try JSONValue(data: unauthenticated.body)
        #expect(body["error"]?["code"] == "UNAUTHORIZED")
        let missing = await syncError { _ = try await server.get("jobs", "nope") }
        #expect(missing?.httpStatus == 404)
        #expect(missing?.providerCode == "NOT_FOUND")
        let job = try await server.job()
        for (body, problem) in [
            (
                ["name": "Job", "type": "Standard", "source_connection_id": "c-1", "destination_connection_id": "c-2"]
                    as JSONValue, "already has a job named"
            ),
            (["name": "Other", "type": "Nightly"], "'type' must be one of"),
            (["name": "Other", "type": "Standard", "verbosity": 4], "'verbosity'"),
        ] {
            let error = await syncError { _ = try await server.post(body, "workspaces", "ws", "jobs") }
            #expect(error?.httpStatus == 400)
            #expect(error?.providerCode == "INVALID_REQUEST")
            #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
        }
        let createOnly = await syncError {
            try await server.rest.send(.put, ["jobs", job], json: ["type": "SyncAll"] as JSONValue)
        }
        #expect(createOnly?.message.contains("cannot be changed") == true)
        let numeric = await syncError { _ = try await server.post(["tasks": [1]], "jobs", job, "execute") }
        #expect(numeric?.message.contains("as strings") == true)
    }

    @Test func updatesKeepWhatTheyDoNotName() async throws {
        let server = try await Server()
        let job = try await server.job()
        try await server.rest.send(
            .put, ["jobs", job],
            json: ["schedule": ["enabled": true, "cron": "0 1 * * ?"], "x_note": "n"] as JSONValue)
        try await server.rest.send(.put, ["jobs", job], json: ["schedule": ["enabled": false]] as JSONValue)
        let stored = try await server.get("jobs", job)
        #expect(stored["schedule"] == ["enabled": false, "cron": "0 1 * * ?"])
        #expect(stored["x_note"] == "n")
        #expect(stored["type"] == "Standard")
        #expect(stored["workspace_id"] == "ws")
    }
}
