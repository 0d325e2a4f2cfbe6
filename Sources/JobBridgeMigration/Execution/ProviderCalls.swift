import JobBridge

/// One provider as the engine calls it: paced by an optional token bucket, and with the
/// engine's re-send rule for failures that certainly did not act.
struct ProviderCalls: Sendable {
    let provider: any JobProvider
    let bucket: TokenBucket?
    let retry: RetryPolicy
    let clock: any Clock<Duration>

    init(_ provider: any JobProvider, options: ExecutionOptions) {
        self.provider = provider
        self.bucket = options.operationsPerSecond.map {
            TokenBucket(rate: $0, burst: options.burst, clock: options.clock)
        }
        self.retry = options.retry
        self.clock = options.clock
    }

    var name: String { provider.descriptor.name }

    /// Runs one operation. A failure whose outcome is ``RequestOutcome/notSent`` and that
    /// may succeed later (rate limited, unavailable, not connected) is sent again after the
    /// server's `Retry-After` (which pauses the whole provider) or the policy's backoff,
    /// within the policy's attempts and total time. Anything else is thrown as it is.
    func call<Value: Sendable>(_ operation: @Sendable (any JobProvider) async throws -> Value) async throws -> Value {
        var attempt = 0
        var waited: Duration = .zero
        while true {
            attempt += 1
            try await bucket?.take()
            do {
                return try await operation(provider)
            } catch let error as JobBridgeError where error.outcome == .notSent && error.isRetryable {
                let delay = error.retryAfter ?? retry.backoff(retry: attempt - 1)
                guard attempt < retry.maxAttempts, waited + delay <= retry.maxTotalTime else { throw error }
                waited += delay
                if let retryAfter = error.retryAfter, let bucket {
                    await bucket.pause(for: retryAfter)
                } else if delay > .zero {
                    try await Self.sleep(on: clock, for: delay)
                }
            }
        }
    }

    /// Every job on the provider (one listing, paced like one operation per page).
    func allJobs() async throws -> [Job] {
        try await call { provider in
            var jobs: [Job] = []
            for try await job in provider.jobs() { jobs.append(job) }
            return jobs
        }
    }

    /// Whether the provider declares an operation.
    func supports(_ operation: JobOperation) -> Bool { provider.descriptor.capabilities.supports(operation) }

    /// Whether the provider can turn a job's schedule off: it says so in its migration
    /// traits and declares an update that sets `isEnabled`.
    var canDisable: Bool {
        provider.descriptor.migration.canDisableSource && supports(.updateJob)
            && provider.descriptor.fields.updatable.contains(.isEnabled)
    }

    private static func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}
