import Foundation
import JobBridge
import JobBridgeConnectSimulator
import JobBridgeHTTPClient
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSync
import JobBridgeSyncSimulator
import Testing

@Suite struct SimulatorServerTests {
    /// A Sync provider for the served demo simulator.
    static func sync(_ server: SimulatorServer, transport: any HTTPTransport = AsyncHTTPClientTransport.shared)
        throws -> SyncProvider
    {
        let endpoint = try #require(server.endpoints.endpoint(.sync))
        let token = try #require(server.endpoints.environment[ServedEndpoints.syncTokenVariable])
        let client = try SyncClient(
            baseURL: endpoint.baseURL, credentials: SyncClient.tokenCredentials(Secret(token)), transport: transport,
            retry: RetryPolicy(maxAttempts: 1))
        return SyncProvider(client: client, workspaceID: try #require(endpoint.setting("workspace")))
    }

    /// A job the demo Sync workspace accepts.
    static func definition(_ name: String) -> JobDefinition {
        JobDefinition(
            name: name, kind: JobKind(.replication), source: ConnectionRef(id: "c-salesforce"),
            destination: ConnectionRef(id: "c-snowflake"))
    }

    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("jobbridge-state-\(UUID().uuidString).json")
    }

    @Test func pathsGoToTheSimulatorThatServesThem() {
        #expect(ServedProvider.answering(path: "/api.rsc/v2/jobs/1") == .sync)
        #expect(ServedProvider.answering(path: "/api/job/list") == .connect)
        #expect(ServedProvider.answering(path: "/api/poweredby/jobs") == .connect)
        #expect(ServedProvider.answering(path: "/api/jobs") == .nx1)
        #expect(ServedProvider.answering(path: "/api/jobs/abc/trigger") == .nx1)
        #expect(ServedProvider.answering(path: "/realms/acme/protocol/openid-connect/token") == .nx1)
        #expect(ServedProvider.answering(path: "/other") == nil)
    }

    @Test func theDemoServerServesAllThreeAndPrintsItsConfiguration() async throws {
        let server = try await SimulatorServer.start()
        defer { _Concurrency.Task { await server.stop() } }
        let toml = server.endpoints.toml
        let port = String(server.port)
        #expect(toml.contains("base_url = \"http://127.0.0.1:\(port)/api.rsc/v2\""))
        #expect(toml.contains("base_url = \"http://127.0.0.1:\(port)/api\""))
        #expect(toml.contains("token_url = \"http://127.0.0.1:\(port)/realms/acme/protocol/openid-connect/token\""))
        for name in ["sync", "connect", "nx1"] { #expect(toml.contains("[providers.\(name)]\nkind = \"\(name)\"")) }
        let jobs = try await Self.sync(server).jobs().collect()
        #expect(jobs.count == 4)
        let served = try await AsyncHTTPClientTransport.shared.send(
            HTTPRequest(method: .get, url: server.rootURL.appendingPathComponent("_simulator/configuration")))
        #expect(String(decoding: served.body, as: UTF8.self) == toml)
        await server.stop()
    }

    @Test func aRestartedServerFindsTheStateItLeft() async throws {
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let first = try await SimulatorServer.start(.init(stateFile: StateFile(file)))
        let created = try await Self.sync(first).createJob(Self.definition("Kept across restarts"))
        #expect(await first.mutatingRequestCount == 1)
        await first.stop()

        let second = try await SimulatorServer.start(.init(stateFile: StateFile(file)))
        let jobs = try await Self.sync(second).jobs().collect()
        await second.stop()
        #expect(jobs.count == 5)
        #expect(jobs.contains { $0.id == created.id && $0.definition.name == "Kept across restarts" })
    }

    @Test func theHookRunsAfterEachMutatingRequestActedAndBeforeItsAnswer() async throws {
        let numbers = Recorded<Int>()
        let server = try await SimulatorServer.start(
            .init(mutationHook: MutationHook { number, request in numbers.append(number) }))
        let provider = try Self.sync(server)
        _ = try await provider.jobs().collect()
        for name in ["One", "Two"] { _ = try await provider.createJob(Self.definition(name)) }
        let count = await server.mutatingRequestCount
        await server.stop()
        #expect(numbers.values == [1, 2])
        #expect(count == 2)
    }

    @Test func theSignalHookKillsTheProcessAfterTheKthMutatingRequest() async throws {
        let victim = Process()
        victim.executableURL = URL(fileURLWithPath: "/bin/sleep")
        victim.arguments = ["60"]
        try victim.run()
        let server = try await SimulatorServer.start(
            .init(mutationHook: .signal(to: victim.processIdentifier, afterMutatingRequest: 2)))
        let provider = try Self.sync(server)
        _ = try await provider.createJob(Self.definition("First"))
        let aliveAfterFirst = victim.isRunning
        _ = try await provider.createJob(Self.definition("Second"))
        victim.waitUntilExit()
        await server.stop()
        #expect(aliveAfterFirst)
        #expect(victim.terminationReason == .uncaughtSignal)
        #expect(victim.terminationStatus == SIGKILL)
    }

    @Test(arguments: TransportKind.allCases)
    func aDroppedConnectionIsATransportErrorAfterTheServerActed(_ kind: TransportKind) async throws {
        let server = try await SimulatorServer.start(
            .init(faults: try FaultSpecification(parsing: "seed=1,drop-after=1")))
        let provider = try Self.sync(server, transport: kind.transport)
        var failure: JobBridgeError?
        do {
            // The raw create: the provider's write recovery would check and find the job.
            try await provider.client.rest.send(
                .post, ["workspaces", SyncSimulator.demoWorkspaceID, "jobs"],
                body: Data(
                    #"{"name":"Dropped","type":"Standard","source_connection_id":"c-salesforce","destination_connection_id":"c-snowflake"}"#
                        .utf8),
                headers: ["Content-Type": "application/json"], operation: .createJob)
        } catch let error as JobBridgeError {
            failure = error
        }
        let count = await server.mutatingRequestCount
        let jobs = await server.services.sync?.jobCount(inWorkspace: SyncSimulator.demoWorkspaceID)
        await server.stop()
        #expect(failure?.code == .transport)
        #expect(failure?.outcome == .maybeActed)
        #expect(count == 1)
        #expect(jobs == 5)
    }

    @Test func faultSpecificationsAreReadAndBadOnesNamed() throws {
        let spec = try FaultSpecification(parsing: "seed=7, latency=0.2:250ms, server-error=0.05,drop-before=0.01")
        #expect(spec.seed == 7)
        #expect(
            spec.faults.map(\.fault) == [.latency(.milliseconds(250)), .serverError(status: 503), .dropBeforeServer])
        #expect(try FaultSpecification(parsing: spec.description) == spec)
        for bad in ["explode=0.1", "server-error=2", "latency=0.1", "seed=x", "drop-after=0.6,drop-before=0.6"] {
            #expect(throws: JobBridgeError.self) { try FaultSpecification(parsing: bad) }
        }
    }
}

/// Values appended from any task.
final class Recorded<Value: Sendable>: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var stored: [Value] = []

    func append(_ value: Value) { lock.withLock { stored.append(value) } }
    var values: [Value] { lock.withLock { stored } }
}
