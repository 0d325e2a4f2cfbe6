import Foundation

extension CronSchedule {
    /// This schedule written in another dialect, with the verdict computed by comparing run
    /// times: around every daylight-saving transition of the next two years (where DST
    /// policies differ) and over the first week. `dstPolicy` defaults to the target
    /// dialect's policy (for example Airflow's for NX1).
    public func converted(to dialect: CronDialect, dstPolicy: DSTPolicy? = nil) -> ScheduleConversion {
        let text: String
        do {
            text = try expression.rendered(in: dialect)
        } catch let error as JobBridgeError {
            return .impossible(error.message)
        } catch {
            return .impossible("\(error)")
        }
        guard
            let target = try? CronSchedule(
                text, dialect: dialect, timeZone: timeZone, dstPolicy: dstPolicy ?? .default(for: dialect))
        else { return .impossible("'\(text)' does not parse in the \(dialect.rawValue) dialect") }
        let sameFields = CronExpression.Field.allCases.allSatisfy {
            target.expression.values(of: $0) == expression.values(of: $0)
        }
        let start = CronSchedule.referenceStart
        let verdict = RunComparison.verdict(
            source: { nextRun(after: $0) }, target: { target.nextRun(after: $0) },
            from: start, days: 731, zone: timeZone, whole: !sameFields,
            sourceName: "source", targetName: "'\(text)'")
        return ScheduleConversion(schedule: .cron(target), verdict: verdict)
    }

    /// The start of the comparison windows: 2024-01-01 00:00 UTC (a leap year).
    static let referenceStart = Date(timeIntervalSince1970: 1_704_067_200)

    /// This schedule as an interval, when its runs are evenly spaced: every N minutes
    /// (`*/N * * * *`), every N hours (`M */N * * *`), daily, weekly, or every N months on a
    /// day of the month. The verdict is computed by comparing run times over a year (four for months).
    public func convertedToInterval() -> ScheduleConversion {
        let e = expression
        let minutes = e.values(of: .minute)
        let hours = e.values(of: .hour)
        let months = e.values(of: .month)
        let everyDay = !e.restrictsDayOfMonth && !e.restrictsDayOfWeek
        let step = { (values: [Int], cycle: Int) -> Int? in
            guard let first = values.first else { return nil }
            let gap = values.count > 1 ? values[1] - first : cycle
            guard cycle % gap == 0, first < gap, values == Array(stride(from: first, to: cycle, by: gap)) else {
                return nil
            }
            return gap
        }
        var unit: IntervalUnit
        var count: Int
        if e.isOnce {
            return .impossible("'@once' runs a single time; an interval schedule repeats")
        } else if everyDay, months.count == 12, hours.count == 24, let n = step(minutes, 60) {
            // Once an hour is an hourly interval, not one of 60 minutes (providers that
            // count in hours, such as CData Connect, could not take the latter).
            (unit, count) = n == 60 ? (.hour, 1) : (.minute, n)
        } else if everyDay, months.count == 12, minutes.count == 1, let n = step(hours, 24) {
            (unit, count) = n == 24 ? (.day, 1) : (.hour, n)
        } else if minutes.count == 1, hours.count == 1, months.count == 12, !e.restrictsDayOfMonth,
            e.values(of: .dayOfWeek).count == 1, e.dayOfWeekSpecials.isEmpty
        {
            (unit, count) = (.week, 1)
        } else if minutes.count == 1, hours.count == 1, !e.restrictsDayOfWeek, e.dayOfMonthSpecials.isEmpty,
            e.values(of: .dayOfMonth).count == 1, let n = step(months.map { $0 - 1 }, 12)
        {
            (unit, count) = (.month, n)
        } else {
            return .impossible(
                "its runs are not evenly spaced (\(e.summary)); an interval schedule runs every N minutes, hours,"
                    + " days, weeks or months")
        }
        guard let first = nextRun(after: CronSchedule.referenceStart) else {
            return .impossible("the cron schedule has no run to start the interval from")
        }
        let interval = IntervalSchedule(every: count, unit, firstRun: first)
        let days = unit == .month ? 4 * 366 : 366
        let zone = timeZone
        let verdict = RunComparison.verdict(
            source: { nextRun(after: $0) }, target: { interval.nextRun(after: $0, in: zone) },
            from: first.addingTimeInterval(-1), days: days, zone: zone, whole: unit != .minute,
            sourceName: "cron", targetName: "the interval")
        return ScheduleConversion(schedule: .interval(interval), verdict: verdict)
    }
}

extension IntervalSchedule {
    /// This interval as a cron expression in a dialect and zone, with a computed verdict.
    ///
    /// Exact when cron can follow the period: N minutes with 60 a multiple of N, N hours with
    /// 24 a multiple of N (and no daylight-saving drift in the zone), daily, weekly, and N
    /// months with 12 a multiple of N on a day up to the 28th. Otherwise the closest cron
    /// is returned with the differences in words ("a 4-hour gap from 20:00 to 00:00 instead of
    /// 5-hour"), or the conversion is impossible (every N weeks: cron has no week parity).
    public func convertedToCron(dialect: CronDialect = .standard, timeZone: TimeZone = .gmt) -> ScheduleConversion {
        guard count >= 1 else { return .impossible("the interval's count is \(count); it must be at least 1") }
        guard let firstRun else {
            return .impossible("the interval has no first run, so the cron's minute and hour are unknown")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: firstRun)
        let (minute, hour, day, month, weekday) = (
            c.minute ?? 0, c.hour ?? 0, c.day ?? 1, c.month ?? 1, (c.weekday ?? 1) - 1
        )
        let hoursList = { (n: Int) in stride(from: hour % n, to: 24, by: n).map(String.init).joined(separator: ",") }
        var fields: [String]
        switch unit {
        case .minute:
            guard count < 60 || count % 60 == 0 else {
                return .impossible("every \(count) minutes neither divides nor is a multiple of an hour")
            }
            if count >= 60 {
                return IntervalSchedule(every: count / 60, .hour, firstRun: firstRun)
                    .convertedToCron(dialect: dialect, timeZone: timeZone)
            }
            fields = ["\(minute % count)-59/\(count)", "*", "*", "*", "*"]
        case .hour:
            guard count < 24 || count % 24 == 0 else {
                return .impossible("every \(count) hours neither divides nor is a multiple of a day")
            }
            if count >= 24 {
                return IntervalSchedule(every: count / 24, .day, firstRun: firstRun)
                    .convertedToCron(dialect: dialect, timeZone: timeZone)
            }
            fields = ["\(minute)", hoursList(count), "*", "*", "*"]
        case .day:
            if count == 7 {
                return IntervalSchedule(every: 1, .week, firstRun: firstRun).convertedToCron(
                    dialect: dialect, timeZone: timeZone)
            }
            fields = [
                "\(minute)", "\(hour)", count == 1 ? "*" : "\(day % count == 0 ? count : day % count)-31/\(count)", "*",
                "*",
            ]
        case .week:
            guard count == 1 else {
                return .impossible(
                    "cron has no week parity: every \(count) weeks cannot be written (weekly runs \(count)× as often)")
            }
            fields = ["\(minute)", "\(hour)", "*", "*", "\(weekday)"]
        case .month:
            let months = stride(from: (month - 1) % count + 1, through: 12, by: count).map(String.init).joined(
                separator: ",")
            fields = ["\(minute)", "\(hour)", "\(day)", count == 1 ? "*" : months, "*"]
        }
        guard let standard = try? CronSchedule(fields.joined(separator: " "), timeZone: timeZone),
            let text = try? standard.expression.rendered(in: dialect),
            let cron = try? CronSchedule(text, dialect: dialect, timeZone: timeZone)
        else { return .impossible("no \(dialect.rawValue) cron expression matches this interval") }
        let days = unit == .month ? 4 * 366 : 366
        let verdict = RunComparison.verdict(
            source: { nextRun(after: $0, in: timeZone) }, target: { cron.nextRun(after: $0) },
            from: firstRun.addingTimeInterval(-1), days: days, zone: timeZone, whole: unit != .minute,
            sourceName: "the interval", targetName: "cron")
        return ScheduleConversion(schedule: .cron(cron), verdict: verdict)
    }
}
