import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeTesting
import Testing

/// The contract suite's NX1 harness (as in the adapter's tests: OAuth 2 through the
/// simulator's Keycloak), but every request, token requests included, crosses a real
/// socket to a served simulator.
struct NX1SocketHarness: ContractHarness {
    let kind: TransportKind
    let simulatedClock = SimulatedClock()
    let pool = ServerPool()

    init(_ kind: TransportKind) { self.kind = kind }

    private func served() async throws -> (NX1Simulator, NX1Provider) {
        let configuration = NX1Simulator.Configuration()
        let simulator = NX1Simulator(configuration: configuration, clock: simulatedClock)
        let server = try await pool.serve(SimulatedServices(nx1: simulator, clock: simulatedClock))
        let endpoint = try #require(server.endpoints.endpoint(.nx1))
        let tokenURL = try #require(endpoint.setting("token_url").flatMap(URL.init(string:)))
        let credentials = try OAuth2ClientCredentials(
            tokenURL: tokenURL, clientID: configuration.clientID, clientSecret: Secret(configuration.clientSecret),
            scope: NX1Auth.scope, transport: kind.transport, now: simulatedClock.dateSource)
        let client = try NX1Client(
            baseURL: endpoint.baseURL, credentials: credentials, transport: kind.transport,
            retry: RetryPolicy(maxAttempts: 3, random: { $0.upperBound }), clock: simulatedClock)
        return (simulator, NX1Provider(client: client, name: "NX1 (contract)", now: simulatedClock.dateSource))
    }

    func makeProvider() async throws -> any JobProvider { try await served().1 }

    var capabilities: ProviderCapabilities { NX1Provider.capabilities }
    var fields: FieldCapabilities { NX1Provider.fieldCapabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { nil }
    var seedsJobs: Bool { true }
    var nonexistentJobID: JobID { "00000000-0000-4000-8000-000000000000" }

    func makeSeededProvider() async throws -> SeededState {
        let (simulator, provider) = try await served()
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
        for job in raw { await simulator.insert(rawJob: job) }
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
                        destination: ConnectionRef(name: "lakehouse.marts"))),
            ])
    }

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
            schedule: NX1Mapping.schedule(from: "30 2 * * 1-5"),
            settings: ["model": "topic-v3", "retries": 2, "labels": ["billing", "bug"]])
    }
}

/// Every case of the contract suite against the served NX1 simulator, through real
/// sockets, once per transport.
@Suite struct NX1OverSocketsTests {
    @Test(arguments: ContractSuite.cases(for: NX1SocketHarness(.urlSession)), TransportKind.allCases)
    func contract(_ contractCase: ContractCase, _ kind: TransportKind) async throws {
        let harness = NX1SocketHarness(kind)
        try await withServers(harness.pool) { try await contractCase.run(harness) }
    }
}
