import Foundation
import JobBridge

/// A transport in front of a server (a simulator) that keeps a ledger of what the server
/// did: each request that reached it, with the status it answered. It is the ground truth
/// of a fault run: whatever the faults in front of it made the client see, a `2xx` here
/// means the server acted.
public final class ServerLedger: HTTPTransport, @unchecked Sendable {
    /// One request the server answered.
    public struct Entry: Sendable, Hashable {
        /// The request's method.
        public var method: HTTPMethod
        /// The request's path.
        public var path: String
        /// The status the server answered.
        public var status: Int
    }

    private let server: any HTTPTransport
    // Guarded by `lock`.
    private let lock = NSLock()
    private var entries: [Entry] = []

    /// Wraps the server.
    public init(wrapping server: any HTTPTransport) { self.server = server }

    /// Sends the request to the server and notes its answer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await server.send(request)
        let entry = Entry(method: request.method, path: request.url.path, status: response.status)
        lock.withLock { entries.append(entry) }
        return response
    }

    /// How many requests the server answered with a `2xx` that match `predicate`.
    public func acted(_ predicate: (Entry) -> Bool) -> Int {
        lock.withLock { entries.filter { (200..<300).contains($0.status) && predicate($0) }.count }
    }
}
