/// What cutover may do beyond its defaults.
public struct CutoverOptions: Hashable, Sendable {
    /// Whether a source that cannot be disabled (NX1: no update) is deleted instead, after
    /// its full job is journaled as a snapshot (`CUTOVER_DELETE_ONLY`). Off by default: such
    /// jobs are then not cut over.
    public var deleteSourcesThatCannotBeDisabled: Bool
    /// The source job ids to cut over; `nil` for every verified job of the plan.
    public var onlySourceIDs: Set<String>?

    /// Creates options; by default no source is deleted and every verified job is cut over.
    public init(deleteSourcesThatCannotBeDisabled: Bool = false, onlySourceIDs: Set<String>? = nil) {
        self.deleteSourcesThatCannotBeDisabled = deleteSourcesThatCannotBeDisabled
        self.onlySourceIDs = onlySourceIDs
    }
}

/// What rollback does to the targets this plan created.
public struct RollbackOptions: Hashable, Sendable {
    /// What happens to a created target.
    public enum TargetAction: String, Hashable, Sendable, Codable {
        /// Disable it (the default): nothing is lost.
        case disable
        /// Delete it. On a target whose destination is implied (CData Connect's cache) this
        /// deletes its cached data: refused (`ROLLBACK_DELETES_DATA`) unless the target is
        /// named in ``RollbackOptions/confirmedDataDeletions``.
        case delete
    }

    /// What happens to the targets this plan created.
    public var targets: TargetAction
    /// The target job ids (or names) whose cached data the caller agrees to delete.
    public var confirmedDataDeletions: Set<String>
    /// The source job ids to roll back; `nil` for every job of the plan.
    public var onlySourceIDs: Set<String>?

    /// Creates options; by default created targets are disabled and nothing is deleted.
    public init(
        targets: TargetAction = .disable, confirmedDataDeletions: Set<String> = [], onlySourceIDs: Set<String>? = nil
    ) {
        self.targets = targets
        self.confirmedDataDeletions = confirmedDataDeletions
        self.onlySourceIDs = onlySourceIDs
    }
}
