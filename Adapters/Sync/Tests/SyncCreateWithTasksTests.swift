import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// Creating a job with tasks: inactive ones stay inactive, wherever they are, and a
/// server that ignored the queries is noticed. Found by mutation testing (#15).
@Suite struct SyncCreateWithTasksTests {
    static let queries = ["REPLICATE [A]", "REPLICATE [B]", "REPLICATE [C]"]

    @Test(arguments: [[false, true, true], [true, false, true], [false, false, false], [true, true, false]])
    func inactiveTasksStayInactive(_ flags: [Bool]) async throws {
        let fixture = try await SyncFixture()
        let tasks = zip(Self.queries, flags).map { TaskDefinition(query: $0, isActive: $1) }
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: tasks))
        #expect(job.tasks.map(\.isActive) == flags)
        let read = try await fixture.provider.tasks(of: job.id)
        #expect(read.map(\.isActive) == flags)
        #expect(read.map(\.query) == Self.queries)
    }

    @Test func aServerThatIgnoredTheQueriesIsNoticed() async throws {
        let fixture = try await SyncFixture(server: { DropsQueries(server: $0) })
        let tasks = Self.queries.map { TaskDefinition(query: $0) }
        let error = await #expect(throws: JobBridgeError.self) {
            try await fixture.provider.createJob(SyncFixture.definition(tasks: tasks))
        }
        #expect(error?.code == .badResponse)
        #expect(error?.message.contains("0 tasks for 3 queries") == true)
    }
}

/// Forwards to the server with `queries` removed from every job created.
private struct DropsQueries: HTTPTransport {
    let server: any HTTPTransport

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        if request.method == .post, request.url.path.hasSuffix("/jobs"), let body = request.body,
            case .object(var members) = try JSONValue(data: body)
        {
            members.removeValue(forKey: "queries")
            request.body = try JSONValue.object(members).data()
        }
        return try await server.send(request)
    }
}
