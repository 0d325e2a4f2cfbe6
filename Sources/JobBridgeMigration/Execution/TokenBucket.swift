import JobBridge

/// A token bucket on an injected clock: at most ``rate`` operations per second on
/// average, with bursts of up to ``burst``.
///
/// ``take()`` reserves the next token and sleeps until it is due, so concurrent callers
/// are spaced out in the order they asked. A server's `Retry-After` pauses the whole
/// bucket (``pause(for:)``): no caller starts another operation on that provider before
/// the time the server asked for.
public actor TokenBucket {
    /// Operations per second on average.
    public nonisolated let rate: Double
    /// The most operations that may start at once after a quiet spell.
    public nonisolated let burst: Double
    private let clock: any Clock<Duration>
    private let elapsed: @Sendable () -> Duration
    private var tokens: Double
    private var updated: Duration = .zero
    private var pausedUntil: Duration = .zero

    /// Creates a bucket of `burst` tokens refilled at `rate` per second.
    public init(rate: Double, burst: Int = 1, clock: any Clock<Duration> = ContinuousClock()) {
        self.rate = max(rate, 0.001)
        self.burst = Double(max(burst, 1))
        self.clock = clock
        self.elapsed = Self.stopwatch(clock)
        self.tokens = Double(max(burst, 1))
    }

    /// Waits until an operation may start.
    public func take() async throws {
        let now = elapsed()
        tokens = min(burst, tokens + (now - updated).inSeconds * rate)
        updated = now
        tokens -= 1
        var wait = tokens >= 0 ? Duration.zero : .milliseconds(Int64((-tokens / rate * 1000).rounded(.up)))
        if pausedUntil > now + wait { wait = pausedUntil - now }
        if wait > .zero { try await Self.sleep(on: clock, for: wait) }
    }

    /// Lets no operation start for `duration` (a server's `Retry-After`).
    public func pause(for duration: Duration) {
        let until = elapsed() + duration
        if until > pausedUntil { pausedUntil = until }
    }

    private static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    private static func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}
