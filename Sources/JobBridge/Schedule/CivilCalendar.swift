/// Integer calendar arithmetic on the proleptic Gregorian calendar, used by the cron search
/// instead of `Calendar` so that the hot loop makes no Foundation calls.
///
/// Days are counted from 1970-01-01; wall-clock minutes are counted from 1970-01-01 00:00.
enum CivilCalendar {
    /// The number of days from 1970-01-01 to the given date (Neri–Schneider, as below).
    /// Valid for years within ±400,000; month 1–12.
    @inline(__always)
    static func days(year: Int, month: Int, day: Int) -> Int {
        let january = month <= 2
        let y = UInt64(truncatingIfNeeded: year &+ 400_000 &- (january ? 1 : 0))
        let m = UInt64(truncatingIfNeeded: january ? month &+ 12 : month)
        let century = y / 100
        let yearDays = 1_461 &* y / 4 &- century &+ century / 4
        let monthDays = (979 &* m &- 2_919) / 32
        return Int(truncatingIfNeeded: yearDays &+ monthDays) &+ day &- 1 &- 719_468 &- 146_097_000
    }

    /// The date of a day count from 1970-01-01 (C. Neri and L. Schneider, "Euclidean affine
    /// functions and their application to calendar algorithms", 2022): one division by a
    /// constant, the rest multiplications and shifts. Valid for years within ±400,000.
    @inline(__always)
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let shift: UInt64 = 146_097 &* 1_000  // 400,000 years, so that the count is positive
        let n = UInt64(truncatingIfNeeded: days &+ 719_468) &+ shift
        let n1 = 4 &* n &+ 3
        let century = n1 / 146_097
        let dayOfCentury = (n1 % 146_097) / 4
        let n2 = 4 &* dayOfCentury &+ 3
        let p2 = 2_939_745 &* n2
        let yearOfCentury = p2 >> 32
        let dayOfYear = (p2 & 0xFFFF_FFFF) / 2_939_745 / 4
        let n3 = 2_141 &* dayOfYear &+ 197_913
        let month = Int(truncatingIfNeeded: n3 >> 16)
        let day = Int(truncatingIfNeeded: (n3 & 0xFFFF) / 2_141) &+ 1
        let year = Int(truncatingIfNeeded: 100 &* century &+ yearOfCentury) &- 400_000
        return dayOfYear >= 306 ? (year &+ 1, month &- 12, day) : (year, month, day)
    }

    /// Whether the year is a leap year.
    @inline(__always)
    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month.
    @inline(__always)
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The weekday of a day count, 0 = Sunday.
    @inline(__always)
    static func weekday(days: Int) -> Int {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }

    /// Floor division.
    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The wall-clock minute count of a date and time.
    @inline(__always)
    static func minutes(year: Int, month: Int, day: Int, hour: Int, minute: Int) -> Int64 {
        Int64(days(year: year, month: month, day: day)) &* 1440 &+ Int64(hour &* 60 &+ minute)
    }

    /// The fields of a wall-clock minute count.
    @inline(__always)
    static func fields(minutes: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let days = floorDiv(minutes, 1440)
        let rest = Int(minutes &- days &* 1440)
        let date = date(days: Int(days))
        return (date.year, date.month, date.day, rest / 60, rest % 60)
    }
}
