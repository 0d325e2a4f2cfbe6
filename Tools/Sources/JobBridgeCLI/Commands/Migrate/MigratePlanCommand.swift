import ArgumentParser
import Foundation
import JobBridge
import JobBridgeMigration

/// `jobbridge migrate plan --from P --to Q --out PLAN`.
struct MigratePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a migration: read both providers (nothing is written to them) and write the plan file.",
        discussion: """
            Every selected source job gets an action (create, adopt, update, skip, blocked), a verdict \
            (exact, approximate, blocked, impossible) and its losses with codes and remedies. Exit code 3 \
            when a job is blocked (it needs a mapping or a decision). The plan is deterministic: the same \
            inputs give the same bytes. The file is JSON lines (a header line, then one planned job per \
            line), written as jobs are planned; the other migrate commands read it as they go, and still \
            read a whole-JSON plan written by an earlier version.

            JSON (--json): the whole plan as one JSON object (JobBridgeMigration's MigrationPlan).

            Examples:
              jobbridge migrate plan --from sync --to nx1 --out plan.json
              jobbridge migrate plan --from sync --to nx1 --select "Salesforce to Snowflake" \\
                --connection c-salesforce=salesforce://crm --connection c-snowflake=snowflake://wh --out plan.json
              jobbridge migrate plan --from sync --to connect --map mapping.json --out plan.json
              jobbridge migrate plan --from nx1 --to sync --select "Nightly dbt models" --conflict skip --out plan.json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp("The source provider (handle or name).", valueName: "provider"))
    var from: String
    @Option(name: .long, help: ArgumentHelp("The target provider (handle or name).", valueName: "provider"))
    var to: String
    @Option(name: .long, help: ArgumentHelp("The connection mapping (JSON).", valueName: "file")) var map: String?
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Map a source connection to a target one (repeatable; added to --map's connections).",
            valueName: "source=target"))
    var connection: [String] = []
    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Only these source jobs (ids or names); every job by default.", valueName: "job"))
    var select: [String] = []
    @Option(name: .long, help: "What to do when a target of the same name exists: fail, adopt, skip or rename.")
    var conflict: ConflictOption = .fail
    @Flag(name: .long, help: "Allow a job kind to change where the target has no equal kind.")
    var allowTypeChange = false
    @Option(name: .long, help: ArgumentHelp("Where to write the plan.", valueName: "file")) var out: String
    @Flag(name: .long, help: "Overwrite an existing plan file (its journal, if any, must be removed first).")
    var force = false
    @Flag(name: .long, help: "Print the plan as JSON for programs.") var json = false

    /// A conflict policy as a command-line value.
    enum ConflictOption: String, ExpressibleByArgument, CaseIterable {
        case fail, adopt, skip, rename

        var policy: ConflictPolicy {
            switch self {
            case .fail: return .fail
            case .adopt: return .adopt
            case .skip: return .skip
            case .rename: return .rename
            }
        }
    }

    func run() async throws {
        let context = ToolContext.current
        let files = MigrationFiles(out, context: context)
        if FileManager.default.fileExists(atPath: files.journal.path) {
            throw ToolExit.usage(
                "\(files.journal.path) exists: this plan was applied; roll it back or move both files before planning"
                    + " again")
        }
        if !force && FileManager.default.fileExists(atPath: files.plan.path) {
            throw ToolExit.usage("\(files.plan.path) exists; pass --force to overwrite it")
        }
        var mapping = try MigrationFiles.mapping(map, context: context) ?? ConnectionMapping()
        for pair in connection {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ToolExit.usage("--connection takes source=target, such as c-salesforce=salesforce://crm")
            }
            mapping.connections[parts[0]] = parts[1]
        }
        try files.writeMapping(mapping)
        let set = try await global.providers(in: context, needed: [from, to], defaultState: files.simulatorState)
        let source = try set.entry(named: from)
        let target = try set.entry(named: to)
        guard source.handle != target.handle else { throw ToolExit.usage("--from and --to name the same provider") }
        let selection = try await Self.selection(select, on: source)
        var options = MigrationOptions()
        options.conflictPolicy = conflict.policy
        options.allowTypeChange = allowTypeChange
        let file: MigrationPlanFile
        do {
            // Written job by job as planned (JSON lines), replacing the file only once complete.
            file = try await JobBridgeMigration.plan(
                from: source.provider, selection: selection, to: target.provider, mapping: mapping, options: options,
                writingTo: files.plan)
        } catch let error as JobBridgeError where error.code == .configuration && error.field == "plan" {
            throw ToolExit(.failed, "cannot write the plan to \(files.plan.path)")
        }
        if json {
            let whole = try CanonicalJSON.data(try file.plan(), pretty: true)
            context.print(Redactor.redact(String(decoding: whole, as: UTF8.self)))
        } else {
            try await MigrationText.printPlan(file, context: context)
            context.print("Plan \(file.header.planID) written to \(files.plan.path)")
            context.print("Next: jobbridge migrate apply \(out)")
        }
        let totals = file.header.totals
        let blocked = MigrationVerdict.blocked.rawValue
        if (totals.byVerdict[blocked] ?? 0) > 0 || (totals.byAction[MigrationAction.blocked.rawValue] ?? 0) > 0 {
            throw ToolExit(.partlyDone, "some jobs are blocked: see their codes and remedies")
        }
    }

    /// The selection the command line names: every job, or the jobs named (ids or names).
    static func selection(_ names: [String], on entry: ProviderEntry) async throws -> JobSelection {
        guard !names.isEmpty else { return .all }
        let jobs = try await entry.provider.jobs().collect()
        var ids: [JobID] = []
        for name in names {
            if let job = jobs.first(where: { $0.id.rawValue == name }) {
                ids.append(job.id)
                continue
            }
            let named = jobs.filter { $0.name == name }
            guard named.count == 1, let job = named.first else {
                throw ToolExit.usage(
                    named.isEmpty
                        ? "no job '\(name)' on \(entry.handle)"
                        : "\(named.count) jobs on \(entry.handle) are named '\(name)': select by id")
            }
            ids.append(job.id)
        }
        return .ids(ids)
    }
}
