import Foundation
import JobBridge
import JobBridgeHTTPClient
import JobBridgeSimulatorServer
import Testing

/// The AsyncHTTPClient transport against a served simulator on loopback.
@Suite struct AsyncHTTPClientTransportTests {
    static func get(_ server: SimulatorServer, _ path: String, timeout: Duration? = nil) -> HTTPRequest {
        HTTPRequest(method: .get, url: server.rootURL.appendingPathComponent(path), timeout: timeout)
    }

    @Test func anAnswerArrivesWithItsStatusHeadersAndBody() async throws {
        let server = try await SimulatorServer.start()
        let transport = AsyncHTTPClientTransport(configuration: .init())
        let answer = try await transport.send(Self.get(server, "_simulator/health"))
        let missing = try await transport.send(Self.get(server, "api.rsc/v2/workspaces"))
        try await transport.shutdown()
        await server.stop()
        #expect(answer.status == 200)
        #expect(answer.headers["Content-Type"] == "application/json")
        #expect(try JSONValue(data: answer.body) == ["ok": true])
        #expect(missing.status == 401)
    }

    @Test func aBodyOverTheLimitIsRefused() async throws {
        let server = try await SimulatorServer.start()
        let transport = AsyncHTTPClientTransport(configuration: .init(maximumBodySize: 8))
        var failure: JobBridgeError?
        do {
            _ = try await transport.send(Self.get(server, "_simulator/configuration"))
        } catch let error as JobBridgeError {
            failure = error
        }
        try await transport.shutdown()
        await server.stop()
        #expect(failure?.code == .transport)
        #expect(failure?.message.contains("larger than allowed") == true)
    }

    @Test func aSlowAnswerTimesOutWithoutNamingTheURL() async throws {
        let server = try await SimulatorServer.start()
        var failure: JobBridgeError?
        do {
            var request = Self.get(server, "_simulator/delay/10000", timeout: .milliseconds(100))
            request.url = try #require(URL(string: request.url.absoluteString + "?api_key=canary-secret"))
            _ = try await AsyncHTTPClientTransport.shared.send(request)
        } catch let error as JobBridgeError {
            failure = error
        }
        await server.stop()
        #expect(failure?.code == .transport)
        #expect(failure?.outcome == .maybeActed)
        #expect(failure?.message.contains("timed out") == true)
        #expect(!"\(String(describing: failure))".contains("canary-secret"))
        #expect(!"\(String(describing: failure))".contains("_simulator"))
    }

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        let server = try await SimulatorServer.start()
        let request = Self.get(server, "_simulator/delay/10000", timeout: .seconds(60))
        let waiting = Task { try await AsyncHTTPClientTransport.shared.send(request) }
        waiting.cancel()
        let result = await waiting.result
        await server.stop()
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test func aRefusedConnectionWasNotSent() async throws {
        let server = try await SimulatorServer.start()
        let request = Self.get(server, "_simulator/health")
        await server.stop()
        var failure: JobBridgeError?
        do {
            _ = try await AsyncHTTPClientTransport.shared.send(request)
        } catch let error as JobBridgeError {
            failure = error
        }
        #expect(failure?.code == .transport)
        #expect(failure?.outcome == .notSent)
    }

    @Test func plainHTTPToARemoteHostIsRefusedBeforeSending() async throws {
        let transport = AsyncHTTPClientTransport.shared
        let request = HTTPRequest(method: .get, url: try #require(URL(string: "http://jobs.example.com/api")))
        let error = await #expect(throws: JobBridgeError.self) { try await transport.send(request) }
        #expect(error?.code == .configuration)
        #expect(error?.outcome == .notSent)

        let allowing = AsyncHTTPClientTransport(configuration: .init(allowsInsecureHTTP: true))
        #expect(allowing.configuration.allowsInsecureHTTP)
        try await allowing.shutdown()
    }

    @Test func theSharedTransportOutlivesShutdown() async throws {
        let server = try await SimulatorServer.start()
        try await AsyncHTTPClientTransport.shared.shutdown()
        let answer = try await AsyncHTTPClientTransport.shared.send(Self.get(server, "_simulator/health"))
        await server.stop()
        #expect(answer.status == 200)
    }
}
