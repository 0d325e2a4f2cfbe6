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
    /// NX1 has no enabled flag, no tasks and no update; everything else survives.
    var fields: FieldCapabilities { NX1Provider.fieldCapabilities }
    var clock: any Clock<Duration> { simulatedClock }
    /// NX1 does not page its listing.
    var jobsSpanningPages: Int? { nil }
    var seedsJobs: Bool { true }

    /// Three jobs stored straight in the simulator: an Airflow cron job whose last run
    /// completed an hour ago (the one the run cases use), one whose last run failed
    /// yesterday, and one that never ran.
    func makeSeededProvider() async throws -> SeededState {
        let fixture = try NX1Fixture(clock: simulatedClock)
        let now = simulatedClock.date
        func date(_ offset: TimeInterval) -> JSONValue {
            .string(ISO8601DateFormatter().string(from: now.addingTimeInterval(offset)))
        }
        let ids = [
            "6f1c2a3e-8d4b-4c7a-9e1f-2b3c4d5e6f70", "a7d9e0b1-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
            "c3b2a190-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
        ]
        let raw: [JSONValue] = [
            [
                "id": .string(ids[0]), "job_name": "Seeded ingest", "job_type": "airflow.ingest",
                "source": "s3://landing/orders/", "destination": "lakehouse.raw.orders", "schedule": "30 2 * * 1-5",
                "properties_json": "{\"file_format\":\"parquet\",\"retries\":2}", "owner_id": "data-platform",
                "status": "completed", "created_at": date(-30 * 86_400), "last_started_at": date(-3_600 - 420),
                "last_completed_at": date(-3_600), "last_failed_at": .null, "is_deleted": false, "deleted_at": .null,
            ],
            [
                "id": .string(ids[1]), "job_name": "Seeded classify", "job_type": "airflow.nlp",
                "source": "postgres://support/tickets", "destination": "lakehouse.nlp.topics",
                "schedule": "0 */6 * * *", "properties_json": "{\"model\":\"topic-v3\"}", "status": "failed",
                "created_at": date(-12 * 86_400), "last_started_at": date(-86_400 - 300),
                "last_completed_at": date(-2 * 86_400), "last_failed_at": date(-86_400), "is_deleted": false,
            ],
            [
                "id": .string(ids[2]), "job_name": "Seeded models", "job_type": "airflow.dataeng",
                "source": "lakehouse.raw", "destination": "lakehouse.marts", "schedule": .null,
                "properties_json": .null, "status": "new", "created_at": date(-5 * 86_400), "is_deleted": false,
            ],
        ]
        for job in raw { await fixture.simulator.insert(rawJob: job) }
        let provider = NX1Provider(
            client: fixture.provider.client, name: "NX1 (contract)", now: simulatedClock.dateSource)
        return SeededState(
            provider: provider,
            jobs: [
                SeededJob(
                    id: JobID(ids[0]),
                    expected: JobDefinition(
                        name: "Seeded ingest", kind: JobKind(.workflow, providerValue: "airflow.ingest"),
                        source: ConnectionRef(name: "s3://landing/orders/"),
                        destination: ConnectionRef(name: "lakehouse.raw.orders"),
                        schedule: NX1Mapping.schedule(from: "30 2 * * 1-5"),
                        settings: ["file_format": "parquet", "retries": 2]),
                    pastRuns: [SeededRun(startedAt: now.addingTimeInterval(-3_600 - 420), phase: .succeeded)]),
                SeededJob(
                    id: JobID(ids[1]),
                    expected: JobDefinition(
                        name: "Seeded classify", kind: JobKind(.workflow, providerValue: "airflow.nlp"),
                        source: ConnectionRef(name: "postgres://support/tickets"),
                        destination: ConnectionRef(name: "lakehouse.nlp.topics"),
                        schedule: NX1Mapping.schedule(from: "0 */6 * * *"), settings: ["model": "topic-v3"]),
                    pastRuns: [SeededRun(startedAt: now.addingTimeInterval(-86_400 - 300), phase: .failed)]),
                SeededJob(
                    id: JobID(ids[2]),
                    expected: JobDefinition(
                        name: "Seeded models", kind: JobKind(.workflow, providerValue: "airflow.dataeng"),
                        source: ConnectionRef(name: "lakehouse.raw"),
                        destination: ConnectionRef(name: "lakehouse.marts"))
                ),
            ])
    }
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

    @Test func theREADMEMatrixSaysWhatIsDeclared() async throws {
        let readme = try CapabilityMatrix.readme(near: #filePath)
        let descriptor = try await NX1Harness().makeProvider().descriptor
        let problems = CapabilityMatrix.mismatches(in: readme, column: "NX1", descriptor: descriptor)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

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
