import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge cron explain|next|convert`: the core's cron engine on the command line.
struct CronCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Explain a cron expression, list its next runs, or convert it between dialects and intervals.",
        discussion: """
            Dialects: standard (Vixie), sync (CData Sync: ? L W #, weekdays 1-7 = SUN-SAT), airflow (croniter, \
            presets such as @daily). Nothing is sent to any provider.

            Examples:
              jobbridge cron explain "0 9 * * 1-5" --time-zone America/New_York
              jobbridge cron next "30 2 * * *" --time-zone Europe/Berlin --count 10
              jobbridge cron convert "0 */6 * * *" --to interval
              jobbridge cron convert "0 9 ? * MON-FRI" --dialect sync --to airflow
              jobbridge cron convert "every 5 hours" --to standard
            """,
        subcommands: [CronExplainCommand.self, CronNextCommand.self, CronConvertCommand.self])
}

/// The options the cron commands share.
struct CronOptions: ParsableArguments {
    @Argument(help: "The cron expression (quote it), or for convert an interval such as \"every 6 hours\".")
    var expression: String
    @Option(name: .long, help: "The expression's dialect: standard, sync or airflow.")
    var dialect: DialectOption = .standard
    @Option(
        name: .customLong("time-zone"), help: ArgumentHelp("The zone it is read in (IANA name).", valueName: "zone"))
    var timeZone: String = "UTC"
    @Flag(name: .long, help: "Print JSON for programs.") var json = false

    func zone() throws -> TimeZone {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw ToolExit.usage("unknown time zone '\(timeZone)' (an IANA name such as America/New_York)")
        }
        return zone
    }

    func schedule() throws -> CronSchedule {
        try CronSchedule(expression, dialect: dialect.dialect, timeZone: try zone())
    }
}

/// A cron dialect as a command-line value.
enum DialectOption: String, ExpressibleByArgument, CaseIterable {
    case standard, sync, airflow

    /// The core's dialect.
    var dialect: CronDialect {
        switch self {
        case .standard: return .standard
        case .sync: return .sync
        case .airflow: return .airflow
        }
    }
}

/// `jobbridge cron explain EXPRESSION`.
struct CronExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say a cron expression in words, with its next runs.",
        discussion: """
            JSON (--json): {"expression", "dialect", "time_zone", "words", "next_runs": [date]}

            Example:
              jobbridge cron explain "*/15 9-17 * * 1-5" --time-zone America/New_York
            """)

    @OptionGroup var options: CronOptions

    struct Output: Encodable {
        var expression: String
        var dialect: String
        var timeZone: String
        var words: String
        var nextRuns: [Date]

        enum CodingKeys: String, CodingKey {
            case expression, dialect, words
            case timeZone = "time_zone", nextRuns = "next_runs"
        }
    }

    func run() async throws {
        let context = ToolContext.current
        let schedule = try options.schedule()
        let runs = Array(schedule.runs(after: context.now()).prefix(5))
        let output = Output(
            expression: schedule.text, dialect: schedule.dialect.rawValue, timeZone: schedule.timeZone.identifier,
            words: schedule.expression.summary, nextRuns: runs)
        if options.json { return try JSONOutput.print(output, context: context) }
        context.print("\(schedule.text)  (\(schedule.dialect.rawValue), \(schedule.timeZone.identifier))")
        context.print(context.bold(schedule.expression.summary))
        context.print("Next runs:")
        for run in runs { context.print("  " + Formatting.date(run, in: schedule.timeZone)) }
    }
}

/// `jobbridge cron next EXPRESSION [--count N]`.
struct CronNextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "List a cron expression's next runs, in its zone and in UTC.",
        discussion: """
            JSON (--json): {"expression", "dialect", "time_zone", "runs": [date]} (dates in UTC)

            Examples:
              jobbridge cron next "30 2 * * *" --time-zone Europe/Berlin --count 10
              jobbridge cron next "0 0 L * ?" --dialect sync --after 2028-02-01T00:00:00Z
            """)

    @OptionGroup var options: CronOptions
    @Option(name: .long, help: ArgumentHelp("How many runs (1 to 1000).", valueName: "n")) var count: Int = 10
    @Option(name: .long, help: ArgumentHelp("Runs after this ISO 8601 date; now by default.", valueName: "date"))
    var after: String?

    func validate() throws {
        guard (1...1_000).contains(count) else { throw ValidationError("--count must be 1 to 1000") }
    }

    struct Output: Encodable {
        var expression: String
        var dialect: String
        var timeZone: String
        var runs: [Date]

        enum CodingKeys: String, CodingKey {
            case expression, dialect, runs
            case timeZone = "time_zone"
        }
    }

    func run() async throws {
        let context = ToolContext.current
        let schedule = try options.schedule()
        var start = context.now()
        if let after {
            guard let date = ISO8601DateFormatter().date(from: after) else {
                throw ToolExit.usage("--after must be an ISO 8601 date such as 2026-11-23T12:00:00Z")
            }
            start = date
        }
        let runs = Array(schedule.runs(after: start).prefix(count))
        if options.json {
            return try JSONOutput.print(
                Output(
                    expression: schedule.text, dialect: schedule.dialect.rawValue,
                    timeZone: schedule.timeZone.identifier, runs: runs), context: context)
        }
        if runs.isEmpty { context.print("No run after \(Formatting.date(start)).") }
        for run in runs {
            context.print(Formatting.date(run, in: schedule.timeZone) + "   " + Formatting.date(run))
        }
    }
}

/// `jobbridge cron convert EXPRESSION --to standard|sync|airflow|interval`.
struct CronConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a schedule to another cron dialect or to an interval, with an honest verdict.",
        discussion: """
            The verdict comes from comparing run times (around daylight-saving changes, over a year or more): \
            exact, approximate (with the differences in words) or impossible (with the reason). Exit code: \
            0 exact, 3 approximate, 1 impossible. EXPRESSION may also be an interval, "every N \
            minutes|hours|days|weeks|months", counted from --start (midnight UTC by default).

            JSON (--json): {"from", "to", "result" (text or null), "verdict": "exact"|"approximate"|\
            "impossible", "differences": [text], "reason" (text or null)}

            Examples:
              jobbridge cron convert "0 */6 * * *" --to interval
              jobbridge cron convert "0 */5 * * *" --to interval
              jobbridge cron convert "0 9 ? * MON-FRI" --dialect sync --to airflow --time-zone America/New_York
              jobbridge cron convert "every 5 hours" --to standard
            """)

    @OptionGroup var options: CronOptions
    @Option(name: .long, help: "What to convert to: standard, sync, airflow or interval.") var to: Target
    @Option(
        name: .long,
        help: ArgumentHelp("For an interval: its first run (ISO 8601).", valueName: "date"))
    var start: String?

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case standard, sync, airflow, interval
    }

    struct Output: Encodable {
        var from: String
        var to: String
        var result: String?
        var verdict: String
        var differences: [String]
        var reason: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(result, forKey: .result)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(differences, forKey: .differences)
            try container.encode(reason, forKey: .reason)
        }

        enum CodingKeys: String, CodingKey { case from, to, result, verdict, differences, reason }
    }

    func run() async throws {
        let context = ToolContext.current
        let zone = try options.zone()
        let source: Schedule
        if let interval = try IntervalText.parse(options.expression, start: start, zone: zone) {
            source = .interval(interval)
        } else {
            source = .cron(try options.schedule())
        }
        let conversion: ScheduleConversion
        switch to {
        case .interval: conversion = source.convertedToInterval()
        case .standard: conversion = source.convertedToCron(dialect: .standard, timeZone: zone)
        case .sync: conversion = source.convertedToCron(dialect: .sync, timeZone: zone)
        case .airflow: conversion = source.convertedToCron(dialect: .airflow, timeZone: zone)
        }
        var output = Output(
            from: source.description, to: to.rawValue, result: conversion.schedule?.description, verdict: "exact",
            differences: [], reason: nil)
        let status: ExitStatus
        switch conversion.verdict {
        case .exact:
            status = .done
        case .approximate(let differences):
            output.verdict = "approximate"
            output.differences = differences
            status = .partlyDone
        case .impossible(let reason):
            output.verdict = "impossible"
            output.reason = reason
            status = .failed
        }
        if options.json {
            try JSONOutput.print(output, context: context)
        } else {
            context.print("From:    \(output.from)")
            context.print("To:      \(output.result ?? "-")")
            let verdict =
                status == .done
                ? context.green("exact")
                : status == .partlyDone ? context.yellow("approximate") : context.red("impossible")
            context.print("Verdict: \(verdict)")
            for difference in output.differences { context.print("  - \(difference)") }
            if let reason = output.reason { context.print("  \(reason)") }
        }
        if status != .done { throw ToolExit(status) }
    }
}

/// "every 6 hours" and the like, for converting intervals.
enum IntervalText {
    /// The interval the text says, or `nil` when it is not one (it is then read as cron).
    static func parse(_ text: String, start: String?, zone: TimeZone) throws -> IntervalSchedule? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard words.first == "every" else { return nil }
        guard words.count == 3 || words.count == 2 else {
            throw ToolExit.usage("an interval is written \"every N minutes|hours|days|weeks|months\"")
        }
        let count = words.count == 3 ? Int(words[1]) : 1
        let unitWord = words.count == 3 ? words[2] : words[1]
        let unitName = unitWord.hasSuffix("s") ? String(unitWord.dropLast()) : unitWord
        guard let count, (1...100_000).contains(count), let unit = IntervalUnit(rawValue: unitName) else {
            throw ToolExit.usage("an interval is written \"every N minutes|hours|days|weeks|months\" (N from 1)")
        }
        var first = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        if let start {
            guard let date = ISO8601DateFormatter().date(from: start) else {
                throw ToolExit.usage("--start must be an ISO 8601 date such as 2026-01-01T09:00:00Z")
            }
            first = date
        }
        return IntervalSchedule(every: count, unit, firstRun: first)
    }
}
