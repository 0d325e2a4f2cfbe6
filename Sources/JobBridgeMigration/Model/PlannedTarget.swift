import JobBridge

/// How a target is kept from running until cutover.
public enum StagingMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// Created with its schedule and the enabled flag off; cutover enables it (Sync, Connect).
    case createdDisabled
    /// Created without a schedule (the intended one kept in its free slot); cutover deletes
    /// it and creates ``PlannedTarget/cutoverDefinition`` (NX1: `CUTOVER_RECREATE`).
    case stagedManualRecreate
}

/// One target job of a planned job (a source with N tasks may have N targets:
/// `TASKS_SPLIT`).
public struct PlannedTarget: Hashable, Sendable, Codable {
    /// The target's position among its source's targets, from 0.
    public var splitIndex: Int
    /// The target's provenance key.
    public var provenanceKey: ProvenanceKey
    /// What apply creates (disabled, or staged without a schedule); verify compares the read
    /// back job with it.
    public var definition: DefinitionSnapshot
    /// What cutover re-creates for ``StagingMode/stagedManualRecreate`` (the schedule in
    /// force); `nil` when cutover only enables the target.
    public var cutoverDefinition: DefinitionSnapshot?
    /// The name the target will have; `nil` when the provider names it (Connect).
    public var expectedName: String?
    /// How to find the target again.
    public var lookup: TargetLookup
    /// Whether cutover enables the target: the source's enabled state.
    public var enableAtCutover: Bool
    /// How the target waits for cutover.
    public var staging: StagingMode
    /// The target job's id when it exists already (adopt, update, already migrated).
    public var existingTargetID: String?
    /// For ``MigrationAction/update``: the fields in which the existing target differs from
    /// the plan.
    public var differences: [String]

    /// Creates a planned target.
    public init(
        splitIndex: Int, provenanceKey: ProvenanceKey, definition: DefinitionSnapshot,
        cutoverDefinition: DefinitionSnapshot? = nil, expectedName: String?, lookup: TargetLookup,
        enableAtCutover: Bool, staging: StagingMode, existingTargetID: String? = nil, differences: [String] = []
    ) {
        self.splitIndex = splitIndex
        self.provenanceKey = provenanceKey
        self.definition = definition
        self.cutoverDefinition = cutoverDefinition
        self.expectedName = expectedName
        self.lookup = lookup
        self.enableAtCutover = enableAtCutover
        self.staging = staging
        self.existingTargetID = existingTargetID
        self.differences = differences
    }
}

/// A connection a planned job needs, and what the plan found for it.
public struct ConnectionNeed: Hashable, Sendable, Codable {
    /// Which end of the job.
    public enum Role: String, Hashable, Sendable, Codable {
        /// The job's source.
        case source
        /// The job's destination.
        case destination
    }

    /// What the plan found.
    public enum Status: String, Hashable, Sendable, Codable {
        /// Mapped, and found on the target (or the target takes free text).
        case mapped
        /// Fixed by the target (Connect's cache).
        case implied
        /// No mapping entry (`CONNECTION_UNMAPPED`).
        case unmapped
        /// Mapped to a connection the target does not list (`CONNECTION_NOT_FOUND`).
        case notFound
        /// Mapped to a connection of another driver (`CONNECTION_TYPE_MISMATCH`).
        case typeMismatch
        /// The target has no cache connection (`CONNECT_NO_CACHE`).
        case noCache
    }

    /// Which end.
    public var role: Role
    /// The source's reference (id and/or name; never credentials).
    public var source: ConnectionRef?
    /// The source connection's driver, when its provider lists connections.
    public var sourceDriver: String?
    /// The target's reference, when mapped.
    public var target: ConnectionRef?
    /// The target connection's driver, when its provider lists connections.
    public var targetDriver: String?
    /// What the plan found.
    public var status: Status

    /// Creates a connection need.
    public init(
        role: Role, source: ConnectionRef?, sourceDriver: String? = nil, target: ConnectionRef?,
        targetDriver: String? = nil, status: Status
    ) {
        self.role = role
        self.source = source
        self.sourceDriver = sourceDriver
        self.target = target
        self.targetDriver = targetDriver
        self.status = status
    }
}
