/// A parsed cron expression: one bit mask per field plus the day specials (`L`, `W`, `#`).
///
/// Create one with ``init(_:dialect:)``; it validates the text and rejects expressions that
/// can never fire. Matching and searching work on integer wall-clock fields; see
/// ``CronSchedule`` for run times in a time zone.
public struct CronExpression: Hashable, Sendable {
    /// The dialect the expression was parsed in.
    public internal(set) var dialect: CronDialect
    /// Whether this is Airflow's `@once`: a single run, with no recurring run times.
    public internal(set) var isOnce: Bool
    /// Minutes 0–59, one bit each.
    var minuteBits: UInt64
    /// Hours 0–23, one bit each.
    var hourBits: UInt64
    /// Days of the month 1–31, one bit each (bit 0 unused).
    var dayOfMonthBits: UInt64
    /// Months 1–12, one bit each (bit 0 unused).
    var monthBits: UInt64
    /// Days of the week 0–6, 0 = Sunday, one bit each.
    var dayOfWeekBits: UInt64
    /// The day-of-month specials: `L`, `L-n`, `LW`, `nW`.
    public internal(set) var dayOfMonthSpecials: [DayOfMonthSpecial]
    /// The day-of-week specials: last weekday of the month, n-th weekday of the month.
    public internal(set) var dayOfWeekSpecials: [DayOfWeekSpecial]
    /// Whether the day-of-month field restricts days (it is not `*` or `?`).
    public internal(set) var restrictsDayOfMonth: Bool
    /// Whether the day-of-week field restricts days (it is not `*` or `?`).
    public internal(set) var restrictsDayOfWeek: Bool
    /// Whether a day matches when either day field matches (the Vixie OR rule);
    /// otherwise both must match.
    public internal(set) var matchesEitherDayField: Bool
    /// Whether the minute or the hour field's text starts with `*` (Debian cron treats such
    /// jobs as "wildcard" jobs when clocks change).
    public internal(set) var hasWildcardTimeField: Bool
    /// For each weekday of the 1st of a month, the days 1–31 whose weekday is in the field.
    var weekdayPatterns: [UInt64]
    /// Whether the day of month alone decides (no weekday restriction, no specials).
    var datesOnly: Bool

    /// Creates an expression from its parts; the weekday patterns are derived.
    init(
        dialect: CronDialect, isOnce: Bool, minuteBits: UInt64, hourBits: UInt64, dayOfMonthBits: UInt64,
        monthBits: UInt64, dayOfWeekBits: UInt64, dayOfMonthSpecials: [DayOfMonthSpecial],
        dayOfWeekSpecials: [DayOfWeekSpecial], restrictsDayOfMonth: Bool, restrictsDayOfWeek: Bool,
        matchesEitherDayField: Bool, hasWildcardTimeField: Bool
    ) {
        self.dialect = dialect
        self.isOnce = isOnce
        self.minuteBits = minuteBits
        self.hourBits = hourBits
        self.dayOfMonthBits = dayOfMonthBits
        self.monthBits = monthBits
        self.dayOfWeekBits = dayOfWeekBits
        self.dayOfMonthSpecials = dayOfMonthSpecials
        self.dayOfWeekSpecials = dayOfWeekSpecials
        self.restrictsDayOfMonth = restrictsDayOfMonth
        self.restrictsDayOfWeek = restrictsDayOfWeek
        self.matchesEitherDayField = matchesEitherDayField
        self.hasWildcardTimeField = hasWildcardTimeField
        self.weekdayPatterns = CronExpression.patterns(for: dayOfWeekBits)
        self.datesOnly =
            dayOfWeekBits == CronExpression.allWeekdays && dayOfWeekSpecials.isEmpty && dayOfMonthSpecials.isEmpty
            && !matchesEitherDayField
    }

    /// A day-of-month special.
    public enum DayOfMonthSpecial: Hashable, Sendable {
        /// The last day of the month minus `offset` days (`L`, `L-3`).
        case last(offset: Int)
        /// The last Monday-to-Friday day of the month (`LW`).
        case lastWeekday
        /// The Monday-to-Friday day nearest to the given day, within the month (`15W`).
        case nearestWeekday(Int)
    }

    /// A day-of-week special; weekdays are 0–6, 0 = Sunday, whatever the dialect.
    public enum DayOfWeekSpecial: Hashable, Sendable {
        /// The last such weekday of the month (`5L` for the last Friday).
        case last(weekday: Int)
        /// The n-th such weekday of the month, 1–5 (`5#2` for the second Friday).
        case nth(weekday: Int, Int)
    }

    /// The fields of an expression, for errors and inspection.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        /// Minutes, 0–59.
        case minute
        /// Hours, 0–23.
        case hour
        /// Days of the month, 1–31.
        case dayOfMonth
        /// Months, 1–12.
        case month
        /// Days of the week.
        case dayOfWeek

        /// The name used in ``JobBridgeError/field``, such as `cron.minute`.
        public var key: String { "cron." + rawValue }
    }

    /// The plain values of a field (without specials), ascending; weekdays are 0–6, 0 = Sunday.
    public func values(of field: Field) -> [Int] {
        let bits: UInt64
        switch field {
        case .minute: bits = minuteBits
        case .hour: bits = hourBits
        case .dayOfMonth: bits = dayOfMonthBits
        case .month: bits = monthBits
        case .dayOfWeek: bits = dayOfWeekBits
        }
        return (0..<64).filter { bits & (1 << UInt64($0)) != 0 }
    }

    static let allMinutes: UInt64 = (1 << 60) - 1
    static let allHours: UInt64 = (1 << 24) - 1
    static let allDays: UInt64 = ((1 << 32) - 1) & ~1
    static let allMonths: UInt64 = ((1 << 13) - 1) & ~1
    static let allWeekdays: UInt64 = 0x7F

    /// Builds the weekday patterns for a day-of-week mask.
    static func patterns(for weekdays: UInt64) -> [UInt64] {
        // Day d of a month starting on weekday `first` falls on (first + d - 1) % 7: the week
        // rotated by `first`, repeated every 7 days, shifted so that day 1 is bit 1.
        let week = weekdays & 0x7F
        var result: [UInt64] = []
        result.reserveCapacity(7)
        for first in 0..<UInt64(7) {
            let rotated = ((week >> first) | (week << (7 - first))) & 0x7F
            let repeated = rotated | rotated << 7 | rotated << 14 | rotated << 21 | rotated << 28
            result.append((repeated << 1) & 0xFFFF_FFFE)
        }
        return result
    }

    /// The days of a month that match both day fields, as bits 1–31.
    @inline(__always)
    func dayMask(year: Int, month: Int) -> UInt64 {
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        let valid: UInt64 = ((1 << UInt64(length + 1)) - 1) & ~1
        if datesOnly { return dayOfMonthBits & valid }
        let firstWeekday = CivilCalendar.weekday(days: CivilCalendar.days(year: year, month: month, day: 1))
        var byDate = dayOfMonthBits & valid
        if !dayOfMonthSpecials.isEmpty {
            byDate |= specialDays(length: length, firstWeekday: firstWeekday)
        }
        var byWeekday = weekdayPatterns[firstWeekday] & valid
        if !dayOfWeekSpecials.isEmpty {
            byWeekday |= specialWeekdays(length: length, firstWeekday: firstWeekday)
        }
        return matchesEitherDayField ? (byDate | byWeekday) : (byDate & byWeekday)
    }

    private func specialDays(length: Int, firstWeekday: Int) -> UInt64 {
        var mask: UInt64 = 0
        let lastWeekday = (firstWeekday + length - 1) % 7
        for special in dayOfMonthSpecials {
            switch special {
            case .last(let offset):
                if length - offset >= 1 { mask |= 1 << UInt64(length - offset) }
            case .lastWeekday:
                let back = lastWeekday == 6 ? 1 : (lastWeekday == 0 ? 2 : 0)
                mask |= 1 << UInt64(length - back)
            case .nearestWeekday(let wanted):
                let day = min(wanted, length)
                let weekday = (firstWeekday + day - 1) % 7
                var chosen = day
                if weekday == 6 { chosen = day == 1 ? 3 : day - 1 }
                if weekday == 0 { chosen = day == length ? day - 2 : day + 1 }
                mask |= 1 << UInt64(chosen)
            }
        }
        return mask
    }

    private func specialWeekdays(length: Int, firstWeekday: Int) -> UInt64 {
        var mask: UInt64 = 0
        let lastWeekday = (firstWeekday + length - 1) % 7
        for special in dayOfWeekSpecials {
            switch special {
            case .last(let weekday):
                mask |= 1 << UInt64(length - (lastWeekday - weekday + 7) % 7)
            case .nth(let weekday, let n):
                let day = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (n - 1)
                if day <= length { mask |= 1 << UInt64(day) }
            }
        }
        return mask
    }
}
