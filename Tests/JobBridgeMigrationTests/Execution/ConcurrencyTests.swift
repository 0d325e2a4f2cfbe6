import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// C1–C3: the per-provider bound, rate limits with `Retry-After`, and a soak under faults.
@Suite struct ConcurrencyTests {
    @Test(arguments: [1, 3, 8])
    func callsInFlightOnAProviderNeverExceedTheBound(_ bound: Int) async throws {
        let world = try await ExecutionWorld.make(jobs: 40)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let gauge = InFlightGauge()
        let engine = MigrationEngine(
            source: try world.source { gauge.wrap($0) }, target: try world.target { gauge.wrap($0) },
            options: world.options(concurrency: bound))
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 40)
        #expect(gauge.peak <= bound)
        #expect(gauge.peak == bound, "the bound was never reached: the test shows nothing")
    }

    @Test func aRateLimitedTargetIsNeverRetriedBeforeItsRetryAfterAndNothingFails() async throws {
        let world = try await ExecutionWorld.make(jobs: 60)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let limiter = RateLimitedServer(perSecond: 5, retryAfter: 2, clock: world.clock)
        var options = world.options(concurrency: 8)
        options.retry = RetryPolicy(maxAttempts: 20, maxTotalTime: .seconds(600), random: { $0.upperBound })
        let engine = MigrationEngine(
            source: try world.source(), target: try world.target { limiter.wrap($0) }, options: options)
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 60)
        #expect(report.totals.failed == 0)
        #expect(limiter.refusals > 0, "the limit was never hit: the test shows nothing")
        #expect(limiter.earlyRetries == 0)
        #expect(limiter.peakPerWindow <= 5)

        #expect(world.targetCreates == 60)
    }

    @Test func aSoakWithFaultsAndACancelEndsWithOneTargetPerJobAndEveryFailureReported() async throws {
        let (base, plan) = try await CrashResumeTests.shared.get()
        let world = try base.withFreshTarget()
        defer { world.folder.remove() }
        let table: [(fault: Fault, probability: Double)] = [
            (.serverError(status: 503), 0.05), (.dropAfterServer, 0.02), (.malformedBody, 0.01),
        ]
        var generator = SplitMix64(seed: 99)
        let crash = CrashSwitch(k: Int(generator.next() % 250) + 20, point: .afterCommit)
        let faults = FaultInjectingTransport(
            wrapping: world.ledger, seed: 7, plan: .probabilities(table), clock: world.clock)
        let crashing = MigrationEngine(
            source: try world.source(), target: try world.target { _ in crash.transport(faults) },
            options: world.options(concurrency: 8, hook: crash.journalHook))
        await #expect(throws: (any Error).self) {
            try await crashing.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        }
        var report: MigrationReport?
        for round in 0..<4 {
            let faulty = FaultInjectingTransport(
                wrapping: world.ledger, seed: 100 + UInt64(round), plan: .probabilities(table), clock: world.clock)
            let engine = MigrationEngine(
                source: try world.source(), target: try world.target { _ in faulty },
                options: world.options(concurrency: 8))
            let run = try await engine.resume(plan, journal: world.journalURL, mapping: ConnectionMapping())
            for job in run.jobs where job.outcome == .failed {
                #expect(job.errorCode != nil, "failed job \(job.sourceID) has no code")
            }
            report = run
            if run.totals.failed == 0 { break }
        }
        let final = try #require(report)
        #expect(final.totals.failed == 0)
        try await CrashResumeTests.expectConsistent(world: world, plan: plan, report: final)
    }
}

/// Counts requests in flight through the transports it wraps, per wrapped server.
final class InFlightGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [ObjectIdentifier: Int] = [:]
    private var highest = 0

    /// The most requests that were in flight at once on one server.
    var peak: Int { lock.withLock { highest } }

    func wrap(_ server: any HTTPTransport) -> any HTTPTransport { Gauged(server: server, gauge: self) }

    fileprivate func enter(_ id: ObjectIdentifier) {
        lock.withLock {
            current[id, default: 0] += 1
            highest = max(highest, current[id] ?? 0)
        }
    }

    fileprivate func leave(_ id: ObjectIdentifier) { lock.withLock { current[id, default: 0] -= 1 } }

    private struct Gauged: HTTPTransport {
        let server: any HTTPTransport
        let gauge: InFlightGauge
        let id = ObjectIdentifier(Marker())

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            gauge.enter(id)
            defer { gauge.leave(id) }
            // Let other tasks run while this request is "on the wire".
            for _ in 0..<5 { await Task.yield() }
            return try await server.send(request)
        }
    }

    private final class Marker {}
}

/// A server front that accepts `perSecond` requests per second of the simulated clock and
/// answers the rest `429` with `Retry-After`; it notes any request sent again before the
/// time its refusal asked for.
final class RateLimitedServer: @unchecked Sendable {
    let perSecond: Int
    let retryAfter: Int
    let clock: SimulatedClock
    private let lock = NSLock()
    private var window: Int64 = -1
    private var inWindow = 0
    private var refusedAt: [String: Duration] = [:]
    private(set) var refusals = 0
    private(set) var earlyRetries = 0
    private(set) var peakPerWindow = 0
    private(set) var accepted = 0
    private(set) var lastAccepted: Duration = .zero

    init(perSecond: Int, retryAfter: Int, clock: SimulatedClock) {
        self.perSecond = perSecond
        self.retryAfter = retryAfter
        self.clock = clock
    }

    func wrap(_ server: any HTTPTransport) -> any HTTPTransport { Limited(server: server, owner: self) }

    /// Whether the request is admitted now.
    fileprivate func admit(_ request: HTTPRequest) -> Bool {
        let now = clock.now.offset
        let key = "\(request.method) \(request.url.absoluteString) \(request.body?.hashValue ?? 0)"
        return lock.withLock {
            if let refused = refusedAt.removeValue(forKey: key), now - refused < .seconds(retryAfter) {
                earlyRetries += 1
            }
            let second = now.components.seconds
            if second != window {
                window = second
                inWindow = 0
            }
            guard inWindow < perSecond else {
                refusals += 1
                refusedAt[key] = now
                return false
            }
            inWindow += 1
            accepted += 1
            lastAccepted = now
            peakPerWindow = max(peakPerWindow, inWindow)
            return true
        }
    }

    private struct Limited: HTTPTransport {
        let server: any HTTPTransport
        let owner: RateLimitedServer

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard owner.admit(request) else {
                return HTTPResponse(
                    status: 429,
                    headers: ["Content-Type": "application/json", "Retry-After": String(owner.retryAfter)],
                    body: Data(#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#.utf8))
            }
            return try await server.send(request)
        }
    }
}
