import Foundation
import Hummingbird
import JobBridge
import JobBridgeHTTPClient
import Testing

/// A server that answers every request with a redirect, to check that the transport
/// returns it instead of following it (credentials must never travel to another host).
@Suite struct RedirectTests {
    @Test func aRedirectIsReturnedAsItIsNotFollowed() async throws {
        let router = Router()
        router.get("moved") { _, _ in
            Response(status: .found, headers: [.location: "https://elsewhere.example.com/stolen"])
        }
        let ports = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) })
        let serving = Task { try await application.runService(gracefulShutdownSignals: []) }
        var iterator = ports.stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/moved"))
        let answer = try await AsyncHTTPClientTransport.shared.send(
            JobBridge.HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer not-for-elsewhere"]))
        serving.cancel()
        _ = await serving.result
        #expect(answer.status == 302)
        #expect(answer.headers["Location"] == "https://elsewhere.example.com/stolen")
    }
}
