import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// 500 create → run → wait → delete sequences under the reliability issue's fault mix:
/// every write's outcome told truthfully, none carried out twice, no wait ended by one bad poll.
@Suite struct ConnectFaultStormTests {
    @Test func fiveHundredSequencesUnderFaultsAreToldTheTruth() async throws {
        let simulator = ConnectSimulator()
        let clock = simulator.clock
        let ledger = ServerLedger(wrapping: simulator)
        let faults = FaultInjectingTransport(
            wrapping: ledger, seed: 20, plan: .probabilities(FaultStorm.standardMix), clock: clock)
        let client = try ConnectClient(
            transport: faults, retry: RetryPolicy(random: { $0.upperBound }), clock: clock, now: clock.dateSource
        ) { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }
        let provider = ConnectProvider(
            client: client, name: "Connect (storm)", cacheConnection: TestSupport.cacheConnection,
            now: clock.dateSource)
        let storm = FaultStorm(
            provider: provider, faults: faults, ledger: ledger,
            writes: FaultStorm.Writes(
                isCreate: { $0.method == .post && $0.path.hasSuffix("/job/create") },
                isRun: { $0.method == .post && $0.path.hasSuffix("/run") },
                isDelete: { $0.method == .delete && $0.path.hasSuffix("/delete") }),
            clock: clock,
            definition: { number in
                var definition = ConnectHarness().definition(0)
                definition.name = "Storm \(number)"
                definition.tasks = [TaskDefinition(table: TableRef(schema: "MailChimp", name: "T\(number)"))]
                return definition
            })
        let report = await storm.run(sequences: 500)
        #expect(report.misreported.isEmpty, "\(report): \(report.misreported.prefix(2))")
        #expect(report.duplicates.isEmpty, "\(report): \(report.duplicates.prefix(2))")
        #expect(report.waitsEndedByABadPoll.isEmpty, "\(report): \(report.waitsEndedByABadPoll.prefix(2))")
        #expect(report.faultsInjected > 1_000, "\(report)")
        print("Connect fault run: \(report)")
    }
}
