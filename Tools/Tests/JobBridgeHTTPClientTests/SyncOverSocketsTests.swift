import Foundation
import JobBridge
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// The contract suite's CData Sync harness (as in the adapter's tests: pages of three, a
/// server in New York), but every request crosses a real socket to a served simulator.
struct SyncSocketHarness: ContractHarness {
    static let token = "contract-token"
    static let workspace = "ws-main"
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    let kind: TransportKind
    let simulatedClock = SimulatedClock()
    let pool = ServerPool()

    init(_ kind: TransportKind) { self.kind = kind }

    private func served() async throws -> (SyncSimulator, SyncProvider) {
        let simulator = SyncSimulator(
            configuration: .init(token: Self.token, pageSize: 3), now: simulatedClock.dateSource)
        await simulator.addWorkspace(id: Self.workspace, name: "Main")
        await simulator.addWorkspace(id: "ws-other", name: "Other")
        for (id, name) in [("c-sf", "Salesforce"), ("c-pg", "Warehouse"), ("c-sn", "Snowflake"), ("c-hs", "HubSpot")] {
            await simulator.addConnection(id: id, name: name, workspace: Self.workspace)
        }
        await simulator.addConnection(id: "c-other", name: "Elsewhere", workspace: "ws-other")
        let server = try await pool.serve(
            SimulatedServices(sync: simulator, clock: simulatedClock, syncWorkspace: Self.workspace))
        let client = try SyncClient(
            baseURL: try endpointURL(server, .sync), credentials: SyncClient.tokenCredentials(Secret(Self.token)),
            transport: kind.transport, serverTimeZone: Self.newYork,
            retry: RetryPolicy(maxAttempts: 4, random: { $0.upperBound }, now: { Date(timeIntervalSince1970: 0) }),
            clock: simulatedClock)
        return (simulator, SyncProvider(client: client, workspaceID: Self.workspace, name: "Sync (contract)"))
    }

    func makeProvider() async throws -> any JobProvider { try await served().1 }

    var capabilities: ProviderCapabilities { SyncProvider.capabilities }
    var fields: FieldCapabilities { SyncProvider.fieldCapabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { 7 }
    var roundTripFields: Set<JobField> { Set(JobField.allCases) }
    var seedsJobs: Bool { true }
    var pageSize: Int? { 3 }

    func makeSeededProvider() async throws -> SeededState {
        let (simulator, provider) = try await served()
        let now = simulatedClock.date
        let first = await simulator.seedJob(
            [
                "name": "Seeded weekdays", "type": "ReverseETL", "source_connection_id": "c-sn",
                "destination_connection_id": "c-hs", "schedule": ["enabled": false, "cron": "0 9 ? * MON-FRI"],
                "use_gmt_datetime": false, "verbosity": 3, "table_name_prefix": "sf_",
                "queries": ["REPLICATE [A]", "REPLICATE [B]", "REPLICATE [C]"],
            ], workspace: Self.workspace)
        let older = await simulator.seedRun(of: first, requestedAt: now.addingTimeInterval(-7_200))
        let newer = await simulator.seedRun(
            of: first, requestedAt: now.addingTimeInterval(-3_600), outcome: .failed("seeded failure"))
        let cron = try CronSchedule("0 9 ? * MON-FRI", dialect: .sync, timeZone: Self.newYork)
        var jobs = [
            SeededJob(
                id: JobID(first),
                expected: JobDefinition(
                    name: "Seeded weekdays", kind: JobKind(.reverseETL, providerValue: "ReverseETL"),
                    source: ConnectionRef(id: "c-sn"), destination: ConnectionRef(id: "c-hs"), schedule: .cron(cron),
                    isEnabled: false,
                    tasks: ["REPLICATE [A]", "REPLICATE [B]", "REPLICATE [C]"].map { TaskDefinition(query: $0) },
                    settings: ["verbosity": 3, "table_name_prefix": "sf_"]),
                pastRuns: [
                    SeededRun(id: newer.map { RunID($0) }, phase: .failed),
                    SeededRun(id: older.map { RunID($0) }, phase: .succeeded),
                ])
        ]
        for number in 1..<7 {
            let id = await simulator.seedJob(
                [
                    "name": .string("Seeded \(number)"), "type": "Standard", "source_connection_id": "c-sf",
                    "destination_connection_id": "c-pg", "queries": [.string("REPLICATE [T\(number)]")],
                ], workspace: Self.workspace)
            jobs.append(
                SeededJob(
                    id: JobID(id),
                    expected: JobDefinition(
                        name: "Seeded \(number)", kind: JobKind(.replication, providerValue: "Standard"),
                        source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-pg"),
                        tasks: [TaskDefinition(query: "REPLICATE [T\(number)]")])))
        }
        return SeededState(provider: provider, jobs: jobs)
    }

    func definition(_ number: Int) -> JobDefinition {
        JobDefinition(
            name: "Job \(number)", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
            destination: ConnectionRef(id: "c-pg"))
    }

    var richDefinition: JobDefinition {
        var tasks = sampleTasks
        tasks[1].isActive = false
        let cron = try? CronSchedule("0 */6 ? * MON-FRI", dialect: .sync, timeZone: Self.newYork)
        return JobDefinition(
            name: "Rich job", kind: JobKind(.reverseETL, providerValue: "ReverseETL"),
            source: ConnectionRef(id: "c-sn"), destination: ConnectionRef(id: "c-hs"),
            schedule: cron.map(Schedule.cron) ?? .manual, isEnabled: false, tasks: tasks,
            settings: ["verbosity": 3, "table_name_prefix": "sf_", "batch_size": 5000, "x_custom_option": "kept"])
    }
}

/// Every case of the contract suite against the served Sync simulator, through real
/// sockets, once per transport.
@Suite struct SyncOverSocketsTests {
    @Test(arguments: ContractSuite.cases(for: SyncSocketHarness(.urlSession)), TransportKind.allCases)
    func contract(_ contractCase: ContractCase, _ kind: TransportKind) async throws {
        let harness = SyncSocketHarness(kind)
        try await withServers(harness.pool) { try await contractCase.run(harness) }
    }
}
