import Foundation
import JobBridge

/// The plan side's helpers the engine calls, in one place: finding a planned target among
/// target jobs, comparing a read-back target with the plan, and telling whether a plan is
/// stale.
enum PlanBridge {
    /// The job among `jobs` that is `target`, by the target's lookup strategy.
    static func find(_ target: PlannedTarget, in jobs: [Job]) -> Job? {
        let lookup = target.lookup
        return jobs.first { job in
            switch lookup.strategy {
            case .settingsMember:
                guard let member = lookup.member else { return false }
                return job.settings[member]?["key"]?.stringValue == lookup.key.rawValue
            case .nameSuffix:
                return job.name.hasSuffix(lookup.nameSuffix ?? lookup.key.nameSuffix)
            case .naturalKey:
                let source = job.source?.id?.rawValue ?? job.source?.name
                guard source == lookup.sourceConnection else { return false }
                guard let table = lookup.table else { return true }
                return job.tasks.contains { $0.table == table }
            case .name:
                return job.name == lookup.name
            }
        }
    }

    /// The differences between a target read back and the plan (empty when it matches).
    static func compare(_ target: PlannedTarget, readBack: Job) -> [Loss] {
        let planned = target.definition
        var losses: [Loss] = []
        func differs(_ field: String, _ what: String) {
            losses.append(Loss(.verifyMismatch, field: field, "the target's \(field) reads back \(what)"))
        }
        if let name = target.expectedName, readBack.name != name { differs("name", "as another name") }
        if readBack.kind.category != planned.kind.category { differs("kind", "as another kind") }
        if let source = planned.source, readBack.source?.id != source.id { differs("source", "as another connection") }
        if let destination = planned.destination, readBack.destination?.id != destination.id {
            differs("destination", "as another connection")
        }
        if ScheduleSnapshot(readBack.schedule) != planned.schedule { differs("schedule", "differently") }
        for (key, value) in planned.settings.sorted(by: { $0.key < $1.key }) where readBack.settings[key] != value {
            differs("settings.\(key)", "differently or not at all")
        }
        return losses
    }
}
