/// What a check found after a write whose request may have acted (see
/// ``WriteRecovery/perform(_:provider:checking:send:check:)``).
public enum WriteCheck<Value: Sendable>: Sendable {
    /// The write took effect; this is its result (the job created, the run started…).
    case tookEffect(Value)
    /// The write certainly did not take effect: sending it again is safe.
    case didNotTakeEffect
    /// The check could not tell; the reason says why (a run that may still be queued…).
    case unknown(String)
}

/// The core's one rule for "did my write happen?".
///
/// A write (a create, a run, a cancel, a delete) is never blindly repeated and never
/// reported failed once it took effect. ``perform(_:provider:checking:send:check:)``
/// sends it and, when it fails, decides by the error's ``JobBridgeError/outcome``:
/// - ``RequestOutcome/answered``: the server said no; that is the result.
/// - ``RequestOutcome/notSent``: the server did not act; the write is sent again after
///   the wait the server asked for (`Retry-After`) or the policy's backoff.
/// - ``RequestOutcome/maybeActed``: the adapter's `check` reads whether it took effect.
///   If it did, its result is returned as a success. If it certainly did not, the write
///   is sent again. If the check cannot tell (or fails), the error thrown is
///   ``JobBridgeError/Code/outcomeUncertain`` and names what to check.
///
/// Attempts and waits follow a ``RetryPolicy`` (at most ``RetryPolicy/maxAttempts``
/// sends, no wait that would end after ``RetryPolicy/maxTotalTime``) on an injected clock.
/// Nothing is read when nothing fails: safety costs no request.
public struct WriteRecovery: Sendable {
    /// How many times and how long apart a write is sent.
    public var retry: RetryPolicy
    /// The clock waits are slept on (a `SimulatedClock` from `JobBridgeTesting` in tests).
    public var clock: any Clock<Duration>

    /// Creates the rule with a retry policy and a clock.
    public init(retry: RetryPolicy = .default, clock: any Clock<Duration> = ContinuousClock()) {
        self.retry = retry
        self.clock = clock
    }

    /// Sends a write, recovering from failures as the type's documentation says.
    ///
    /// - Parameters:
    ///   - operation: The operation the caller invoked; errors are stamped with it.
    ///   - provider: The provider instance's name; errors are stamped with it.
    ///   - subject: What to check by hand when the outcome stays unknown, such as
    ///     `"the jobs named 'Accounts' in workspace default"`.
    ///   - send: Sends the write once (a client call that is not retried by itself).
    ///   - check: Reads whether the write took effect, after a failure that may have acted.
    /// - Returns: The write's result, or the check's when it found the write took effect.
    public func perform<Value: Sendable>(
        _ operation: JobOperation, provider: String, checking subject: String,
        send: () async throws -> Value, check: () async throws -> WriteCheck<Value>
    ) async throws -> Value {
        try await perform(operation, provider: provider, subject: subject, send: send, check: check, on: clock)
    }

    private func perform<Value: Sendable, C: Clock<Duration>>(
        _ operation: JobOperation, provider: String, subject: String,
        send: () async throws -> Value, check: () async throws -> WriteCheck<Value>, on clock: C
    ) async throws -> Value {
        let start = clock.now
        var sends = 0
        // Whether an earlier send may have acted: then a later failure cannot say the
        // write did not happen, and a final error must not claim it.
        var mayHaveActed = false
        while true {
            sends += 1
            let failure: JobBridgeError
            do {
                return try await send()
            } catch let error as JobBridgeError {
                failure = error.stamped(provider: provider, operation: operation)
            }
            var delay: Duration
            switch failure.outcome {
            case .answered:
                if mayHaveActed, case .tookEffect(let value)? = try? await check() { return value }
                throw failure
            case .notSent:
                delay = failure.retryAfter ?? retry.backoff(retry: sends - 1)
            case .maybeActed:
                mayHaveActed = true
                let found: WriteCheck<Value>
                do {
                    found = try await check()
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    throw uncertain(failure, subject: subject, reason: "checking failed: \(Self.summary(error))")
                }
                switch found {
                case .tookEffect(let value): return value
                case .unknown(let reason): throw uncertain(failure, subject: subject, reason: reason)
                case .didNotTakeEffect: delay = retry.backoff(retry: sends - 1)
                }
            }
            guard sends < retry.maxAttempts, start.duration(to: clock.now) + delay <= retry.maxTotalTime else {
                if mayHaveActed, failure.outcome != .maybeActed {
                    throw uncertain(failure, subject: subject, reason: "an earlier attempt may have acted")
                }
                var last = failure
                if failure.outcome == .maybeActed {
                    // Checked just now: it did not take effect, so trying later is safe.
                    last.outcome = .notSent
                    last.message += " (checked: it did not take effect, so trying again is safe)"
                }
                throw last
            }
            if delay > .zero { try await clock.sleep(for: delay) }
        }
    }

    /// Reads something after a write took effect, trying a few times; `nil` when every
    /// try failed. A write that happened is never reported failed because a read after
    /// it failed: the caller returns what it knows instead.
    public func readAfterWrite<Value: Sendable>(
        attempts: Int = 3, _ read: () async throws -> Value
    ) async throws -> Value? {
        try await readAfterWrite(attempts: attempts, read, on: clock)
    }

    private func readAfterWrite<Value: Sendable, C: Clock<Duration>>(
        attempts: Int, _ read: () async throws -> Value, on clock: C
    ) async throws -> Value? {
        for attempt in 0..<max(1, attempts) {
            do {
                return try await read()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard attempt + 1 < attempts else { return nil }
                let delay = retry.backoff(retry: attempt)
                if delay > .zero { try await clock.sleep(for: delay) }
            }
        }
        return nil
    }

    private func uncertain(_ failure: JobBridgeError, subject: String, reason: String) -> JobBridgeError {
        var error = failure
        error.code = .outcomeUncertain
        error.outcome = .maybeActed
        error.message =
            "\(failure.operation?.rawValue ?? "the write") may or may not have taken effect (\(failure.message)); "
            + "\(reason); check \(subject) before trying again"
        return error
    }

    private static func summary(_ error: any Error) -> String {
        if let error = error as? JobBridgeError { return "\(error.code): \(error.message)" }
        return String(describing: type(of: error))
    }
}

extension RESTClient {
    /// The core's rule for writes with this client's retry policy and clock.
    public var writeRecovery: WriteRecovery { WriteRecovery(retry: retry, clock: clock) }
}

extension WriteCheck where Value == Void {
    /// The check of a delete: ``tookEffect(_:)`` when `read` throws
    /// ``JobBridgeError/Code/notFound`` (the thing is gone), ``didNotTakeEffect`` when the
    /// read succeeds (it is still there); any other error is thrown.
    public static func gone(_ read: () async throws -> Void) async throws -> WriteCheck<Void> {
        do {
            try await read()
            return .didNotTakeEffect
        } catch let error as JobBridgeError where error.code == .notFound {
            return .tookEffect(())
        }
    }
}
