import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// Every write of the provider, with its answer lost after the server acted, garbled or cut:
/// the server carries it out once, and the caller is told it succeeded.
@Suite struct AmbiguousWriteTests {
    enum Write: String, CaseIterable, Sendable {
        case create, update, run, stop, delete

        /// The request that gets the fault, as method and path suffix.
        var request: (HTTPMethod, String) {
            switch self {
            case .create: return (.post, "/job/create")
            case .update: return (.put, "/update")
            case .run: return (.post, "/run")
            case .stop: return (.post, "/stop")
            case .delete: return (.delete, "/delete")
            }
        }
    }

    /// A client and a provider over `transport` (the simulator behind faults), on its clock.
    static func provider(over transport: any HTTPTransport, of simulator: ConnectSimulator) throws
        -> (ConnectClient, ConnectProvider)
    {
        let client = try ConnectClient(
            transport: transport, retry: RetryPolicy(random: { $0.upperBound }), clock: simulator.clock,
            now: simulator.clock.dateSource
        ) { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }
        let provider = ConnectProvider(
            client: client, cacheConnection: TestSupport.cacheConnection, now: simulator.clock.dateSource)
        return (client, provider)
    }

    static let cases: [(Write, Fault)] = Write.allCases.flatMap { write in
        [Fault.dropAfterServer, .malformedBody, .truncatedBody].map { (write, $0) }
    }

    @Test(arguments: cases)
    func aWriteWhoseAnswerIsLostHappensOnceAndIsReported(_ write: Write, _ fault: Fault) async throws {
        let simulator = ConnectSimulator()
        let ledger = ServerLedger(wrapping: simulator)
        let transport = FaultsOnRequests(write.request.0, write.request.1, plan: [fault], server: ledger)
        let (client, provider) = try Self.provider(over: transport, of: simulator)
        let acted = { ledger.acted { $0.method == write.request.0 && $0.path.hasSuffix(write.request.1) } }
        let definition = ConnectHarness().definition(0)
        switch write {
        case .create:
            let job = try await provider.createJob(definition)
            #expect(try await client.jobs().map(\.id) == [job.id.rawValue])
        case .update:
            let job = try await provider.createJob(definition)
            let updated = try await provider.updateJob(job.id, with: JobUpdate(isEnabled: false))
            #expect(!updated.isEnabled)
        case .run:
            let job = try await provider.createJob(definition)
            let run = try await provider.runJob(job.id)
            let finished = try await provider.waitForCompletion(of: run, clock: simulator.clock)
            #expect(finished.status.phase == .succeeded)
        case .stop:
            let job = try await provider.createJob(definition)
            _ = try await provider.runJob(job.id)
            simulator.clock.advance(by: .seconds(20))
            try await provider.cancelRun(of: job.id)
            #expect(try await provider.status(of: job.id)?.status.phase == .cancelled)
        case .delete:
            let job = try await provider.createJob(definition)
            try await provider.deleteJob(job.id)
            #expect(try await client.jobs().isEmpty)
        }
        // An update is a PUT of the whole job: idempotent, so the client may send it again.
        let expected = write == .update ? 1...2 : 1...1
        #expect(expected.contains(acted()), "\(write) carried out \(acted()) times")
    }
}

/// A run that may or may not have been queued is never sent again on a guess.
@Suite struct ConnectUncertainRunTests {
    @Test func aRunThatDoesNotShowAfterA500IsUncertainNotRepeated() async throws {
        let simulator = ConnectSimulator()
        let ledger = ServerLedger(wrapping: simulator)
        let transport = FaultsOnRequests(.post, "/run", plan: [.serverError(status: 500)], server: ledger)
        let (_, provider) = try AmbiguousWriteTests.provider(over: transport, of: simulator)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        let error = try await #require(throws: JobBridgeError.self) { try await provider.runJob(job.id) }
        #expect(error.code == .outcomeUncertain)
        #expect(error.message.contains("check the last run of job"))
        #expect(transport.faults.records.count == 1)
        #expect(ledger.acted { $0.path.hasSuffix("/run") } == 0)
    }
}
