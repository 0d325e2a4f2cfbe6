import Foundation
import JobBridge

/// The plan side's helpers the engine calls, in one place: finding a planned target among
/// target jobs (``TargetLookup/find(in:)``) and comparing a read-back target with the plan
/// (``PlanVerification``). Staleness is ``PlanStaleness``, called directly.
enum PlanBridge {
    /// The job among `jobs` that is `target`, by the target's lookup strategy.
    static func find(_ target: PlannedTarget, in jobs: [Job]) -> Job? {
        target.lookup.find(in: jobs)
    }

    /// The differences between a target read back and the plan (empty when it matches).
    static func compare(_ target: PlannedTarget, readBack: Job, cutOver: Bool) -> [Loss] {
        PlanVerification.compare(planned: target, readBack: readBack, stage: cutOver ? .cutOver : .staged)
    }
}
