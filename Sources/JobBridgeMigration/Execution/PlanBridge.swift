import Foundation
import JobBridge

/// The plan side's helpers the engine calls, in one place: finding a planned target among
/// target jobs (``TargetLookup/find(in:)``), comparing a read-back target with the plan
/// (``PlanVerification``), and telling whether a plan is stale (``PlanStaleness``).
enum PlanBridge {
    /// The job among `jobs` that is `target`, by the target's lookup strategy.
    static func find(_ target: PlannedTarget, in jobs: [Job]) -> Job? {
        target.lookup.find(in: jobs)
    }

    /// The differences between a target read back and the plan (empty when it matches).
    static func compare(_ target: PlannedTarget, readBack: Job, cutOver: Bool) -> [Loss] {
        PlanVerification.compare(planned: target, readBack: readBack, stage: cutOver ? .cutOver : .staged)
    }

    /// Every reason the plan is stale, by the plan side's rules, from jobs already read
    /// (the engine reads them concurrently; the rules read them one by one).
    static func staleReasons(
        _ plan: MigrationPlan, sourceJobs: [String: Result<Job, JobBridgeError>], source: ProviderDescriptor,
        targetJobs: [Job], target: ProviderDescriptor, mapping: ConnectionMapping
    ) async throws -> [String] {
        try await PlanStaleness.reasons(
            plan, source: Prefetched(descriptor: source, byID: sourceJobs, listing: []),
            target: Prefetched(descriptor: target, byID: [:], listing: targetJobs), mapping: mapping)
    }
}

/// A provider that answers reads from jobs already read.
private struct Prefetched: JobProvider {
    let descriptor: ProviderDescriptor
    let byID: [String: Result<Job, JobBridgeError>]
    let listing: [Job]

    func jobs() -> PagedSequence<Job> {
        let listing = listing
        return .single { listing }
    }

    func job(_ id: JobID) async throws -> Job {
        guard let found = byID[id.rawValue] else {
            throw JobBridgeError(.notFound, "job \(id) was not read", provider: descriptor.name, operation: .getJob)
        }
        return try found.get()
    }
}
