import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct FaultInjectingTransportTests {
    private static func server() -> SimulatorRouter {
        let router = SimulatorRouter()
        router.on(.get, "/jobs") { _ in .json(200, ["value": [1, 2, 3, 4, 5, 6]]) }
        router.on(.post, "/jobs") { _ in .json(201, ["id": "j1"]) }
        return router
    }

    private static let jobs = HTTPRequest(method: .get, url: HTTPTest.url("https://sim.example.com/jobs"))

    private static let table: [(fault: Fault, probability: Double)] = [
        (.latency(.milliseconds(300)), 0.3), (.rateLimited(retryAfterSeconds: 2), 0.1),
        (.serverError(status: 503), 0.1), (.dropBeforeServer, 0.1), (.dropAfterServer, 0.1), (.malformedBody, 0.1),
        (.truncatedBody, 0.1),
    ]

    private static func run(seed: UInt64, requests: Int = 60) async -> [[Fault]] {
        let transport = FaultInjectingTransport(
            wrapping: server(), seed: seed, plan: .probabilities(table), clock: SimulatedClock())
        for _ in 0..<requests { _ = try? await transport.send(jobs) }
        return transport.injectedFaults
    }

    @Test func sameSeedSameFaults() async {
        let first = await Self.run(seed: 42)
        let second = await Self.run(seed: 42)
        #expect(first == second)
        #expect(first.count == 60)
        #expect(first.contains { !$0.isEmpty })
        #expect(first.contains { $0.isEmpty })
        let other = await Self.run(seed: 43)
        #expect(other != first)
    }

    @Test func splitMixIsStable() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        let unit = generator.nextUnit()
        #expect(unit >= 0 && unit < 1)
    }

    @Test func latencyIsSleptOnTheClock() async throws {
        let clock = SimulatedClock()
        let server = Self.server()
        let transport = FaultInjectingTransport(
            wrapping: server, plan: .script([.latency(.seconds(3))]), clock: clock)
        let response = try await transport.send(Self.jobs)
        #expect(response.status == 200)
        #expect(clock.now.offset == .seconds(3))
        #expect(server.receivedRequests.count == 1)
    }

    @Test func rateLimitedAndServerErrorDoNotReachServer() async throws {
        let server = Self.server()
        let transport = FaultInjectingTransport(
            wrapping: server, plan: .script([.rateLimited(retryAfterSeconds: 9), .serverError(status: 502)]))
        let limited = try await transport.send(Self.jobs)
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == "9")
        #expect(try JSONValue(data: limited.body)["error"]?["code"] == "RATE_LIMITED")
        let failed = try await transport.send(Self.jobs)
        #expect(failed.status == 502)
        #expect(server.receivedRequests.isEmpty)
        let clean = try await transport.send(Self.jobs)
        #expect(clean.status == 200)
        #expect(transport.records.map(\.reachedServer) == [false, false, true])
    }

    @Test func dropBeforeServer() async throws {
        let server = Self.server()
        let transport = FaultInjectingTransport(wrapping: server, plan: .script([.dropBeforeServer]))
        let error = await #expect(throws: JobBridgeError.self) { _ = try await transport.send(Self.jobs) }
        #expect(error?.code == .transport)
        #expect(server.receivedRequests.isEmpty)
        #expect(transport.records.first?.reachedServer == false)
    }

    @Test func dropAfterServer() async throws {
        let server = Self.server()
        let transport = FaultInjectingTransport(wrapping: server, plan: .script([.dropAfterServer]))
        let create = HTTPRequest(method: .post, url: HTTPTest.url("https://sim.example.com/jobs"))
        let error = await #expect(throws: JobBridgeError.self) { _ = try await transport.send(create) }
        #expect(error?.code == .transport)
        #expect(server.count(.post, "/jobs") == 1)
        #expect(transport.records.first?.reachedServer == true)
    }

    @Test func malformedAndTruncatedBodies() async throws {
        let server = Self.server()
        let clean = try await server.send(Self.jobs)
        let transport = FaultInjectingTransport(wrapping: server, plan: .script([.malformedBody, .truncatedBody]))
        let malformed = try await transport.send(Self.jobs)
        #expect(malformed.status == 200)
        #expect(throws: JobBridgeError.self) { try JSONValue(data: malformed.body) }
        let truncated = try await transport.send(Self.jobs)
        #expect(truncated.body.count == clean.body.count / 2)
        #expect(throws: JobBridgeError.self) { try JSONValue(data: truncated.body) }
    }

    @Test func scriptRunsOutThenNone() async throws {
        let transport = FaultInjectingTransport(
            wrapping: Self.server(), plan: .script([.none, .serverError(status: 500)]))
        for _ in 0..<4 { _ = try await transport.send(Self.jobs) }
        #expect(transport.injectedFaults == [[], [.serverError(status: 500)], [], []])
        #expect(transport.records.map(\.index) == [0, 1, 2, 3])
    }

    @Test func clientRecoversFromInjectedFaults() async throws {
        let server = Self.server()
        let clock = SimulatedClock()
        let transport = FaultInjectingTransport(
            wrapping: server,
            plan: .script([.serverError(status: 503), .rateLimited(retryAfterSeconds: 2), .dropBeforeServer]),
            clock: clock)
        let client = try RESTClient(
            provider: "Sim", baseURL: HTTPTest.url("https://sim.example.com"), transport: transport,
            retry: HTTPTest.retry(), clock: clock)
        let response = try await client.send(.get, ["jobs"])
        #expect(response.status == 200)
        #expect(transport.records.count == 4)
        #expect(server.receivedRequests.count == 1)
        // 0.25 s backoff, 2 s Retry-After, then 1 s backoff (third retry).
        #expect(clock.now.offset == .milliseconds(3250))
    }
}
