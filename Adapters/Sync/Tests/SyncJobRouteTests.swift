import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// A Sync server without the undocumented `GET /jobs/{id}`: it answers `status` (a `404`
/// by default, as a server with no such route does) on that route, and counts the tries.
final class WithoutJobRoute: HTTPTransport, @unchecked Sendable {
    private let server: any HTTPTransport
    private let status: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var tries = 0

    init(_ server: any HTTPTransport, status: Int = 404) {
        self.server = server
        self.status = status
    }

    /// How many `GET /jobs/{id}` arrived.
    var jobRouteTries: Int { lock.withLock { tries } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let segments = request.url.path.split(separator: "/")
        if request.method == .get, segments.count >= 2, segments[segments.count - 2] == "jobs" {
            lock.withLock { tries += 1 }
            return .error(status, code: "NOT_FOUND", message: "no such resource")
        }
        return try await server.send(request)
    }
}

/// `SyncProvider` reads one job through `GET /jobs/{id}` when the server has it, and from the
/// documented workspace listing when it does not, learning which once.
@Suite struct SyncJobRouteTests {
    /// Makes a fixture whose server lacks the route, and returns the wrapper too.
    static func fixture(status: Int = 404) async throws -> (SyncFixture, WithoutJobRoute) {
        let box = Box()
        let fixture = try await SyncFixture { simulator in
            let wrapper = WithoutJobRoute(simulator, status: status)
            box.wrapper = wrapper
            return wrapper
        }
        guard let wrapper = box.wrapper else { throw ContractFailure("no wrapper") }
        return (fixture, wrapper)
    }

    final class Box: @unchecked Sendable { var wrapper: WithoutJobRoute? }

    @Test func a404FromAServerWithoutTheRouteIsConfirmedThroughTheListingOnce() async throws {
        let (fixture, server) = try await Self.fixture()
        let created = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        let read = try await fixture.provider.job(created.id)
        #expect(read.name == "Accounts")
        let updated = try await fixture.provider.updateJob(created.id, with: JobUpdate(isEnabled: false))
        #expect(!updated.isEnabled)
        _ = try await fixture.provider.job(created.id)
        #expect(server.jobRouteTries == 1, "the missing route was tried again after the listing proved it missing")
        let error = await syncError { _ = try await fixture.provider.job("no-such-job") }
        #expect(error?.code == .notFound)
        #expect(server.jobRouteTries == 1)
    }

    @Test func a405IsRememberedToo() async throws {
        let (fixture, server) = try await Self.fixture(status: 405)
        let created = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        _ = try await fixture.provider.job(created.id)
        _ = try await fixture.provider.job(created.id)
        #expect(server.jobRouteTries == 1)
    }

    @Test func aServerWithTheRouteIsNotListedForAMissingJobOnceTheRouteAnswered() async throws {
        let fixture = try await SyncFixture()
        let created = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        _ = try await fixture.provider.job(created.id)
        let listingsBefore = fixture.requests(.get, "workspaces/:ws/jobs").count
        let error = await syncError { _ = try await fixture.provider.job("no-such-job") }
        #expect(error?.code == .notFound)
        #expect(fixture.requests(.get, "workspaces/:ws/jobs").count == listingsBefore)
    }

    @Test func aMissingJobBeforeTheRouteIsKnownIsConfirmedAndStillNotFound() async throws {
        let fixture = try await SyncFixture()
        let error = await syncError { _ = try await fixture.provider.job("no-such-job") }
        #expect(error?.code == .notFound)
        #expect(error?.operation == .getJob)
        #expect(fixture.requests(.get, "workspaces/:ws/jobs").count == 1)
    }

    @Test func concurrentReadsOnAServerWithoutTheRouteAllSucceed() async throws {
        let (fixture, server) = try await Self.fixture()
        let created = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        let provider = fixture.provider
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await provider.job(created.id).name } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(names == Array(repeating: "Accounts", count: 8))
        #expect(server.jobRouteTries <= 8)
        _ = try await provider.job(created.id)
        let after = server.jobRouteTries
        _ = try await provider.job(created.id)
        #expect(server.jobRouteTries == after)
    }
}
