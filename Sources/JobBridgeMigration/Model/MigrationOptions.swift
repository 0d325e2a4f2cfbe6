import Foundation

/// What to do when a target job of the same name exists and is not this migration's.
public enum ConflictPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Block the job (`TARGET_EXISTS`); nothing is written. The default.
    case fail
    /// Take the existing job over as the target, unchanged.
    case adopt
    /// Leave the job on the source.
    case skip
    /// Create the target under another name (the name plus ``MigrationOptions/renameSuffix``).
    case rename
}

/// How a plan is made. Part of the plan (and of its id), so that apply runs under the same
/// options.
public struct MigrationOptions: Hashable, Sendable, Codable {
    /// What to do with a same-named target job that is not ours.
    public var conflictPolicy: ConflictPolicy
    /// Whether a source connection may map to a target connection of another driver.
    public var allowTypeChange: Bool
    /// What ``ConflictPolicy/rename`` appends to the name (then ` 2`, ` 3`… until free).
    public var renameSuffix: String
    /// How many fire instants per side each compared window holds at most (the reference
    /// compares the next 1,000).
    public var comparedRuns: Int
    /// For targets scheduled by interval (CData Connect): the first run is moved forward by
    /// whole periods to this date or later (the reference asks for a first run after the
    /// planned cutover); `nil` keeps the phase's earliest run from 2024-01-01. The runs keep
    /// their phase either way.
    public var firstRunNotBefore: Date?

    /// Creates options; every parameter has the documented default.
    public init(
        conflictPolicy: ConflictPolicy = .fail, allowTypeChange: Bool = false, renameSuffix: String = " (migrated)",
        comparedRuns: Int = 1_000, firstRunNotBefore: Date? = nil
    ) {
        self.conflictPolicy = conflictPolicy
        self.allowTypeChange = allowTypeChange
        self.renameSuffix = renameSuffix
        self.comparedRuns = comparedRuns
        self.firstRunNotBefore = firstRunNotBefore
    }
}
