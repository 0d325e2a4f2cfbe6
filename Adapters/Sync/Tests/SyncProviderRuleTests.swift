import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// What the Sync provider refuses before sending anything, and what it reads when the
/// server leaves something out. Found by mutation testing (#15).
@Suite struct SyncProviderRuleTests {
    static let queries = ["REPLICATE [A]", "REPLICATE [B]", "REPLICATE [C]"]

    static func job(_ fixture: SyncFixture) async throws -> Job {
        try await fixture.provider.createJob(
            SyncFixture.definition(tasks: Self.queries.map { TaskDefinition(query: $0) }))
    }

    @Test func runningAnEmptyListOfTasksIsRefusedBeforeSending() async throws {
        let fixture = try await SyncFixture()
        let job = try await Self.job(fixture)
        let error = await #expect(throws: JobBridgeError.self) { try await fixture.provider.runJob(job.id, tasks: []) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == "tasks")
        #expect(error?.operation == .runTasks)
        #expect(fixture.requests(.post, "jobs/:id/execute").isEmpty)
    }

    @Test(arguments: [3, 9, -1])
    func movingATaskOutsideTheListIsRefusedBeforeSending(_ index: Int) async throws {
        let fixture = try await SyncFixture()
        let job = try await Self.job(fixture)
        let task = try #require(job.tasks.first)
        let error = await #expect(throws: JobBridgeError.self) {
            try await fixture.provider.moveTask(task.id, of: job.id, to: index)
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == "index")
        #expect(fixture.requests(.post, "jobs/:id/tasks/:task/move").isEmpty)
    }

    @Test func aConnectionNameSharedByTwoConnectionsIsRefused() async throws {
        let fixture = try await SyncFixture()
        await fixture.simulator.addConnection(id: "c-sf2", name: "Salesforce", workspace: SyncFixture.workspace)
        var definition = SyncFixture.definition()
        definition.source = ConnectionRef(name: "Salesforce")
        let error = await #expect(throws: JobBridgeError.self) { try await fixture.provider.createJob(definition) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.field == "source.name")
        #expect(error?.message.contains("2 connections") == true)
        definition.source = ConnectionRef(name: "HubSpot")
        #expect(try await fixture.provider.createJob(definition).source?.id == "c-hs")
    }

    @Test func aTaskReadWithoutAnIndexTakesItsPlace() async throws {
        let fixture = try await SyncFixture(server: { TaskWithoutIndex(server: $0) })
        let job = try await Self.job(fixture)
        let tasks = try await fixture.provider.tasks(of: job.id)
        for (place, task) in tasks.enumerated() {
            #expect(try await fixture.provider.task(task.id, of: job.id).index == place)
        }
    }

    @Test(arguments: ["0 0 6 * * ?", "0 6 * *"])
    func theSimulatorRefusesACronWithoutFiveFields(_ cron: String) async throws {
        let fixture = try await SyncFixture()
        let job = try await Self.job(fixture)
        let error = await #expect(throws: JobBridgeError.self) {
            try await fixture.client.updateJob(
                job.id.rawValue, json: ["schedule": ["enabled": true, "cron": .string(cron)]])
        }
        #expect(error?.httpStatus == 400)
    }
}

/// Forwards to the server and leaves `index` out of every single task it returns.
private struct TaskWithoutIndex: HTTPTransport {
    let server: any HTTPTransport

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = try await server.send(request)
        let path = request.url.path.split(separator: "/")
        guard request.method == .get, path.count >= 2, path[path.count - 2] == "tasks", response.isSuccess,
            case .object(var members) = try JSONValue(data: response.body)
        else { return response }
        members.removeValue(forKey: "index")
        response.body = try JSONValue.object(members).data()
        return response
    }
}
