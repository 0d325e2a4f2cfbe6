import Foundation
import JobBridge
import JobBridgeMigration

/// The files of one migration: the plan, its journal beside it, and (on the embedded
/// simulators) their state beside it too.
struct MigrationFiles {
    /// The plan file.
    let plan: URL

    /// Files for the plan at `path` (relative to the working directory).
    init(_ path: String, context: ToolContext) {
        plan = URL(fileURLWithPath: context.absolutePath(path))
    }

    /// `PLAN.journal`: the write-ahead journal every phase reads and appends to.
    var journal: URL { plan.appendingPathExtension("journal") }
    /// `PLAN.simulators.json`: the embedded simulators' state for this migration.
    var simulatorState: URL { plan.appendingPathExtension("simulators.json") }

    /// Reads and decodes the plan.
    ///
    /// - Throws: ``ToolExit`` (usage) when the file cannot be read; ``JobBridgeError``
    ///   (`invalidDefinition`) when it is not a plan of this version.
    func readPlan() throws -> MigrationPlan {
        guard let data = FileManager.default.contents(atPath: plan.path) else {
            throw ToolExit.usage("cannot read the plan \(plan.path)")
        }
        return try MigrationPlan.decode(from: data)
    }

    /// The mapping file's content, when one is named.
    static func mapping(_ path: String?, context: ToolContext) throws -> ConnectionMapping? {
        guard let path else { return nil }
        let absolute = context.absolutePath(path)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ToolExit.usage("cannot read the mapping file \(absolute)")
        }
        return try ConnectionMapping.load(from: data)
    }
}
