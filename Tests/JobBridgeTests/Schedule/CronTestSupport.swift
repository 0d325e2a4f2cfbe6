import Foundation
import JobBridge

/// Helpers shared by the cron tests: dates, a seeded generator, and a Calendar-based oracle.
enum CronTestSupport {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    /// A date from "yyyy-MM-dd HH:mm" in a zone, using Foundation (tests only).
    static func date(_ text: String, _ zone: TimeZone = .gmt) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    /// "yyyy-MM-dd HH:mm zzz" of a date in a zone.
    static func text(_ date: Date?, _ zone: TimeZone) -> String {
        guard let date else { return "none" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm xxx"
        return formatter.string(from: date)
    }

    /// The first runs after a date.
    static func runs(_ schedule: CronSchedule, after start: Date, count: Int) -> [String] {
        schedule.runs(after: start).prefix(count).map { text($0, schedule.timeZone) }
    }

    /// A 64-bit linear congruential generator: deterministic across platforms.
    struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        /// A random plain field (no specials) in `low...high`.
        mutating func field(_ low: Int, _ high: Int, star: Int) -> String {
            if next(100) < star { return "*" }
            switch next(5) {
            case 0: return "\(low + next(high - low + 1))"
            case 1:
                let a = low + next(high - low)
                return "\(a)-\(a + 1 + next(high - a))"
            case 2: return "*/\(1 + next(max(1, (high - low) / 2)))"
            case 3:
                let a = low + next(high - low)
                return "\(a)-\(a + 1 + next(high - a))/\(1 + next(5))"
            default:
                let values = Set((0..<(2 + next(3))).map { _ in low + next(high - low + 1) }).sorted()
                return values.map(String.init).joined(separator: ",")
            }
        }

        /// A random plain standard expression.
        mutating func expression() -> String {
            [
                field(0, 59, star: 20), field(0, 23, star: 40), field(1, 31, star: 60), field(1, 12, star: 60),
                field(0, 6, star: 60),
            ].joined(separator: " ")
        }
    }

    /// An independent matcher for plain expressions, on Calendar components in a zone.
    static func oracleMatches(_ expression: CronExpression, _ date: Date, _ zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        guard let minute = c.minute, let hour = c.hour, let day = c.day, let month = c.month, let weekday = c.weekday
        else { return false }
        guard expression.values(of: .minute).contains(minute), expression.values(of: .hour).contains(hour),
            expression.values(of: .month).contains(month)
        else { return false }
        let byDate = expression.values(of: .dayOfMonth).contains(day)
        let byWeekday = expression.values(of: .dayOfWeek).contains(weekday - 1)
        return expression.matchesEitherDayField ? (byDate || byWeekday) : (byDate && byWeekday)
    }
}
