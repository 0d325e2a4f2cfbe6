import AsyncHTTPClient
import Foundation
import JobBridge
import NIOCore
import NIOHTTP1
import NIOSSL

/// An ``JobBridge/HTTPTransport`` over AsyncHTTPClient: event-driven I/O on SwiftNIO, so
/// that a request waiting on a slow answer costs no CPU (Foundation's URLSession on Linux
/// spins a core while it waits).
///
/// ```swift
/// let transport = AsyncHTTPClientTransport.shared            // one pooled client per process
/// let sync = try SyncClient(baseURL: url, credentials: credentials, transport: transport)
/// ```
///
/// What it guarantees, like ``JobBridge/URLSessionTransport`` and ``JobBridge/RESTClient``:
/// - **TLS by default**, with the system's trust roots and full certificate and host name
///   verification; plain `http://` is refused for a host that is not loopback unless
///   ``Configuration/allowsInsecureHTTP`` (``JobBridge/URLBuilder/validateBaseURL(_:allowsInsecureHTTP:)``'s rule).
/// - **Redirects are not followed**: a `3xx` is returned as it is, so credentials never
///   travel to another host.
/// - **Bounded bodies**: the answer is streamed and refused once it passes
///   ``Configuration/maximumBodySize``, without reading the rest.
/// - **Time-outs**: ``JobBridge/HTTPRequest/timeout`` (or ``Configuration/defaultTimeout``)
///   bounds the whole request, body included; the connection attempt is bounded by
///   ``Configuration/connectTimeout``.
/// - **Cancellation**: cancelling the calling task cancels the request at once.
/// - **Pooling**: connections are kept and reused per host; one transport (one
///   `HTTPClient`) should serve the whole process. Call ``shutdown()`` on a transport you
///   made (never needed for ``shared``).
/// - **Errors** are ``JobBridge/JobBridgeError``s with code `transport` that say what
///   happened and whether the request may have acted (``JobBridge/RequestOutcome``), and
///   never name the URL (its query may hold a secret).
public final class AsyncHTTPClientTransport: JobBridge.HTTPTransport, Sendable {
    /// How the transport behaves.
    public struct Configuration: Sendable {
        /// The largest answer body accepted, in bytes (default 32 MiB).
        public var maximumBodySize: Int
        /// How long a request may take, answer body included, when it carries no
        /// ``JobBridge/HTTPRequest/timeout`` (default 30 s, ``JobBridge/RESTClient/defaultRequestTimeout``).
        public var defaultTimeout: Duration
        /// How long establishing a connection (TLS handshake included) may take (default 10 s).
        public var connectTimeout: Duration
        /// How long an idle pooled connection is kept (default 60 s).
        public var idleTimeout: Duration
        /// The most HTTP/1.1 connections kept open to one host (default 8).
        public var maximumConnectionsPerHost: Int
        /// Whether plain `http://` is allowed to hosts that are not loopback (default `false`).
        public var allowsInsecureHTTP: Bool
        /// The TLS configuration; `nil` (the default) is AsyncHTTPClient's, which verifies
        /// certificates and host names against the system's trust roots.
        public var tls: TLSConfiguration?

        /// Creates a configuration; every parameter has a default.
        public init(
            maximumBodySize: Int = 32 << 20, defaultTimeout: Duration = RESTClient.defaultRequestTimeout,
            connectTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60),
            maximumConnectionsPerHost: Int = 8, allowsInsecureHTTP: Bool = false, tls: TLSConfiguration? = nil
        ) {
            self.maximumBodySize = max(0, maximumBodySize)
            self.defaultTimeout = defaultTimeout
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
            self.maximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
            self.allowsInsecureHTTP = allowsInsecureHTTP
            self.tls = tls
        }
    }

    /// The process-wide transport, with the default configuration: use it unless you need
    /// another configuration. It lives as long as the process; ``shutdown()`` does nothing on it.
    public static let shared = AsyncHTTPClientTransport(configuration: Configuration(), isShared: true)

    /// The client requests go through.
    public let client: HTTPClient
    /// The configuration.
    public let configuration: Configuration
    private let isShared: Bool
    private let ownsClient: Bool

    /// Creates a transport with its own pooled `HTTPClient`; call ``shutdown()`` when done.
    public convenience init(configuration: Configuration = Configuration()) {
        self.init(configuration: configuration, isShared: false)
    }

    /// Creates a transport over a client you own (and shut down yourself). The client's
    /// own redirect, TLS and time-out settings apply; the transport's body cap, time-out
    /// and `http://` rule apply on top.
    public init(client: HTTPClient, configuration: Configuration = Configuration()) {
        self.client = client
        self.configuration = configuration
        self.isShared = false
        self.ownsClient = false
    }

    private init(configuration: Configuration, isShared: Bool) {
        var pool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: Self.timeAmount(configuration.idleTimeout),
            concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maximumConnectionsPerHost)
        // A refused connection fails at once (as `notSent`): the client's retry policy, not
        // the pool, decides whether and when to try again.
        pool.retryConnectionEstablishment = false
        var clientConfiguration = HTTPClient.Configuration(
            tlsConfiguration: configuration.tls, redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: Self.timeAmount(configuration.connectTimeout)),
            connectionPool: pool, decompression: .disabled)
        clientConfiguration.httpVersion = .automatic
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        self.configuration = configuration
        self.isShared = isShared
        self.ownsClient = true
    }

    /// Closes the pooled connections and releases the client. Requests sent afterwards
    /// fail. Does nothing on ``shared`` or on a transport over a client it does not own.
    public func shutdown() async throws {
        guard ownsClient, !isShared else { return }
        try await client.shutdown()
    }

    /// Sends the request and returns the answer, whatever its status.
    ///
    /// - Throws: ``JobBridge/JobBridgeError`` with code `transport` when no complete
    ///   answer arrived (refused, dropped, timed out, too large), `configuration` for a
    ///   plain `http://` URL to a remote host; `CancellationError` when the task was cancelled.
    public func send(_ request: JobBridge.HTTPRequest) async throws -> JobBridge.HTTPResponse {
        try checkScheme(request.url)
        let timeout = request.timeout ?? configuration.defaultTimeout
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let exchange = Exchange(
            client: client, request: outgoing, maximumBodySize: configuration.maximumBodySize)
        return try await exchange.run(timeout: timeout)
    }

    /// Refuses `http://` to a host that is not loopback, unless allowed.
    private func checkScheme(_ url: URL) throws {
        switch url.scheme?.lowercased() {
        case "https"?:
            return
        case "http"?:
            if configuration.allowsInsecureHTTP || URLBuilder.isLoopback(host: url.host ?? "") { return }
            throw JobBridgeError(
                .configuration,
                "plain http:// is refused for a remote host; use https:// or opt in with allowsInsecureHTTP",
                field: "url", outcome: .notSent)
        default:
            throw JobBridgeError(
                .configuration, "unsupported URL scheme; use https://", field: "url", outcome: .notSent)
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let clamped = min(max(seconds, 0), 1_000_000_000)
        return .nanoseconds(clamped * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
