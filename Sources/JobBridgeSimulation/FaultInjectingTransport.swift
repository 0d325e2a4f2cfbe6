import Foundation
import JobBridge

/// SplitMix64: a small, fast, seeded random number generator. The same seed gives the
/// same sequence on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { self.state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform random number in `0..<1`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

/// A fault that ``FaultInjectingTransport`` can inject into one request.
public enum Fault: Sendable, Hashable, CustomStringConvertible {
    /// No fault: the request goes through untouched.
    case none
    /// The answer is delayed by this long, slept on the transport's clock; the request
    /// then goes through.
    case latency(Duration)
    /// `429 Too Many Requests` with `Retry-After: <seconds>`; the server never sees the request.
    case rateLimited(retryAfterSeconds: Int)
    /// A 5xx answer with this status and the error envelope; the server never sees the request.
    case serverError(status: Int)
    /// The connection drops before the server sees the request: a transport error, and
    /// the wrapped transport is not called.
    case dropBeforeServer
    /// The connection drops after the server acted on the request: the wrapped transport
    /// is called, then a transport error is thrown instead of its answer.
    case dropAfterServer
    /// The server's answer arrives with its body replaced by bytes that are not JSON.
    case malformedBody
    /// The server's answer arrives with its body cut in half.
    case truncatedBody

    /// A short name, such as `serverError(503)`.
    public var description: String {
        switch self {
        case .none: return "none"
        case .latency(let duration): return "latency(\(duration))"
        case .rateLimited(let seconds): return "rateLimited(retryAfter: \(seconds)s)"
        case .serverError(let status): return "serverError(\(status))"
        case .dropBeforeServer: return "dropBeforeServer"
        case .dropAfterServer: return "dropAfterServer"
        case .malformedBody: return "malformedBody"
        case .truncatedBody: return "truncatedBody"
        }
    }
}

/// How ``FaultInjectingTransport`` chooses faults.
public enum FaultPlan: Sendable {
    /// One fault per request, in order, for the first requests; none afterwards.
    case script([Fault])
    /// For every request, each fault with its probability (in `0...1`), drawn from the
    /// seeded generator. A ``Fault/latency(_:)`` is drawn independently and may combine
    /// with one other fault; of the other faults at most one is chosen per request
    /// (the probabilities are cumulative, in the order given).
    case probabilities([(fault: Fault, probability: Double)])
}

/// What ``FaultInjectingTransport`` did to one request.
public struct FaultRecord: Sendable, Hashable {
    /// The request's position, 0 for the first.
    public var index: Int
    /// The request's method.
    public var method: HTTPMethod
    /// The request's path.
    public var path: String
    /// The faults injected, in the order applied; empty when none.
    public var faults: [Fault]
    /// Whether the wrapped transport (the server) was called.
    public var reachedServer: Bool
}

/// An ``HTTPTransport`` that wraps another and injects faults: latency, rate limiting,
/// server errors, dropped connections before or after the server acted, and malformed
/// or truncated bodies. Seeded: the same seed and plan give the same faults.
public final class FaultInjectingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let clock: any Clock<Duration>
    // Guarded by `lock`.
    private let lock = NSLock()
    private var plan: FaultPlan
    private var generator: SplitMix64
    private var scriptPosition = 0
    private var requestCount = 0
    private var log: [FaultRecord] = []

    /// Wraps `inner`.
    ///
    /// - Parameters:
    ///   - seed: Seeds the generator that draws probabilistic faults.
    ///   - plan: How faults are chosen; by default none.
    ///   - clock: The clock that latency is slept on (pass a ``SimulatedClock`` in tests).
    public init(
        wrapping inner: any HTTPTransport, seed: UInt64 = 0, plan: FaultPlan = .script([]),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.inner = inner
        self.clock = clock
        self.plan = plan
        self.generator = SplitMix64(seed: seed)
    }

    /// Replaces the plan; a script starts from its beginning.
    public func setPlan(_ plan: FaultPlan) {
        lock.withLock {
            self.plan = plan
            scriptPosition = 0
        }
    }

    /// What was injected into each request so far, in order.
    public var records: [FaultRecord] { lock.withLock { log } }

    /// The faults injected into each request so far, in order (empty arrays for clean requests).
    public var injectedFaults: [[Fault]] { records.map(\.faults) }

    /// Sends the request, injecting the faults the plan chooses for it.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (index, faults) = lock.withLock { () -> (Int, [Fault]) in
            let index = requestCount
            requestCount += 1
            return (index, chooseFaults())
        }
        var record = FaultRecord(
            index: index, method: request.method, path: request.url.path, faults: faults, reachedServer: false)
        defer {
            let finished = record
            lock.withLock { log.append(finished) }
        }
        let clock: any Clock<Duration> = self.clock
        for fault in faults {
            if case .latency(let duration) = fault { try await sleep(on: clock, for: duration) }
        }
        let outcome = faults.first { fault in
            if case .latency = fault { return false }
            return fault != .none
        }
        switch outcome {
        case .rateLimited(let seconds)?:
            return Self.errorResponse(
                429, code: "RATE_LIMITED", message: "too many requests (injected)",
                headers: ["Retry-After": String(seconds)])
        case .serverError(let status)?:
            return Self.errorResponse(status, code: "SERVER_ERROR", message: "server error (injected)")
        case .dropBeforeServer?:
            throw JobBridgeError(
                .transport, "could not connect to the host (injected)", outcome: .notSent)
        default:
            break
        }
        record.reachedServer = true
        var response = try await inner.send(request)
        switch outcome {
        case .dropAfterServer?:
            throw JobBridgeError(
                .transport, "the connection closed before the answer was complete (injected)", outcome: .maybeActed)
        case .malformedBody?:
            response.body = Data("<html><body>502 Bad Gateway</body></html>\u{0}\u{1}".utf8)
        case .truncatedBody?:
            response.body = response.body.prefix(response.body.count / 2)
        default:
            break
        }
        return response
    }

    /// Must be called with `lock` held.
    private func chooseFaults() -> [Fault] {
        switch plan {
        case .script(let script):
            guard scriptPosition < script.count else { return [] }
            let fault = script[scriptPosition]
            scriptPosition += 1
            return fault == .none ? [] : [fault]
        case .probabilities(let table):
            var chosen: [Fault] = []
            for entry in table {
                if case .latency = entry.fault, generator.nextUnit() < entry.probability { chosen.append(entry.fault) }
            }
            let draw = generator.nextUnit()
            var cumulative = 0.0
            for entry in table {
                if case .latency = entry.fault { continue }
                cumulative += entry.probability
                if draw < cumulative {
                    if entry.fault != .none { chosen.append(entry.fault) }
                    break
                }
            }
            return chosen
        }
    }

    private static func errorResponse(_ status: Int, code: String, message: String, headers: HTTPHeaders = [:])
        -> HTTPResponse
    {
        SimulatorResponse.error(status, code: code, message: message, headers: headers)
    }
}

/// Sleeps on `clock`.
private func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
    try await clock.sleep(for: duration)
}
