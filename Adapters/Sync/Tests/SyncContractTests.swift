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
    var fields: FieldCapabilities { SyncProvider.fieldCapabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { 7 }
    var roundTripFields: Set<JobField> { Set(JobField.allCases) }
    var seedsJobs: Bool { true }
    /// The simulator's page size.
    var pageSize: Int? { 3 }

    /// Seven jobs added straight to the simulator (pages of three): the first a weekday
    /// cron read in the server's zone (New York), three tasks and two past runs (the newer
    /// failed); the others plain, one task each, never run.
    func makeSeededProvider() async throws -> SeededState {
        let fixture = try await SyncFixture(
            configuration: .init(token: "contract-token", pageSize: 3), clock: simulatedClock)
        let simulator = fixture.simulator
        let now = simulatedClock.date
        let first = await simulator.seedJob(
            [
                "name": "Seeded weekdays", "type": "ReverseETL", "source_connection_id": "c-sn",
                "destination_connection_id": "c-hs", "schedule": ["enabled": false, "cron": "0 9 ? * MON-FRI"],
                "use_gmt_datetime": false, "verbosity": 3, "table_name_prefix": "sf_",
                "queries": ["REPLICATE [A]", "REPLICATE [B]", "REPLICATE [C]"],
            ], workspace: SyncFixture.workspace)
        let older = await simulator.seedRun(of: first, requestedAt: now.addingTimeInterval(-7_200))
        let newer = await simulator.seedRun(
            of: first, requestedAt: now.addingTimeInterval(-3_600), outcome: .failed("seeded failure"))
        let cron = try CronSchedule("0 9 ? * MON-FRI", dialect: .sync, timeZone: SyncFixture.newYork)
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
                ], workspace: SyncFixture.workspace)
            jobs.append(
                SeededJob(
                    id: JobID(id),
                    expected: JobDefinition(
                        name: "Seeded \(number)", kind: JobKind(.replication, providerValue: "Standard"),
                        source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-pg"),
                        tasks: [TaskDefinition(query: "REPLICATE [T\(number)]")])))
        }
        let provider = SyncProvider(
            client: fixture.provider.client, workspaceID: fixture.provider.workspaceID, name: "Sync (contract)")
        return SeededState(provider: provider, jobs: jobs)
    }

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

    @Test func theREADMEMatrixSaysWhatIsDeclared() async throws {
        let readme = try CapabilityMatrix.readme(near: #filePath)
        let descriptor = try await SyncHarness().makeProvider().descriptor
        let problems = CapabilityMatrix.mismatches(in: readme, column: "CData Sync v2", descriptor: descriptor)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: ContractSuite.cases(for: SyncHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(SyncHarness())
    }

    @Test func everyBehaviourCaseApplies() {
        let names = ContractSuite.cases(for: SyncHarness()).map(\.name)
        #expect(!names.contains { $0.hasPrefix("unsupported.") })
        let behaviour = ContractSuite.allCaseNames.filter {
            !$0.hasPrefix("unsupported.") && $0 != "update.refusesUnsettableFields" && $0 != "seeded.required"
        }
        #expect(Set(names) == Set(behaviour))
    }
}
