import JobBridge

/// A token bucket on an injected clock: at most ``currentRate`` operations per second on
/// average, with bursts of up to ``burst``.
///
/// ``take()`` reserves the next token and sleeps until it is due, so concurrent callers
/// are spaced out in the order they asked. A server's `Retry-After` pauses the whole
/// bucket (``pause(for:)``): no caller starts another operation on that provider before
/// the time the server asked for.
///
/// While it paces, ``start()`` also keeps no more operations in flight than the rate
/// needs (Little's law: the rate times the operations' mean duration, at least one;
/// callers report the end with ``finished(_:)``), so an operation is sent at its slot and
/// not bunched with later ones, on a real clock as on a simulated one.
///
/// An adaptive bucket (``init(adaptingFrom:burst:clock:)``) also learns the server's limit:
/// when an operation is refused (``throttled(_:retryAfter:)``), its rate drops to what the
/// server accepted in the second before that refusal, and after each quiet
/// ``probeInterval`` it rises by ``probeStep`` to find out whether the limit went up.
public actor TokenBucket {
    /// The configured operations per second: the fixed rate, or an adaptive bucket's
    /// ceiling (`infinity` when none was configured).
    public nonisolated let rate: Double
    /// The most operations that may start at once after a quiet spell.
    public nonisolated let burst: Double
    /// Whether the bucket learns the rate from refusals.
    public nonisolated let adapts: Bool
    /// How long the bucket runs without a refusal before it probes a higher rate.
    public nonisolated let probeInterval: Duration = .seconds(30)
    /// The fraction the rate rises by at each probe.
    public nonisolated let probeStep = 0.05
    /// The operations per second the bucket paces at now; `nil` while an adaptive bucket
    /// has met no limit yet (only pauses hold callers then).
    public private(set) var currentRate: Double?
    private let clock: any Clock<Duration>
    private let elapsed: @Sendable () -> Duration
    /// When the next operation is due at the current rate, a burst aside.
    private var nextDue: Duration = .zero
    private var pausedUntil: Duration = .zero
    private var grants = GrantLog(capacity: 1024)
    private var lastChange: Duration = .zero
    /// The grant a rate was learned at: later refusals of grants before it correct that rate.
    private var learnedAt: Grant?
    private var learnedAccepted = 0
    /// When the pause of the last learned refusal ends: refusals of grants due before it
    /// belong to the same spell.
    private var episodeEnd: Duration = .zero
    private var inFlight = 0
    private var meanDuration: Duration = .zero
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var waitingHead = 0

    /// Creates a bucket of `burst` tokens refilled at a fixed `rate` per second.
    public init(rate: Double, burst: Int = 1, clock: any Clock<Duration> = ContinuousClock()) {
        self.init(rate: max(rate, 0.001), burst: burst, adapts: false, clock: clock)
    }

    /// Creates a bucket that learns the server's rate from its refusals, never going above
    /// `ceiling` operations per second when one is given (`nil`: no pacing until the first
    /// refusal).
    public init(adaptingFrom ceiling: Double?, burst: Int = 1, clock: any Clock<Duration> = ContinuousClock()) {
        self.init(rate: ceiling.map { max($0, 0.001) } ?? .infinity, burst: burst, adapts: true, clock: clock)
    }

    private init(rate: Double, burst: Int, adapts: Bool, clock: any Clock<Duration>) {
        self.rate = rate
        self.burst = Double(max(burst, 1))
        self.adapts = adapts
        self.clock = clock
        self.elapsed = Self.stopwatch(clock)
        self.currentRate = rate.isFinite ? rate : nil
    }

    /// Waits until an operation may start; returns the grant, to hand back to
    /// ``throttled(_:retryAfter:)`` if the server refuses that operation.
    @discardableResult
    public func take() async throws -> Grant {
        try await reserve()
    }

    /// Waits until an operation may start and counts it in flight until ``finished(_:)``:
    /// while the bucket paces, no more operations are in flight than the rate needs (at
    /// least ``burst``), so each is sent at its slot rather than bunched with later ones.
    public func start() async throws -> Grant {
        while let pace = currentRate, inFlight >= max(Int(burst), Self.needed(pace: pace, meanDuration: meanDuration)) {
            await withCheckedContinuation { waiting.append($0) }
        }
        inFlight += 1
        do {
            return try await reserve()
        } catch {
            inFlight -= 1
            wakeNext()
            throw error
        }
    }

    /// Reserves the next slot (GCRA: each operation is due one interval after the one
    /// before, up to ``burst`` at once after a quiet spell, none before a pause ends) and
    /// sleeps until it.
    private func reserve() async throws -> Grant {
        let now = elapsed()
        probe(at: now)
        var due = max(now, pausedUntil)
        if let pace = currentRate {
            let interval = Duration.nanoseconds(Int64((1e9 / pace).rounded(.up)))
            due = max(due, nextDue - interval * (Int(burst) - 1))
            nextDue = max(nextDue, due) + interval
        }
        let grant = grants.append(at: due)
        if due > now { try await Self.sleep(on: clock, for: due - now) }
        return grant
    }

    /// Notes that the operation ``start()`` granted ended (answered, refused or failed),
    /// letting the next caller in.
    public func finished(_ grant: Grant) {
        inFlight = max(0, inFlight - 1)
        let duration = max(.zero, elapsed() - grant.time)
        meanDuration = (meanDuration * 7 + duration) / 8
        wakeNext()
    }

    private func wakeNext() {
        if waitingHead < waiting.count {
            waiting[waitingHead].resume()
            waitingHead += 1
            if waitingHead == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                waitingHead = 0
            }
        }
    }

    /// The operations in flight that `pace` per second needs when each lasts `meanDuration`.
    static func needed(pace: Double, meanDuration: Duration) -> Int {
        let product = pace * meanDuration.inSeconds
        return product.isFinite ? max(1, Int(product.rounded(.up))) : 1
    }

    /// Lets no operation start for `duration` (a server's `Retry-After`).
    public func pause(for duration: Duration) {
        let until = elapsed() + duration
        if until > pausedUntil { pausedUntil = until }
    }

    /// Notes that the server refused the operation started with `grant` (`429` and its
    /// `Retry-After`): pauses the bucket and, if it adapts, learns the rate from the
    /// operations granted in the second before `grant`, less those refused.
    public func throttled(_ grant: Grant, retryAfter: Duration) {
        let episode = grant.time < episodeEnd
        pause(for: retryAfter)
        guard adapts else { return }
        grants.markRefused(grant)
        if episode, let learned = learnedAt {
            // Another refusal of the same spell: if the estimate counted it as accepted, correct it.
            if grant.sequence < learned.sequence, grant.time > learned.time - .seconds(1), learnedAccepted > 1 {
                learnedAccepted -= 1
                setRate(Double(learnedAccepted))
            }
            return
        }
        learnedAccepted = max(1, grants.count(before: grant, within: .seconds(1)))
        learnedAt = grant
        episodeEnd = pausedUntil
        setRate(Double(learnedAccepted))
    }

    private func setRate(_ learned: Double) {
        currentRate = min(rate, max(learned, 0.001))
        lastChange = elapsed()
    }

    /// Raises the rate by ``probeStep`` after a quiet ``probeInterval``, up to ``rate``.
    private func probe(at now: Duration) {
        guard adapts, let pace = currentRate, pace < rate, now - lastChange >= probeInterval else { return }
        currentRate = min(rate, pace * (1 + probeStep))
        lastChange = now
    }

    private static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }

    private static func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}

extension TokenBucket {
    /// One operation's permission to start: its place in the order of grants and the time
    /// it was due.
    public struct Grant: Sendable, Hashable {
        /// The grant's place among the bucket's grants (0 for the first).
        public let sequence: Int
        /// When the operation was due, on the bucket's clock (time since its creation).
        public let time: Duration
    }
}

/// The latest grants of a bucket (a bounded ring), for learning what a server accepted.
struct GrantLog {
    private var ring: [(grant: TokenBucket.Grant, refused: Bool)] = []
    private var next = 0
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(capacity, 1) }

    /// Records a grant due at `time`.
    mutating func append(at time: Duration) -> TokenBucket.Grant {
        let grant = TokenBucket.Grant(sequence: next, time: time)
        if ring.count < capacity { ring.append((grant, false)) } else { ring[next % capacity] = (grant, false) }
        next += 1
        return grant
    }

    /// Marks a recorded grant refused.
    mutating func markRefused(_ grant: TokenBucket.Grant) {
        let index = grant.sequence % capacity
        if index < ring.count, ring[index].grant == grant { ring[index].refused = true }
    }

    /// How many grants before `grant`, due less than `window` before it, were not refused.
    func count(before grant: TokenBucket.Grant, within window: Duration) -> Int {
        ring.reduce(0) { total, entry in
            let counted =
                entry.grant.sequence < grant.sequence && entry.grant.time > grant.time - window && !entry.refused
            return total + (counted ? 1 : 0)
        }
    }
}
