import Foundation
import JobBridge
import JobBridgeHTTPClient
import JobBridgeSimulation
import JobBridgeSimulatorServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The two transports every served-simulator case runs through.
enum TransportKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case urlSession
    case asyncHTTPClient

    var description: String { rawValue }

    /// The transport: URLSession's default, or the shared AsyncHTTPClient transport.
    var transport: any HTTPTransport {
        switch self {
        case .urlSession: return URLSessionTransport()
        case .asyncHTTPClient: return AsyncHTTPClientTransport.shared
        }
    }
}

/// The servers a harness started, stopped together at the end of a case.
final class ServerPool: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var servers: [SimulatorServer] = []

    /// Starts a server for `services` on a free loopback port, its clock driven by the test.
    func serve(_ services: SimulatedServices) async throws -> SimulatorServer {
        let server = try await SimulatorServer.start(.init(services: services, followsWallClock: false))
        lock.withLock { servers.append(server) }
        return server
    }

    /// Stops every server started so far.
    func stopAll() async {
        let started = lock.withLock {
            defer { servers = [] }
            return servers
        }
        for server in started { await server.stop() }
    }
}

/// Runs `body`, then stops the pool's servers, whether `body` threw or not.
func withServers<T>(_ pool: ServerPool, _ body: () async throws -> T) async throws -> T {
    do {
        let result = try await body()
        await pool.stopAll()
        return result
    } catch {
        await pool.stopAll()
        throw error
    }
}

/// A base URL under a served simulator, or a failure that says which.
func endpointURL(_ server: SimulatorServer, _ kind: ServedProvider) throws -> URL {
    guard let endpoint = server.endpoints.endpoint(kind) else {
        throw JobBridgeError(.configuration, "the server does not serve \(kind)")
    }
    return endpoint.baseURL
}
