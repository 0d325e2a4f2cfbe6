import Foundation
import JobBridge
import JobBridgeSimulation

/// A stateful fake of CData Connect AI's HTTP API: the Job API, the cache connection and
/// the Embed ("poweredby") endpoints, under the base path `/api`.
///
/// It is an ``HTTPTransport``: point a client at `https://cloud.cdata.com/api` with the
/// simulator as transport. It is written from the provider's documents against raw JSON,
/// independently of the adapter, so that a field the adapter misreads is caught.
///
/// Behaviour (where the documents are silent, the choice is marked "Chosen"):
/// - Every request needs `Authorization: Bearer <token>` with a token from
///   ``acceptedTokens``; otherwise `401` with code `INVALID_AUTHORIZATION`.
/// - Errors use the envelope `{"error":{"code","message"}}`: `404 NOT_FOUND` for an unknown
///   job or connection, `400 INVALID_REQUEST` for a bad body, `409 CACHE_JOB_RUNNING`.
/// - A job that never ran carries the year-1 `lastRun` of the documents. A run is queued
///   for ``queuedFor``, then runs until ``runLength`` after it was queued, on the clock.
public final class ConnectSimulator: HTTPTransport, Sendable {
    /// The base URL clients should use: `https://cloud.cdata.com/api`.
    public static let baseURL: URL = {
        var components = URLComponents()
        components.scheme = "https"
        components.host = "cloud.cdata.com"
        components.path = "/api"
        return components.url ?? URL(fileURLWithPath: "/api")
    }()
    /// The token the simulator accepts unless told otherwise.
    public static let defaultToken = "simulated-connect-jwt"
    /// How long a run stays queued (Chosen: 5 s).
    public static let queuedFor: TimeInterval = 5
    /// How long after it was queued a run finishes (Chosen: 60 s).
    public static let runLength: TimeInterval = 60

    /// The router that answers requests; its log shows every request received.
    public let router: SimulatorRouter
    /// The clock that runs advance on.
    public let clock: SimulatedClock
    let state: SimulatorState

    /// Creates an empty simulator (no jobs, no connections, no cache connection).
    public init(clock: SimulatedClock = SimulatedClock(), acceptedTokens: Set<String> = [ConnectSimulator.defaultToken])
    {
        self.clock = clock
        self.state = SimulatorState(now: clock.dateSource, tokens: acceptedTokens)
        self.router = SimulatorRouter(basePath: "/api")
        registerJobRoutes()
        registerEmbedRoutes()
    }

    /// Answers a request.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await router.send(request)
    }

    /// Replaces the bearer tokens the simulator accepts (to expire a token in a test).
    public func setAcceptedTokens(_ tokens: Set<String>) async {
        await state.setTokens(tokens)
    }

    /// Every job's JSON as the simulator would answer it now.
    public func jobsJSON() async -> [JSONValue] {
        await state.renderAll()
    }

    /// Registers a handler that checks the bearer token first; a ``SimulatorFailure`` the
    /// handler throws is answered with its error envelope.
    func on(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping SimulatorRouter.Handler) {
        let state = state
        router.on(method, pattern) { request in
            guard let header = request.headers["Authorization"], header.hasPrefix("Bearer "),
                await state.accepts(String(header.dropFirst("Bearer ".count)))
            else {
                return .error(
                    401, code: "INVALID_AUTHORIZATION", message: "the bearer token is missing, invalid or expired")
            }
            do {
                return try await handler(request)
            } catch let failure as SimulatorFailure {
                return failure.response
            }
        }
    }

    /// The request's body as a JSON object.
    ///
    /// - Throws: `400 INVALID_REQUEST` when it is not one.
    static func object(_ request: SimulatorRequest) throws(SimulatorFailure) -> [String: JSONValue] {
        guard let value = try? request.json(), let members = value.objectValue else {
            throw .invalid("the body is not a JSON object")
        }
        return members
    }
}

/// An error answer a simulator handler returns.
struct SimulatorFailure: Error {
    let status: Int
    let code: String
    let message: String

    init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    var response: SimulatorResponse { .error(status, code: code, message: message) }

    static func notFound(_ what: String) -> SimulatorFailure {
        SimulatorFailure(404, "NOT_FOUND", "\(what) does not exist")
    }
    static func invalid(_ message: String) -> SimulatorFailure { SimulatorFailure(400, "INVALID_REQUEST", message) }
}
