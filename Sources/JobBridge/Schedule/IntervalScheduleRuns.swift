import Foundation

/// Run times of an ``IntervalSchedule``.
///
/// - Minutes and hours count absolute time: run `k` is `firstRun + k × count × unit`, so
///   across a daylight-saving change the wall-clock time of the runs shifts by an hour.
/// - Days and weeks count calendar days in the time zone: every run keeps the first run's
///   wall-clock time (09:00 stays 09:00 across a change; a time that does not exist that day
///   moves forward by the gap, as `Calendar` does).
/// - Months count calendar months from the first run, clamping the day to the month's
///   length; each run is computed from the first run, not from the previous one, so a
///   schedule that starts on Jan 31 runs on Jan 31, Feb 28 (29 in leap years), Mar 31,
///   Apr 30, … and never drifts to the 28th.
///
/// A schedule without a first run, or with a count below 1, has no computable runs.
extension IntervalSchedule {
    /// The first run strictly after `date`, or `nil` when the schedule has no first run or
    /// its count is below 1.
    public func nextRun(after date: Date, in timeZone: TimeZone = .gmt) -> Date? {
        guard let firstRun, count >= 1 else { return nil }
        if date < firstRun { return firstRun }
        switch unit {
        case .minute, .hour:
            let step = Double(count) * (unit == .minute ? 60 : 3_600)
            let k = ((date.timeIntervalSince(firstRun)) / step).rounded(.down) + 1
            guard k.isFinite, k < 1e12 else { return nil }
            return firstRun.addingTimeInterval(k * step)
        case .day, .week, .month:
            var k = max(estimatedIndex(of: date, in: timeZone) - 2, 0)
            for _ in 0..<8 {
                guard let run = run(k, in: timeZone) else { return nil }
                if run > date { return run }
                k += 1
            }
            return nil
        }
    }

    /// The last run strictly before `date`, or `nil` when there is none.
    public func previousRun(before date: Date, in timeZone: TimeZone = .gmt) -> Date? {
        guard let firstRun, count >= 1, date > firstRun else { return nil }
        switch unit {
        case .minute, .hour:
            let step = Double(count) * (unit == .minute ? 60 : 3_600)
            var k = (date.timeIntervalSince(firstRun) / step).rounded(.up) - 1
            if k < 0 { k = 0 }
            return firstRun.addingTimeInterval(k * step)
        case .day, .week, .month:
            var k = estimatedIndex(of: date, in: timeZone) + 2
            for _ in 0..<8 {
                guard k >= 0 else { return nil }
                guard let run = run(k, in: timeZone) else { return nil }
                if run < date { return run }
                k -= 1
            }
            return nil
        }
    }

    /// The runs strictly after `date`, ascending, as a lazy sequence.
    public func runs(after date: Date, in timeZone: TimeZone = .gmt) -> UnfoldSequence<Date, Date> {
        sequence(state: date) { current in
            guard let next = nextRun(after: current, in: timeZone) else { return nil }
            current = next
            return next
        }
    }

    /// Run `k` (0 is the first run) of a day, week or month interval.
    func run(_ k: Int, in timeZone: TimeZone) -> Date? {
        guard let firstRun else { return nil }
        // Overflow-checked: a huge count from input must give "no run", never a trap.
        let (units, overflow) = k.multipliedReportingOverflow(by: count)
        guard !overflow, abs(units) < 100_000_000 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        switch unit {
        case .day: return calendar.date(byAdding: .day, value: units, to: firstRun)
        case .week: return calendar.date(byAdding: .day, value: 7 * units, to: firstRun)
        case .month: return calendar.date(byAdding: .month, value: units, to: firstRun)
        case .minute: return firstRun.addingTimeInterval(Double(units) * 60)
        case .hour: return firstRun.addingTimeInterval(Double(units) * 3_600)
        }
    }

    /// An estimate of the index of the run at or before `date` (within one or two).
    private func estimatedIndex(of date: Date, in timeZone: TimeZone) -> Int {
        guard let firstRun else { return 0 }
        let seconds = date.timeIntervalSince(firstRun)
        let unitSeconds: Double
        switch unit {
        case .minute: unitSeconds = 60
        case .hour: unitSeconds = 3_600
        case .day: unitSeconds = 86_400
        case .week: unitSeconds = 604_800
        case .month: unitSeconds = 2_629_746  // average Gregorian month
        }
        let estimate = (seconds / (unitSeconds * Double(count))).rounded(.down)
        guard estimate.isFinite, abs(estimate) < 1e9 else { return 0 }
        return Int(estimate)
    }
}
