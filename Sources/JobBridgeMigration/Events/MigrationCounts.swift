/// Running counts of a migration, carried by every event and totalled in the report.
///
/// Apply counts each planned job once, in the terminal state it reached
/// (``JobOutcome``); verify, cutover and rollback count targets and jobs as they go.
public struct MigrationCounts: Codable, Hashable, Sendable {
    /// Jobs in the plan.
    public var planned = 0
    /// Jobs apply has started.
    public var started = 0
    /// Jobs whose targets exist and are this plan's (created now, or found already migrated).
    public var migrated = 0
    /// Of ``migrated``, jobs that were already migrated before this run (`ALREADY_MIGRATED`).
    public var alreadyMigrated = 0
    /// Jobs whose existing same-named target was adopted.
    public var adopted = 0
    /// Jobs left alone (plan action skip, or conflict policy skip).
    public var skipped = 0
    /// Jobs waiting for operator input (a mapping, a conflict policy).
    public var blocked = 0
    /// Jobs the target cannot express.
    public var impossible = 0
    /// Jobs whose apply failed; the event and the report give the code.
    public var failed = 0
    /// Targets read back equal to the plan.
    public var verified = 0
    /// Targets read back different from the plan (`VERIFY_MISMATCH`).
    public var mismatched = 0
    /// Jobs cut over.
    public var cutOver = 0
    /// Jobs whose cutover did not complete (drain timeout, not verified, a failure).
    public var notCutOver = 0
    /// Jobs rolled back.
    public var rolledBack = 0

    /// Creates zero counts.
    public init() {}

    /// How many jobs reached a terminal apply state.
    public var finished: Int { migrated + adopted + skipped + blocked + impossible + failed }

    /// Adds one job in `outcome` to the counts.
    mutating func count(_ outcome: JobOutcome, alreadyMigrated: Bool = false) {
        switch outcome {
        case .migrated:
            migrated += 1
            if alreadyMigrated { self.alreadyMigrated += 1 }
        case .adopted: adopted += 1
        case .skipped: skipped += 1
        case .blocked: blocked += 1
        case .impossible: impossible += 1
        case .failed: failed += 1
        }
    }
}

/// The one terminal state a job reaches in apply.
public enum JobOutcome: String, Codable, Hashable, Sendable, CaseIterable {
    /// Every target of the job exists and is this plan's.
    case migrated
    /// An existing target job (same name, not created by this plan) was taken as the job's target.
    case adopted
    /// The job was left alone.
    case skipped
    /// The job needs operator input; nothing was written for it.
    case blocked
    /// The target cannot express the job; nothing was written for it.
    case impossible
    /// A write failed; the code and message say which and why.
    case failed
}
