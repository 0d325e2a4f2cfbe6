import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

/// A lock-protected value shared between a test and the code under test.
final class HTTPTestBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { self.stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    @discardableResult
    func update<R>(_ body: (inout Value) -> R) -> R { lock.withLock { body(&stored) } }
}

/// An observer that keeps every event.
final class HTTPEventRecorder: HTTPObserver, @unchecked Sendable {
    private let box = HTTPTestBox<[HTTPEvent]>([])

    func observe(_ event: HTTPEvent) { box.update { $0.append(event) } }

    var events: [HTTPEvent] { box.value }

    /// Every event as text, both `description` and `reflecting` forms.
    var allText: String {
        events.map { String(describing: $0) + "\n" + String(reflecting: $0) }.joined(separator: "\n")
    }
}

/// A transport made of a closure.
struct HTTPStubTransport: HTTPTransport {
    let handler: @Sendable (HTTPRequest) async throws -> HTTPResponse

    func send(_ request: HTTPRequest) async throws -> HTTPResponse { try await handler(request) }
}

/// Opens once; everyone waiting on it then proceeds.
actor HTTPTestGate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

enum HTTPTest {
    static let base = url("https://jobs.example.com/api.rsc/v2")

    /// A URL from a literal known to be valid.
    static func url(_ text: String) -> URL {
        URL(string: text) ?? URL(fileURLWithPath: "/invalid-test-url")
    }

    /// A retry policy whose jitter always picks the upper bound, so delays are exact.
    static func retry(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8),
        maxTotalTime: Duration = .seconds(30), now: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 0) }
    ) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, baseDelay: baseDelay, maxDelay: maxDelay, maxTotalTime: maxTotalTime,
            random: { $0.upperBound }, now: now)
    }

    static func client(
        _ transport: any HTTPTransport, credentials: (any Credentials)? = nil, retry: RetryPolicy = HTTPTest.retry(),
        observers: [any HTTPObserver] = [], clock: SimulatedClock = SimulatedClock()
    ) throws -> RESTClient {
        try RESTClient(
            provider: "TestProvider", baseURL: base, transport: transport, credentials: credentials, retry: retry,
            observers: observers, clock: clock)
    }

}
