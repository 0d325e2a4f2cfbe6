import Foundation

extension JobProvider {
    /// Waits until a run has finished and returns it as last read.
    ///
    /// Polls every `pollInterval`: by run id with ``run(_:of:)`` when the run has an id and
    /// the provider supports ``JobOperation/getRun``, else with ``status(of:)``. When runs
    /// have no ids, a finished status counts only if it started no earlier than the run
    /// was requested, so that the previous run's result is never taken for this one.
    /// Errors that may pass (``JobBridgeError/isRetryable``) do not end the wait.
    ///
    /// - Parameters:
    ///   - run: The run to wait for, as ``runJob(_:tasks:)`` returned it.
    ///   - pollInterval: Time between two reads.
    ///   - timeout: The longest time to wait.
    ///   - clock: The clock to sleep on (a test passes a simulated one).
    /// - Returns: The finished run.
    /// - Throws: ``JobBridgeError/Code/timeout`` saying what was last seen; any error that
    ///   is not retryable, as it came.
    public func waitForCompletion(
        of run: JobRun,
        pollInterval: Duration = .seconds(5),
        timeout: Duration = .seconds(3600),
        clock: any Clock<Duration> = ContinuousClock()
    ) async throws -> JobRun {
        try await waitForCompletion(of: run, pollInterval: pollInterval, timeout: timeout, on: clock)
    }

    private func waitForCompletion<C: Clock<Duration>>(
        of run: JobRun, pollInterval: Duration, timeout: Duration, on clock: C
    ) async throws -> JobRun {
        let deadline = clock.now.advanced(by: timeout)
        let byID = run.runID != nil && descriptor.capabilities.supports(.getRun)
        var lastSeen = run
        var lastError: JobBridgeError?
        while true {
            do {
                let current: JobRun?
                if byID, let runID = run.runID {
                    current = try await self.run(runID, of: run.jobID)
                } else {
                    current = try await status(of: run.jobID)
                }
                lastError = nil
                if let current, Self.isSameRun(current, as: run) {
                    lastSeen = current
                    if current.status.isFinished { return current }
                }
            } catch let error as JobBridgeError where error.isRetryable {
                lastError = error
            }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                var message = "run of job \(run.jobID) did not finish within \(timeout); last seen: \(lastSeen.status)"
                if let started = lastSeen.startedAt { message += ", started \(started)" }
                if let lastError { message += "; last poll failed: \(lastError.message)" }
                throw JobBridgeError(
                    .timeout, message, provider: descriptor.name, operation: byID ? .getRun : .status)
            }
            try await clock.sleep(for: min(pollInterval, remaining))
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
