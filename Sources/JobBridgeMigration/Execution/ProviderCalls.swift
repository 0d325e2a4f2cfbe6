import JobBridge

/// One provider as the engine calls it: paced by a token bucket (fixed, learning from the
/// server's `429`s, or none), and with the engine's re-send rule for failures that
/// certainly did not act.
struct ProviderCalls: Sendable {
    let provider: any JobProvider
    let bucket: TokenBucket?
    let retry: RetryPolicy
    let clock: any Clock<Duration>

    init(_ provider: any JobProvider, options: ExecutionOptions) {
        self.provider = provider
        if options.adaptsToRateLimits {
            self.bucket = TokenBucket(
                adaptingFrom: options.operationsPerSecond, burst: options.burst, clock: options.clock)
        } else {
            self.bucket = options.operationsPerSecond.map {
                TokenBucket(rate: $0, burst: options.burst, clock: options.clock)
            }
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
            let grant = try await bucket?.start()
            do {
                let value = try await operation(provider)
                if let grant { await bucket?.finished(grant) }
                return value
            } catch let error as JobBridgeError where error.outcome == .notSent && error.isRetryable {
                if let grant { await bucket?.finished(grant) }
                let delay = error.retryAfter ?? retry.backoff(retry: attempt - 1)
                guard attempt < retry.maxAttempts, waited + delay <= retry.maxTotalTime else { throw error }
                waited += delay
                if let retryAfter = error.retryAfter, let bucket, let grant {
                    await bucket.throttled(grant, retryAfter: retryAfter)
                } else if delay > .zero {
                    try await Self.sleep(on: clock, for: delay)
                }
            } catch {
                if let grant { await bucket?.finished(grant) }
                throw error
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
