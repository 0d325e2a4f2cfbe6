import ArgumentParser
import Foundation
import JobBridge
import JobBridgeMigration

/// `jobbridge migrate report PLAN [--json|--markdown]`.
struct MigrateReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report a migration from its plan and journal (no provider is contacted).",
        discussion: """
            JSON (--json): {"formatVersion", "planID", "sourceProvider", "targetProvider", "planTotals": \
            {"jobs", "targets", "byVerdict", "byAction"}, "totals": {"planned", "migrated", "alreadyMigrated", \
            "adopted", "skipped", "blocked", "impossible", "failed", "verified", "mismatched", "cutOver", \
            "notCutOver", "rolledBack", …}, "jobs": [{"sourceID", "sourceName", "action", "verdict", "outcome", \
            "codes", "losses": [{"code", "field", "message", "remedy"}], "targets": [{"split", "provenanceKey", \
            "targetID", "origin", "verified", "mismatchField", "enabled"}], "errorCode", "errorMessage", "cutOver", \
            "rolledBack"}]} (JobBridgeMigration's MigrationReport, keys sorted).

            Examples:
              jobbridge migrate report plan.json
              jobbridge migrate report plan.json --json
              jobbridge migrate report plan.json --markdown > report.md
            """)

    @Argument(help: "The plan file (its journal is PLAN.journal).") var plan: String
    @Flag(name: .long, help: "Print JSON for programs.") var json = false
    @Flag(name: .long, help: "Print Markdown.") var markdown = false

    func validate() throws {
        if json && markdown { throw ValidationError("choose --json or --markdown, not both") }
    }

    func run() async throws {
        let context = ToolContext.current
        let files = MigrationFiles(plan, context: context)
        let plan = try files.readPlan()
        var records: [JournalRecord] = []
        if FileManager.default.fileExists(atPath: files.journal.path) {
            records = try JournalReader.read(at: files.journal).records
        }
        let report = try plan.report(journal: JournalState(records: records))
        if json {
            context.print(Redactor.redact(String(decoding: try report.encoded(pretty: true), as: UTF8.self)))
        } else if markdown {
            context.print(Redactor.redact(report.markdown()))
        } else {
            if records.isEmpty { context.print("Not applied yet (no journal at \(files.journal.path)).") }
            MigrationText.printReport(report, context: context)
        }
        if report.hasFailuresOrBlocked { throw ToolExit(.partlyDone) }
    }
}
