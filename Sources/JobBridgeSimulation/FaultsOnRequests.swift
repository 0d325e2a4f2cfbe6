import JobBridge

/// A transport that injects faults only into the requests with one method whose path ends
/// with a suffix (the first matching request gets the plan's first fault, and so on), and
/// sends every other request straight to the server: for tests of one write under one fault.
public struct FaultsOnRequests: HTTPTransport {
    /// The method of the requests that get faults.
    public let method: HTTPMethod
    /// The path suffix of the requests that get faults.
    public let pathSuffix: String
    /// The injector that the matching requests go through (its records list them).
    public let faults: FaultInjectingTransport
    private let server: any HTTPTransport

    /// Injects `plan`'s faults, in order, into the requests with `method` whose path ends
    /// with `pathSuffix`.
    public init(_ method: HTTPMethod, _ pathSuffix: String, plan: [Fault], server: any HTTPTransport) {
        self.method = method
        self.pathSuffix = pathSuffix
        self.faults = FaultInjectingTransport(wrapping: server, plan: .script(plan))
        self.server = server
    }

    /// Sends the request, through the injector when it matches.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == method, request.url.path.hasSuffix(pathSuffix) else {
            return try await server.send(request)
        }
        return try await faults.send(request)
    }
}
