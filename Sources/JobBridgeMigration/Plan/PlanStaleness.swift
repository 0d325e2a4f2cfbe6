import Foundation
import JobBridge

/// Whether a saved plan still matches the world: every planned source job unchanged (its
/// fingerprint), the same mapping, the same name conflicts on the target. Apply calls
/// ``ensureFresh(_:source:target:mapping:)`` before any write.
public enum PlanStaleness {
    /// Every reason the plan is stale (empty: it is fresh). Reads only: each planned source
    /// job by id, and the target's jobs once.
    public static func reasons(
        _ plan: MigrationPlan, source: any JobProvider, target: any JobProvider, mapping: ConnectionMapping
    ) async throws -> [String] {
        var sourceJobs: [String: Job] = [:]
        for job in plan.jobs {
            do {
                sourceJobs[job.sourceID] = try await source.job(JobID(job.sourceID))
            } catch let error as JobBridgeError where error.code == .notFound {
                continue
            }
        }
        return reasons(plan, sourceJobs: sourceJobs, targetJobs: try await Planner.listedJobs(target), mapping: mapping)
    }

    /// Every reason the plan is stale, from jobs already read: the planned source jobs by id
    /// (a missing id is a job that no longer exists) and the target's jobs. Pure.
    public static func reasons(
        _ plan: MigrationPlan, sourceJobs: [String: Job], targetJobs: [Job], mapping: ConnectionMapping
    ) -> [String] {
        let input = PlanInput(plan)
        let status = { (job: PlannedJob) -> SourceStatus in
            guard let current = sourceJobs[job.sourceID] else { return .gone }
            return JobSnapshot(current).fingerprint != job.sourceFingerprint ? .changed : .unchanged
        }
        // A plan in memory cannot fail to be read.
        return (try? reasons(input, status: status, targetJobs: targetJobs, mapping: mapping)) ?? []
    }

    /// What became of a planned source job since the plan was made.
    enum SourceStatus {
        case unchanged, changed, gone
    }

    /// Every reason the plan is stale, in one pass over its jobs (memory or file): `status`
    /// says what became of each planned source job; `targetJobs` are the target's jobs.
    static func reasons(
        _ plan: PlanInput, status: (PlannedJob) -> SourceStatus, targetJobs: [Job], mapping: ConnectionMapping
    ) throws -> [String] {
        var reasons: [String] = []
        if mapping.fingerprint != plan.header.mappingFingerprint {
            reasons.append(
                "the mapping changed (fingerprint \(mapping.fingerprint), plan \(plan.header.mappingFingerprint))")
        }
        let live = targetJobs.filter { $0.providerData?["is_deleted"]?.boolValue != true }
        // The first live job of each name, by its position: a lookup per planned target
        // instead of a scan of the target's jobs.
        var firstByName: [String: Int] = [:]
        for (index, job) in live.enumerated() where firstByName[job.name] == nil { firstByName[job.name] = index }
        let index = TargetIndex(live)
        var conflicts: [String] = []
        let jobs = try plan.makeIterator()
        while let job = try jobs.next() {
            switch status(job) {
            case .gone:
                reasons.append("source job \(job.sourceID) ('\(job.sourceName)') no longer exists")
            case .changed:
                reasons.append("source job \(job.sourceID) ('\(job.sourceName)') changed since the plan was made")
            case .unchanged:
                break
            }
            for planned in job.targets where index.find(planned) == nil {
                guard planned.expectedName != nil else { continue }
                let name = Planner.withoutProvenanceSuffix(job.sourceName)
                let base = job.targets.count > 1 ? "\(name) #\(planned.splitIndex + 1)" : name
                let expected = planned.lookup.strategy == .nameSuffix ? base + planned.provenanceKey.nameSuffix : base
                let positions = [firstByName[base], firstByName[expected]].compactMap { $0 }
                if let first = positions.min() {
                    conflicts.append("\(job.sourceID)|\(planned.splitIndex)|\(live[first].id.rawValue)")
                }
            }
        }
        let names = (try? Fingerprint(of: conflicts.sorted())) ?? Fingerprint(text: "")
        if names != plan.header.targetNamesFingerprint {
            reasons.append("the target's jobs with the planned names changed since the plan was made")
        }
        return reasons
    }

    /// Throws `PLAN_STALE` listing every reason when the plan is stale.
    public static func ensureFresh(
        _ plan: MigrationPlan, source: any JobProvider, target: any JobProvider, mapping: ConnectionMapping
    ) async throws {
        let found = try await reasons(plan, source: source, target: target, mapping: mapping)
        guard !found.isEmpty else { return }
        throw MigrationError(
            .planStale, "plan \(plan.planID) is stale: " + found.joined(separator: "; "), subject: plan.planID,
            details: found)
    }
}
