import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// The JSON examples of the Job Management document (`Fixtures/`, a verbatim copy of
/// `shared/seeds/sync-v2-job-management.txt`): each decodes into the native types, and
/// each example request is produced exactly (compared as parsed JSON) by the client and,
/// where the portable model can express it, by the provider.
@Suite struct SyncWireFixtureTests {
    /// The examples in document order, as the document prints them.
    static let examples: [String] = {
        guard let url = Bundle.module.url(forResource: "sync-v2-job-management", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        var result: [String] = []
        var lines = text.components(separatedBy: "\n")[...]
        while let marker = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "Example Request" }) {
            lines = lines[lines.index(after: marker)...].drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            let block = lines.prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            result.append(block.joined(separator: "\n"))
            lines = lines.dropFirst(block.count)
        }
        return result
    }()

    static func example(_ index: Int) -> String { index < examples.count ? examples[index] : "" }

    /// The document's examples that are not valid JSON, with the smallest repair that
    /// makes them so. Each repair is checked to be needed (the verbatim text must not parse).
    static let repairs: [Int: (why: String, repair: @Sendable (String) -> String)] = [
        1: ("the update example lacks its closing brace", { $0 + "\n}" }),
        2: (
            "the execute example's key `tasks` is not quoted",
            { $0.replacingOccurrences(of: "tasks:[", with: "\"tasks\":[") }
        ),
    ]

    static func json(_ index: Int) throws -> JSONValue {
        let text = example(index)
        if let fix = repairs[index] {
            #expect(throws: (any Error).self, "verbatim example \(index) parses, so '\(fix.why)' is no longer true") {
                try JSONValue(data: Data(text.utf8))
            }
            return try JSONValue(data: Data(fix.repair(text).utf8))
        }
        return try JSONValue(data: Data(text.utf8))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ index: Int) throws -> T {
        try JSONDecoder().decode(type, from: json(index).data())
    }

    @Test func theDocumentHasSixExamples() {
        #expect(Self.examples.count == 6)
        #expect(Self.example(0).contains("\"source_connection_id\""))
        #expect(Self.example(2).contains("870237973789151200"))
        #expect(Self.example(5).contains("from_index"))
    }

    // MARK: Every example decodes

    @Test func createExampleDecodes() throws {
        let settings = try Self.decode(SyncJobSettings.self, 0)
        #expect(settings.name == "ReverseETLJob")
        #expect(settings.type == .reverseETL)
        #expect(settings.sourceConnectionID == "550e8400-e29b-41d4-a716-446655440000")
        #expect(settings.destinationConnectionID == "550e8400-e29b-41d4-a716-446655440220")
        #expect(settings.additionalFields.isEmpty)
    }

    @Test func updateExampleDecodes() throws {
        let settings = try Self.decode(SyncJobSettings.self, 1)
        #expect(settings.name == "reverseETLJob")
        #expect(settings.schedule == SyncSchedule(enabled: false, cron: ""))
        #expect(settings.additionalFields.isEmpty)
    }

    @Test func executeExampleDecodes() throws {
        let request = try Self.decode(SyncExecuteRequest.self, 2)
        #expect(request.tasks == ["870237973789151200", "870875808946851841", "870875808946851842"])
    }

    @Test func taskExamplesDecode() throws {
        let added = try Self.decode(SyncTaskSettings.self, 3)
        #expect(added == SyncTaskSettings(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]", isActive: true))
        let updated = try Self.decode(SyncTaskSettings.self, 4)
        #expect(
            updated
                == SyncTaskSettings(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]", isActive: true, index: 1))
        #expect(try Self.decode(SyncMoveRequest.self, 5) == SyncMoveRequest(fromIndex: 0, toIndex: 1))
    }

    @Test func theSimulatorAcceptsEveryExampleRequest() async throws {
        let fixture = try await SyncFixture()
        await fixture.simulator.addConnection(
            id: "550e8400-e29b-41d4-a716-446655440000", name: "Warehouse source", workspace: SyncFixture.workspace)
        await fixture.simulator.addConnection(
            id: "550e8400-e29b-41d4-a716-446655440220", name: "CRM", workspace: SyncFixture.workspace)
        let rest = fixture.client.rest
        let created = try await rest.send(
            .post, ["workspaces", SyncFixture.workspace, "jobs"], json: Self.json(0), as: JSONValue.self)
        let jobID = try #require(created["id"]?.stringValue)
        try await rest.send(.put, ["jobs", jobID], json: Self.json(1))
        let task = try await rest.send(.post, ["jobs", jobID, "tasks"], json: Self.json(3), as: JSONValue.self)
        let taskID = try #require(task["id"]?.stringValue)
        let other = try await rest.send(.post, ["jobs", jobID, "tasks"], json: Self.json(3), as: JSONValue.self)
        let otherID = try #require(other["id"]?.stringValue)
        // The update's index 1 moves the first task behind the other; the move brings it back.
        try await rest.send(.put, ["jobs", jobID, "tasks", taskID], json: Self.json(4))
        try await rest.send(.post, ["jobs", jobID, "tasks", otherID, "move"], json: Self.json(5))
        let tasks = try await rest.get(JSONValue.self, ["jobs", jobID, "tasks"])
        #expect(tasks["value"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [taskID, otherID])
        let job = try #require(await fixture.simulator.jobJSON(jobID))
        #expect(job["name"] == "reverseETLJob")
        #expect(job["schedule"] == ["enabled": false, "cron": ""])
        // The execute example names tasks of another job: the simulator refuses unknown ids.
        let error = await syncError { try await rest.send(.post, ["jobs", jobID, "execute"], json: Self.json(2)) }
        #expect(error?.httpStatus == 400)
        #expect(error?.message.contains("870875808946851841") == true)
    }

    // MARK: Every example request is produced exactly

    @Test func createRequestIsProducedExactly() async throws {
        let fixture = try await SyncFixture()
        for id in ["550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440220"] {
            await fixture.simulator.addConnection(id: id, name: id, workspace: SyncFixture.workspace)
        }
        let expected = try Self.json(0)
        // The native client.
        _ = try await fixture.client.createJob(
            SyncJobSettings(
                name: "ReverseETLJob", type: .reverseETL, sourceConnectionID: "550e8400-e29b-41d4-a716-446655440000",
                destinationConnectionID: "550e8400-e29b-41d4-a716-446655440220"),
            inWorkspace: SyncFixture.workspace)
        // The provider, from a portable definition with a manual schedule.
        _ = try await fixture.provider.createJob(
            JobDefinition(
                name: "ReverseETLJob 2", kind: JobKind(.reverseETL),
                source: ConnectionRef(id: "550e8400-e29b-41d4-a716-446655440000"),
                destination: ConnectionRef(id: "550e8400-e29b-41d4-a716-446655440220")))
        let bodies = try fixture.requests(.post, "workspaces/:ws/jobs").map(SyncFixture.body)
        try #require(bodies.count == 2)
        #expect(bodies[0] == expected)
        var second = expected
        second["name"] = "ReverseETLJob 2"
        #expect(bodies[1] == second)
    }

    @Test func updateRequestIsProducedExactly() async throws {
        let fixture = try await SyncFixture()
        // One job in each workspace, since names are unique within one.
        var ids: [String] = []
        for (workspace, connection) in [("ws-other", "c-other"), (SyncFixture.workspace, "c-pg")] {
            let created = try await fixture.client.createJob(
                SyncJobSettings(
                    name: "ETL", type: .reverseETL, sourceConnectionID: connection,
                    destinationConnectionID: connection),
                inWorkspace: workspace)
            ids.append(created.id)
        }
        let expected = try Self.json(1)
        // The native client sends what it is given.
        try await fixture.client.updateJob(
            ids[0], SyncJobSettings(name: "reverseETLJob", schedule: SyncSchedule(enabled: false, cron: "")))
        // The provider's read-modify-write of a job that has no other setting sends the same
        // (type and connections are create-only, so they are not sent).
        _ = try await fixture.provider.updateJob(
            JobID(ids[1]), with: JobUpdate(name: "reverseETLJob", schedule: .manual, isEnabled: false))
        let bodies = try fixture.requests(.put, "jobs/:job").map(SyncFixture.body)
        #expect(bodies == [expected, expected])
    }

    @Test func executeRequestIsProducedExactly() async throws {
        let router = SimulatorRouter(basePath: SyncSimulator.basePath)
        router.on(.post, "/jobs/:job/execute") { _ in .json(200, ["id": "1", "status": "Starting"]) }
        router.on(.get, "/jobs/:job/status") { _ in .json(200, ["job_id": "job-1", "status": nil]) }
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials("t"), transport: router)
        let ids = ["870237973789151200", "870875808946851841", "870875808946851842"]
        try await client.execute("job-1", tasks: ids)
        let provider = SyncProvider(client: client, workspaceID: "ws")
        let run = try await provider.runJob("job-1", tasks: ids.map { TaskID($0) })
        #expect(run.runID == "1")
        let bodies = try router.receivedRequests.filter { $0.method == .post }.map(SyncFixture.body)
        let expected = try Self.json(2)
        #expect(bodies == [expected, expected])
    }

    @Test func taskRequestsAreProducedExactly() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(
            SyncFixture.definition(tasks: [TaskDefinition(query: "REPLICATE [Leads] SELECT * FROM [Leads]")]))
        // Add: {"query", "is_active"}.
        let added = try await fixture.provider.addTask(
            TaskDefinition(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]"), to: job.id)
        try await fixture.client.addTask(
            SyncTaskSettings(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]", isActive: true),
            to: job.id.rawValue)
        let adds = try fixture.requests(.post, "jobs/:job/tasks").map(SyncFixture.body)
        #expect(adds == [try Self.json(3), try Self.json(3)])

        // Update: the task at index 1 gets the example's query; its index is sent along.
        let second = try await fixture.provider.addTask(TaskDefinition(query: "REPLICATE [Other]"), to: job.id)
        _ = try await fixture.provider.moveTask(second.id, of: job.id, to: 1)
        _ = try await fixture.provider.updateTask(
            second.id, of: job.id, with: TaskUpdate(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]"))
        let updates = try fixture.requests(.put, "jobs/:job/tasks/:task").map(SyncFixture.body)
        #expect(updates == [try Self.json(4)])

        // Move: the first task to index 1.
        let first = try #require(try await fixture.provider.tasks(of: job.id).first)
        _ = try await fixture.provider.moveTask(first.id, of: job.id, to: 1)
        let moves = try fixture.requests(.post, "jobs/:job/tasks/:task/move").map(SyncFixture.body)
        #expect(moves.last == (try Self.json(5)))
        #expect(added.index == 1)
    }
}
