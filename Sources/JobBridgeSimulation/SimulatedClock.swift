import Foundation

/// A clock that moves only when told to: by ``advance(by:)``, or by anyone sleeping on it
/// (a sleep returns at once, having moved the clock to its deadline).
///
/// Simulators and the in-memory provider read it to decide how far a run has got, and the
/// core's waiting and retrying sleep on it, so a test that waits an hour for a run takes
/// no real time and always sees the same sequence of states.
public final class SimulatedClock: Clock, @unchecked Sendable {
    /// A point on a ``SimulatedClock``: the time elapsed since the clock's start.
    public struct Instant: InstantProtocol, Hashable, Sendable {
        /// Time since the clock's start.
        public var offset: Duration

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to another.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Orders instants by their offset.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    // Guarded by `lock`; the clock is shared between a test and the code under test.
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleeps = 0
    /// The wall-clock date at the clock's start.
    public let startDate: Date

    /// Creates a clock whose dates start at `startDate` (by default 2026-01-01 00:00 UTC).
    public init(startDate: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        self.startDate = startDate
    }

    /// The current instant.
    public var now: Instant { lock.withLock { current } }

    /// One nanosecond.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// The current wall-clock date: the start date plus the time elapsed.
    public var date: Date {
        startDate.addingTimeInterval(now.offset.inSeconds)
    }

    /// A function that reads ``date``, for code that takes a `now` closure.
    public var dateSource: @Sendable () -> Date { { [self] in self.date } }

    /// How many times someone has slept on this clock.
    public var sleepCount: Int { lock.withLock { sleeps } }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        lock.withLock { current = current.advanced(by: max(duration, .zero)) }
    }

    /// Returns at once, having moved the clock to the deadline if it was in the future.
    /// Throws `CancellationError` if the calling task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        lock.withLock {
            sleeps += 1
            if current < deadline { current = deadline }
        }
        await Task.yield()
    }
}
