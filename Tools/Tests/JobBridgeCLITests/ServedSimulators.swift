import Foundation
import JobBridge
import JobBridgeCLI
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSimulatorServer
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting

/// A simulator server in the test process, and the configuration file that points the
/// `jobbridge` child processes at it.
final class ServedSimulators: @unchecked Sendable {
    let server: SimulatorServer
    let directory: TemporaryDirectory
    let configurationPath: String

    /// Serves `services` (the demo data by default) on a free loopback port.
    init(_ services: SimulatedServices? = nil, followsWallClock: Bool = true) async throws {
        server = try await SimulatorServer.start(
            SimulatorServer.Options(services: services, followsWallClock: followsWallClock))
        directory = try TemporaryDirectory()
        configurationPath = try directory.write("jobbridge.toml", SimulatorConfiguration.toml(server.endpoints))
    }

    /// The environment of a child process: the configuration, and the simulators' credentials.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = server.endpoints.environment
        environment["JOBBRIDGE_CONFIG"] = configurationPath
        for (key, value) in extra { environment[key] = value }
        return ToolProcess.environment(environment)
    }

    /// Runs `jobbridge` against the server, in the temporary directory.
    func run(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> ToolProcess.Result {
        try await ToolProcess.run(arguments, environment: environment(extra), directory: directory.url)
    }

    /// `jobbridge migrate plan` from Sync to NX1 with both seeded connections mapped, to
    /// `plan.json` in the temporary directory.
    func planSyncToNX1() async throws -> ToolProcess.Result {
        try await run([
            "migrate", "plan", "--from", "sync", "--to", "nx1", "--connection", "c-src=a", "--connection", "c-dst=b",
            "--out", "plan.json",
        ])
    }

    /// Starts `jobbridge` against the server without waiting for it.
    func launch(_ arguments: [String]) throws -> ToolProcess.Running {
        try ToolProcess.launch(arguments, environment: environment(), directory: directory.url)
    }

    func stop() async { await server.stop() }

    /// A Sync simulator with `count` enabled cron jobs between two connections (runs end in
    /// 100 ms), and an empty NX1 simulator, on one clock.
    static func syncAndNX1(jobs count: Int) async -> SimulatedServices {
        let clock = SimulatedClock(startDate: Date())
        let sync = SyncSimulator(
            configuration: SyncSimulator.Configuration(
                token: SyncSimulator.demoToken, queueDelay: .zero, runDuration: .milliseconds(100)),
            now: clock.dateSource)
        await sync.addWorkspace(id: "default", name: "Default")
        await sync.addConnection(id: "c-src", name: "Source", workspace: "default")
        await sync.addConnection(id: "c-dst", name: "Warehouse", workspace: "default")
        for index in 1...max(count, 1) {
            await sync.seedJob(
                [
                    "name": .string("Job \(index)"), "type": "Standard", "source_connection_id": "c-src",
                    "destination_connection_id": "c-dst", "schedule": ["enabled": true, "cron": "0 */6 * * ?"],
                    "use_gmt_datetime": true, "queries": [.string("REPLICATE [T\(index)] SELECT * FROM [T\(index)]")],
                ], workspace: "default")
        }
        let nx1 = NX1Simulator(clock: clock)
        return SimulatedServices(sync: sync, nx1: nx1, clock: clock)
    }

    /// The server's NX1 jobs (not deleted), read in-process through its simulators.
    func nx1Jobs() async throws -> [Job] {
        let services = server.services
        let configuration = services.nx1?.configuration ?? NX1Simulator.Configuration()
        let credentials = try NX1Auth.clientCredentials(
            client: configuration.client, clientID: configuration.clientID,
            clientSecret: Secret(configuration.clientSecret), transport: services)
        let provider = NX1Provider(
            client: try NX1Client(client: configuration.client, credentials: credentials, transport: services))
        return try await provider.jobs().collect()
    }

    /// The server's Sync jobs, read in-process through its simulators.
    func syncJobs() async throws -> [Job] {
        try await syncProvider().jobs().collect()
    }

    /// A Sync provider on the server's simulators, in-process (its writes bypass the
    /// server's socket, so they are not counted as the tool's).
    func syncProvider() throws -> SyncProvider {
        guard let url = URL(string: "https://sync.example.com/api.rsc/v2") else {
            throw ToolProcessError("bad URL")
        }
        let services = server.services
        return SyncProvider(
            client: try SyncClient(
                baseURL: url, credentials: SyncClient.tokenCredentials(Secret(services.syncToken)),
                transport: services),
            workspaceID: services.syncWorkspace)
    }
}

extension Job {
    /// The source job id a migration wrote on this target (its provenance member), if any.
    var migratedFrom: String? {
        settings["jobbridge"]?.objectValue?["sourceID"]?.stringValue
    }
}
