import JobBridge

/// A refusal of a whole migration step, with its stable code: `PLAN_STALE`,
/// `PREFLIGHT_FAILED`, `LOCK_HELD`, `LOCK_STALE`, `ROLLBACK_DELETES_DATA`.
///
/// Decision: refusals carry a ``LossCode`` (one vocabulary for plans, journals, reports and
/// errors), not a new `JobBridgeError.Code`; bad input (a plan file of an unknown
/// version, a malformed mapping) is a `JobBridgeError` naming the field, as
/// everywhere in JobBridge. The message is one bounded, redacted line.
public struct MigrationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code.
    public var code: LossCode
    /// What was refused and why, in one line.
    public var message: String
    /// What the refusal is about (a source job id, a journal path, a capability), when one
    /// thing.
    public var subject: String?
    /// Every reason, when several (each stale job of a plan, for example).
    public var details: [String]

    /// Creates a refusal.
    public init(_ code: LossCode, _ message: String, subject: String? = nil, details: [String] = []) {
        self.code = code
        self.message = Redactor.redact(Loss.oneLine(message))
        self.subject = subject
        self.details = details.map { Redactor.redact(Loss.oneLine($0)) }
    }

    /// `CODE: message (remedy)`.
    public var description: String {
        "\(code): \(message)" + (code.remedy.isEmpty ? "" : " (\(code.remedy))")
    }
}
