import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// The contract suite's harness for CData Connect AI: a fresh simulator per provider,
/// with two source connections and the cache connection.
struct ConnectHarness: ContractHarness {
    let simulatedClock = SimulatedClock()

    func makeProvider() async throws -> any JobProvider {
        let simulator = ConnectSimulator(clock: simulatedClock)
        // An instance name other than the client's: errors must name the instance.
        return ConnectProvider(
            client: try TestSupport.client(simulator), name: "Connect (contract)",
            cacheConnection: TestSupport.cacheConnection)
    }

    var capabilities: ProviderCapabilities { ConnectProvider.capabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { nil }
    /// Connect jobs have exactly one implied task.
    var maximumTasksPerJob: Int? { 1 }
    var roundTripFields: Set<JobField> { Set(JobField.allCases) }

    /// Table tasks, since a Caching job's task is the table it copies.
    var sampleTasks: [TaskDefinition] {
        [
            TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations")),
            TaskDefinition(table: TableRef(schema: "MailChimp", name: "Campaigns")),
            TaskDefinition(table: TableRef(schema: "MailChimp", name: "Lists")),
        ]
    }

    func definition(_ number: Int) -> JobDefinition {
        JobDefinition(
            name: "Cache job \(number)", kind: JobKind(.replication, providerValue: "Caching"),
            source: ConnectionRef(id: "f6f3cfe6-72e2-4edb-914f-4409c01c1418", name: "MailChimp1"),
            destination: TestSupport.cacheConnection, schedule: .interval(IntervalSchedule(every: 1, .hour)),
            tasks: [TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations"))])
    }

    var richDefinition: JobDefinition {
        JobDefinition(
            name: "Salesforce accounts", kind: JobKind(.replication, providerValue: "Caching"),
            source: ConnectionRef(id: "36b2c04f-70f4-44a1-876a-29e42237ee63", name: "Salesforce1"),
            destination: TestSupport.cacheConnection,
            schedule: .interval(
                IntervalSchedule(every: 6, .hour, firstRun: Date(timeIntervalSince1970: 1_767_229_200))),
            isEnabled: false, tasks: [TaskDefinition(table: TableRef(schema: "Salesforce", name: "Account"))],
            settings: [
                "logVerbosity": 3, "timeCheckColumn": "SystemModstamp", "autoTruncateStrings": "true",
                "mergeKeys": [["colName": "Id", "colType": "varchar", "isPrimaryKey": true]],
                "customerTag": "kept-unknown-param",
            ])
    }
}

@Suite struct ConnectContractTests {
    @Test(arguments: ContractSuite.cases(for: ConnectHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(ConnectHarness())
    }
}
