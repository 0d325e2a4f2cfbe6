import Foundation
import JobBridge

/// Cron expressions as CData Sync writes them, and the translation of other dialects into
/// Sync's.
///
/// Sync's cron has five fields (no seconds): minute 0–59, hour 0–23, day of month 1–31
/// (with `? L W`), month 1–12 or JAN–DEC, day of week **1–7 = SUN–SAT** (with `? L #`).
/// Unix cron numbers weekdays 0–6 from Sunday (7 is Sunday too), so a weekday number
/// means another day in each dialect. Expressions read from Sync are kept verbatim with
/// ``CronDialect/sync``; an expression in another dialect is translated before it is sent,
/// its weekdays written as names (`MON-FRI` becomes `MON,TUE,WED,THU,FRI`), which no
/// reader can misnumber.
///
/// ## Daylight saving time
///
/// Sync's cron should be evaluated with the **Quartz** policy (`DSTPolicy.quartz` once the
/// cron engine lands): a wall-clock time that does not exist on the spring-forward day
/// is skipped, and a time that happens twice on the fall-back day runs once, at its
/// second occurrence, for frequent and fixed-time expressions alike. Why: Sync's
/// dialect is Quartz's (`? L W #`, weekdays 1–7 from Sunday) and its scheduler follows
/// Quartz's cron triggers, which do exactly this; a job of Sync's run at 02:30 on a
/// spring-forward day is simply not run that day, so a portable next-run computed
/// otherwise would announce a run that never comes. Jobs with `use_gmt_datetime` read
/// their cron in GMT, where the question does not arise.
public enum SyncCron {
    /// The text to send to Sync for a cron schedule.
    ///
    /// - ``CronDialect/sync``: the text as it is.
    /// - ``CronDialect/standard`` and ``CronDialect/airflow``: Airflow's presets are
    ///   expanded (`@daily` is `0 0 * * *`); the day-of-week field is rewritten with day
    ///   names; when exactly one of day of month and day of week is restricted, the other
    ///   becomes `?`, as Quartz requires.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` (field `schedule`) for what Sync
    ///   cannot express: `@once`/`@reboot`, a weekday outside 0–7, or both day of month
    ///   and day of week restricted (Unix cron runs when either matches; Sync cannot).
    public static func text(for schedule: CronSchedule) throws -> String {
        if schedule.dialect == .sync { return schedule.text.trimmingCharacters(in: .whitespaces) }
        var text = schedule.text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@") {
            guard let expanded = presets[text.lowercased()] else {
                throw failure("CData Sync has no equivalent of the preset \(text)")
            }
            text = expanded
        }
        var fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else { throw failure("a cron expression has 5 fields; '\(text)' has \(fields.count)") }
        if fields[4] != "*" && fields[4] != "?" { fields[4] = try weekdayNames(fields[4]) }
        let dayOfMonthRestricted = fields[2] != "*" && fields[2] != "?"
        let dayOfWeekRestricted = fields[4] != "*" && fields[4] != "?"
        if dayOfWeekRestricted {
            guard !dayOfMonthRestricted else {
                throw failure(
                    "'\(text)' restricts both the day of month and the day of week (runs when either matches); "
                        + "CData Sync's cron cannot express that")
            }
            fields[2] = "?"
        } else if dayOfMonthRestricted {
            fields[4] = "?"
        }
        return fields.joined(separator: " ")
    }

    private static let presets: [String: String] = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    private static let names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// A Unix day-of-week field (0–7, 0 and 7 = Sunday, names, ranges, steps, lists) as a
    /// list of day names.
    private static func weekdayNames(_ field: String) throws -> String {
        var days = Set<Int>()
        for item in field.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let rangeText = parts.first else { throw badWeekday(field) }
            var step = 1
            if parts.count == 2 {
                guard let value = Int(parts[1]), value >= 1 else { throw badWeekday(field) }
                step = value
            }
            let low: Int
            let high: Int
            if rangeText == "*" {
                (low, high) = (0, 6)
            } else {
                let bounds = rangeText.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, let first = weekday(bounds[0]) else { throw badWeekday(field) }
                low = first
                if bounds.count == 2 {
                    guard let last = weekday(bounds[1]) else { throw badWeekday(field) }
                    high = last
                } else {
                    high = parts.count == 2 ? 6 : first
                }
            }
            guard low <= high else { throw badWeekday(field) }
            for day in stride(from: low, through: high, by: step) { days.insert(day % 7) }
        }
        if days.count == 7 { return "*" }
        return days.sorted().map { names[$0] }.joined(separator: ",")
    }

    private static func weekday(_ text: Substring) -> Int? {
        if let number = Int(text), (0...7).contains(number) { return number }
        return names.firstIndex(of: text.uppercased())
    }

    private static func badWeekday(_ field: String) -> JobBridgeError {
        failure("the day-of-week field '\(field)' is not Unix cron (0–7 or SUN–SAT, ranges, steps, lists)")
    }

    private static func failure(_ message: String) -> JobBridgeError {
        JobBridgeError(.invalidDefinition, message, provider: SyncClient.providerName, field: "schedule")
    }
}
