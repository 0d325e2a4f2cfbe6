import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSync
import JobBridgeSyncSimulator

/// The providers the tool uses when there is no configuration: the three adapters, each
/// against its simulator in this process (an `HTTPTransport`, no socket) with the
/// simulators' demo data, on a simulated clock that starts now. Every command works on a
/// fresh clone, with no account.
///
/// Handles: `sync` (CData Sync, four jobs), `connect` (CData Connect AI, three jobs) and
/// `nx1` (NX1, four jobs). Each command starts from the demo data again, unless a state
/// file is given (`--state`, `JOBBRIDGE_SIMULATOR_STATE`, or for `migrate` the file
/// beside the plan): the simulators then start from it and write their state back to it
/// when the command ends.
public enum EmbeddedSimulators {
    /// The environment variable that fixes the simulated clock's start (ISO 8601, such as
    /// `2026-11-23T12:00:00Z`), for output that is the same on every run.
    public static let startVariable = "JOBBRIDGE_SIMULATOR_START"
    /// The environment variable naming a file the embedded simulators keep their state in.
    public static let stateVariable = "JOBBRIDGE_SIMULATOR_STATE"

    /// The three simulated providers, started from `stateFile` when it exists.
    public static func make(
        context: ToolContext, observers: [any HTTPObserver] = [], stateFile: URL? = nil
    ) async throws -> ProviderSet {
        var start = context.now()
        if let text = context.environment[startVariable] {
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw ToolExit.usage("\(startVariable) must be an ISO 8601 date such as 2026-11-23T12:00:00Z")
            }
            start = date
        }
        // Whole seconds, so that printed dates are stable.
        let clock = SimulatedClock(startDate: Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down)))
        let services = try await SimulatedServices.demo(clock: clock)
        if let stateFile {
            let file = StateFile(stateFile)
            if let snapshot = try file.read() { try await services.restore(snapshot) }
            context.atExit {
                try file.write(try await services.snapshot())
            }
        }

        guard let syncURL = URL(string: "https://sync.example.com:8181/api.rsc/v2") else {
            throw JobBridgeError(.configuration, "the embedded Sync URL is invalid")
        }
        let sync = SyncProvider(
            client: try SyncClient(
                baseURL: syncURL, credentials: SyncClient.tokenCredentials(Secret(services.syncToken)),
                transport: services, observers: observers, clock: clock),
            workspaceID: services.syncWorkspace, name: "CData Sync (simulator)")

        let connect = ConnectProvider(
            client: try ConnectClient(
                transport: services, observers: observers, clock: clock, now: clock.dateSource,
                tokenProvider: { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }),
            name: "CData Connect AI (simulator)",
            cacheConnection: ConnectionRef(
                id: ConnectionID(ConnectSimulator.demoCacheConnectionID), name: "CacheConnection"),
            now: clock.dateSource)

        let nx1Configuration = services.nx1?.configuration ?? NX1Simulator.Configuration()
        let nx1Credentials = try NX1Auth.clientCredentials(
            client: nx1Configuration.client, clientID: nx1Configuration.clientID,
            clientSecret: Secret(nx1Configuration.clientSecret), transport: services, now: clock.dateSource)
        let nx1 = NX1Provider(
            client: try NX1Client(
                client: nx1Configuration.client, credentials: nx1Credentials, transport: services,
                observers: observers, clock: clock),
            name: "NX1 (simulator)", now: clock.dateSource)

        return ProviderSet(
            entries: [
                ProviderEntry(handle: "sync", kind: .sync, provider: sync, isSimulator: true),
                ProviderEntry(handle: "connect", kind: .connect, provider: connect, isSimulator: true),
                ProviderEntry(handle: "nx1", kind: .nx1, provider: nx1, isSimulator: true),
            ], clock: clock, now: clock.dateSource, origin: "the embedded simulators")
    }
}
