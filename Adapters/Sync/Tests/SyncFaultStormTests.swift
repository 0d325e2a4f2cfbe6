import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// 500 create → run → wait → delete sequences under the reliability issue's fault mix:
/// every write's outcome told truthfully, none carried out twice, no wait ended by one bad poll.
@Suite struct SyncFaultStormTests {
    @Test func fiveHundredSequencesUnderFaultsAreToldTheTruth() async throws {
        let clock = SimulatedClock()
        let simulator = SyncSimulator(
            configuration: .init(token: SyncFixture.token, queueDelay: .seconds(1), runDuration: .seconds(5)),
            now: clock.dateSource)
        await simulator.addWorkspace(id: SyncFixture.workspace, name: "Main")
        for id in ["c-sf", "c-pg"] { await simulator.addConnection(id: id, name: id, workspace: SyncFixture.workspace) }
        let ledger = ServerLedger(wrapping: simulator)
        let faults = FaultInjectingTransport(
            wrapping: ledger, seed: 10, plan: .probabilities(FaultStorm.standardMix), clock: clock)
        let client = try SyncClient(
            baseURL: SyncFixture.baseURL, credentials: SyncClient.tokenCredentials(Secret(SyncFixture.token)),
            transport: faults, retry: SyncFixture.retry(), clock: clock)
        let storm = FaultStorm(
            provider: SyncProvider(client: client, workspaceID: SyncFixture.workspace, name: "Sync (storm)"),
            faults: faults, ledger: ledger,
            writes: FaultStorm.Writes(
                isCreate: { $0.method == .post && $0.path.hasSuffix("/workspaces/\(SyncFixture.workspace)/jobs") },
                isRun: { $0.method == .post && $0.path.hasSuffix("/execute") },
                isDelete: { $0.method == .delete && !$0.path.contains("/tasks") }),
            clock: clock,
            definition: { SyncFixture.definition("Storm \($0)", tasks: [TaskDefinition(query: "REPLICATE [T\($0)]")]) })
        let report = await storm.run(sequences: 500)
        #expect(report.misreported.isEmpty, "\(report): \(report.misreported.prefix(2))")
        #expect(report.duplicates.isEmpty, "\(report): \(report.duplicates.prefix(2))")
        #expect(report.waitsEndedByABadPoll.isEmpty, "\(report): \(report.waitsEndedByABadPoll.prefix(2))")
        #expect(report.faultsInjected > 1_000, "\(report)")
        print("Sync fault run: \(report)")
    }
}
