import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting

/// Shared helpers: a client and a provider against a fresh simulator.
enum TestSupport {
    static let cacheConnection = ConnectionRef(
        id: ConnectionID(ConnectSimulator.demoCacheConnectionID), name: "CacheConnection")

    /// A client that talks to the simulator with its default token.
    static func client(
        _ simulator: ConnectSimulator, observers: [any HTTPObserver] = [],
        token: @escaping @Sendable () async throws -> AccessToken = {
            AccessToken(token: Secret(ConnectSimulator.defaultToken))
        }
    ) throws -> ConnectClient {
        try ConnectClient(
            transport: simulator, retry: RetryPolicy(maxAttempts: 1), observers: observers, clock: simulator.clock,
            now: simulator.clock.dateSource, tokenProvider: token)
    }

    /// A provider against the simulator.
    static func provider(_ simulator: ConnectSimulator) throws -> ConnectProvider {
        ConnectProvider(client: try client(simulator), cacheConnection: cacheConnection)
    }

    /// Parses JSON text written in a test.
    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(data: Data(text.utf8))
    }

    /// Encodes a value and reads it back as JSON, for comparing bodies as JSON.
    static func json<T: Encodable>(encoding value: T) throws -> JSONValue {
        try JSONValue(data: try JSONEncoder().encode(value))
    }

    /// Decodes JSON text as `type`.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// Records every event an HTTP client reports.
final class RecordingObserver: HTTPObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPEvent] = []

    func observe(_ event: HTTPEvent) { lock.withLock { recorded.append(event) } }

    var events: [HTTPEvent] { lock.withLock { recorded } }

    /// Everything observers saw, as text.
    var transcript: String { events.map { "\($0)" }.joined(separator: "\n") }
}

/// A transport that answers every request with one fixed body and records the requests.
final class FixedAnswer: HTTPTransport, @unchecked Sendable {
    let status: Int
    let body: String
    private let lock = NSLock()
    private var log: [HTTPRequest] = []

    init(_ body: String, status: Int = 200) {
        self.body = body
        self.status = status
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { log.append(request) }
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
    }

    var requests: [HTTPRequest] { lock.withLock { log } }

    /// The last request's body as JSON.
    func lastBody() throws -> JSONValue {
        try JSONValue(data: requests.last?.body ?? Data())
    }

    /// A client that talks to this transport.
    func client() throws -> ConnectClient {
        try ConnectClient(transport: self, retry: RetryPolicy(maxAttempts: 1)) { AccessToken(token: "test-token") }
    }
}
