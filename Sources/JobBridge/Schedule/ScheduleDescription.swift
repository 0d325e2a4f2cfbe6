/// How schedules print: short, readable, and the same wherever they appear (tables, logs,
/// test failures).
extension Schedule: CustomStringConvertible {
    /// `manual`, `cron 0 9 * * 1-5 (America/New_York)`, `every 6 hours`, or
    /// `unreadable cron "*/0 * * * *" (sync, GMT): <reason>`.
    public var description: String {
        switch self {
        case .manual: return "manual"
        case .cron(let cron): return cron.description
        case .interval(let interval): return interval.description
        case .unreadable(let unreadable): return unreadable.description
        }
    }
}

extension CronSchedule: CustomStringConvertible {
    /// The expression, its dialect unless standard, its time zone, and its DST policy unless
    /// the dialect's default: `cron 0 9 * * 1-5 (America/New_York)`,
    /// `cron 0 */6 * * ? (sync, GMT)`, `cron 30 2 * * * (Europe/Berlin, DST kubernetes)`.
    public var description: String {
        var notes = dialect == .standard ? [] : [dialect.rawValue]
        notes.append(timeZone.identifier)
        if dstPolicy != .default(for: dialect) {
            let presets: [(String, DSTPolicy)] = [
                ("vixie", .vixie), ("kubernetes", .kubernetes), ("airflow", .airflow), ("quartz", .quartz),
            ]
            notes.append("DST " + (presets.first { $0.1 == dstPolicy }?.0 ?? "custom"))
        }
        return "cron \(text) (\(notes.joined(separator: ", ")))"
    }
}

extension IntervalSchedule: CustomStringConvertible {
    /// Such as `every 6 hours` or `every 1 day from 2026-01-01T09:00:00Z`.
    public var description: String {
        let unitName = count == 1 ? unit.rawValue : "\(unit.rawValue)s"
        return "every \(count) \(unitName)" + (firstRun.map { " from \(WireDate.format($0))" } ?? "")
    }
}
