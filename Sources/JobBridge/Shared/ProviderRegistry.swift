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

    /// Lists every job of every provider, all providers at once.
    ///
    /// A provider that fails does not fail the listing: its error is reported in
    /// ``AggregatedListing/failures`` beside the other providers' jobs. Jobs come in
    /// registration order of their providers, each provider's in its own order.
    public func listAllJobs() async -> AggregatedListing {
        let results = await withTaskGroup(of: (Int, Result<[Job], any Error>).self) { group in
            for (index, provider) in providers.enumerated() {
                group.addTask {
                    do {
                        return (index, .success(try await provider.jobs().collect()))
                    } catch {
                        return (index, .failure(error))
                    }
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

/// What ``ProviderRegistry/listAllJobs()`` found: every job it could list, and every
/// provider it could not.
public struct AggregatedListing: Sendable {
    /// The jobs, by provider in registration order.
    public var jobs: [ProviderJob]
    /// The providers that failed.
    public var failures: [ProviderFailure]
}
