import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge migrate plan|apply|resume|verify|cutover|rollback|report`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move jobs from one provider to another: plan, apply, verify, cut over, roll back.",
        discussion: """
            Each phase is its own command, driven by the plan file and the write-ahead journal beside it \
            (PLAN.journal). apply runs exactly the plan and creates the targets disabled; verify reads them \
            back; cutover enables each target and disables its source; rollback undoes it from the journal. \
            An unknown option is a usage error (exit 2) and nothing is written.

            On the embedded simulators (no configuration), the simulators' state is kept beside the plan \
            (PLAN.simulators.json), so that every phase sees what the plan saw.

            Exit codes: 0 done, 1 failed (nothing done: a stale plan, a held journal, a provider down), \
            2 usage, 3 partly done (a job failed, was blocked, did not verify or was not cut over).

            Examples:
              jobbridge migrate plan --from sync --to nx1 --out plan.json
              jobbridge migrate apply plan.json
              jobbridge migrate verify plan.json
              jobbridge migrate cutover plan.json
              jobbridge migrate report plan.json --json
              jobbridge migrate rollback plan.json
            """,
        subcommands: [
            MigratePlanCommand.self, MigrateApplyCommand.self, MigrateResumeCommand.self, MigrateVerifyCommand.self,
            MigrateCutoverCommand.self, MigrateRollbackCommand.self, MigrateReportCommand.self,
        ])
}
