/// The search for matching wall-clock minutes: bit masks, trailing-zero counts, no `Calendar`.
extension CronExpression {
    /// The number of years the search looks ahead or back: the Gregorian calendar repeats
    /// every 400 years, so an expression with no match in that window never fires.
    static let searchYears = 401

    /// The lowest set bit at or above `value`, or `nil`.
    @inline(__always)
    static func nextBit(_ mask: UInt64, atOrAbove value: Int) -> Int? {
        guard value < 64 else { return nil }
        let shifted = mask >> UInt64(max(value, 0))
        return shifted == 0 ? nil : max(value, 0) + shifted.trailingZeroBitCount
    }

    /// The highest set bit at or below `value`, or `nil`.
    @inline(__always)
    static func previousBit(_ mask: UInt64, atOrBelow value: Int) -> Int? {
        guard value >= 0 else { return nil }
        let kept = value >= 63 ? mask : mask & ((1 << UInt64(value + 1)) - 1)
        return kept == 0 ? nil : 63 - kept.leadingZeroBitCount
    }

    /// Whether a wall-clock minute count matches every field.
    public func matches(wallMinutes: Int64) -> Bool {
        let f = CivilCalendar.fields(minutes: wallMinutes)
        return minuteBits & (1 << UInt64(f.minute)) != 0 && hourBits & (1 << UInt64(f.hour)) != 0
            && monthBits & (1 << UInt64(f.month)) != 0
            && dayMask(year: f.year, month: f.month) & (1 << UInt64(f.day)) != 0
    }

    /// The first matching wall-clock minute at or after `start` (minutes from 1970-01-01 00:00
    /// wall time), or `nil` when none is found within ``searchYears`` years.
    func firstMatch(atOrAfter start: Int64) -> Int64? {
        let startDays = Int(CivilCalendar.floorDiv(start, 1440))
        var (year, month, day, hour, minute) = CivilCalendar.fields(minutes: start)
        let (startYear, startMonth, startDay) = (year, month, day)
        let lastYear = year + CronExpression.searchYears
        while year <= lastYear {
            guard let nextMonth = CronExpression.nextBit(monthBits, atOrAbove: month) else {
                year += 1
                (month, day, hour, minute) = (1, 1, 0, 0)
                continue
            }
            if nextMonth != month { (month, day, hour, minute) = (nextMonth, 1, 0, 0) }
            let days = dayMask(year: year, month: month)
            var candidate = day
            while let nextDay = CronExpression.nextBit(days, atOrAbove: candidate) {
                if nextDay != day { (hour, minute) = (0, 0) }
                var fromHour = hour
                var fromMinute = minute
                while let nextHour = CronExpression.nextBit(hourBits, atOrAbove: fromHour) {
                    if nextHour != fromHour { fromMinute = 0 }
                    if let nextMinute = CronExpression.nextBit(minuteBits, atOrAbove: fromMinute) {
                        let days =
                            year == startYear && month == startMonth
                            ? startDays &+ (nextDay &- startDay)
                            : CivilCalendar.days(year: year, month: month, day: nextDay)
                        return Int64(days) &* 1440 &+ Int64(nextHour &* 60 &+ nextMinute)
                    }
                    fromHour = nextHour + 1
                    fromMinute = 0
                }
                candidate = nextDay + 1
                day = 0
            }
            month += 1
            (day, hour, minute) = (1, 0, 0)
            if month > 12 {
                month = 1
                year += 1
            }
        }
        return nil
    }

    /// The last matching wall-clock minute at or before `start`, or `nil` when none is found
    /// within ``searchYears`` years.
    func lastMatch(atOrBefore start: Int64) -> Int64? {
        var (year, month, day, hour, minute) = CivilCalendar.fields(minutes: start)
        let firstYear = year - CronExpression.searchYears
        while year >= firstYear {
            guard let previousMonth = CronExpression.previousBit(monthBits, atOrBelow: month) else {
                year -= 1
                (month, day, hour, minute) = (12, 31, 23, 59)
                continue
            }
            if previousMonth != month {
                month = previousMonth
                (day, hour, minute) = (31, 23, 59)
            }
            let days = dayMask(year: year, month: month)
            var candidate = day
            while let previousDay = CronExpression.previousBit(days, atOrBelow: candidate) {
                if previousDay != day { (hour, minute) = (23, 59) }
                var fromHour = hour
                var fromMinute = minute
                while let previousHour = CronExpression.previousBit(hourBits, atOrBelow: fromHour) {
                    if previousHour != fromHour { fromMinute = 59 }
                    if let previousMinute = CronExpression.previousBit(minuteBits, atOrBelow: fromMinute) {
                        return CivilCalendar.minutes(
                            year: year, month: month, day: previousDay, hour: previousHour, minute: previousMinute)
                    }
                    fromHour = previousHour - 1
                    fromMinute = 59
                }
                candidate = previousDay - 1
                day = 99
            }
            month -= 1
            (day, hour, minute) = (31, 23, 59)
            if month < 1 {
                month = 12
                year -= 1
            }
        }
        return nil
    }
}
