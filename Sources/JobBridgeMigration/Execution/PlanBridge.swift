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

    /// Every reason the plan is stale, by the plan side's rules, from the jobs the engine
    /// read already: `changed` holds the source jobs whose fingerprint differs from the plan
    /// (or the error that says they are gone); every other planned job is unchanged and is
    /// answered from the plan's own snapshot.
    static func staleReasons(
        _ plan: MigrationPlan, changed: [String: Result<Job, JobBridgeError>], source: ProviderDescriptor,
        targetJobs: [Job], target: ProviderDescriptor, mapping: ConnectionMapping
    ) async throws -> [String] {
        var positions: [String: Int] = [:]
        for (index, job) in plan.jobs.enumerated() { positions[job.sourceID] = index }
        let snapshots = positions
        let sourceSide = Prefetched(
            descriptor: source, listing: [],
            read: { id in
                if let found = changed[id] { return try found.get() }
                guard let index = snapshots[id] else {
                    throw JobBridgeError(.notFound, "job \(id) was not read", provider: source.name, operation: .getJob)
                }
                return try plan.jobs[index].source.job()
            })
        let targetSide = Prefetched(
            descriptor: target, listing: targetJobs,
            read: { id in
                throw JobBridgeError(.notFound, "job \(id) was not read", provider: target.name, operation: .getJob)
            })
        return try await PlanStaleness.reasons(plan, source: sourceSide, target: targetSide, mapping: mapping)
    }
}

/// A provider that answers reads from jobs already read.
private struct Prefetched: JobProvider {
    let descriptor: ProviderDescriptor
    let listing: [Job]
    let read: @Sendable (String) throws -> Job

    func jobs() -> PagedSequence<Job> {
        let listing = listing
        return .single { listing }
    }

    func job(_ id: JobID) async throws -> Job { try read(id.rawValue) }
}
