import JobBridge

/// The errors the execution phases (apply, verify, cutover, rollback) throw: a refusal is a
/// ``MigrationError`` with its loss code (`PLAN_STALE`, `PREFLIGHT_FAILED`, `LOCK_HELD`…);
/// a journal that cannot be used is a ``JobBridge/JobBridgeError`` naming the file and line.
enum ExecutionErrors {
    /// A refusal with a loss code, one bounded line, naming its subject.
    static func refusal(_ code: LossCode, _ message: String, field: String? = nil) -> MigrationError {
        MigrationError(code, message, subject: field)
    }

    /// A journal file that cannot be used: unreadable, of another plan, or corrupt.
    static func journal(_ message: String, field: String? = nil) -> JobBridgeError {
        JobBridgeError(.configuration, message, field: field, outcome: .notSent)
    }
}
