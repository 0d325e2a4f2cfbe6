import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSync
import JobBridgeSyncSimulator

/// The providers the tool uses when there is no configuration: the three adapters, each
/// against its simulator in this process (an `HTTPTransport`, no socket) with the
/// simulators' demo data, on a simulated clock that starts now. Every command works on a
/// fresh clone, with no account.
///
/// Handles: `sync` (CData Sync, four jobs), `connect` (CData Connect AI, three jobs) and
/// `nx1` (NX1, four jobs). Nothing persists between two commands: each starts from the
/// demo data again.
public enum EmbeddedSimulators {
    /// The environment variable that fixes the simulated clock's start (ISO 8601, such as
    /// `2026-11-23T12:00:00Z`), for output that is the same on every run.
    public static let startVariable = "JOBBRIDGE_SIMULATOR_START"

    /// The three simulated providers.
    public static func make(context: ToolContext, observers: [any HTTPObserver] = []) async throws -> ProviderSet {
        var start = context.now()
        if let text = context.environment[startVariable] {
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw ToolExit.usage("\(startVariable) must be an ISO 8601 date such as 2026-11-23T12:00:00Z")
            }
            start = date
        }
        // Whole seconds, so that printed dates are stable.
        let clock = SimulatedClock(startDate: Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down)))

        guard let syncURL = URL(string: "https://sync.example.com:8181/api.rsc/v2") else {
            throw JobBridgeError(.configuration, "the embedded Sync URL is invalid")
        }
        let sync = SyncProvider(
            client: try SyncClient(
                baseURL: syncURL, credentials: SyncClient.tokenCredentials(Secret(SyncSimulator.demoToken)),
                transport: await SyncSimulator.demo(clock: clock), observers: observers, clock: clock),
            workspaceID: SyncSimulator.demoWorkspaceID, name: "CData Sync (simulator)")

        let connectSimulator = try await ConnectSimulator.demo(clock: clock)
        let connect = ConnectProvider(
            client: try ConnectClient(
                transport: connectSimulator, observers: observers, clock: clock, now: clock.dateSource,
                tokenProvider: { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }),
            name: "CData Connect AI (simulator)",
            cacheConnection: ConnectionRef(
                id: ConnectionID(ConnectSimulator.demoCacheConnectionID), name: "CacheConnection"),
            now: clock.dateSource)

        let nx1Simulator = await NX1Simulator.demo(clock: clock)
        let nx1Credentials = try NX1Auth.clientCredentials(
            client: "acme", clientID: "jobbridge", clientSecret: "simulator-secret", transport: nx1Simulator,
            now: clock.dateSource)
        let nx1 = NX1Provider(
            client: try NX1Client(
                client: "acme", credentials: nx1Credentials, transport: nx1Simulator, observers: observers,
                clock: clock),
            name: "NX1 (simulator)", now: clock.dateSource)

        return ProviderSet(
            entries: [
                ProviderEntry(handle: "sync", kind: .sync, provider: sync, isSimulator: true),
                ProviderEntry(handle: "connect", kind: .connect, provider: connect, isSimulator: true),
                ProviderEntry(handle: "nx1", kind: .nx1, provider: nx1, isSimulator: true),
            ], clock: clock, now: clock.dateSource, origin: "the embedded simulators")
    }
}
