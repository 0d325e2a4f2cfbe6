import Foundation

/// A set of providers an app works with, listed together.
///
/// ```swift
/// let registry = ProviderRegistry([sync, connect, nx1])
/// let listing = await registry.listAllJobs()
/// for entry in listing.jobs { print(entry.provider, entry.job.name) }
/// for failure in listing.failures { print(failure) }
/// ```
public struct ProviderRegistry: Sendable {
    /// The registered providers, in registration order.
    public private(set) var providers: [any JobProvider]

    /// Creates a registry of the given providers.
    public init(_ providers: [any JobProvider] = []) {
        self.providers = providers
    }

    /// Adds a provider.
    public mutating func register(_ provider: any JobProvider) {
        providers.append(provider)
    }

    /// The provider with this name, if one is registered.
    public func provider(named name: String) -> (any JobProvider)? {
        providers.first { $0.descriptor.name == name }
    }

    /// How long ``listAllJobs(timeout:clock:)`` gives each provider by default to list all
    /// its jobs, every page: 30 seconds.
    public static let defaultListingTimeout: Duration = .seconds(30)

    /// Lists every job of every provider, all providers at once, each within `timeout`.
    ///
    /// A provider that fails does not fail the listing: its error is reported in
    /// ``AggregatedListing/failures`` beside the other providers' jobs. So is a provider
    /// that has not listed every page within `timeout` (measured on `clock` from the
    /// start): it is reported with ``JobBridgeError/Code/timeout`` naming it, and its
    /// listing is cancelled and not waited for, so one provider that hangs (even one that
    /// ignores cancellation) holds the listing up for `timeout` at most. Jobs come in
    /// registration order of their providers, each provider's in its own order.
    ///
    /// - Parameters:
    ///   - timeout: The longest time one provider may take; by default
    ///     ``defaultListingTimeout`` (30 s).
    ///   - clock: The clock the time limit is measured on. A test passes one it controls,
    ///     whose sleeps wait until it is advanced: on a `SimulatedClock`, whose sleeps
    ///     return at once, every provider still listing would be out of time at once.
    public func listAllJobs(
        timeout: Duration = ProviderRegistry.defaultListingTimeout, clock: any Clock<Duration> = ContinuousClock()
    ) async -> AggregatedListing {
        await listAllJobs(timeout: timeout, on: clock)
    }

    private func listAllJobs<C: Clock<Duration>>(timeout: Duration, on clock: C) async -> AggregatedListing {
        let results = await withTaskGroup(of: (Int, Result<[Job], any Error>).self) { group in
            for (index, provider) in providers.enumerated() {
                group.addTask {
                    (index, await Self.jobs(of: provider, timeout: timeout, clock: clock))
                }
            }
            var ordered = [Result<[Job], any Error>?](repeating: nil, count: providers.count)
            for await (index, result) in group { ordered[index] = result }
            return ordered
        }
        var listing = AggregatedListing(jobs: [], failures: [])
        for (provider, result) in zip(providers, results) {
            let name = provider.descriptor.name
            switch result {
            case .success(let jobs)?:
                listing.jobs += jobs.map { ProviderJob(provider: name, job: $0) }
            case .failure(let error)?:
                listing.failures.append(ProviderFailure(provider: name, error: error))
            case nil:
                // Every task of the group reports once; an index never reported cannot
                // happen, but is reported rather than dropped if it ever does.
                listing.failures.append(
                    ProviderFailure(provider: name, error: JobBridgeError(.transport, "listing did not report")))
            }
        }
        return listing
    }

    /// Every job of one provider, or the error it failed with, or a timeout error once
    /// `timeout` has passed on `clock`; whichever comes first. The loser is cancelled and
    /// not waited for (a listing that ignores cancellation finishes on its own).
    private static func jobs<C: Clock<Duration>>(
        of provider: any JobProvider, timeout: Duration, clock: C
    ) async -> Result<[Job], any Error> {
        let name = provider.descriptor.name
        let race = FirstResult<Result<[Job], any Error>>()
        race.add(
            Task {
                do {
                    race.finish(with: .success(try await provider.jobs().collect()))
                } catch {
                    race.finish(with: .failure(error))
                }
            })
        race.add(
            Task {
                do { try await clock.sleep(for: timeout) } catch { return }
                race.finish(
                    with: .failure(
                        JobBridgeError(
                            .timeout, "\(name) did not list its jobs within \(timeout); its listing was cancelled",
                            provider: name, operation: .listJobs)))
            })
        return await withTaskCancellationHandler {
            await race.value()
        } onCancel: {
            race.finish(with: .failure(CancellationError()))
        }
    }
}

/// The first of several results to arrive; the tasks that produce them are cancelled once
/// one has. Thread-safe: every state change happens under `lock`.
private final class FirstResult<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Value?
    private var isDone = false
    private var waiter: CheckedContinuation<Value, Never>?
    private var contenders: [Task<Void, Never>] = []

    /// Adds a task that may finish first; it is cancelled at once if a result is in.
    func add(_ task: Task<Void, Never>) {
        let cancelNow = lock.withLock { () -> Bool in
            if !isDone { contenders.append(task) }
            return isDone
        }
        if cancelNow { task.cancel() }
    }

    /// Sets the result if none is set yet, resumes the waiter, and cancels the contenders.
    func finish(with value: Value) {
        let (waiter, contenders) = lock.withLock { () -> (CheckedContinuation<Value, Never>?, [Task<Void, Never>]) in
            guard !isDone else { return (nil, []) }
            isDone = true
            result = value
            defer {
                self.waiter = nil
                self.contenders = []
            }
            return (self.waiter, self.contenders)
        }
        waiter?.resume(returning: value)
        for task in contenders { task.cancel() }
    }

    /// The result, once there is one.
    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = lock.withLock { () -> Value? in
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// A job and the provider it lives on.
public struct ProviderJob: Hashable, Sendable {
    /// The provider's name (``ProviderDescriptor/name``).
    public var provider: String
    /// The job.
    public var job: Job

    /// Pairs a job with its provider.
    public init(provider: String, job: Job) {
        self.provider = provider
        self.job = job
    }
}

/// A provider whose listing failed, and why.
public struct ProviderFailure: Error, CustomStringConvertible {
    /// The provider's name.
    public var provider: String
    /// What went wrong.
    public var error: any Error

    /// Creates a failure report.
    public init(provider: String, error: any Error) {
        self.provider = provider
        self.error = error
    }

    /// The provider's name and the error.
    public var description: String { "\(provider): \(error)" }
}

/// What ``ProviderRegistry/listAllJobs(timeout:clock:)`` found: every job it could list,
/// and every provider it could not (failed, or out of time).
public struct AggregatedListing: Sendable {
    /// The jobs, by provider in registration order.
    public var jobs: [ProviderJob]
    /// The providers that failed.
    public var failures: [ProviderFailure]
}
