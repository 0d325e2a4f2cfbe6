/// How faithfully a job (or one part of it) moves to the target.
///
/// Ordered from best to worst, so that a job's verdict is the `max` of its parts' verdicts:
/// ``exact`` < ``approximate`` < ``blocked`` < ``impossible``. ``blocked`` (operator input
/// missing: a mapping entry, a conflict policy, a server zone) sits below ``impossible``
/// because input can lift it, while nothing the operator supplies makes an impossible job
/// possible: a job both blocked and impossible is impossible.
public enum MigrationVerdict: String, Hashable, Sendable, Codable, CaseIterable, Comparable,
    CustomStringConvertible
{
    /// The target behaves exactly as the source (fields, schedule fire instants, tasks).
    case exact
    /// The target differs in named, coded ways (see the job's losses).
    case approximate
    /// Something the operator must supply is missing; nothing is written until it is.
    case blocked
    /// The target cannot express the job; it stays on the source.
    case impossible

    private var rank: Int {
        switch self {
        case .exact: return 0
        case .approximate: return 1
        case .blocked: return 2
        case .impossible: return 3
        }
    }

    /// Orders verdicts from best to worst.
    public static func < (lhs: MigrationVerdict, rhs: MigrationVerdict) -> Bool { lhs.rank < rhs.rank }

    /// The name (`exact`, `approximate`, `blocked`, `impossible`).
    public var description: String { rawValue }

    /// The worst of several verdicts; ``exact`` for none.
    public static func worst(_ verdicts: some Sequence<MigrationVerdict>) -> MigrationVerdict {
        verdicts.max() ?? .exact
    }
}

/// What apply does with a planned job.
public enum MigrationAction: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Create the target job(s) (disabled, or staged manual), with their provenance.
    case create
    /// Take over an existing target job without changing it: a target found by provenance
    /// that already matches (``LossCode/alreadyMigrated``), or a same-named job when the
    /// conflict policy is ``ConflictPolicy/adopt``.
    case adopt
    /// Change an existing target job found by provenance whose fields differ from the plan
    /// (the source was edited after an earlier migration); the differences are listed in
    /// ``PlannedTarget/differences``.
    case update
    /// Leave the job alone: impossible to migrate, or a conflict the policy says to skip.
    case skip
    /// Wait for operator input (see the job's blocking losses); nothing is written.
    case blocked

    /// The name.
    public var description: String { rawValue }
}
