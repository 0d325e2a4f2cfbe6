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
        var reasons: [String] = []
        if mapping.fingerprint != plan.mappingFingerprint {
            reasons.append("the mapping changed (fingerprint \(mapping.fingerprint), plan \(plan.mappingFingerprint))")
        }
        for job in plan.jobs {
            guard let current = sourceJobs[job.sourceID] else {
                reasons.append("source job \(job.sourceID) ('\(job.sourceName)') no longer exists")
                continue
            }
            if JobSnapshot(current).fingerprint != job.sourceFingerprint {
                reasons.append("source job \(job.sourceID) ('\(job.sourceName)') changed since the plan was made")
            }
        }
        let live = targetJobs.filter { $0.providerData?["is_deleted"]?.boolValue != true }
        var conflicts: [String] = []
        for job in plan.jobs {
            for planned in job.targets where planned.lookup.find(in: live) == nil {
                guard planned.expectedName != nil else { continue }
                let name = Planner.withoutProvenanceSuffix(job.sourceName)
                let base = job.targets.count > 1 ? "\(name) #\(planned.splitIndex + 1)" : name
                let expected = planned.lookup.strategy == .nameSuffix ? base + planned.provenanceKey.nameSuffix : base
                if let existing = live.first(where: { $0.name == base || $0.name == expected }) {
                    conflicts.append("\(job.sourceID)|\(planned.splitIndex)|\(existing.id.rawValue)")
                }
            }
        }
        let names = (try? Fingerprint(of: conflicts.sorted())) ?? Fingerprint(text: "")
        if names != plan.targetNamesFingerprint {
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
