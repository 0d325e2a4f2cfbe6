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
    /// Every field read; the name is Connect's own (not sent), so create does not keep it.
    var fields: FieldCapabilities { ConnectProvider.fieldCapabilities() }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { nil }
    /// Connect jobs have exactly one implied task.
    var maximumTasksPerJob: Int? { 1 }
    var seedsJobs: Bool { true }

    /// Three jobs added straight to the simulator: an hourly Caching job whose last run
    /// failed 20 minutes ago (the one the run cases use), a daily one that never ran, and
    /// a disabled weekly ScheduledQuery whose last run succeeded three days ago.
    func makeSeededProvider() async throws -> SeededState {
        let simulator = ConnectSimulator(clock: simulatedClock)
        let mailChimp = "f6f3cfe6-72e2-4edb-914f-4409c01c1418"
        let salesforce = "36b2c04f-70f4-44a1-876a-29e42237ee63"
        let now = simulatedClock.date
        let conversations = try await simulator.addJob(
            [
                "jobType": "Caching", "name": "Seeded conversations", "intervalUnit": "Hour", "intervalValue": 2,
                "logVerbosity": 3, "enabled": true,
                "params": [
                    "timeCheckColumn": "", "autoTruncateStrings": "false", "sourceConnection": .string(mailChimp),
                    "sourceName": "MailChimp1", "sourceSchema": "MailChimp", "sourceTable": "Conversations",
                ],
            ], lastRunAgo: 1_200, lastRunStatus: "JOB_FAILED")
        let accounts = try await simulator.addJob(
            [
                "jobType": "Caching", "name": "Seeded accounts", "intervalUnit": "Day", "intervalValue": 1,
                "enabled": false,
                "params": [
                    "sourceConnection": .string(salesforce), "sourceName": "Salesforce1",
                    "sourceSchema": "Salesforce", "sourceTable": "Account", "customerTag": "kept",
                ],
            ])
        let revenue = try await simulator.addJob(
            [
                "jobType": "ScheduledQuery", "name": "Seeded revenue", "intervalUnit": "Week", "intervalValue": 1,
                "enabled": false,
                "params": [
                    "query": "SELECT SUM(Amount) FROM [Salesforce1].[Salesforce].[Opportunity]",
                    "destinationConnectionName": "CacheConnection", "destinationTable": "weekly_revenue",
                ],
            ], lastRunAgo: 259_200, lastRunStatus: "JOB_SUCCEEDED")
        let provider = ConnectProvider(
            client: try TestSupport.client(simulator), name: "Connect (contract)",
            cacheConnection: TestSupport.cacheConnection)
        return SeededState(
            provider: provider,
            jobs: [
                SeededJob(
                    id: JobID(conversations),
                    expected: JobDefinition(
                        name: "Seeded conversations", kind: JobKind(.replication, providerValue: "Caching"),
                        source: ConnectionRef(id: ConnectionID(mailChimp), name: "MailChimp1"),
                        destination: TestSupport.cacheConnection,
                        schedule: .interval(IntervalSchedule(every: 2, .hour)),
                        tasks: [TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations"))],
                        settings: ["logVerbosity": 3, "timeCheckColumn": "", "autoTruncateStrings": "false"]),
                    pastRuns: [SeededRun(startedAt: now.addingTimeInterval(-1_200), phase: .failed)]),
                SeededJob(
                    id: JobID(accounts),
                    expected: JobDefinition(
                        name: "Seeded accounts", kind: JobKind(.replication, providerValue: "Caching"),
                        source: ConnectionRef(id: ConnectionID(salesforce), name: "Salesforce1"),
                        destination: TestSupport.cacheConnection, schedule: .interval(IntervalSchedule(every: 1, .day)),
                        isEnabled: false,
                        tasks: [TaskDefinition(table: TableRef(schema: "Salesforce", name: "Account"))],
                        settings: ["customerTag": "kept"])),
                SeededJob(
                    id: JobID(revenue),
                    expected: JobDefinition(
                        name: "Seeded revenue", kind: JobKind(.scheduledQuery, providerValue: "ScheduledQuery"),
                        destination: ConnectionRef(name: "CacheConnection"),
                        schedule: .interval(IntervalSchedule(every: 1, .week)), isEnabled: false,
                        tasks: [
                            TaskDefinition(query: "SELECT SUM(Amount) FROM [Salesforce1].[Salesforce].[Opportunity]")
                        ],
                        settings: ["destinationTable": "weekly_revenue"]),
                    pastRuns: [SeededRun(startedAt: now.addingTimeInterval(-259_200), phase: .succeeded)]),
            ])
    }

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

    @Test func theREADMEMatrixSaysWhatIsDeclared() async throws {
        let readme = try CapabilityMatrix.readme(near: #filePath)
        let descriptor = try await ConnectHarness().makeProvider().descriptor
        let problems = CapabilityMatrix.mismatches(in: readme, column: "CData Connect AI", descriptor: descriptor)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: ContractSuite.cases(for: ConnectHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(ConnectHarness())
    }
}
