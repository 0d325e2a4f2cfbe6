import Foundation
import JobBridge

/// One line of a migration journal: what the engine was about to do, or what it did.
///
/// The journal is write-ahead: an ``Kind-swift.enum/intent`` record is on disk before each
/// mutating call, and a ``Kind-swift.enum/result`` (with the new id) or
/// ``Kind-swift.enum/failed`` record right after it. Resume, cutover and rollback are
/// driven by these records alone. Records hold ids, names, codes and provenance keys,
/// never a secret: every string passes through ``ArtifactRedaction`` before it is written.
public struct JournalRecord: Codable, Hashable, Sendable {
    /// What a record says.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// The first line: the plan the journal belongs to and the format version.
        case header
        /// A mutating call is about to be sent.
        case intent
        /// A mutating call took effect (or was found to have taken effect).
        case result
        /// A mutating call, or a step, failed; `code` and `message` say why.
        case failed
        /// A target was read back and matches the plan.
        case verified
        /// A target was read back and differs from the plan in `field`.
        case mismatch
        /// The full source job, kept before a step that destroys it (NX1 cutover deletes).
        case snapshot
    }

    /// The step a record is about.
    public enum Step: String, Codable, Hashable, Sendable {
        /// Create a target job.
        case create
        /// Take an existing target job as this plan's (no write).
        case adopt
        /// Leave the job alone (conflict policy `skip`, or nothing to do).
        case skip
        /// Enable the target at cutover.
        case enableTarget
        /// Wait for a running source run to finish, before the source is disabled.
        case drainSource
        /// Disable the source at cutover.
        case disableSource
        /// Delete the source at cutover (a source that cannot be disabled, after a snapshot).
        case deleteSource
        /// Delete a staged (manual) target at cutover, before it is re-created with its schedule.
        case deleteStagedTarget
        /// Create the target again, with its schedule, at cutover.
        case recreateTarget
        /// Disable a target this plan created, at rollback.
        case disableTarget
        /// Delete a target this plan created, at rollback.
        case deleteTarget
        /// Enable a source that was enabled before cutover, at rollback.
        case enableSource
        /// Create a deleted source again from its snapshot, at rollback.
        case recreateSource
        /// Every cutover step of the job is done.
        case completeCutover
        /// Every rollback step of the job is done.
        case completeRollback
    }

    /// The journal format version this record was written with.
    public var version: Int
    /// The record's position in the journal, from 0 (the header).
    public var sequence: Int
    /// What the record says.
    public var kind: Kind
    /// The step it is about; `nil` for the header.
    public var step: Step?
    /// The plan's id (header only).
    public var planID: String?
    /// The source job's id.
    public var sourceID: String?
    /// Which of the source job's targets (0 unless the job was split into several).
    public var split: Int?
    /// The target's provenance key, which finds it again on the target provider.
    public var provenanceKey: String?
    /// The target job's id, once known.
    public var targetID: String?
    /// The name the target job was (or is to be) created with, when it has one.
    public var name: String?
    /// A loss code or error code (`failed`, `mismatch`, some `result`s).
    public var code: String?
    /// One bounded line: the field that differs, the error message, what was found.
    public var message: String?
    /// Whether the source was enabled before cutover touched it (cutover records).
    public var wasEnabled: Bool?
    /// The full source job, scrubbed of secrets (``Kind-swift.enum/snapshot`` records).
    public var snapshot: JSONValue?
    /// When the record was written, on the engine's clock.
    public var at: Date?

    /// Creates a record; `version` and `sequence` are set by ``MigrationJournal/append(_:)``.
    public init(
        _ kind: Kind, step: Step? = nil, planID: String? = nil, sourceID: String? = nil, split: Int? = nil,
        provenanceKey: String? = nil, targetID: String? = nil, name: String? = nil, code: String? = nil,
        message: String? = nil, wasEnabled: Bool? = nil, snapshot: JSONValue? = nil, at: Date? = nil
    ) {
        self.version = JobBridgeMigration.formatVersion
        self.sequence = 0
        self.kind = kind
        self.step = step
        self.planID = planID
        self.sourceID = sourceID
        self.split = split
        self.provenanceKey = provenanceKey
        self.targetID = targetID
        self.name = name
        self.code = code
        self.message = message
        self.wasEnabled = wasEnabled
        self.snapshot = snapshot
        self.at = at
    }

    /// The target this record is about, as `sourceID#split`; `nil` for the header.
    public var targetKey: TargetKey? {
        sourceID.map { TargetKey(sourceID: $0, split: split ?? 0) }
    }
}

/// One planned target: a source job's id and the index of the target among its targets.
public struct TargetKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The source job's id.
    public var sourceID: String
    /// The target's index among the source job's targets (0 unless split).
    public var split: Int

    /// Creates a key.
    public init(sourceID: String, split: Int) {
        self.sourceID = sourceID
        self.split = split
    }

    /// Orders by source id, then split index.
    public static func < (lhs: TargetKey, rhs: TargetKey) -> Bool {
        (lhs.sourceID, lhs.split) < (rhs.sourceID, rhs.split)
    }

    /// `sourceID#split`, such as `job-7#0`.
    public var description: String { "\(sourceID)#\(split)" }
}
