import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// A read of one job answered with another is refused, never taken for the job asked for.
@Suite struct NX1AnswerAboutAnotherJobTests {
    @Test func readsAndStatusAnsweredWithAnotherJobAreBadResponses() async throws {
        let clock = SimulatedClock()
        let simulator = NX1Simulator(clock: clock)
        let setup = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: simulator, clock: clock)
        let setupProvider = NX1Provider(client: setup, now: clock.dateSource)
        let first = try await setupProvider.createJob(JobDefinition(name: "First", kind: JobKind(.mirror)))
        let second = try await setupProvider.createJob(JobDefinition(name: "Second", kind: JobKind(.mirror)))
        let client = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"),
            transport: PathRewritingTransport(
                readsOf: "/api/jobs/\(first.id.rawValue)", answeredWith: "/api/jobs/\(second.id.rawValue)",
                server: simulator),
            retry: .never, clock: clock)
        let provider = NX1Provider(client: client, now: clock.dateSource)
        for read in [{ _ = try await provider.job(first.id) }, { _ = try await provider.status(of: first.id) }] {
            let error = try await #require(throws: JobBridgeError.self) { try await read() }
            #expect(error.code == .badResponse)
            #expect(error.field == "id")
        }
        #expect(try await provider.job(second.id).name == "Second")
    }
}
