import Foundation
import JobBridge

/// The target provider's jobs, indexed so that finding a planned target costs a lookup, not
/// a scan: candidates are bucketed by name, by the provenance key a name suffix or a
/// settings member carries, and by source connection, and the plan's own matching
/// (``PlanBridge/find(_:in:)``) decides among the few candidates of a bucket.
struct TargetIndex: Sendable {
    private var byName: [String: [Job]] = [:]
    private var byShortKey: [String: [Job]] = [:]
    private var bySource: [String: [Job]] = [:]
    private var unbucketed: [Job] = []

    /// Indexes jobs (listed from the target provider).
    init(_ jobs: [Job]) {
        for job in jobs { insert(job) }
    }

    /// Adds a job (one the engine just created).
    mutating func insert(_ job: Job) {
        byName[job.name, default: []].append(job)
        var keyed = false
        for key in Self.shortKeys(of: job) {
            byShortKey[key, default: []].append(job)
            keyed = true
        }
        if let source = job.source?.id?.rawValue ?? job.source?.name {
            bySource[source, default: []].append(job)
            keyed = true
        }
        if !keyed { unbucketed.append(job) }
    }

    /// The job a planned target is, if it exists.
    func find(_ target: PlannedTarget) -> Job? {
        var candidates: [Job] = []
        candidates += byShortKey[target.provenanceKey.short] ?? []
        if let name = target.lookup.name ?? target.expectedName { candidates += byName[name] ?? [] }
        if let connection = target.lookup.sourceConnection { candidates += bySource[connection] ?? [] }
        if let found = PlanBridge.find(target, in: candidates) { return found }
        // Strategies the buckets do not cover fall back to a scan of the rest.
        return PlanBridge.find(target, in: unbucketed)
    }

    /// The provenance key prefixes a job carries: in a `[jb:xxxxxxxx]` name suffix, and in
    /// any settings member holding an object with a `key`.
    private static func shortKeys(of job: Job) -> [String] {
        var keys: [String] = []
        if let open = job.name.range(of: "[jb:", options: .backwards) {
            let digits = job.name[open.upperBound...].prefix(8)
            if digits.count == 8 { keys.append(String(digits)) }
        }
        for value in job.settings.values {
            if case .string(let key)? = value["key"], key.count >= 8 { keys.append(String(key.prefix(8))) }
        }
        return keys
    }
}
