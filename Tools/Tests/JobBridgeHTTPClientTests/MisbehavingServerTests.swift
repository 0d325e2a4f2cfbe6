import Foundation
import Hummingbird
import JobBridge
import JobBridgeHTTPClient
import Testing

/// A Hummingbird server with routes that misbehave in ways the simulators do not: a
/// redirect to another host, a body that trickles in and never ends.
struct MisbehavingServer {
    let port: Int
    private let serving: Task<Void, any Error>

    static func start() async throws -> MisbehavingServer {
        let router = Router()
        router.get("moved") { _, _ in
            Response(status: .found, headers: [.location: "https://elsewhere.example.com/stolen"])
        }
        router.get("trickle") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "["))
                    try await Task.sleep(for: .seconds(30))
                    try await writer.write(ByteBuffer(string: "]"))
                    try await writer.finish(nil)
                })
        }
        let ports = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) })
        let serving = Task { try await application.runService(gracefulShutdownSignals: []) }
        var iterator = ports.stream.makeAsyncIterator()
        return MisbehavingServer(port: await iterator.next() ?? 0, serving: serving)
    }

    func url(_ path: String) throws -> URL {
        try #require(URL(string: "http://127.0.0.1:\(port)/\(path)"))
    }

    func stop() async {
        serving.cancel()
        _ = await serving.result
    }
}

@Suite struct MisbehavingServerTests {
    @Test func aRedirectIsReturnedAsItIsNotFollowed() async throws {
        let server = try await MisbehavingServer.start()
        let answer = try await AsyncHTTPClientTransport.shared.send(
            JobBridge.HTTPRequest(
                method: .get, url: try server.url("moved"), headers: ["Authorization": "Bearer not-for-elsewhere"]))
        await server.stop()
        #expect(answer.status == 302)
        #expect(answer.headers["Location"] == "https://elsewhere.example.com/stolen")
    }

    /// The time-out bounds the whole request: a body that stops arriving fails it too
    /// (AsyncHTTPClient's own deadline ends with the answer's head).
    @Test func aBodyThatStopsArrivingTimesOut() async throws {
        let server = try await MisbehavingServer.start()
        let start = ContinuousClock.now
        var failure: JobBridgeError?
        do {
            _ = try await AsyncHTTPClientTransport.shared.send(
                JobBridge.HTTPRequest(method: .get, url: try server.url("trickle"), timeout: .milliseconds(200)))
        } catch let error as JobBridgeError {
            failure = error
        }
        let elapsed = ContinuousClock.now - start
        await server.stop()
        #expect(failure?.code == .transport)
        #expect(failure?.message.contains("timed out") == true)
        #expect(elapsed < .seconds(20))
    }
}
