import Foundation
import JobBridge

/// The plan a phase runs, whatever its form: a ``MigrationPlan`` held in memory or a
/// ``MigrationPlanFile`` read as the phase goes. Every phase goes through this one path;
/// the in-memory plan is just another source of planned jobs.
struct PlanInput: Sendable {
    /// Where the jobs come from.
    enum Storage: Sendable {
        case memory([PlannedJob])
        case file(MigrationPlanFile)
    }

    /// Everything but the jobs.
    let header: MigrationPlanHeader
    let storage: Storage

    init(_ plan: MigrationPlan) {
        header = MigrationPlanHeader(plan)
        storage = .memory(plan.jobs)
    }

    init(_ file: MigrationPlanFile) {
        header = file.header
        storage = .file(file)
    }

    var planID: String { header.planID }

    /// A fresh pass over the jobs, in order.
    func makeIterator() throws -> PlannedJobIterator {
        switch storage {
        case .memory(let jobs): return PlannedJobIterator(memory: jobs)
        case .file(let file): return PlannedJobIterator(file: try PlannedJobReader(file))
        }
    }
}

/// One pass over a plan's jobs: from memory, or from the file one line at a time.
final class PlannedJobIterator {
    private var memory: IndexingIterator<[PlannedJob]>?
    private let file: PlannedJobReader?

    init(memory jobs: [PlannedJob]) {
        memory = jobs.makeIterator()
        file = nil
    }

    init(file reader: PlannedJobReader) {
        memory = nil
        file = reader
    }

    /// The next job, or `nil` after the last.
    ///
    /// - Throws: a plan file's bad line (see ``MigrationPlanFile``).
    func next() throws -> PlannedJob? {
        if let file { return try file.next() }
        return memory?.next()
    }
}
