import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// The contract suite's harness for CData Sync: a fresh simulator per provider, pages of
/// three, a server in New York.
struct SyncHarness: ContractHarness {
    let simulatedClock = SimulatedClock()

    func makeProvider() async throws -> any JobProvider {
        // An instance name other than the client's: errors must name the instance.
        let fixture = try await SyncFixture(
            configuration: .init(token: "contract-token", pageSize: 3), clock: simulatedClock)
        return SyncProvider(
            client: fixture.provider.client, workspaceID: fixture.provider.workspaceID, name: "Sync (contract)")
    }

    var capabilities: ProviderCapabilities { SyncProvider.capabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { 7 }
    var roundTripFields: Set<JobField> { Set(JobField.allCases) }

    func definition(_ number: Int) -> JobDefinition { SyncFixture.definition("Job \(number)") }

    var richDefinition: JobDefinition {
        var tasks = sampleTasks
        tasks[1].isActive = false
        let cron = try? CronSchedule("0 */6 ? * MON-FRI", dialect: .sync, timeZone: SyncFixture.newYork)
        return JobDefinition(
            name: "Rich job", kind: JobKind(.reverseETL, providerValue: "ReverseETL"),
            source: ConnectionRef(id: "c-sn"), destination: ConnectionRef(id: "c-hs"),
            schedule: cron.map(Schedule.cron) ?? .manual, isEnabled: false, tasks: tasks,
            settings: ["verbosity": 3, "table_name_prefix": "sf_", "batch_size": 5000, "x_custom_option": "kept"])
    }
}

@Suite struct SyncContractTests {
    @Test(arguments: ContractSuite.cases(for: SyncHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(SyncHarness())
    }

    @Test func everyBehaviourCaseApplies() {
        let names = ContractSuite.cases(for: SyncHarness()).map(\.name)
        #expect(!names.contains { $0.hasPrefix("unsupported.") })
        #expect(Set(names) == Set(ContractSuite.allCaseNames.filter { !$0.hasPrefix("unsupported.") }))
    }
}
