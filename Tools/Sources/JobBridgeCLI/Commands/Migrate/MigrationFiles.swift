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
    /// `PLAN.mapping.json`: the mapping the plan was made with, which apply and resume
    /// need again (the engine refuses a mapping other than the plan's).
    var mapping: URL { plan.appendingPathExtension("mapping.json") }
    /// `PLAN.simulators.json`: the embedded simulators' state for this migration.
    var simulatorState: URL { plan.appendingPathExtension("simulators.json") }

    /// Opens the plan: a streamed plan file (read as the phase goes), or a whole JSON plan
    /// written by an earlier version (loaded whole), told apart by the first bytes.
    ///
    /// - Throws: ``ToolExit`` (usage) when the file cannot be read; ``JobBridgeError``
    ///   (`invalidDefinition`) when it is not a plan of this version (naming the line of a
    ///   streamed file).
    func readPlan() throws -> LoadedPlan {
        guard FileManager.default.isReadableFile(atPath: plan.path) else {
            throw ToolExit.usage("cannot read the plan \(plan.path)")
        }
        if MigrationPlanFile.isStreamed(at: plan) { return .streamed(try MigrationPlanFile(at: plan)) }
        guard let data = FileManager.default.contents(atPath: plan.path) else {
            throw ToolExit.usage("cannot read the plan \(plan.path)")
        }
        return .whole(try MigrationPlan.decode(from: data))
    }

    /// The mapping apply and resume use: the file named on the command line, else the one
    /// `plan` wrote beside the plan, else an empty mapping.
    func mappingForPhase(_ path: String?, context: ToolContext) throws -> ConnectionMapping {
        if let named = try Self.mapping(path, context: context) { return named }
        guard let data = FileManager.default.contents(atPath: mapping.path) else { return ConnectionMapping() }
        return try ConnectionMapping.load(from: data)
    }

    /// Writes the plan's mapping beside it, readable by its owner only.
    ///
    /// - Throws: ``ToolExit`` (usage) when the mapping holds a secret (a connection string
    ///   with a password, a token): a mapping names connections, it never holds credentials.
    func writeMapping(_ value: ConnectionMapping) throws {
        let data = try CanonicalJSON.data(value, pretty: true)
        let text = String(decoding: data, as: UTF8.self)
        guard Redactor.redact(text) == text else {
            let member = value.connections.keys.sorted().first {
                let pair = "\($0)=\(value.connections[$0] ?? "")"
                return Redactor.redact(pair) != pair
            }
            throw ToolExit.usage(
                "the mapping holds a secret" + (member.map { " (connection '\($0)')" } ?? "")
                    + ": map connections by id or name, never by a connection string with credentials")
        }
        guard
            FileManager.default.createFile(
                atPath: mapping.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw ToolExit(.failed, "cannot write the mapping to \(mapping.path)") }
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
