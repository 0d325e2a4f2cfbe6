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
}
