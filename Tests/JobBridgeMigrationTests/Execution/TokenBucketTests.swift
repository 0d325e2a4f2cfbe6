import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

@Suite struct TokenBucketTests {
    @Test func operationsAreSpacedAtTheRateAfterTheBurst() async throws {
        let clock = SimulatedClock()
        let bucket = TokenBucket(rate: 5, burst: 2, clock: clock)
        var starts: [Duration] = []
        for _ in 0..<12 {
            try await bucket.take()
            starts.append(clock.now.offset)
        }
        // Two at once, then one every 0.2 s: 10 more take 2 s.
        #expect(starts[0] == .zero && starts[1] == .zero)
        #expect(starts[11] == .seconds(2))
        for index in 2..<12 { #expect(starts[index] - starts[index - 1] == .milliseconds(200)) }
    }

    @Test func aPauseHoldsEveryCallerUntilItEnds() async throws {
        let clock = SimulatedClock()
        let bucket = TokenBucket(rate: 100, burst: 10, clock: clock)
        try await bucket.take()
        await bucket.pause(for: .seconds(2))
        try await bucket.take()
        #expect(clock.now.offset >= .seconds(2))
    }

    @Test func anAdaptiveBucketLearnsWhatTheServerAcceptedAndPacesAtIt() async throws {
        let clock = SimulatedClock()
        let bucket = TokenBucket(adaptingFrom: nil, clock: clock)
        #expect(await bucket.currentRate == nil)
        // Seven operations at once; the server accepts five and refuses the last two.
        var grants: [TokenBucket.Grant] = []
        for _ in 0..<7 { grants.append(try await bucket.start()) }
        for grant in grants { await bucket.finished(grant) }
        await bucket.throttled(grants[5], retryAfter: .seconds(2))
        await bucket.throttled(grants[6], retryAfter: .seconds(2))
        #expect(await bucket.currentRate == 5)
        var starts: [Duration] = []
        for _ in 0..<6 {
            let grant = try await bucket.start()
            starts.append(clock.now.offset)
            await bucket.finished(grant)
        }
        // Nothing before the Retry-After, then one every 0.2 s.
        #expect(starts == (0..<6).map { .seconds(2) + .milliseconds(200) * $0 })
    }

    @Test func aLaterRefusalOfAnOperationCountedAsAcceptedLowersTheEstimate() async throws {
        let clock = SimulatedClock()
        let bucket = TokenBucket(adaptingFrom: nil, clock: clock)
        var grants: [TokenBucket.Grant] = []
        for _ in 0..<6 { grants.append(try await bucket.start()) }
        // The refusals arrive out of order: the sixth's first, then the fourth's.
        await bucket.throttled(grants[5], retryAfter: .seconds(2))
        await bucket.throttled(grants[3], retryAfter: .seconds(2))
        #expect(await bucket.currentRate == 4)
    }

    @Test func anAdaptiveBucketProbesUpwardAfterAQuietSpellButNotAboveItsCeiling() async throws {
        let clock = SimulatedClock()
        let bucket = TokenBucket(adaptingFrom: 4.1, clock: clock)
        var grants: [TokenBucket.Grant] = []
        for _ in 0..<5 {
            // Paced at 4.1/s, one in flight at a time.
            grants.append(try await bucket.start())
            await bucket.finished(grants[grants.count - 1])
        }
        await bucket.throttled(grants[4], retryAfter: .seconds(1))
        #expect(await bucket.currentRate == 4)
        clock.advance(by: .seconds(31))
        await bucket.finished(try await bucket.start())
        #expect(await bucket.currentRate == 4.1, "4 × 1.05 = 4.2, capped at the configured 4.1")
    }

    @Test func aFixedBucketDoesNotLearn() async throws {
        let clock = SimulatedClock()
        let bucket = TokenBucket(rate: 10, clock: clock)
        let grant = try await bucket.start()
        await bucket.finished(grant)
        await bucket.throttled(grant, retryAfter: .seconds(2))
        #expect(await bucket.currentRate == 10)
        try await bucket.take()
        #expect(clock.now.offset == .seconds(2))
    }
}
