import Foundation
import JobBridge

/// The Job API's rules, read from the documents and applied to raw JSON.
enum SimulatedJobs {
    static let units = ["Hour", "Day", "Week", "Month"]
    static let types = ["Caching", "ScheduledQuery"]
    /// What the documents show for a job that never ran.
    static let sentinelDate = "0001-01-01T00:00:00Z"
    /// Seconds from 0001-01-01T00:00:00Z to 1970-01-01T00:00:00Z.
    static let secondsFromYearOne: Double = 62_135_596_800

    // MARK: Reading bodies

    /// The members to store for a create or update body.
    ///
    /// - Throws: the `400` the body deserves.
    ///
    /// Accepts `intervalValue`, `logVerbosity` and `enabled` as numbers/Booleans or as
    /// strings (as the provider's own example sends them) and stores numbers and Booleans,
    /// which is what every answer shows. Chosen: a missing or unknown `jobType` or
    /// `intervalUnit`, a Caching job without `params.sourceConnection` and
    /// `params.sourceTable`, or a ScheduledQuery without `params.query` is refused with 400.
    /// `name` is not a documented create parameter; Chosen: it is kept when sent, else the
    /// job is named `<sourceName>_<sourceTable>`.
    static func members(from body: [String: JSONValue]) throws(SimulatorFailure) -> [String: JSONValue] {
        guard let type = body["jobType"]?.stringValue, types.contains(type) else {
            throw SimulatorFailure.invalid("jobType must be one of \(types.joined(separator: ", "))")
        }
        guard let unit = body["intervalUnit"]?.stringValue, units.contains(unit) else {
            throw SimulatorFailure.invalid("intervalUnit must be one of \(units.joined(separator: ", "))")
        }
        guard let value = integer(body["intervalValue"]), value >= 1 else {
            throw SimulatorFailure.invalid("intervalValue must be a whole number of at least 1")
        }
        var stored: [String: JSONValue] = [
            "jobType": .string(type), "intervalUnit": .string(unit), "intervalValue": .int(value),
        ]
        if let verbosity = body["logVerbosity"], !verbosity.isNull {
            guard let level = integer(verbosity), (1...5).contains(level) else {
                throw SimulatorFailure.invalid("logVerbosity must be a whole number from 1 to 5")
            }
            stored["logVerbosity"] = .int(level)
        } else {
            stored["logVerbosity"] = .int(1)  // Chosen default.
        }
        if let enabled = body["enabled"], !enabled.isNull {
            guard let flag = boolean(enabled) else { throw SimulatorFailure.invalid("enabled must be a Boolean") }
            stored["enabled"] = .bool(flag)
        } else {
            stored["enabled"] = .bool(true)  // Documented default.
        }
        if let next = body["definedNextRun"], !next.isNull {
            guard let text = next.stringValue, date(text) != nil else {
                throw SimulatorFailure.invalid("definedNextRun must be a date-time")
            }
            // Chosen: answers echo definedNextRun (the documents list it only in requests).
            stored["definedNextRun"] = .string(text)
        }
        let params = body["params"]?.objectValue ?? [:]
        if type == "Caching" {
            guard params["sourceConnection"]?.stringValue?.isEmpty == false,
                params["sourceTable"]?.stringValue?.isEmpty == false
            else {
                throw SimulatorFailure.invalid("a Caching job needs params.sourceConnection and params.sourceTable")
            }
        } else if params["query"]?.stringValue?.isEmpty != false {
            throw SimulatorFailure.invalid("a ScheduledQuery job needs params.query")
        }
        stored["params"] = .object(params)  // An open object: every key kept as sent.
        if let name = body["name"]?.stringValue, !name.isEmpty {
            stored["name"] = .string(name)
        } else {
            let source = params["sourceName"]?.stringValue ?? "Job"
            let table = params["sourceTable"]?.stringValue ?? params["destinationTable"]?.stringValue ?? "Query"
            stored["name"] = .string("\(source)_\(table)")
        }
        return stored
    }

    static func integer(_ value: JSONValue?) -> Int64? {
        switch value {
        case .int(let number)?: return number
        case .double(let number)?: return Int64(exactly: number)
        case .string(let text)?: return Int64(text.trimmingWhitespace())
        default: return nil
        }
    }

    static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        default: return nil
        }
    }

    // MARK: Dates

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Formats a date; with `fractionDigits` > 0, the fraction the provider writes
    /// (`lastModified` comes with seven digits, `created` with three, as in the samples).
    static func format(_ date: Date, fractionDigits: Int = 0) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let whole = date.timeIntervalSince1970.rounded(.down)
        let base = formatter.string(from: Date(timeIntervalSince1970: whole))
        guard fractionDigits > 0, base.hasSuffix("Z") else { return base }
        let scale = pow(10, Double(fractionDigits))
        let fraction = Int(((date.timeIntervalSince1970 - whole) * scale).rounded(.down))
        let digits = String(fraction)
        return String(base.dropLast()) + "." + String(repeating: "0", count: fractionDigits - digits.count) + digits
            + "Z"
    }

    // MARK: Answers

    /// The job as the API answers it at `now`.
    static func render(_ record: SimulatorState.JobRecord, now: Date) -> JSONValue {
        var members = record.members
        let next = nextRun(members, now: now)
        members["nextRunTime"] = next.map { .string(format($0)) } ?? .null
        members["lastRun"] = lastRun(record.run, next: next, now: now)
        return .object(members)
    }

    /// `lastRun` at `now`: the documents' year-1 sample for a job that never ran (status
    /// `JOB_QUEUED`, duration "now minus the year 1" in seconds), else the run's state:
    /// Chosen spellings `JOB_QUEUED`, `JOB_RUNNING`, `JOB_SUCCEEDED`, `JOB_FAILED`,
    /// `JOB_CANCELLED`; `duration` in seconds.
    static func lastRun(_ run: SimulatorState.RunRecord?, next: Date?, now: Date) -> JSONValue {
        guard let run else {
            return [
                "dateTime": .string(sentinelDate),
                "duration": .int(Int64((now.timeIntervalSince1970 + secondsFromYearOne).rounded(.down))),
                "status": "JOB_QUEUED", "rowsAffected": 0, "nextRunTime": .string(sentinelDate),
            ]
        }
        let status: String
        let end: Date
        if let stopped = run.stoppedAt {
            status = "JOB_CANCELLED"
            end = stopped
        } else {
            let elapsed = now.timeIntervalSince(run.queuedAt)
            if elapsed < ConnectSimulator.queuedFor {
                status = "JOB_QUEUED"
                end = run.queuedAt
            } else if elapsed < ConnectSimulator.runLength {
                status = "JOB_RUNNING"
                end = now
            } else {
                status = run.outcome
                end = run.queuedAt.addingTimeInterval(ConnectSimulator.runLength)
            }
        }
        let finished = status != "JOB_QUEUED" && status != "JOB_RUNNING"
        return [
            "dateTime": .string(format(run.queuedAt, fractionDigits: 3)),
            "duration": .int(Int64(end.timeIntervalSince(run.queuedAt).rounded(.down))),
            "status": .string(status), "rowsAffected": .int(finished && status == "JOB_SUCCEEDED" ? run.rows : 0),
            "nextRunTime": next.map { .string(format($0)) } ?? .null,
        ]
    }

    /// Whether the run is queued or running at `now`.
    static func isActive(_ run: SimulatorState.RunRecord?, now: Date) -> Bool {
        guard let run, run.stoppedAt == nil else { return false }
        return now.timeIntervalSince(run.queuedAt) < ConnectSimulator.runLength
    }

    /// The next scheduled run: `definedNextRun` (or `created`) stepped by the interval
    /// until it is after `now`. Chosen: a disabled job has none.
    static func nextRun(_ members: [String: JSONValue], now: Date) -> Date? {
        guard members["enabled"]?.boolValue != false else { return nil }
        let start =
            members["definedNextRun"]?.stringValue.flatMap(date) ?? members["created"]?.stringValue.flatMap(date)
        guard var next = start, let unit = members["intervalUnit"]?.stringValue,
            let count = members["intervalValue"]?.intValue, count >= 1
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let component: Calendar.Component
        switch unit {
        case "Hour": component = .hour
        case "Day": component = .day
        case "Week": component = .weekOfYear
        default: component = .month
        }
        var steps = 0
        while next <= now, steps < 100_000 {
            guard let later = calendar.date(byAdding: component, value: Int(count), to: next) else { return nil }
            next = later
            steps += 1
        }
        return next
    }
}
