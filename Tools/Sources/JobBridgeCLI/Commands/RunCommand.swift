import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge run PROVIDER JOB [--tasks ...] [--wait]`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job now (all its active tasks, or the tasks chosen), and optionally wait for its end.",
        discussion: """
            With --wait, a live status line on a terminal (plain lines otherwise) until the run ends; \
            the exit code is then 0 when it succeeded and 1 when it failed, was cancelled or timed out.

            JSON (--json): the run as {"id", "job_id", "status", "provider_status", "requested_at", \
            "started_at", "ended_at", "duration_seconds", "rows", "message"}; with --wait, the finished run.

            Examples:
              jobbridge run sync "Salesforce to Snowflake"
              jobbridge run sync "Salesforce to Snowflake" --tasks 870237973789151201 --wait
              jobbridge run connect "MailChimp conversations" --wait --timeout 600
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The provider (handle or name).") var provider: String
    @Argument(help: "The job (id or name).") var job: String
    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Run only these tasks (ids); the provider must support runTasks.", valueName: "task-id"))
    var tasks: [String] = []
    @Flag(name: .long, help: "Wait until the run ends.") var wait = false
    @Option(name: .long, help: ArgumentHelp("With --wait: the longest wait, in seconds.", valueName: "seconds"))
    var timeout: Int = 3_600
    @Flag(name: .long, help: "Print JSON for programs.") var json = false

    func validate() throws {
        guard (1...86_400).contains(timeout) else { throw ValidationError("--timeout must be 1 to 86400 seconds") }
        if tasks.contains(where: \.isEmpty) { throw ValidationError("--tasks takes task ids") }
    }

    func run() async throws {
        let context = ToolContext.current
        let set = try await global.providers(in: context, needed: [provider])
        let entry = try set.entry(named: provider)
        let job = try await JobLookup.job(self.job, on: entry)
        let chosen = tasks.isEmpty ? nil : tasks.map { TaskID($0) }
        var run = try await entry.provider.runJob(job.id, tasks: chosen)
        if !json { context.print("Started '\(job.name)' on \(entry.handle): \(run.status)") }
        if wait {
            run = try await RunFollower(entry: entry, clock: set.clock, context: context, quiet: json)
                .follow(run, timeout: .seconds(timeout))
        }
        if json {
            try JSONOutput.print(RunOutput(run), context: context)
        } else if wait {
            let line = "'\(job.name)' \(RunOutput(run).summary)"
            context.print(run.status.phase == .succeeded ? context.green(line) : context.red(line))
        }
        if wait && run.status.phase != .succeeded {
            throw ToolExit(.failed, "the run ended \(run.status)")
        }
    }
}

/// Follows a run to its end, with a live status line on a terminal (one rewritten line on
/// standard error) or a plain line per change otherwise.
struct RunFollower {
    let entry: ProviderEntry
    let clock: any Clock<Duration>
    let context: ToolContext
    let quiet: Bool

    func follow(_ run: JobRun, timeout: Duration) async throws -> JobRun {
        let clock: any Clock<Duration> = self.clock
        return try await Self.poll(run, timeout: timeout, on: clock, entry: entry, context: context, quiet: quiet)
    }

    private static func poll<C: Clock<Duration>>(
        _ run: JobRun, timeout: Duration, on clock: C, entry: ProviderEntry, context: ToolContext, quiet: Bool
    ) async throws -> JobRun {
        let provider = entry.provider
        let start = clock.now
        var current = run
        var interval = RunPolling.firstPollInterval
        var lastShown = ""
        let live = context.errorTerminal != nil && !quiet
        while !current.status.isFinished {
            let elapsed = start.duration(to: clock.now)
            guard elapsed < timeout else {
                if live { context.standardError.write("\n") }
                throw ToolExit(
                    .failed, "the run had not ended after \(Formatting.duration(timeout)) (\(current.status))")
            }
            let line = "\(current.status) after \(Formatting.duration(elapsed))"
            if live {
                context.standardError.write("\r\u{1B}[K" + line)
            } else if !quiet && "\(current.status)" != lastShown {
                context.printError(line)
            }
            lastShown = "\(current.status)"
            try await clock.sleep(for: interval)
            interval = min(interval + interval / 2, RunPolling.maximumPollInterval)
            if let status = try await provider.status(of: run.jobID) { current = status }
        }
        if live { context.standardError.write("\r\u{1B}[K") }
        return current
    }
}
