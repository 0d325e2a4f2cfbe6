import Foundation
import JobBridge

/// How the engine runs a plan: concurrency, pacing, retries, clock, journal and lock.
///
/// Not part of the plan: the same plan may be applied with other execution options.
public struct ExecutionOptions: Sendable {
    /// The documented default of ``concurrency``.
    public static let defaultConcurrency = 4

    /// The most jobs in flight at once, hence the most calls in flight on each provider
    /// (every job's calls are sequential). Default ``defaultConcurrency`` (4).
    public var concurrency: Int
    /// The most operations per second started on each provider, when set (a token bucket
    /// per provider); `nil` (the default) paces by ``concurrency`` alone.
    public var operationsPerSecond: Double?
    /// The token bucket's burst.
    public var burst: Int
    /// How the engine re-sends an operation that certainly did not act (`429`, `503`, a
    /// refused connection) once the adapter's own retries gave up: the policy's attempts
    /// and backoff, and the server's `Retry-After`, which also pauses every other operation
    /// on that provider. A write that may have acted is never re-sent blindly: the engine
    /// looks the target up first.
    public var retry: RetryPolicy
    /// The clock every wait is slept on (a `SimulatedClock` in tests).
    public var clock: any Clock<Duration>
    /// The wall clock journal records and leases are stamped with.
    public var now: @Sendable () -> Date
    /// How long the journal's lease lasts without a heartbeat.
    public var lease: Duration
    /// Whether an expired lease (`LOCK_STALE`) may be broken. A running lease never is.
    public var breakLock: Bool
    /// Whether each journal record is flushed to disk before the engine goes on (default).
    public var synchronizesJournal: Bool
    /// Called before each journal record is written (fault injection in tests); `nil` in production.
    public var journalHook: (@Sendable (JournalRecord) throws -> Void)?
    /// The longest cutover waits for a running source run to end (`CUTOVER_DRAIN_TIMEOUT`).
    public var drainTimeout: Duration
    /// How often cutover reads the source's run while it waits.
    public var drainPollInterval: Duration
    /// How the event stream buffers events nobody has read yet.
    public var eventBuffering: AsyncStream<MigrationEvent>.Continuation.BufferingPolicy

    /// Creates options; every parameter has the documented default.
    public init(
        concurrency: Int = ExecutionOptions.defaultConcurrency, operationsPerSecond: Double? = nil, burst: Int = 1,
        retry: RetryPolicy = .default, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, lease: Duration = .seconds(120), breakLock: Bool = false,
        synchronizesJournal: Bool = true, journalHook: (@Sendable (JournalRecord) throws -> Void)? = nil,
        drainTimeout: Duration = .seconds(900), drainPollInterval: Duration = .seconds(10),
        eventBuffering: AsyncStream<MigrationEvent>.Continuation.BufferingPolicy = .unbounded
    ) {
        self.concurrency = max(1, concurrency)
        self.operationsPerSecond = operationsPerSecond
        self.burst = burst
        self.retry = retry
        self.clock = clock
        self.now = now
        self.lease = lease
        self.breakLock = breakLock
        self.synchronizesJournal = synchronizesJournal
        self.journalHook = journalHook
        self.drainTimeout = drainTimeout
        self.drainPollInterval = drainPollInterval
        self.eventBuffering = eventBuffering
    }
}
