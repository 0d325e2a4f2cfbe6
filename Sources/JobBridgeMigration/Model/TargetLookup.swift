import JobBridge

/// How to find a planned target again on the target provider: before a create (so that a
/// re-run never duplicates), on resume (to reconcile an intent without a result), at
/// verify, cutover and rollback. ``find(in:)`` (in `Plan/`) does the search.
public struct TargetLookup: Hashable, Sendable, Codable {
    /// Where the target carries its identity.
    public enum Strategy: String, Hashable, Sendable, Codable, CaseIterable {
        /// A member of the target's settings holds an object whose `key` is the provenance
        /// key (NX1: `properties_json.jobbridge.key`).
        case settingsMember
        /// The target's name ends with ``TargetLookup/nameSuffix`` (CData Sync).
        case nameSuffix
        /// The target is the one job reading the source connection's table (CData Connect:
        /// one caching job per table).
        case naturalKey
        /// The target has exactly ``TargetLookup/name`` (a provider with no slot at all).
        case name
    }

    /// The strategy.
    public var strategy: Strategy
    /// The provenance key searched for.
    public var key: ProvenanceKey
    /// ``Strategy/settingsMember``: the settings member that holds the provenance object.
    public var member: String?
    /// ``Strategy/nameSuffix``: the suffix.
    public var nameSuffix: String?
    /// ``Strategy/name``: the name; for the other strategies the expected name when known
    /// (informative: the search does not use it).
    public var name: String?
    /// ``Strategy/naturalKey``: the target's source connection id or text.
    public var sourceConnection: String?
    /// ``Strategy/naturalKey``: the table the target reads.
    public var table: TableRef?

    /// Creates a lookup.
    public init(
        strategy: Strategy, key: ProvenanceKey, member: String? = nil, nameSuffix: String? = nil,
        name: String? = nil, sourceConnection: String? = nil, table: TableRef? = nil
    ) {
        self.strategy = strategy
        self.key = key
        self.member = member
        self.nameSuffix = nameSuffix
        self.name = name
        self.sourceConnection = sourceConnection
        self.table = table
    }
}
