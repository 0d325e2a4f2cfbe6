import JobBridge

/// The errors the execution phases (apply, verify, cutover, rollback) throw when they refuse
/// to run: a ``JobBridgeError`` whose code is the loss code's string (`PLAN_STALE`,
/// `PREFLIGHT_FAILED`, `LOCK_HELD`…), so callers match one error type everywhere.
enum ExecutionErrors {
    /// A refusal with a loss code, one bounded line, naming where when `field` is given.
    static func refusal(_ code: String, _ message: String, field: String? = nil, provider: String? = nil)
        -> JobBridgeError
    {
        JobBridgeError(
            JobBridgeError.Code(rawValue: code), message, provider: provider, field: field, outcome: .notSent)
    }

    /// A journal file that cannot be used: unreadable, of another plan, or corrupt.
    static func journal(_ message: String, field: String? = nil) -> JobBridgeError {
        JobBridgeError(.configuration, message, field: field, outcome: .notSent)
    }
}
