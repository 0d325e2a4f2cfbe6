import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge jobs`: every job across providers, with a provider that fails or hangs
/// reported beside the others' jobs.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List every job across providers.",
        discussion: """
            Columns: provider, name, kind, schedule in words, enabled, next run, last run status. The next \
            run is the provider's; where it does not say, it is computed from the schedule and marked '*'. \
            A provider that fails or takes longer than --timeout is reported beside the others' jobs, and the \
            exit code is 3 (partly done).

            JSON (--json): {"jobs": [{"provider", "provider_name", "id", "name", "kind", "kind_provider", \
            "schedule", "schedule_words", "enabled", "next_run", "next_run_computed", "last_run_status", \
            "last_run_at"}], "failures": [{"provider", "provider_name", "error", "code"}]}. Dates are ISO 8601 \
            in UTC; absent values are null.

            Examples:
              jobbridge jobs
              jobbridge jobs --provider sync
              jobbridge jobs --json | jq '.jobs[] | select(.enabled)'
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp("Only this provider (its handle or name).", valueName: "name"))
    var provider: String?
    @Option(name: .long, help: ArgumentHelp("Seconds each provider may take to list its jobs.", valueName: "seconds"))
    var timeout: Int = 30
    @Flag(name: .long, help: "Print JSON for programs.") var json = false

    func validate() throws {
        guard (1...3_600).contains(timeout) else { throw ValidationError("--timeout must be 1 to 3600 seconds") }
    }

    /// One job in `--json`.
    struct JobOutput: Encodable {
        var provider: String
        var providerName: String
        var id: String
        var name: String
        var kind: String
        var kindProvider: String?
        var schedule: String
        var scheduleWords: String
        var enabled: Bool
        var nextRun: Date?
        var nextRunComputed: Bool
        var lastRunStatus: String?
        var lastRunAt: Date?

        enum CodingKeys: String, CodingKey {
            case provider, id, name, kind, schedule, enabled
            case providerName = "provider_name", kindProvider = "kind_provider", scheduleWords = "schedule_words"
            case nextRun = "next_run", nextRunComputed = "next_run_computed", lastRunStatus = "last_run_status"
            case lastRunAt = "last_run_at"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(provider, forKey: .provider)
            try container.encode(providerName, forKey: .providerName)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(kind, forKey: .kind)
            try container.encode(kindProvider, forKey: .kindProvider)
            try container.encode(schedule, forKey: .schedule)
            try container.encode(scheduleWords, forKey: .scheduleWords)
            try container.encode(enabled, forKey: .enabled)
            try container.encode(nextRun, forKey: .nextRun)
            try container.encode(nextRunComputed, forKey: .nextRunComputed)
            try container.encode(lastRunStatus, forKey: .lastRunStatus)
            try container.encode(lastRunAt, forKey: .lastRunAt)
        }
    }

    /// A provider that could not list in `--json`.
    struct FailureOutput: Encodable {
        var provider: String
        var providerName: String
        var error: String
        var code: String?

        enum CodingKeys: String, CodingKey {
            case provider, error, code
            case providerName = "provider_name"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(provider, forKey: .provider)
            try container.encode(providerName, forKey: .providerName)
            try container.encode(error, forKey: .error)
            try container.encode(code, forKey: .code)
        }
    }

    /// The whole `--json` document.
    struct Output: Encodable {
        var jobs: [JobOutput]
        var failures: [FailureOutput]
    }

    func run() async throws {
        let context = ToolContext.current
        let set = try await global.providers(in: context, needed: provider.map { [$0] })
        let entries = try provider.map { [try set.entry(named: $0)] } ?? set.entries
        let registry = ProviderRegistry(entries.map(\.provider))
        let listing = await registry.listAllJobs(timeout: .seconds(timeout))
        let now = set.now()
        let handles = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let jobs = listing.jobs.map { entry -> JobOutput in
            let providerEntry = handles[entry.provider]
            let job = entry.job
            let next = Formatting.nextRun(of: job, after: now, in: providerEntry?.timeZone ?? .gmt)
            return JobOutput(
                provider: providerEntry?.handle ?? entry.provider, providerName: entry.provider,
                id: job.id.rawValue, name: job.name, kind: job.kind.category.rawValue,
                kindProvider: job.kind.providerValue, schedule: job.schedule.description,
                scheduleWords: Formatting.words(job.schedule), enabled: job.isEnabled, nextRun: next?.date,
                nextRunComputed: next?.computed ?? false, lastRunStatus: job.lastRun.map { $0.status.phase.rawValue },
                lastRunAt: job.lastRun.flatMap { $0.endedAt ?? $0.startedAt ?? $0.requestedAt })
        }
        let failures = listing.failures.map { failure in
            FailureOutput(
                provider: handles[failure.provider]?.handle ?? failure.provider, providerName: failure.provider,
                error: Redactor.redact("\((failure.error as? JobBridgeError)?.description ?? "\(failure.error)")"),
                code: (failure.error as? JobBridgeError)?.code.rawValue)
        }
        if json {
            try JSONOutput.print(Output(jobs: jobs, failures: failures), context: context)
        } else {
            let rows = jobs.map { job -> [String] in
                [
                    job.provider, job.name, job.kindProvider ?? job.kind, job.scheduleWords, job.enabled ? "yes" : "no",
                    job.nextRun.map { Formatting.shortUTC($0) + (job.nextRunComputed ? "*" : "") } ?? "-",
                    job.lastRunStatus ?? "-",
                ]
            }
            let table = TextTable(
                header: ["PROVIDER", "JOB", "KIND", "SCHEDULE", "ENABLED", "NEXT RUN (UTC)", "LAST RUN"], rows: rows,
                shrinkable: [1, 2, 3])
            for line in table.render(width: context.width, header: context.bold) { context.print(line) }
            if jobs.contains(where: \.nextRunComputed) { context.print("* computed from the schedule") }
            for failure in failures {
                context.print(context.yellow("! \(failure.provider): \(failure.error)"))
            }
        }
        if !failures.isEmpty {
            throw ToolExit(
                jobs.isEmpty && failures.count == entries.count ? .failed : .partlyDone,
                "\(failures.count) of \(entries.count) providers could not list their jobs")
        }
    }
}
