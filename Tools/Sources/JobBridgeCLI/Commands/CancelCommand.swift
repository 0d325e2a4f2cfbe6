import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge cancel PROVIDER JOB`.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Stop a job's current run.",
        discussion: """
            Exit code 1 when the provider cannot cancel runs (NX1) or refuses.

            Examples:
              jobbridge cancel sync "Salesforce to Snowflake"
              jobbridge cancel connect "MailChimp conversations"
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The provider (handle or name).") var provider: String
    @Argument(help: "The job (id or name).") var job: String

    func run() async throws {
        let context = ToolContext.current
        let set = try await global.providers(in: context, needed: [provider])
        let entry = try set.entry(named: provider)
        try entry.provider.require(.cancelRun)
        let job = try await JobLookup.job(self.job, on: entry)
        try await entry.provider.cancelRun(of: job.id)
        context.print("Asked \(entry.handle) to stop the run of '\(job.name)'.")
    }
}
