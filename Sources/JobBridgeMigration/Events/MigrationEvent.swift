import Foundation

/// One step of a migration, as the engine's ``MigrationEngine/events`` stream reports it.
///
/// Events are numbered in the order they happen (``sequence``); each carries the running
/// ``counts``. In apply, every planned job gets exactly one terminal event
/// (``Kind-swift.enum/finished`` with its ``outcome``).
public struct MigrationEvent: Hashable, Sendable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// Apply started on a plan of ``MigrationCounts/planned`` jobs.
        case planned
        /// Apply started on a job.
        case started
        /// A target was created.
        case created
        /// A target was found already migrated (its provenance key is on the target).
        case alreadyMigrated
        /// An existing same-named target was adopted.
        case adopted
        /// A job reached its terminal apply state (``MigrationEvent/outcome``).
        case finished
        /// A target read back equal to the plan.
        case verified
        /// A target read back different from the plan.
        case mismatch
        /// A job was cut over.
        case cutOver
        /// A job was not cut over; the code says why.
        case notCutOver
        /// A job was rolled back.
        case rolledBack
        /// A step failed; the code and message say why.
        case failed
        /// A phase ended.
        case phaseEnded
    }

    /// The event's position in the stream, from 0.
    public var sequence: Int
    /// What happened.
    public var kind: Kind
    /// The source job it is about.
    public var sourceID: String?
    /// The target it is about (its index among the job's targets).
    public var split: Int?
    /// The target job's id, when known.
    public var targetID: String?
    /// The job's terminal state (``Kind-swift.enum/finished`` events).
    public var outcome: JobOutcome?
    /// A loss or error code.
    public var code: String?
    /// One bounded line, free of secrets.
    public var message: String?
    /// The counts after this event.
    public var counts: MigrationCounts

    /// `#12 finished job-7 migrated`.
    public var description: String {
        var parts = ["#\(sequence)", kind.rawValue]
        if let sourceID { parts.append(split.map { "\(sourceID)#\($0)" } ?? sourceID) }
        if let targetID { parts.append("→ \(targetID)") }
        if let outcome { parts.append(outcome.rawValue) }
        if let code { parts.append(code) }
        if let message { parts.append(message) }
        return parts.joined(separator: " ")
    }
}
