import Foundation
import JobBridge

/// A request as a simulator handler sees it: path parameters percent-decoded, query
/// items decoded, body raw.
public struct SimulatorRequest: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The path segments after the base path, percent-decoded.
    public var segments: [String]
    /// The values of the route's `:param` segments, percent-decoded.
    public var params: [String: String]
    /// The query items, decoded.
    public var query: [URLQueryItem]
    /// The headers.
    public var headers: HTTPHeaders
    /// The body, empty when there was none.
    public var body: Data
    /// The request as it arrived.
    public var raw: HTTPRequest

    /// The value of a path parameter, or `""` if the route has no such parameter.
    public func param(_ name: String) -> String { params[name] ?? "" }

    /// The first value of a query item, if present.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The body as a JSON value.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` if the body is not JSON.
    public func json() throws -> JSONValue {
        try JSONValue(data: body)
    }

    /// The body decoded as `type`.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: body)
    }
}

/// What a simulator handler answers: a plain ``HTTPResponse``, with conveniences for
/// JSON answers and the providers' error envelope.
public typealias SimulatorResponse = HTTPResponse

extension HTTPResponse {
    /// A JSON answer with `Content-Type: application/json`.
    public static func json(_ status: Int = 200, _ value: JSONValue, headers: HTTPHeaders = [:]) -> SimulatorResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return SimulatorResponse(status: status, headers: headers, body: (try? value.data()) ?? Data("null".utf8))
    }

    /// A JSON answer made of an `Encodable` value.
    public static func json<T: Encodable>(
        _ status: Int = 200, encoding value: T, encoder: JSONEncoder = JSONEncoder()
    ) throws -> SimulatorResponse {
        SimulatorResponse(
            status: status, headers: ["Content-Type": "application/json"], body: try encoder.encode(value))
    }

    /// An answer without a body (default `204 No Content`).
    public static func empty(_ status: Int = 204, headers: HTTPHeaders = [:]) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: headers)
    }

    /// The error envelope `{"error":{"code":"…","message":"…"}}`.
    public static func error(_ status: Int, code: String, message: String, headers: HTTPHeaders = [:])
        -> SimulatorResponse
    {
        json(status, ["error": ["code": .string(code), "message": .string(message)]], headers: headers)
    }
}

/// An ``HTTPTransport`` that answers from handlers registered by method and path pattern,
/// with no sockets: the base of every provider simulator.
///
/// ```swift
/// let router = SimulatorRouter(basePath: "/api.rsc/v2")
/// router.on(.get, "/jobs/:jobID/tasks") { request in
///     .json(200, ["value": []])
/// }
/// ```
///
/// Path segments are percent-decoded before matching, so `:jobID` receives `a/b` for
/// `a%2Fb`. An unknown path answers `404`, a known path with another method `405`, a
/// handler that throws `500`, each in the form ``errorBody`` says (CData's error envelope
/// by default; `.problemDetails` for RFC 9457).
public final class SimulatorRouter: HTTPTransport, @unchecked Sendable {
    /// A request handler.
    public typealias Handler = @Sendable (SimulatorRequest) async throws -> SimulatorResponse

    private struct Route {
        var method: HTTPMethod
        var pattern: [String]
        var handler: Handler
    }

    /// The path prefix that routes are written relative to, such as `/api.rsc/v2`.
    public let basePath: String
    /// The form of the error answers the router makes (unknown path, wrong method, a
    /// handler that threw); handlers may use it for theirs.
    public let errorBody: SimulatorErrorBody
    private let baseSegments: [String]
    // Guarded by `lock`.
    private let lock = NSLock()
    private var routes: [Route] = []
    private var log: [HTTPRequest] = []

    /// Creates a router whose routes are relative to `basePath`, answering its own errors
    /// in the form `errorBody` makes (CData's envelope by default).
    public init(basePath: String = "", errorBody: SimulatorErrorBody = .envelope) {
        self.basePath = basePath
        self.errorBody = errorBody
        self.baseSegments = basePath.split(separator: "/").map { String($0) }
    }

    /// Registers a handler for a method and a path pattern such as `/jobs/:jobID`.
    /// A later registration of the same method and pattern replaces the earlier one.
    public func on(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/").map { String($0) }
        lock.withLock {
            routes.removeAll { $0.method == method && $0.pattern == segments }
            routes.append(Route(method: method, pattern: segments, handler: handler))
        }
    }

    /// Every request received, in order.
    public var receivedRequests: [HTTPRequest] { lock.withLock { log } }

    /// How many requests were received with this method and a path matching this pattern.
    public func count(_ method: HTTPMethod, _ pattern: String) -> Int {
        let segments = pattern.split(separator: "/").map { String($0) }
        return receivedRequests.filter { request in
            guard request.method == method, let path = relativeSegments(of: request.url) else { return false }
            return Self.match(segments, path) != nil
        }.count
    }

    /// Answers the request from the matching handler.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let routes = lock.withLock {
            log.append(request)
            return self.routes
        }
        guard let path = relativeSegments(of: request.url) else {
            return errorBody.response(404, "NOT_FOUND", "no such resource")
        }
        var pathMatched = false
        // Routes with more literal segments win over routes with parameters.
        let ordered = routes.sorted {
            $0.pattern.filter { $0.hasPrefix(":") }.count < $1.pattern.filter { $0.hasPrefix(":") }.count
        }
        for route in ordered {
            guard let params = Self.match(route.pattern, path) else { continue }
            pathMatched = true
            guard route.method == request.method else { continue }
            let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
            let simulated = SimulatorRequest(
                method: request.method, segments: path, params: params, query: components?.queryItems ?? [],
                headers: request.headers, body: request.body ?? Data(), raw: request)
            do {
                return try await route.handler(simulated)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                return errorBody.response(500, "INTERNAL", "the handler failed: \(error)")
            }
        }
        if pathMatched {
            return errorBody.response(405, "METHOD_NOT_ALLOWED", "\(request.method) is not allowed here")
        }
        return errorBody.response(404, "NOT_FOUND", "no such resource")
    }

    /// The percent-decoded path segments after the base path, or `nil` if the path is
    /// outside the base path.
    private func relativeSegments(of url: URL) -> [String]? {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: true).map {
            $0.removingPercentEncoding ?? String($0)
        }
        guard segments.starts(with: baseSegments) else { return nil }
        return Array(segments.dropFirst(baseSegments.count))
    }

    private static func match(_ pattern: [String], _ path: [String]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var params: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix(":") {
                params[String(expected.dropFirst())] = actual
            } else if expected != actual {
                return nil
            }
        }
        return params
    }
}
