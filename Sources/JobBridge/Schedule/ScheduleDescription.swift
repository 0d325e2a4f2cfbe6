/// How schedules print: short, readable, and the same wherever they appear (tables, logs,
/// test failures).
extension Schedule: CustomStringConvertible {
    /// `manual`, `cron 0 9 * * 1-5 (America/New_York)`, or `every 6 hours`.
    public var description: String {
        switch self {
        case .manual: return "manual"
        case .cron(let cron): return cron.description
        case .interval(let interval): return interval.description
        }
    }
}

extension CronSchedule: CustomStringConvertible {
    /// The expression and its time zone, such as `cron 0 9 * * 1-5 (America/New_York)`.
    public var description: String { "cron \(text) (\(timeZone.identifier))" }
}

extension IntervalSchedule: CustomStringConvertible {
    /// Such as `every 6 hours` or `every 1 day from 2026-01-01T09:00:00Z`.
    public var description: String {
        let unitName = count == 1 ? unit.rawValue : "\(unit.rawValue)s"
        return "every \(count) \(unitName)" + (firstRun.map { " from \(WireDate.format($0))" } ?? "")
    }
}
