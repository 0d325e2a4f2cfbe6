import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// The contract suite's harness for NX1: a fresh simulator per provider, OAuth 2 through
/// the simulator's Keycloak, time on a simulated clock.
struct NX1Harness: ContractHarness {
    let simulatedClock = SimulatedClock()

    func makeProvider() async throws -> any JobProvider {
        // An instance name other than the client's: errors must name the instance.
        let fixture = try NX1Fixture(clock: simulatedClock)
        return NX1Provider(client: fixture.provider.client, name: "NX1 (contract)", now: simulatedClock.dateSource)
    }

    var capabilities: ProviderCapabilities { NX1Provider.capabilities }
    var clock: any Clock<Duration> { simulatedClock }
    /// NX1 does not page its listing.
    var jobsSpanningPages: Int? { nil }
    /// NX1 has no enabled flag and no tasks; everything else survives.
    var roundTripFields: Set<JobField> { [.name, .kind, .source, .destination, .schedule, .settings] }
    var nonexistentJobID: JobID { "00000000-0000-4000-8000-000000000000" }

    func definition(_ number: Int) -> JobDefinition {
        JobDefinition(
            name: "Job \(number)", kind: JobKind(.workflow, providerValue: "airflow.dataeng"),
            source: ConnectionRef(name: "s3://landing/\(number)"), destination: ConnectionRef(name: "lakehouse.raw"))
    }

    var richDefinition: JobDefinition {
        JobDefinition(
            name: "Classify tickets", kind: JobKind(.workflow, providerValue: "airflow.nlp"),
            source: ConnectionRef(name: "postgres://support/tickets"),
            destination: ConnectionRef(name: "lakehouse.nlp.topics"),
            // NX1's own reading of a wire schedule: an Airflow cron in UTC.
            schedule: NX1Mapping.schedule(from: "30 2 * * 1-5"),
            settings: ["model": "topic-v3", "retries": 2, "labels": ["billing", "bug"]])
    }
}

@Suite struct NX1ContractTests {
    @Test(arguments: ContractSuite.cases(for: NX1Harness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(NX1Harness())
    }

    @Test func undeclaredOperationsGetTheUnsupportedCases() {
        let names = Set(ContractSuite.cases(for: NX1Harness()).map(\.name))
        let undeclared: [JobOperation] = [
            .updateJob, .runTasks, .cancelRun, .runHistory, .getRun, .listTasks, .addTask, .updateTask, .deleteTask,
            .moveTask, .taskHistory,
        ]
        for operation in undeclared { #expect(names.contains("unsupported.\(operation.rawValue)")) }
        #expect(names.contains("create.roundTrip"))
        #expect(names.contains("run.completes"))
        #expect(!names.contains("unsupported.runJob"))
    }
}
