import Foundation

/// Run times and conversions on any ``Schedule``.
extension Schedule {
    /// The first run strictly after `date`: `nil` for a manual schedule, and for an
    /// unreadable one (its run times are not known here). An interval is
    /// counted in `timeZone` (days, weeks and months keep the wall-clock time there); a cron
    /// schedule uses its own zone.
    public func nextRun(after date: Date, in timeZone: TimeZone = .gmt) -> Date? {
        switch self {
        case .manual: return nil
        case .cron(let cron): return cron.nextRun(after: date)
        case .interval(let interval): return interval.nextRun(after: date, in: timeZone)
        case .unreadable: return nil
        }
    }

    /// The last run strictly before `date`: `nil` for a manual or unreadable schedule.
    public func previousRun(before date: Date, in timeZone: TimeZone = .gmt) -> Date? {
        switch self {
        case .manual: return nil
        case .cron(let cron): return cron.previousRun(before: date)
        case .interval(let interval): return interval.previousRun(before: date, in: timeZone)
        case .unreadable: return nil
        }
    }

    /// This schedule as cron in a dialect, with a computed verdict: an interval is converted
    /// in `timeZone`; a cron schedule is rewritten for the dialect (with the dialect's DST policy).
    public func convertedToCron(dialect: CronDialect, timeZone: TimeZone = .gmt) -> ScheduleConversion {
        switch self {
        case .manual: return .impossible("a manual schedule has no run times to express in cron")
        case .cron(let cron): return cron.converted(to: dialect)
        case .interval(let interval): return interval.convertedToCron(dialect: dialect, timeZone: timeZone)
        case .unreadable(let unreadable): return .impossible(Self.unreadableReason(unreadable))
        }
    }

    /// This schedule as an interval, with a computed verdict.
    public func convertedToInterval() -> ScheduleConversion {
        switch self {
        case .manual: return .impossible("a manual schedule has no run times to express as an interval")
        case .cron(let cron): return cron.convertedToInterval()
        case .interval: return ScheduleConversion(schedule: self, verdict: .exact)
        case .unreadable(let unreadable): return .impossible(Self.unreadableReason(unreadable))
        }
    }

    private static func unreadableReason(_ unreadable: UnreadableSchedule) -> String {
        "the provider's schedule could not be read (\(unreadable)), so its run times are unknown"
    }
}
