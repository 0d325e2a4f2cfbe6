import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// A read of one job answered with another is refused, never taken for the job asked for.
@Suite struct SyncAnswerAboutAnotherJobTests {
    @Test func aReadAnsweredWithAnotherJobIsABadResponse() async throws {
        let setup = try await SyncFixture()
        let first = try await setup.provider.createJob(SyncFixture.definition("First"))
        let second = try await setup.provider.createJob(SyncFixture.definition("Second"))
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret(SyncFixture.token)),
            transport: PathRewritingTransport(
                readsOf: "/jobs/\(first.id.rawValue)", answeredWith: "/jobs/\(second.id.rawValue)",
                server: setup.simulator),
            retry: .never, clock: setup.clock)
        let provider = SyncProvider(client: client, workspaceID: SyncFixture.workspace, name: "Sync (test)")
        let error = try await #require(throws: JobBridgeError.self) { try await provider.job(first.id) }
        #expect(error.code == .badResponse)
        #expect(error.field == "id")
        #expect(error.provider == "Sync (test)")
        #expect(error.message.contains(first.id.rawValue) && error.message.contains(second.id.rawValue))
        #expect(try await provider.job(second.id).name == "Second")
    }
}
