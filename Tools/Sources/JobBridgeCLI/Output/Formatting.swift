import Foundation
import JobBridge

/// How the tool writes dates, schedules and runs for people.
enum Formatting {
    /// `2026-11-23T12:00:00Z`: ISO 8601 in UTC, whole seconds.
    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `2026-11-23 12:00` in UTC, for table cells.
    static func shortUTC(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// `2026-11-23 07:00 EST` in a zone, for next-run lists.
    static func date(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss zzz"
        return formatter.string(from: date)
    }

    /// A schedule in words: `At 09:00, Monday through Friday (America/New_York)`,
    /// `Every 6 hours`, `Manual`, `Unreadable: …`.
    static func words(_ schedule: Schedule) -> String {
        switch schedule {
        case .manual:
            return "Manual"
        case .cron(let cron):
            let zone = cron.timeZone.identifier == "GMT" ? "UTC" : cron.timeZone.identifier
            return "\(cron.expression.summary) (\(zone))"
        case .interval(let interval):
            let unit = interval.count == 1 ? interval.unit.rawValue : "\(interval.count) \(interval.unit.rawValue)s"
            let from = interval.firstRun.map { " from \(date($0))" } ?? ""
            return "Every \(unit)\(from)"
        case .unreadable(let unreadable):
            return "Unreadable: \(unreadable)"
        }
    }

    /// The next run as the provider says, else computed from an enabled job's schedule
    /// (`computed` true), else `nil`.
    static func nextRun(of job: Job, after now: Date, in zone: TimeZone) -> (date: Date, computed: Bool)? {
        if let date = job.nextRunAt { return (date, false) }
        guard job.isEnabled, let date = job.schedule.nextRun(after: now, in: zone) else { return nil }
        return (date, true)
    }

    /// A duration such as `1m 35s` or `420ms`.
    static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds < 1 { return "\(attoseconds / 1_000_000_000_000_000)ms" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3_600 { return "\(seconds / 60)m \(seconds % 60)s" }
        return "\(seconds / 3_600)h \(seconds % 3_600 / 60)m"
    }
}
