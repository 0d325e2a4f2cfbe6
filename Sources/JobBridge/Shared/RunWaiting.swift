import Foundation

/// The default pace of ``JobProvider/waitForCompletion(of:pollInterval:timeout:clock:)``:
/// the first read again after ``firstPollInterval``, each pause half as long again as the
/// one before, up to ``maximumPollInterval``.
///
/// A two-second run is seen finished about 2.4 s after it was asked for (polls at 0, 0.5,
/// 1.25 and 2.4 s), not after a full 5 s; a run of an hour costs about 725 reads (one
/// every 5 s once the pace has grown, after some 15 s).
public enum RunPolling {
    /// The pause before the second read of a run: half a second.
    public static let firstPollInterval: Duration = .milliseconds(500)
    /// The longest pause between two reads: five seconds.
    public static let maximumPollInterval: Duration = .seconds(5)

    /// The pause after `interval`: half as long again, at most ``maximumPollInterval``.
    static func grown(_ interval: Duration) -> Duration {
        min(interval + interval / 2, maximumPollInterval)
    }
}

extension JobProvider {
    /// Waits until a run has finished and returns it as last read.
    ///
    /// Reads the run at once, then again after each pause: by run id with ``run(_:of:)``
    /// when the run has an id and the provider supports ``JobOperation/getRun``, else with
    /// ``status(of:)``. When runs have no ids, a finished status counts only if it started
    /// no earlier than the run was requested, so that the previous run's result is never
    /// taken for this one.
    ///
    /// A read that fails with an error that may pass (``JobBridgeError/isRetryable``) or
    /// with an answer that could not be read (``JobBridgeError/Code/badResponse``) does not
    /// end the wait: the run is read again, until the timeout. Any other error (not found,
    /// unauthorized...) ends it at once.
    ///
    /// - Parameters:
    ///   - run: The run to wait for, as ``runJob(_:tasks:)`` returned it.
    ///   - pollInterval: A fixed time between two reads (at least 1 ms); `nil` (the default) starts at
    ///     ``RunPolling/firstPollInterval`` (0.5 s) and grows by half each read up to
    ///     ``RunPolling/maximumPollInterval`` (5 s), so that short runs are seen finished soon
    ///     and long ones are not read too often.
    ///   - timeout: The longest time to wait.
    ///   - clock: The clock to sleep on (a test passes a simulated one).
    /// - Returns: The finished run.
    /// - Throws: ``JobBridgeError/Code/timeout`` saying what was last seen and the last
    ///   error a read met, if any; an error that neither may pass nor is a bad response,
    ///   as it came; `CancellationError` when the waiting task is cancelled.
    public func waitForCompletion(
        of run: JobRun,
        pollInterval: Duration? = nil,
        timeout: Duration = .seconds(3600),
        clock: any Clock<Duration> = ContinuousClock()
    ) async throws -> JobRun {
        try await waitForCompletion(of: run, pollInterval: pollInterval, timeout: timeout, on: clock)
    }

    private func waitForCompletion<C: Clock<Duration>>(
        of run: JobRun, pollInterval: Duration?, timeout: Duration, on clock: C
    ) async throws -> JobRun {
        let deadline = clock.now.advanced(by: timeout)
        let byID = run.runID != nil && descriptor.capabilities.supports(.getRun)
        var lastSeen = run
        var lastError: JobBridgeError?
        var failedReads = 0
        var reads = 0
        var interval = pollInterval.map { max($0, .milliseconds(1)) } ?? RunPolling.firstPollInterval
        while true {
            reads += 1
            do {
                let current: JobRun?
                if byID, let runID = run.runID {
                    current = try await self.run(runID, of: run.jobID)
                } else {
                    current = try await status(of: run.jobID)
                }
                if let current, Self.isSameRun(current, as: run) {
                    lastSeen = current
                    if current.status.isFinished { return current }
                }
            } catch let error as JobBridgeError where error.isRetryable || error.code == .badResponse {
                lastError = error
                failedReads += 1
            }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                var message = "run of job \(run.jobID) did not finish within \(timeout); last seen: \(lastSeen.status)"
                if let started = lastSeen.startedAt { message += ", started \(started)" }
                if let lastError {
                    message +=
                        "; \(failedReads) of \(reads) reads failed, the last error seen: \(lastError.code): "
                        + ResponseText.truncate(lastError.message, limit: 300)
                }
                throw JobBridgeError(
                    .timeout, message, provider: descriptor.name, operation: byID ? .getRun : .status)
            }
            try await clock.sleep(for: min(interval, remaining))
            if pollInterval == nil { interval = RunPolling.grown(interval) }
        }
    }

    /// Whether a run read back is the run that was asked for.
    private static func isSameRun(_ current: JobRun, as run: JobRun) -> Bool {
        if let expected = run.runID, let actual = current.runID { return expected == actual }
        if let requested = run.requestedAt, let started = current.startedAt ?? current.requestedAt {
            return started >= requested
        }
        return true
    }
}
