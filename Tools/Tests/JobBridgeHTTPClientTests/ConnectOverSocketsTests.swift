import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeTesting
import Testing

/// The contract suite's CData Connect AI harness (as in the adapter's tests), but every
/// request crosses a real socket to a served simulator.
struct ConnectSocketHarness: ContractHarness {
    static let cacheConnection = ConnectionRef(
        id: ConnectionID(ConnectSimulator.demoCacheConnectionID), name: "CacheConnection")

    let kind: TransportKind
    let simulatedClock = SimulatedClock()
    let pool = ServerPool()

    init(_ kind: TransportKind) { self.kind = kind }

    private func provider(for simulator: ConnectSimulator) async throws -> ConnectProvider {
        let server = try await pool.serve(SimulatedServices(connect: simulator, clock: simulatedClock))
        let client = try ConnectClient(
            baseURL: try endpointURL(server, .connect), transport: kind.transport, retry: RetryPolicy(maxAttempts: 1),
            clock: simulatedClock, now: simulatedClock.dateSource,
            tokenProvider: { AccessToken(token: Secret(ConnectSimulator.defaultToken)) })
        return ConnectProvider(client: client, name: "Connect (contract)", cacheConnection: Self.cacheConnection)
    }

    func makeProvider() async throws -> any JobProvider {
        try await provider(for: ConnectSimulator(clock: simulatedClock))
    }

    var capabilities: ProviderCapabilities { ConnectProvider.capabilities }
    var fields: FieldCapabilities { ConnectProvider.fieldCapabilities() }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { nil }
    var maximumTasksPerJob: Int? { 1 }
    var seedsJobs: Bool { true }

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
        return SeededState(
            provider: try await provider(for: simulator),
            jobs: [
                SeededJob(
                    id: JobID(conversations),
                    expected: JobDefinition(
                        name: "Seeded conversations", kind: JobKind(.replication, providerValue: "Caching"),
                        source: ConnectionRef(id: ConnectionID(mailChimp), name: "MailChimp1"),
                        destination: Self.cacheConnection, schedule: .interval(IntervalSchedule(every: 2, .hour)),
                        tasks: [TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations"))],
                        settings: ["logVerbosity": 3, "timeCheckColumn": "", "autoTruncateStrings": "false"]),
                    pastRuns: [SeededRun(startedAt: now.addingTimeInterval(-1_200), phase: .failed)]),
                SeededJob(
                    id: JobID(accounts),
                    expected: JobDefinition(
                        name: "Seeded accounts", kind: JobKind(.replication, providerValue: "Caching"),
                        source: ConnectionRef(id: ConnectionID(salesforce), name: "Salesforce1"),
                        destination: Self.cacheConnection, schedule: .interval(IntervalSchedule(every: 1, .day)),
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
            destination: Self.cacheConnection, schedule: .interval(IntervalSchedule(every: 1, .hour)),
            tasks: [TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations"))])
    }

    var richDefinition: JobDefinition {
        JobDefinition(
            name: "Salesforce accounts", kind: JobKind(.replication, providerValue: "Caching"),
            source: ConnectionRef(id: "36b2c04f-70f4-44a1-876a-29e42237ee63", name: "Salesforce1"),
            destination: Self.cacheConnection,
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

/// Every case of the contract suite against the served Connect simulator, through real
/// sockets, once per transport.
@Suite struct ConnectOverSocketsTests {
    @Test(arguments: ContractSuite.cases(for: ConnectSocketHarness(.urlSession)), TransportKind.allCases)
    func contract(_ contractCase: ContractCase, _ kind: TransportKind) async throws {
        let harness = ConnectSocketHarness(kind)
        try await withServers(harness.pool) { try await contractCase.run(harness) }
    }
}
