import Foundation
import JobBridge

extension SyncProvider {
    /// What a failed attempt says about whether the request took effect.
    enum Disposition {
        /// The server refused without acting (`429`): wait as asked and send again.
        case notApplied
        /// It may have acted (no answer, a 5xx, an unreadable 2xx): check before sending again.
        case ambiguous
        /// It answered definitely (`400`, `404`, `409`, …): the error is the result.
        case final
    }

    /// How an error of a non-idempotent request is handled.
    static func disposition(of error: JobBridgeError) -> Disposition {
        switch error.code {
        case .rateLimited: return .notApplied
        case .transport, .serviceUnavailable, .serverError: return .ambiguous
        case .badResponse where (200..<300).contains(error.httpStatus ?? 0): return .ambiguous
        default: return .final
        }
    }

    /// Sends a request that must not take effect twice (a create, an execute, a task
    /// added…): after an ambiguous failure `check` reads whether it took effect and
    /// returns the result if it did; only if it did not is the request sent again.
    ///
    /// At most ``RetryPolicy/maxAttempts`` attempts of the client's policy, with its
    /// backoff (or the server's `Retry-After`) between them, on the client's clock; as in
    /// ``RESTClient``, no wait is started that would end more than
    /// ``RetryPolicy/maxTotalTime`` after the first attempt. When attempts or time run
    /// out, or `check` itself fails, the attempt's error is thrown.
    func recovering<T: Sendable>(
        _ operation: JobOperation, attempt: () async throws -> T, check: () async throws -> T?
    ) async throws -> T {
        try await recovering(operation, on: client.rest.clock, attempt: attempt, check: check)
    }

    private func recovering<T: Sendable, C: Clock<Duration>>(
        _ operation: JobOperation, on clock: C, attempt: () async throws -> T, check: () async throws -> T?
    ) async throws -> T {
        let policy = client.rest.retry
        let start = clock.now
        var failures = 0
        while true {
            let failure: JobBridgeError
            do {
                return try await attempt()
            } catch let error as JobBridgeError {
                failure = error.context(provider: descriptor.name, operation: operation)
            }
            failures += 1
            let delay: Duration
            switch Self.disposition(of: failure) {
            case .final:
                throw failure
            case .notApplied:
                delay = failure.retryAfter ?? policy.backoff(retry: failures - 1)
            case .ambiguous:
                let found: T?
                do {
                    found = try await check()
                } catch {
                    throw failure
                }
                if let found { return found }
                delay = policy.backoff(retry: failures - 1)
            }
            guard failures < policy.maxAttempts, start.duration(to: clock.now) + delay <= policy.maxTotalTime else {
                throw failure
            }
            if delay > .zero { try await clock.sleep(for: delay) }
        }
    }

    /// `()` if `read` throws ``JobBridgeError/Code/notFound``, `nil` if it succeeds (the
    /// thing still exists); other errors are thrown.
    func isGone(_ read: () async throws -> Void) async throws -> Void? {
        do {
            try await read()
            return nil
        } catch let error as JobBridgeError where error.code == .notFound {
            return ()
        }
    }
}
