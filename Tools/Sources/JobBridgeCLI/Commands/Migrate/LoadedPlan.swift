import Foundation
import JobBridge
import JobBridgeMigration

/// A plan file as the tool found it: streamed (JSON lines, what `migrate plan` writes; read
/// by the engine as it goes) or a whole JSON plan (written by an earlier version; loaded
/// whole). Told apart by the file's first bytes.
enum LoadedPlan: Sendable {
    case streamed(MigrationPlanFile)
    case whole(MigrationPlan)

    /// The source provider's name.
    var sourceProvider: String {
        switch self {
        case .streamed(let file): return file.header.sourceProvider
        case .whole(let plan): return plan.sourceProvider
        }
    }

    /// The target provider's name.
    var targetProvider: String {
        switch self {
        case .streamed(let file): return file.header.targetProvider
        case .whole(let plan): return plan.targetProvider
        }
    }

    /// How many jobs the plan holds.
    var jobCount: Int {
        switch self {
        case .streamed(let file): return file.header.totals.jobs
        case .whole(let plan): return plan.jobs.count
        }
    }

    /// Applies (or resumes) the plan.
    func apply(_ engine: MigrationEngine, journal: URL, mapping: ConnectionMapping) async throws -> MigrationReport {
        switch self {
        case .streamed(let file): return try await engine.apply(file, journal: journal, mapping: mapping)
        case .whole(let plan): return try await engine.apply(plan, journal: journal, mapping: mapping)
        }
    }

    /// Verifies the plan's targets.
    func verify(_ engine: MigrationEngine, journal: URL) async throws -> MigrationReport {
        switch self {
        case .streamed(let file): return try await engine.verify(file, journal: journal)
        case .whole(let plan): return try await engine.verify(plan, journal: journal)
        }
    }

    /// Cuts the plan's verified jobs over.
    func cutover(_ engine: MigrationEngine, journal: URL, options: CutoverOptions) async throws -> MigrationReport {
        switch self {
        case .streamed(let file): return try await engine.cutover(file, journal: journal, options: options)
        case .whole(let plan): return try await engine.cutover(plan, journal: journal, options: options)
        }
    }

    /// Rolls the plan back.
    func rollback(_ engine: MigrationEngine, journal: URL, options: RollbackOptions) async throws -> MigrationReport {
        switch self {
        case .streamed(let file): return try await engine.rollback(file, journal: journal, options: options)
        case .whole(let plan): return try await engine.rollback(plan, journal: journal, options: options)
        }
    }

    /// The report of the plan and a journal's state, with no provider contacted.
    func report(journal: JournalState) throws -> MigrationReport {
        switch self {
        case .streamed(let file): return try MigrationReport(planFile: file, journal: journal)
        case .whole(let plan): return MigrationReport(plan: plan, journal: journal)
        }
    }
}
