import Foundation

/// When and how long to wait before sending a request again.
///
/// Exponential backoff with full jitter: before retry number `n` (0 for the first retry)
/// the client waits a random time in `0...min(maxDelay, baseDelay · 2ⁿ)`, unless the
/// server said how long with `Retry-After`, which is honoured. Retries stop after
/// ``maxAttempts`` attempts or when the next wait would exceed ``maxTotalTime`` since the
/// first attempt. Only idempotent requests (``HTTPRequest/isIdempotent``) are retried.
public struct RetryPolicy: Sendable {
    /// The most attempts, the first included (default 4). 1 means no retry.
    public var maxAttempts: Int
    /// The cap of the first retry's random delay (default 0.25 s).
    public var baseDelay: Duration
    /// The largest cap of a random delay (default 8 s).
    public var maxDelay: Duration
    /// The most time from the first attempt to the start of the last (default 30 s).
    public var maxTotalTime: Duration
    /// The statuses that are retried (default 408, 429, 500, 502, 503, 504).
    public var retriedStatuses: Set<Int>
    /// Whether a failure without an answer (``JobBridgeError/Code/transport``) is retried.
    public var retriesTransportErrors: Bool
    /// Draws a random number in a range; injectable so that tests are deterministic.
    public var random: @Sendable (ClosedRange<Double>) -> Double
    /// The wall clock, used to read an HTTP-date `Retry-After`; injectable for tests.
    public var now: @Sendable () -> Date

    /// Creates a policy.
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(8),
        maxTotalTime: Duration = .seconds(30),
        retriedStatuses: Set<Int> = [408, 429, 500, 502, 503, 504],
        retriesTransportErrors: Bool = true,
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
        self.retriedStatuses = retriedStatuses
        self.retriesTransportErrors = retriesTransportErrors
        self.random = random
        self.now = now
    }

    /// The default policy: 4 attempts, 0.25 s base, 8 s cap, 30 s in total.
    public static let `default` = RetryPolicy()

    /// A policy that never retries.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The random delay before retry number `retry` (0 for the first retry):
    /// uniform in `0...min(maxDelay, baseDelay · 2^retry)`.
    public func backoff(retry: Int) -> Duration {
        let base = baseDelay.inSeconds
        let cap = min(maxDelay.inSeconds, base * pow(2, Double(min(max(retry, 0), 62))))
        guard cap > 0 else { return .zero }
        let drawn = random(0...cap)
        return .milliseconds(Int64((min(max(drawn, 0), cap) * 1000).rounded()))
    }

    /// Whether a response with this status may be retried (the request being idempotent).
    public func retries(status: Int) -> Bool { retriedStatuses.contains(status) }

    /// The wait a `Retry-After` value asks for: a number of seconds or an HTTP-date
    /// (IMF-fixdate, RFC 850 or asctime form), measured from ``now``. `nil` if unreadable.
    public func retryAfter(_ value: String) -> Duration? {
        Self.parseRetryAfter(value, now: now())
    }

    /// The wait a `Retry-After` value asks for, measured from `now`. A date in the past
    /// gives zero. `nil` if the value is neither a number of seconds nor an HTTP-date.
    public static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingWhitespace()
        if let seconds = Int64(text) { return seconds >= 0 ? .seconds(seconds) : nil }
        let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let interval = max(0, date.timeIntervalSince(now))
                return .milliseconds(Int64((interval * 1000).rounded()))
            }
        }
        return nil
    }
}
