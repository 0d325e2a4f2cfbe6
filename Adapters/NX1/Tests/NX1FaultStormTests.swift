import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// 500 create → run → wait → delete sequences under the reliability issue's fault mix:
/// every write's outcome told truthfully, none carried out twice, no wait ended by one bad poll.
@Suite struct NX1FaultStormTests {
    @Test func fiveHundredSequencesUnderFaultsAreToldTheTruth() async throws {
        let clock = SimulatedClock()
        let configuration = NX1Simulator.Configuration()
        let simulator = NX1Simulator(configuration: configuration, clock: clock)
        let ledger = ServerLedger(wrapping: simulator)
        let faults = FaultInjectingTransport(
            wrapping: ledger, seed: 30, plan: .probabilities(FaultStorm.standardMix), clock: clock)
        let credentials = try NX1Auth.clientCredentials(
            client: configuration.client, clientID: configuration.clientID,
            clientSecret: Secret(configuration.clientSecret), transport: faults, now: clock.dateSource)
        let client = try NX1Client(
            client: configuration.client, credentials: credentials, transport: faults,
            retry: RetryPolicy(random: { $0.upperBound }), clock: clock)
        let storm = FaultStorm(
            provider: NX1Provider(client: client, name: "NX1 (storm)", now: clock.dateSource), faults: faults,
            ledger: ledger,
            writes: FaultStorm.Writes(
                isCreate: { $0.method == .post && $0.path.hasSuffix("/api/jobs") },
                isRun: { $0.method == .post && $0.path.hasSuffix("/trigger") },
                isDelete: { $0.method == .delete }),
            clock: clock,
            definition: { JobDefinition(name: "Storm \($0)", kind: JobKind(.workflow)) })
        let report = await storm.run(sequences: 500)
        #expect(report.misreported.isEmpty, "\(report): \(report.misreported.prefix(2))")
        #expect(report.duplicates.isEmpty, "\(report): \(report.duplicates.prefix(2))")
        #expect(report.waitsEndedByABadPoll.isEmpty, "\(report): \(report.waitsEndedByABadPoll.prefix(2))")
        #expect(report.faultsInjected > 1_000, "\(report)")
        print("NX1 fault run: \(report)")
    }
}
