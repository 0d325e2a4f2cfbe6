import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// A simulator, a client and a provider wired together on one simulated clock.
struct SyncFixture {
    static let token = "fixture-token"
    static let workspace = "ws-main"
    static let baseURL = URL(string: "https://sync.example.com:8181/api.rsc/v2") ?? URL(fileURLWithPath: "/")
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    let clock: SimulatedClock
    let simulator: SyncSimulator
    let faults: FaultInjectingTransport
    let client: SyncClient
    let provider: SyncProvider

    /// - Parameters:
    ///   - plan: Faults injected between the client and the simulator.
    ///   - retry: The client's retry policy (jitter at its upper bound, so delays are exact).
    ///   - server: What the client talks to, given the simulator (the simulator itself by
    ///     default; a wrapper to make it misbehave).
    init(
        configuration: SyncSimulator.Configuration = .init(token: SyncFixture.token),
        plan: FaultPlan = .script([]), seed: UInt64 = 1, retry: RetryPolicy = SyncFixture.retry(),
        credentials: (any Credentials)? = nil, serverTimeZone: TimeZone = SyncFixture.newYork,
        clock: SimulatedClock = SimulatedClock(), server: (SyncSimulator) -> any HTTPTransport = { $0 }
    ) async throws {
        self.clock = clock
        simulator = SyncSimulator(configuration: configuration, now: clock.dateSource)
        await simulator.addWorkspace(id: Self.workspace, name: "Main")
        await simulator.addWorkspace(id: "ws-other", name: "Other")
        for (id, name) in [
            ("c-sf", "Salesforce"), ("c-pg", "Warehouse"), ("c-sn", "Snowflake"), ("c-hs", "HubSpot"),
        ] {
            await simulator.addConnection(id: id, name: name, workspace: Self.workspace)
        }
        await simulator.addConnection(id: "c-other", name: "Elsewhere", workspace: "ws-other")
        faults = FaultInjectingTransport(wrapping: server(simulator), seed: seed, plan: plan, clock: clock)
        client = try SyncClient(
            baseURL: Self.baseURL,
            credentials: credentials ?? SyncClient.tokenCredentials(Secret(configuration.token)),
            transport: faults, serverTimeZone: serverTimeZone, retry: retry, clock: clock)
        provider = SyncProvider(client: client, workspaceID: Self.workspace)
    }

    /// A retry policy whose jitter always picks the upper bound.
    static func retry(maxAttempts: Int = 4) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, random: { $0.upperBound }, now: { Date(timeIntervalSince1970: 0) })
    }

    /// A plain definition that the fixture's workspace accepts.
    static func definition(_ name: String = "Accounts", tasks: [TaskDefinition] = []) -> JobDefinition {
        JobDefinition(
            name: name, kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
            destination: ConnectionRef(id: "c-pg"), tasks: tasks)
    }

    /// Every request the simulator received (after authentication) with this method and path pattern.
    func requests(_ method: HTTPMethod, _ pattern: String) -> [HTTPRequest] {
        let segments = pattern.split(separator: "/").map(String.init)
        return simulator.router.receivedRequests.filter { request in
            guard request.method == method else { return false }
            let path = request.url.path.split(separator: "/").map(String.init).dropFirst(2)
            return path.count == segments.count
                && zip(path, segments).allSatisfy { $1.hasPrefix(":") || $0 == $1 }
        }
    }

    /// The body of a request as JSON.
    static func body(_ request: HTTPRequest?) throws -> JSONValue {
        try JSONValue(data: request?.body ?? Data())
    }
}

/// Faults on chosen requests only (the core testing kit's transport).
typealias FaultsOn = FaultsOnRequests

/// A Sync whose runs carry no history id: the answer to an execute is empty and the status
/// loses its `id`, so that a run can only be told from older ones by its dates. After each
/// execute, the next `staleReads` status reads still answer what the status said before
/// it, as a server slow to show the new run would.
final class RunsWithoutIDs: HTTPTransport, @unchecked Sendable {
    private let server: any HTTPTransport
    private let staleReads: Int
    private let lock = NSLock()
    // Guarded by `lock`.
    private var lastStatus: Data?
    private var pendingStaleReads = 0

    init(_ server: any HTTPTransport, staleReads: Int = 0) {
        self.server = server
        self.staleReads = staleReads
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = try await server.send(request)
        guard response.isSuccess else { return response }
        if request.url.path.hasSuffix("/execute") {
            lock.withLock { pendingStaleReads = staleReads }
            response.body = Data()
        } else if request.url.path.hasSuffix("/status") {
            if case .object(var members) = try JSONValue(data: response.body) {
                members.removeValue(forKey: "id")
                response.body = try JSONValue.object(members).data()
            }
            let fresh = response.body
            response.body = lock.withLock {
                if pendingStaleReads > 0, let lastStatus {
                    pendingStaleReads -= 1
                    return lastStatus
                }
                lastStatus = fresh
                return fresh
            }
        }
        return response
    }
}

/// Runs `body` and returns the `JobBridgeError` it throws (records an issue otherwise).
func syncError(_ body: () async throws -> Void) async -> JobBridgeError? {
    do {
        try await body()
        Issue.record("expected a JobBridgeError, got success")
    } catch let error as JobBridgeError {
        return error
    } catch {
        Issue.record("expected a JobBridgeError, got \(error)")
    }
    return nil
}
