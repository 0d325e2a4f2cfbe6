import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// A clock that moves only when the test advances it; sleepers wait until then (unlike
/// ``SimulatedClock``, whose sleeps return at once), and a cancelled sleeper throws.
private final class ManualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol, Hashable, Sendable {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Int: Sleeper] = [:]
    private var cancelled: Set<Int> = []
    private var calls = 0

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .nanoseconds(1) }
    /// How many sleeps were asked for, and how many still wait.
    var sleeps: (asked: Int, waiting: Int) { lock.withLock { (calls, sleepers.count) } }

    func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = lock.withLock {
            calls += 1
            return calls
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = lock.withLock { () -> Result<Void, any Error>? in
                    if cancelled.contains(id) { return .failure(CancellationError()) }
                    if deadline <= current { return .success(()) }
                    sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = lock.withLock { () -> Sleeper? in
                cancelled.insert(id)
                return sleepers.removeValue(forKey: id)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    func advance(by duration: Duration) {
        let due = lock.withLock { () -> [Sleeper] in
            current = current.advanced(by: duration)
            let due = sleepers.filter { $0.value.deadline <= current }
            for id in due.keys { sleepers.removeValue(forKey: id) }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}

/// Where a listing running in another task leaves its result.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var listing: AggregatedListing?
    var value: AggregatedListing? { lock.withLock { listing } }
    func set(_ value: AggregatedListing) { lock.withLock { listing = value } }
}

/// A provider whose listing never answers until it is cancelled.
private final class HangingProvider: JobProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var wasCancelled = false
    var cancelled: Bool { lock.withLock { wasCancelled } }

    var descriptor: ProviderDescriptor { ProviderDescriptor(name: "Stuck", capabilities: [.listJobs]) }

    func jobs() -> PagedSequence<Job> {
        PagedSequence { _ in
            let (stream, _) = AsyncStream<Never>.makeStream()
            for await _ in stream {}  // ends only when the task is cancelled
            self.lock.withLock { self.wasCancelled = true }
            throw CancellationError()
        }
    }
}

@Suite struct ProviderRegistryTimeoutTests {
    private func provider(_ name: String, jobs: Int) async throws -> InMemoryProvider {
        let provider = InMemoryProvider(configuration: .init(name: name, pageSize: 2))
        for number in 0..<jobs {
            _ = try await provider.createJob(JobDefinition(name: "\(name) \(number)", kind: JobKind(.replication)))
        }
        return provider
    }

    @Test func theDefaultDeadlineIsThirtySeconds() {
        #expect(ProviderRegistry.defaultListingTimeout == .seconds(30))
    }

    @Test func aHangingProviderIsReportedAsTimedOutBesideTheOthers() async throws {
        let clock = ManualClock()
        let hanging = HangingProvider()
        let registry = ProviderRegistry([
            try await provider("A", jobs: 3), hanging, try await provider("B", jobs: 1),
        ])
        let outcome = Outcome()
        let listing = Task { outcome.set(await registry.listAllJobs(timeout: .seconds(30), clock: clock)) }
        defer { listing.cancel() }  // a listing that never ends must not outlive the test
        // Wait (without sleeping) until the three deadlines were set and the two providers
        // that answer have cancelled theirs: only the hanging provider's is left.
        try await until("the listing sets its deadlines: \(clock.sleeps)") { clock.sleeps == (3, 1) }
        clock.advance(by: .seconds(29))
        #expect(clock.sleeps.waiting == 1)
        #expect(outcome.value == nil)
        clock.advance(by: .seconds(1))
        try await until("the listing ends at its deadline") { outcome.value != nil }
        let result = try #require(outcome.value)
        #expect(result.jobs.map(\.job.name) == ["A 0", "A 1", "A 2", "B 0"])
        #expect(result.failures.map(\.provider) == ["Stuck"])
        let error = result.failures.first?.error as? JobBridgeError
        #expect(error?.code == .timeout)
        #expect(error?.provider == "Stuck")
        #expect(error?.operation == .listJobs)
        #expect(error?.message.contains("Stuck did not list its jobs within 30") == true)
        // Its listing was cancelled (it may finish a moment after the result).
        try await until("the hanging listing is cancelled") { hanging.cancelled }
    }

    /// Yields until `condition` holds; fails (rather than hangs) after many yields.
    private func until(_ what: Comment, _ condition: () -> Bool) async throws {
        var yields = 0
        while !condition() {
            try #require(yields < 10_000, what)
            await Task.yield()
            yields += 1
        }
    }

    @Test func providersThatAnswerInTimeAreNotCutShort() async throws {
        let clock = ManualClock()
        let registry = ProviderRegistry([try await provider("A", jobs: 5), try await provider("B", jobs: 2)])
        let result = await registry.listAllJobs(timeout: .seconds(30), clock: clock)
        #expect(result.failures.isEmpty)
        #expect(result.jobs.count == 7)
        #expect(clock.now.offset == .zero)
    }
}
