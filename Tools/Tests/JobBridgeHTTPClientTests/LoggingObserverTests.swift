import Foundation
import JobBridge
import JobBridgeLogging
import JobBridgeSimulation
import JobBridgeSync
import JobBridgeSyncSimulator
import Logging
import Metrics
import MetricsTestKit
import Testing

/// A log handler that keeps every line in memory.
final class MemoryLogHandler: LogHandler, @unchecked Sendable {
    struct Line {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
        /// The message and every metadata value, for searching.
        var text: String {
            ([message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        }
    }

    // Guarded by `lock`.
    private let lock = NSLock()
    private var stored: [Line] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [Line] { lock.withLock { stored } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let line = Line(level: event.level, message: event.message.description, metadata: event.metadata ?? [:])
        lock.withLock { stored.append(line) }
    }
}

@Suite struct LoggingObserverTests {
    static let canary = "canary-7f3a9c-secret"

    /// A Sync client on an in-process simulator whose token is the canary, with faults in
    /// between and the observer under test.
    static func client(plan: [Fault], observer: HTTPLogObserver, clock: SimulatedClock) async throws -> SyncClient {
        let simulator = SyncSimulator(configuration: .init(token: canary), now: clock.dateSource)
        await simulator.addWorkspace(id: "ws", name: "Main")
        let faults = FaultInjectingTransport(wrapping: simulator, plan: .script(plan), clock: clock)
        return try SyncClient(
            baseURL: try #require(URL(string: "https://sync.example.com/api.rsc/v2")),
            credentials: SyncClient.tokenCredentials(Secret(canary)), transport: faults,
            retry: RetryPolicy(maxAttempts: 3, random: { $0.upperBound }), observers: [observer], clock: clock)
    }

    @Test func everyAttemptIsLoggedAndCountedWithoutTheSecret() async throws {
        let handler = MemoryLogHandler()
        let metrics = TestMetrics()
        let observer = HTTPLogObserver(
            logger: Logger(label: "test", factory: { _ in handler }), metricsFactory: metrics)
        let clock = SimulatedClock()
        let client = try await Self.client(plan: [.serverError(status: 503)], observer: observer, clock: clock)
        // A secret-named query value, as some APIs take keys: observers see it redacted.
        try await client.rest.send(
            .get, ["workspaces"], query: [URLQueryItem(name: "api_key", value: Self.canary)], operation: .listJobs)

        let lines = handler.lines
        #expect(
            lines.map(\.message) == ["request sent", "answer received", "retrying", "request sent", "answer received"])
        #expect(lines.map(\.level) == [.debug, .warning, .notice, .debug, .info])
        #expect(lines[1].metadata["status"] == "503")
        #expect(lines[4].metadata["status"] == "200")
        #expect(lines[3].metadata["attempt"] == "2")
        #expect(lines.allSatisfy { $0.metadata["provider"] == "CData Sync" && $0.metadata["operation"] == "listJobs" })
        #expect(lines.allSatisfy { $0.metadata["method"] == "GET" && $0.metadata["duration_ms"] != "" })
        for line in lines {
            #expect(!line.text.contains(Self.canary), "a log line shows the secret: \(line.message)")
        }

        let dimensions = [("provider", "CData Sync"), ("operation", "listJobs"), ("method", "GET")]
        #expect(
            try metrics.expectCounter("jobbridge_http_requests_total", dimensions + [("status", "503")]).totalValue == 1
        )
        #expect(
            try metrics.expectCounter("jobbridge_http_requests_total", dimensions + [("status", "200")]).totalValue == 1
        )
        #expect(try metrics.expectCounter("jobbridge_http_retries_total", dimensions).totalValue == 1)
        #expect(
            try metrics.expectTimer("jobbridge_http_request_duration", dimensions + [("status_class", "2xx")]).values
                .count == 1)
        #expect(
            try metrics.expectTimer("jobbridge_http_request_duration", dimensions + [("status_class", "5xx")]).values
                .count == 1)
    }

    @Test func anAttemptWithoutAnswerIsAnErrorLineAndAFailureCount() async throws {
        let handler = MemoryLogHandler()
        let metrics = TestMetrics()
        let observer = HTTPLogObserver(
            logger: Logger(label: "test", factory: { _ in handler }), metricsFactory: metrics)
        let client = try await Self.client(plan: [.dropBeforeServer], observer: observer, clock: SimulatedClock())
        // A POST is never retried: one attempt, one failure.
        await #expect(throws: JobBridgeError.self) {
            try await client.rest.send(
                .post, ["workspaces", "ws", "jobs"], body: Data("{}".utf8), operation: .createJob)
        }
        let lines = handler.lines
        #expect(lines.map(\.message).first == "request sent")
        let failure = try #require(lines.last)
        #expect(failure.level == .error)
        #expect(failure.message.hasPrefix("no answer: "))
        #expect(failure.metadata["error_code"] == "transport")
        #expect(failure.metadata["outcome"] == "notSent")
        let dimensions = [("provider", "CData Sync"), ("operation", "createJob"), ("method", "POST")]
        #expect(
            try metrics.expectCounter("jobbridge_http_failures_total", dimensions + [("code", "transport")]).totalValue
                == 1)
        #expect(metrics.counters(label: "jobbridge_http_requests_total").isEmpty)
    }

    @Test func bodiesAreLoggedOnlyWhenAskedAndRedacted() async throws {
        let handler = MemoryLogHandler()
        let observer = HTTPLogObserver(
            logger: Logger(label: "test", factory: { _ in handler }),
            options: .init(logsBodies: true, recordsMetrics: false))
        let client = try await Self.client(plan: [], observer: observer, clock: SimulatedClock())
        let body = Data("{\"name\":\"x\",\"password\":\"\(Self.canary)\"}".utf8)
        _ = try? await client.rest.send(.post, ["workspaces", "ws", "jobs"], body: body, operation: .createJob)
        let sent = try #require(handler.lines.first)
        #expect(sent.metadata["request_body"] != nil)
        #expect(!sent.text.contains(Self.canary))

        let quiet = MemoryLogHandler()
        let plain = HTTPLogObserver(
            logger: Logger(label: "test", factory: { _ in quiet }), options: .init(recordsMetrics: false))
        let other = try await Self.client(plan: [], observer: plain, clock: SimulatedClock())
        _ = try? await other.rest.send(.post, ["workspaces", "ws", "jobs"], body: body, operation: .createJob)
        #expect(quiet.lines.allSatisfy { $0.metadata["request_body"] == nil && $0.metadata["response_body"] == nil })
    }
}
