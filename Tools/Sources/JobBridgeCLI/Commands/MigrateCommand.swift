import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge migrate plan|apply|resume|verify|cutover|rollback|report`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move jobs from one provider to another: plan, apply, verify, cut over, roll back.",
        discussion: """
            Each phase is its own command; apply runs exactly the plan. An unknown option is a usage \
            error (exit 2) and nothing is written.

            Examples:
              jobbridge migrate plan --from sync --to nx1 --out plan.json
              jobbridge migrate apply plan.json
              jobbridge migrate report plan.json
            """,
        subcommands: [])
}
