import ArgumentParser
import Foundation
import JobBridge
import JobBridgeMigration

/// The `jobbridge` command: jobs on CData Sync, CData Connect AI and NX1 behind one tool.
///
/// ``run(_:context:)`` parses a command line, runs the command in a ``ToolContext`` and
/// returns the exit status; the executable only calls it. Tests call it too, in-process.
public struct JobBridgeTool: AsyncParsableCommand {
    /// The command's name, summary, examples and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "jobbridge",
        abstract: "List, run and migrate data jobs on CData Sync, CData Connect AI and NX1.",
        discussion: """
            With no configuration file (--config or $JOBBRIDGE_CONFIG) every command runs on the embedded \
            simulators and their demo data: providers sync, connect and nx1, no account needed.

            Exit codes: 0 done, 1 failed, 2 usage (bad command line or configuration; nothing sent), \
            3 partly done (a provider failed beside others, a job was blocked).
            Output: tables fitted to the terminal; --json for programs; colour only on a terminal, never with NO_COLOR.

            Examples:
              jobbridge providers
              jobbridge jobs --json
              jobbridge run sync "Salesforce to Snowflake" --wait
              jobbridge cron explain "0 9 * * 1-5" --time-zone America/New_York
              jobbridge migrate plan --from sync --to nx1 --out plan.json
            """,
        subcommands: [
            ProvidersCommand.self, JobsCommand.self, ShowCommand.self, RunCommand.self, CancelCommand.self,
            HistoryCommand.self, CronCommand.self, SimulateCommand.self, MigrateCommand.self,
        ])

    /// Creates the root command (ArgumentParser needs it).
    public init() {}

    /// Runs a command line (without the program's name) and returns its exit status.
    ///
    /// A command line that does not parse, or an option value that is wrong, prints the
    /// error and the usage on standard error and returns ``ExitStatus/usage`` before any
    /// command runs: an unknown option never falls through to a real action.
    public static func run(_ arguments: [String], context: ToolContext = .process) async -> ExitStatus {
        let status = await runCommand(arguments, context: context)
        do {
            try await context.endings.run()
        } catch {
            context.printError(prefix(.failed, context) + Redactor.redact("\(error)"))
            return status == .done ? .failed : status
        }
        return status
    }

    private static func runCommand(_ arguments: [String], context: ToolContext) async -> ExitStatus {
        await ToolContext.$current.withValue(context) {
            let command: any ParsableCommand
            do {
                command = try parseAsRoot(arguments)
            } catch {
                if exitCode(for: error) == .success {
                    context.print(fullMessage(for: error, columns: context.width))
                    return .done
                }
                context.printError(fullMessage(for: error, columns: context.width))
                return .usage
            }
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    var syncCommand = command
                    try syncCommand.run()
                }
                return .done
            } catch let exit as ToolExit {
                if let message = exit.message { context.printError(prefix(exit.status, context) + message) }
                return exit.status
            } catch let error as MigrationError {
                context.printError(prefix(.failed, context) + error.description)
                return .failed
            } catch let error as JobBridgeError {
                let status: ExitStatus =
                    [.configuration, .invalidDefinition].contains(error.code) ? .usage : .failed
                context.printError(prefix(status, context) + error.description)
                return status
            } catch let error as ValidationError {
                context.printError(prefix(.usage, context) + error.message)
                return .usage
            } catch is CancellationError {
                context.printError(prefix(.failed, context) + "cancelled")
                return .failed
            } catch {
                // `help` and `--help` arrive here as errors that end the command cleanly.
                if exitCode(for: error) == .success {
                    context.print(fullMessage(for: error, columns: context.width))
                    return .done
                }
                context.printError(prefix(.failed, context) + Redactor.redact("\(error)"))
                return .failed
            }
        }
    }

    private static func prefix(_ status: ExitStatus, _ context: ToolContext) -> String {
        switch status {
        case .partlyDone: return context.yellow("warning:") + " "
        case .done: return ""
        default: return context.red("error:") + " "
        }
    }
}
