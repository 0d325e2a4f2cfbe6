import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge history PROVIDER JOB`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List a job's past runs, newest first.",
        discussion: """
            Providers without a run history (Connect AI, NX1) show their latest run (status).

            JSON (--json): {"provider", "job_id", "job_name", "source": "history" or "status", \
            "runs": [run as in 'run --json']}

            Examples:
              jobbridge history sync "Salesforce to Snowflake"
              jobbridge history sync "Salesforce to Snowflake" --limit 5 --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The provider (handle or name).") var provider: String
    @Argument(help: "The job (id or name).") var job: String
    @Option(name: .long, help: ArgumentHelp("At most this many runs.", valueName: "n")) var limit: Int = 20
    @Flag(name: .long, help: "Print JSON for programs.") var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1 to 10000") }
    }

    /// The `--json` document.
    struct Output: Encodable {
        var provider: String
        var jobID: String
        var jobName: String
        var source: String
        var runs: [RunOutput]

        enum CodingKeys: String, CodingKey {
            case provider, source, runs
            case jobID = "job_id", jobName = "job_name"
        }
    }

    func run() async throws {
        let context = ToolContext.current
        let set = try await global.providers(in: context, needed: [provider])
        let entry = try set.entry(named: provider)
        let job = try await JobLookup.job(self.job, on: entry)
        var runs: [JobRun] = []
        let source: String
        if entry.provider.descriptor.capabilities.supports(.runHistory) {
            source = "history"
            for try await run in entry.provider.runs(of: job.id) {
                runs.append(run)
                if runs.count == limit { break }
            }
        } else {
            source = "status"
            if let run = try await entry.provider.status(of: job.id) { runs = [run] }
        }
        if json {
            try JSONOutput.print(
                Output(
                    provider: entry.handle, jobID: job.id.rawValue, jobName: job.name, source: source,
                    runs: runs.map(RunOutput.init)), context: context)
            return
        }
        if source == "status" {
            context.print("\(entry.handle) keeps no run history; its latest run:")
        }
        guard !runs.isEmpty else {
            context.print("'\(job.name)' never ran.")
            return
        }
        let table = TextTable(
            header: ["RUN", "STATUS", "STARTED", "ENDED", "DURATION", "ROWS", "MESSAGE"],
            rows: runs.map(RunOutput.init).map { run in
                [
                    run.id ?? "-", run.status, (run.startedAt ?? run.requestedAt).map(Formatting.date) ?? "-",
                    run.endedAt.map(Formatting.date) ?? "-",
                    run.durationSeconds.map { Formatting.duration(.milliseconds(Int64($0 * 1000))) } ?? "-",
                    run.rows.map(String.init) ?? "-", run.message ?? "",
                ]
            }, shrinkable: [0, 6])
        for line in table.render(width: context.width, header: context.bold) { context.print(line) }
    }
}
