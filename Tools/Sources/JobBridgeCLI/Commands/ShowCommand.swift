import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge show PROVIDER JOB`: one job, whole.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one job: its fields, schedule, next runs, tasks and last run.",
        discussion: """
            JOB is the job's id or its name.

            JSON (--json): {"provider", "id", "name", "kind", "kind_provider", "source", "destination", \
            "schedule", "schedule_words", "enabled", "next_runs": [date], "next_run_computed", "created_at", \
            "modified_at", "tasks": [{"id", "index", "query", "table", "active"}], "last_run": run or null, \
            "settings": {name: JSON}}

            Examples:
              jobbridge show sync "Salesforce to Snowflake"
              jobbridge show nx1 a7d9e0b1-2c3d-4e5f-8a9b-0c1d2e3f4a5b --json
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The provider (handle or name).") var provider: String
    @Argument(help: "The job (id or name).") var job: String
    @Flag(name: .long, help: "Print JSON for programs.") var json = false

    /// A task in `--json`.
    struct TaskOutput: Encodable {
        var id: String
        var index: Int
        var query: String?
        var table: String?
        var active: Bool
    }

    /// The job in `--json`.
    struct Output: Encodable {
        var provider: String
        var id: String
        var name: String
        var kind: String
        var kindProvider: String?
        var source: String?
        var destination: String?
        var schedule: String
        var scheduleWords: String
        var enabled: Bool
        var nextRuns: [Date]
        var nextRunComputed: Bool
        var createdAt: Date?
        var modifiedAt: Date?
        var tasks: [TaskOutput]
        var lastRun: RunOutput?
        var settings: [String: JSONValue]

        enum CodingKeys: String, CodingKey {
            case provider, id, name, kind, source, destination, schedule, enabled, tasks, settings
            case kindProvider = "kind_provider", scheduleWords = "schedule_words", nextRuns = "next_runs"
            case nextRunComputed = "next_run_computed", createdAt = "created_at", modifiedAt = "modified_at"
            case lastRun = "last_run"
        }
    }

    func run() async throws {
        let context = ToolContext.current
        let set = try await global.providers(in: context, needed: [provider])
        let entry = try set.entry(named: provider)
        let job = try await JobLookup.job(self.job, on: entry)
        let now = set.now()
        var nextRuns: [Date] = []
        var computed = false
        if let next = job.nextRunAt {
            nextRuns = [next]
        } else if job.isEnabled {
            var cursor = now
            while nextRuns.count < 3, let next = job.schedule.nextRun(after: cursor, in: entry.timeZone) {
                nextRuns.append(next)
                cursor = next
            }
            computed = !nextRuns.isEmpty
        }
        let output = Output(
            provider: entry.handle, id: job.id.rawValue, name: job.name, kind: job.kind.category.rawValue,
            kindProvider: job.kind.providerValue, source: job.source.map(Self.connection),
            destination: job.destination.map(Self.connection), schedule: job.schedule.description,
            scheduleWords: Formatting.words(job.schedule), enabled: job.isEnabled, nextRuns: nextRuns,
            nextRunComputed: computed, createdAt: job.createdAt, modifiedAt: job.modifiedAt,
            tasks: job.tasks.sorted { $0.index < $1.index }.map {
                TaskOutput(
                    id: $0.id.rawValue, index: $0.index, query: $0.query, table: $0.table?.description,
                    active: $0.isActive)
            },
            lastRun: job.lastRun.map(RunOutput.init), settings: job.settings)
        if json {
            try JSONOutput.print(output, context: context)
            return
        }
        let rows: [(String, String)] = [
            ("Provider", "\(entry.handle) (\(entry.name))"), ("Id", output.id), ("Name", output.name),
            ("Kind", output.kindProvider.map { "\($0) (\(output.kind))" } ?? output.kind),
            ("Source", output.source ?? "-"), ("Destination", output.destination ?? "-"),
            ("Schedule", output.scheduleWords), ("Schedule (raw)", output.schedule),
            ("Enabled", output.enabled ? "yes" : "no"),
            (
                computed ? "Next runs*" : "Next run",
                nextRuns.isEmpty ? "-" : nextRuns.map(Formatting.date).joined(separator: ", ")
            ),
            ("Created", output.createdAt.map(Formatting.date) ?? "-"),
            ("Modified", output.modifiedAt.map(Formatting.date) ?? "-"),
            ("Last run", output.lastRun.map(\.summary) ?? "never ran"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            context.print(context.bold(label.padding(toLength: width, withPad: " ", startingAt: 0)) + "  " + value)
        }
        if computed { context.print("* computed from the schedule") }
        if !output.tasks.isEmpty {
            context.print()
            let table = TextTable(
                header: ["#", "TASK", "ACTIVE", "QUERY OR TABLE"],
                rows: output.tasks.map {
                    ["\($0.index)", $0.id, $0.active ? "yes" : "no", $0.query ?? $0.table ?? "-"]
                },
                shrinkable: [3])
            for line in table.render(width: context.width, header: context.bold) { context.print(line) }
        }
        if !output.settings.isEmpty {
            context.print()
            context.print(context.bold("Settings"))
            for key in output.settings.keys.sorted() {
                context.print("  \(key) = \(Redactor.redact(output.settings[key].map { "\($0)" } ?? "null"))")
            }
        }
    }

    static func connection(_ ref: ConnectionRef) -> String {
        switch (ref.name, ref.id?.rawValue) {
        case (let name?, let id?) where name != id: return "\(name) (\(id))"
        case (let name?, _): return name
        case (nil, let id?): return id
        case (nil, nil): return "-"
        }
    }
}

/// A run in `--json`: {"id", "job_id", "status", "provider_status", "requested_at",
/// "started_at", "ended_at", "duration_seconds", "rows", "message"}.
struct RunOutput: Encodable {
    var id: String?
    var jobID: String
    var status: String
    var providerStatus: String?
    var requestedAt: Date?
    var startedAt: Date?
    var endedAt: Date?
    var durationSeconds: Double?
    var rows: Int64?
    var message: String?

    enum CodingKeys: String, CodingKey {
        case id, status, rows, message
        case jobID = "job_id", providerStatus = "provider_status", requestedAt = "requested_at"
        case startedAt = "started_at", endedAt = "ended_at", durationSeconds = "duration_seconds"
    }

    init(_ run: JobRun) {
        id = run.runID?.rawValue
        jobID = run.jobID.rawValue
        status = run.status.phase.rawValue
        providerStatus = run.status.providerValue
        requestedAt = run.requestedAt
        startedAt = run.startedAt
        endedAt = run.endedAt
        durationSeconds = run.duration.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        rows = run.rowsAffected
        message = run.message.map(Redactor.redact)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(jobID, forKey: .jobID)
        try container.encode(status, forKey: .status)
        try container.encode(providerStatus, forKey: .providerStatus)
        try container.encode(requestedAt, forKey: .requestedAt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(rows, forKey: .rows)
        try container.encode(message, forKey: .message)
    }

    /// `succeeded (SUCCESS) at 2026-…, 1m 35s, 120 rows: message`.
    var summary: String {
        var text = status + (providerStatus.map { $0 == status ? "" : " (\($0))" } ?? "")
        if let date = endedAt ?? startedAt ?? requestedAt { text += " at \(Formatting.date(date))" }
        if let durationSeconds { text += ", \(Formatting.duration(.milliseconds(Int64(durationSeconds * 1000))))" }
        if let rows { text += ", \(rows) rows" }
        if let message, !message.isEmpty { text += ": \(message)" }
        return text
    }
}
