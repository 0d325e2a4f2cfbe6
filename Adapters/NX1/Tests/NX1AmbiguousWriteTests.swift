import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// Every write of the provider, with its answer lost after the server acted, garbled or cut:
/// the server carries it out once, and the caller is told it succeeded.
@Suite struct NX1AmbiguousWriteTests {
    enum Write: String, CaseIterable, Sendable {
        case create, trigger, delete

        /// The request that gets the fault, as method and path suffix.
        var request: (HTTPMethod, String) {
            switch self {
            case .create: return (.post, "/api/jobs")
            case .trigger: return (.post, "/trigger")
            case .delete: return (.delete, "")
            }
        }
    }

    static let cases: [(Write, Fault)] = Write.allCases.flatMap { write in
        [Fault.dropAfterServer, .malformedBody, .truncatedBody].map { (write, $0) }
    }

    @Test(arguments: cases)
    func aWriteWhoseAnswerIsLostHappensOnceAndIsReported(_ write: Write, _ fault: Fault) async throws {
        let clock = SimulatedClock()
        let simulator = NX1Simulator(clock: clock)
        let ledger = ServerLedger(wrapping: simulator)
        let transport = FaultsOnRequests(write.request.0, write.request.1, plan: [fault], server: ledger)
        let client = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: transport,
            retry: NX1Fixture.retry, clock: clock)
        let provider = NX1Provider(client: client, now: clock.dateSource)
        let acted = { ledger.acted { $0.method == write.request.0 && $0.path.hasSuffix(write.request.1) } }
        let definition = JobDefinition(name: "Once", kind: JobKind(.workflow))
        switch write {
        case .create:
            let job = try await provider.createJob(definition)
            #expect(try await provider.jobs().collect().map(\.id) == [job.id])
        case .trigger:
            let job = try await provider.createJob(definition)
            let run = try await provider.runJob(job.id)
            let finished = try await provider.waitForCompletion(of: run, clock: clock)
            #expect(finished.status.phase == .succeeded)
        case .delete:
            let job = try await provider.createJob(definition)
            try await provider.deleteJob(job.id)
            #expect(try await provider.jobs().collect().isEmpty)
        }
        #expect(acted() == 1, "\(write) carried out \(acted()) times")
    }
}

/// A trigger that took effect is reported, whatever happens to the reads after it.
@Suite struct NX1TriggerReadAfterTests {
    @Test func anAcceptedTriggerIsAQueuedRunWhenEveryReadAfterItFails() async throws {
        let clock = SimulatedClock()
        let simulator = NX1Simulator(clock: clock)
        let setup = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: simulator, clock: clock)
        let job = try await NX1Provider(client: setup, now: clock.dateSource)
            .createJob(JobDefinition(name: "J", kind: JobKind(.workflow)))
        // The read before goes through; every read after the trigger comes back garbled.
        let reads = FaultsOnRequests(
            .get, "/api/jobs/\(job.id.rawValue)", plan: [.none] + Array(repeating: .malformedBody, count: 9),
            server: simulator)
        let client = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: reads,
            retry: NX1Fixture.retry, clock: clock)
        let run = try await NX1Provider(client: client, now: clock.dateSource).runJob(job.id)
        #expect(run.status.phase == .queued)
        #expect(simulator.router.count(.post, "/api/jobs/:id/trigger") == 1)
    }
}
