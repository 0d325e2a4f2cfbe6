import Foundation
import JobBridge

/// A transport that sends requests for one path to another path on the same server: a
/// confused proxy or cache that answers a read of one object with another object. Tests
/// use it to check that an adapter refuses an answer about something it did not ask for.
public struct PathRewritingTransport: HTTPTransport {
    private let from: String
    private let to: String
    private let server: any HTTPTransport

    /// Sends `GET`s whose path ends with `from` to the path with that end replaced by `to`.
    public init(readsOf from: String, answeredWith to: String, server: any HTTPTransport) {
        self.from = from
        self.to = to
        self.server = server
    }

    /// Sends the request, rewritten when it is a `GET` of `from`.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .get, request.url.path.hasSuffix(from),
            var components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        else { return try await server.send(request) }
        components.path = String(components.path.dropLast(from.count)) + to
        guard let url = components.url else { return try await server.send(request) }
        var rewritten = request
        rewritten.url = url
        return try await server.send(rewritten)
    }
}
