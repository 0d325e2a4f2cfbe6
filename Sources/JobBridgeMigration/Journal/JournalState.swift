import JobBridge

/// What a journal says happened, folded record by record: the state resume, verify,
/// cutover and rollback start from.
///
/// Later records win. An ``JournalRecord/Kind-swift.enum/intent`` without a later result
/// or failure for the same target and step is *pending*: the call may or may not have
/// taken effect, and resume probes the target before anything else.
public struct JournalState: Sendable {
    /// What the journal knows of one planned target.
    public struct Target: Sendable, Hashable {
        /// The target job's id, once created or adopted.
        public var targetID: String?
        /// How the target came to be: `create` (this plan created it), `adopt`, `skip`.
        public var origin: JournalRecord.Step?
        /// Whether the target was found already migrated by a probe, not created in this run.
        public var foundByProbe = false
        /// A create (or re-create) that was sent and never answered in the journal.
        public var pendingCreate = false
        /// The last failure's code, when the last record about the target is a failure.
        public var failureCode: String?
        /// The last failure's message.
        public var failureMessage: String?
        /// Whether the last read-back matched the plan.
        public var verified: Bool?
        /// The field the last read-back differed in.
        public var mismatchField: String?
        /// Whether cutover enabled the target.
        public var enabled = false
        /// Whether cutover deleted the staged target (it is being re-created).
        public var stagedDeleted = false
        /// Whether rollback disabled or deleted the target.
        public var rolledBack: JournalRecord.Step?
    }

    /// What the journal knows of one source job.
    public struct Source: Sendable, Hashable {
        /// Whether the source was enabled before cutover touched it.
        public var wasEnabled: Bool?
        /// Whether the drain finished (no run going) before the source was disabled.
        public var drained = false
        /// Whether cutover disabled the source.
        public var disabled = false
        /// Whether cutover deleted the source (after a snapshot).
        public var deleted = false
        /// The snapshot taken before the delete.
        public var snapshot: JSONValue?
        /// The id of the source re-created by rollback from the snapshot.
        public var recreatedID: String?
        /// Whether rollback re-enabled the source.
        public var reEnabled = false
        /// Steps sent and never answered in the journal.
        public var pending: Set<JournalRecord.Step> = []
        /// The last cutover failure's code (drain timeout, a failed write).
        public var cutoverFailure: String?
        /// Whether the job's cutover completed (and was not rolled back since).
        public var cutOver = false
        /// Whether the job's rollback completed.
        public var rolledBack = false
    }

    /// Per planned target.
    public private(set) var targets: [TargetKey: Target] = [:]
    /// Per source job id.
    public private(set) var sources: [String: Source] = [:]
    /// Pending target steps (intent without result), per target.
    public private(set) var pendingTargetSteps: [TargetKey: Set<JournalRecord.Step>] = [:]

    /// Folds the records, in order.
    public init(records: [JournalRecord]) {
        for record in records { apply(record) }
    }

    /// The state after one more record.
    public mutating func apply(_ record: JournalRecord) {
        guard let key = record.targetKey, let step = record.step else { return }
        if Self.sourceSteps.contains(step) {
            applySource(record, step: step, sourceID: key.sourceID)
        } else {
            applyTarget(record, step: step, key: key)
        }
    }

    /// The steps that act on the source job rather than on a target.
    static let sourceSteps: Set<JournalRecord.Step> = [
        .drainSource, .disableSource, .deleteSource, .enableSource, .recreateSource, .completeCutover,
        .completeRollback,
    ]

    private mutating func applyTarget(_ record: JournalRecord, step: JournalRecord.Step, key: TargetKey) {
        var target = targets[key] ?? Target()
        switch record.kind {
        case .intent:
            pendingTargetSteps[key, default: []].insert(step)
            if step == .create || step == .recreateTarget { target.pendingCreate = true }
        case .result:
            settle(step, of: key)
            target.failureCode = nil
            target.failureMessage = nil
            switch step {
            case .create, .adopt, .skip:
                target.pendingCreate = false
                target.origin = step
                target.targetID = record.targetID ?? target.targetID
                target.foundByProbe = record.code == "ALREADY_MIGRATED"
            case .recreateTarget:
                target.pendingCreate = false
                target.targetID = record.targetID ?? target.targetID
                target.stagedDeleted = false
                target.enabled = true
            case .enableTarget: target.enabled = true
            case .deleteStagedTarget: target.stagedDeleted = true
            case .disableTarget, .deleteTarget:
                target.rolledBack = step
                target.enabled = false
            default: break
            }
        case .failed:
            settle(step, of: key)
            if step == .create { target.pendingCreate = false }
            target.failureCode = record.code
            target.failureMessage = record.message
        case .verified:
            target.verified = true
            target.mismatchField = nil
            target.targetID = record.targetID ?? target.targetID
        case .mismatch:
            target.verified = false
            target.mismatchField = record.message
        case .header, .snapshot:
            break
        }
        targets[key] = target
    }

    /// A target step answered: no longer pending (a target left with none pending keeps no
    /// entry, so that the state holds nothing per finished target but ``targets``).
    private mutating func settle(_ step: JournalRecord.Step, of key: TargetKey) {
        guard var steps = pendingTargetSteps[key] else { return }
        steps.remove(step)
        pendingTargetSteps[key] = steps.isEmpty ? nil : steps
    }

    private mutating func applySource(_ record: JournalRecord, step: JournalRecord.Step, sourceID: String) {
        var source = sources[sourceID] ?? Source()
        if let wasEnabled = record.wasEnabled, source.wasEnabled == nil { source.wasEnabled = wasEnabled }
        switch record.kind {
        case .intent:
            source.pending.insert(step)
        case .result:
            source.pending.remove(step)
            source.cutoverFailure = nil
            switch step {
            case .drainSource: source.drained = true
            case .disableSource:
                source.disabled = true
                source.reEnabled = false
            case .deleteSource: source.deleted = true
            case .enableSource:
                source.reEnabled = true
                source.disabled = false
            case .recreateSource:
                source.recreatedID = record.targetID
                source.deleted = false
            case .completeCutover:
                source.cutOver = true
                source.rolledBack = false
            case .completeRollback:
                source.rolledBack = true
                source.cutOver = false
            default: break
            }
        case .failed:
            source.pending.remove(step)
            source.cutoverFailure = record.code
        case .snapshot:
            source.snapshot = record.snapshot
        case .header, .verified, .mismatch:
            break
        }
        sources[sourceID] = source
    }
}
