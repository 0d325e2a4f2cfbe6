import Foundation
import JobBridge

/// The first line of a streamed plan file (``MigrationPlanFile``): everything a
/// ``MigrationPlan`` holds besides its jobs.
///
/// Its ``format`` member comes first in the line (keys are sorted), so that a file is told
/// apart from a whole-JSON plan by its first bytes (``MigrationPlanFile/isStreamed(at:)``).
public struct MigrationPlanHeader: Hashable, Sendable, Codable {
    /// The value of ``format`` in every streamed plan file.
    public static let streamedFormat = "jobbridge-migration-plan-lines"

    /// Always ``streamedFormat``: what marks the file as a streamed plan.
    public var format: String
    /// The plan format's version (``JobBridgeMigration/formatVersion``).
    public var formatVersion: Int
    /// The plan's id (``MigrationPlan/planID``).
    public var planID: String
    /// The source provider's name.
    public var sourceProvider: String
    /// The source provider's scope.
    public var sourceScope: String
    /// The target provider's name.
    public var targetProvider: String
    /// The target provider's scope.
    public var targetScope: String
    /// The fingerprint of the mapping the plan was made with.
    public var mappingFingerprint: Fingerprint
    /// The fingerprint of the target jobs the plan checked names and provenance against.
    public var targetNamesFingerprint: Fingerprint
    /// The options the plan was made with.
    public var options: MigrationOptions
    /// Counts per verdict and per action; ``PlanTotals/jobs`` is the number of job lines
    /// that follow the header.
    public var totals: PlanTotals

    /// The header of a plan held in memory.
    public init(_ plan: MigrationPlan) {
        format = Self.streamedFormat
        formatVersion = plan.formatVersion
        planID = plan.planID
        sourceProvider = plan.sourceProvider
        sourceScope = plan.sourceScope
        targetProvider = plan.targetProvider
        targetScope = plan.targetScope
        mappingFingerprint = plan.mappingFingerprint
        targetNamesFingerprint = plan.targetNamesFingerprint
        options = plan.options
        totals = plan.totals
    }

    /// Creates a header.
    public init(
        planID: String, sourceProvider: String, sourceScope: String, targetProvider: String, targetScope: String,
        mappingFingerprint: Fingerprint, targetNamesFingerprint: Fingerprint, options: MigrationOptions,
        totals: PlanTotals
    ) {
        format = Self.streamedFormat
        formatVersion = JobBridgeMigration.formatVersion
        self.planID = planID
        self.sourceProvider = sourceProvider
        self.sourceScope = sourceScope
        self.targetProvider = targetProvider
        self.targetScope = targetScope
        self.mappingFingerprint = mappingFingerprint
        self.targetNamesFingerprint = targetNamesFingerprint
        self.options = options
        self.totals = totals
    }

    /// The whole plan with these header fields and `jobs` (its totals counted from them).
    func plan(jobs: [PlannedJob]) -> MigrationPlan {
        MigrationPlan(
            formatVersion: formatVersion, planID: planID, sourceProvider: sourceProvider, sourceScope: sourceScope,
            targetProvider: targetProvider, targetScope: targetScope, mappingFingerprint: mappingFingerprint,
            targetNamesFingerprint: targetNamesFingerprint, options: options, jobs: jobs)
    }
}
