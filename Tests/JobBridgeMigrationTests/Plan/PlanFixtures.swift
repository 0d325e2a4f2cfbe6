import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeMigration
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting

/// A transport that records every request it passes on (method and path), to prove that
/// planning makes no mutating call.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let wrapped: any HTTPTransport
    private let lock = NSLock()
    private var log: [(HTTPMethod, String)] = []
    /// Whether recording is on (off while a fixture is seeded through the API).
    private var recording = true

    init(_ wrapped: any HTTPTransport) { self.wrapped = wrapped }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            if recording { log.append((request.method, request.url.path)) }
        }
        return try await wrapped.send(request)
    }

    func pause() { lock.withLock { recording = false } }
    func resume() { lock.withLock { recording = true } }
    func reset() { lock.withLock { log.removeAll() } }

    /// Requests other than GET (and other than token requests, which change no job).
    var mutating: [String] {
        lock.withLock {
            log.filter { $0.0 != .get && !$0.1.contains("token") }.map { "\($0.0.rawValue) \($0.1)" }
        }
    }

    var count: Int { lock.withLock { log.count } }
}

/// The canary planted in connections and settings; it must never appear in a plan.
let canarySecret = "CANARY-7f3e9b21-do-not-leak"

/// A Sync simulator with a workspace and connections, and a provider reading cron in New York
/// when `use_gmt_datetime` is not true.
struct SyncSide {
    static let workspace = "ws-mig"
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    let simulator: SyncSimulator
    let transport: RecordingTransport
    let provider: SyncProvider

    init(clock: SimulatedClock = SimulatedClock()) async throws {
        simulator = SyncSimulator(configuration: .init(token: "sync-token", pageSize: 50), now: clock.dateSource)
        await simulator.addWorkspace(id: Self.workspace, name: "Migration")
        for (id, name) in [
            ("c-sf", "Salesforce"), ("c-pg", "Warehouse PostgreSQL"), ("c-sn", "Snowflake"), ("c-hs", "HubSpot"),
            ("c-mc", "MailChimp"), ("c-lake", "Lake"),
        ] {
            await simulator.addConnection(id: id, name: name, workspace: Self.workspace)
        }
        transport = RecordingTransport(simulator)
        let client = try SyncClient(
            baseURL: URL(string: "https://sync.example.com:8181/api.rsc/v2") ?? URL(fileURLWithPath: "/"),
            credentials: SyncClient.tokenCredentials(Secret("sync-token")), transport: transport,
            serverTimeZone: Self.newYork, retry: RetryPolicy(maxAttempts: 1), clock: clock)
        provider = SyncProvider(client: client, workspaceID: Self.workspace)
    }

    /// Seeds a job from its wire JSON; returns its id.
    @discardableResult
    func seed(_ json: [String: JSONValue]) async -> String {
        await simulator.seedJob(json, workspace: Self.workspace)
    }
}

/// A Connect simulator with a cache connection (set through the API before recording) and
/// source connections of several drivers.
struct ConnectSide {
    let simulator: ConnectSimulator
    let transport: RecordingTransport
    let provider: ConnectProvider
    /// Data source name → connection id.
    let connections: [String: String]
    static let cacheID = ConnectSimulator.demoCacheConnectionID

    init(clock: SimulatedClock = SimulatedClock(), withCache: Bool = true) async throws {
        simulator = ConnectSimulator(clock: clock)
        var ids: [String: String] = [:]
        for (name, source) in [
            ("Salesforce1", "Salesforce"), ("MailChimp1", "MailChimp"), ("PostgreSQL1", "PostgreSQL"),
            ("HubSpot1", "HubSpot"), ("Snowflake1", "Snowflake"), ("Lake1", "AmazonS3"),
        ] {
            ids[source] = await simulator.addConnection(name: name, dataSource: source)
        }
        connections = ids
        transport = RecordingTransport(simulator)
        let client = try ConnectClient(
            transport: transport, retry: RetryPolicy(maxAttempts: 1), clock: clock, now: clock.dateSource
        ) { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }
        transport.pause()
        var cache: ConnectionRef?
        if withCache {
            let made = try await client.setCacheConnection(
                try ConnectCacheConnectionString(
                    server: "cache.example.com", port: 5432, user: "cache", password: Secret(canarySecret),
                    database: "cache"))
            cache = made.reference
        }
        transport.resume()
        provider = ConnectProvider(client: client, cacheConnection: cache, now: clock.dateSource)
    }

    /// Seeds a job from its create body; returns its id.
    @discardableResult
    func seed(_ body: JSONValue) async throws -> String {
        try await simulator.addJob(body)
    }
}

/// An NX1 simulator and provider.
struct NX1Side {
    let simulator: NX1Simulator
    let transport: RecordingTransport
    let provider: NX1Provider

    init(clock: SimulatedClock = SimulatedClock()) throws {
        let configuration = NX1Simulator.Configuration()
        simulator = NX1Simulator(configuration: configuration, clock: clock)
        transport = RecordingTransport(simulator)
        let credentials = try NX1Auth.clientCredentials(
            client: configuration.client, clientID: configuration.clientID,
            clientSecret: Secret(configuration.clientSecret), transport: transport, now: clock.dateSource)
        let client = try NX1Client(
            client: configuration.client, credentials: credentials, transport: transport,
            retry: RetryPolicy(maxAttempts: 1), clock: clock)
        provider = NX1Provider(client: client, now: clock.dateSource)
    }

    /// Seeds a job from its wire JSON (id, dates and status filled in); returns its id.
    @discardableResult
    func seed(id: String, _ json: [String: JSONValue]) async -> String {
        var members = json
        members["id"] = .string(id)
        members["created_at"] = members["created_at"] ?? "2025-01-01T00:00:00Z"
        members["status"] = members["status"] ?? "new"
        members["is_deleted"] = members["is_deleted"] ?? false
        await simulator.insert(rawJob: .object(members))
        return id
    }
}

/// An NX1 job id for fixture number `n` (UUID-shaped, sorted by `n`).
func nx1ID(_ n: Int) -> String {
    let digits = String(n)
    return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
}
