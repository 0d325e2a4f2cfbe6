import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// `Retry-After` is honoured even when the engine paces nothing (no token bucket: no rate
/// configured and no learning), where the engine's own wait is the only thing that
/// keeps a refused request from going out again early.
@Suite struct RetryAfterWithoutPacingTests {
    @Test func withoutPacingARefusedRequestWaitsItsRetryAfter() async throws {
        let world = try await ExecutionWorld.make(jobs: 20)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let limiter = RateLimitedServer(perSecond: 5, retryAfter: 2, clock: world.clock)
        var options = world.options(concurrency: 8)
        options.adaptsToRateLimits = false
        options.operationsPerSecond = nil
        // A short backoff: a retry that ignored Retry-After would come back well within 2 s.
        options.retry = RetryPolicy(
            maxAttempts: 20, baseDelay: .milliseconds(100), maxTotalTime: .seconds(600), random: { $0.upperBound })
        let engine = MigrationEngine(
            source: try world.source(), target: try world.target(retry: .never) { limiter.wrap($0) }, options: options)
        let report = try await engine.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(report.totals.migrated == 20)
        #expect(report.totals.failed == 0)
        #expect(limiter.refusals > 0, "the limit was never hit: the test shows nothing")
        #expect(limiter.earlyRetries == 0)
        #expect(world.targetCreates == 20)
    }
}
