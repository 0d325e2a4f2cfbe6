import Foundation
import JobBridge

/// Reads and writes CData Connect AI's date-time strings.
///
/// The provider writes ISO 8601 dates in UTC with a fraction of any length or none
/// (`2025-11-20T15:26:43.096Z`, `2025-11-20T15:52:32.8444712Z`, `0001-01-01T00:00:00Z`).
/// This parser reads all of them, with `Z`, a `±hh:mm` offset or no zone (read as UTC),
/// on the proleptic Gregorian calendar so that the year-1 sentinel is exact.
public enum ConnectDate {
    /// `0001-01-01T00:00:00Z`, the date the provider writes for "never" (a job that never
    /// ran has it in `lastRun.dateTime` and `lastRun.nextRunTime`).
    public static let minimum = Date(timeIntervalSince1970: -62_135_596_800)

    /// Whether the date is the provider's "never" sentinel (anything in the year 1).
    public static func isSentinel(_ date: Date) -> Bool {
        date.timeIntervalSince1970 < minimum.timeIntervalSince1970 + 366 * 86_400
    }

    /// Parses a date-time string; `nil` if it is not one.
    public static func parse(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        var position = 0
        func number(_ length: Int) -> Int? {
            guard position + length <= scalars.count else { return nil }
            var value = 0
            for byte in scalars[position..<position + length] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += length
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard position < scalars.count, let ascii = character.asciiValue, scalars[position] == ascii else {
                return false
            }
            position += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            expect("T") || expect(" "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
            let second = number(2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var fraction = 0.0
        if expect(".") {
            var scale = 0.1
            var digits = 0
            while position < scalars.count, scalars[position] >= UInt8(ascii: "0"),
                scalars[position] <= UInt8(ascii: "9")
            {
                fraction += Double(scalars[position] - UInt8(ascii: "0")) * scale
                scale /= 10
                digits += 1
                position += 1
            }
            guard digits > 0 else { return nil }
        }
        var offset = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else if position < scalars.count,
            scalars[position] == UInt8(ascii: "+") || scalars[position] == UInt8(ascii: "-")
        {
            let sign = scalars[position] == UInt8(ascii: "-") ? -1 : 1
            position += 1
            guard let hours = number(2) else { return nil }
            _ = expect(":")
            guard let minutes = number(2) else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard position == scalars.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
        return Date(timeIntervalSince1970: seconds + fraction)
    }

    /// Formats a date as the provider writes it: UTC, `Z`, milliseconds only when the
    /// date has a fraction of a second.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var millis = Int(((interval - Double(seconds)) * 1000).rounded())
        if millis == 1000 {
            seconds += 1
            millis = 0
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        var text =
            pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(rest / 3600, 2) + ":"
            + pad(rest % 3600 / 60, 2) + ":" + pad(rest % 60, 2)
        if millis > 0 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Decoding helpers for the places where the provider's documents disagree on a type.
enum Lenient {
    /// A date-time string, `null` or absent as `nil`; anything else is a decoding error.
    static func date<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Date? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = ConnectDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an ISO 8601 date-time: \"\(text)\"")
        }
        return date
    }

    /// An integer sent as a number or as a string of digits (`"1"`, as in the provider's
    /// own create example).
    static func int<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Int? {
        if (try? container.decodeNil(forKey: key)) ?? true { return nil }
        if let value = try? container.decode(Int.self, forKey: key) { return value }
        let text = try container.decode(String.self, forKey: key)
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "expected an integer or a string of digits, got \"\(text)\"")
        }
        return value
    }

    /// A 64-bit integer sent as a number or a string.
    static func int64<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Int64? {
        if (try? container.decodeNil(forKey: key)) ?? true { return nil }
        if let value = try? container.decode(Int64.self, forKey: key) { return value }
        let text = try container.decode(String.self, forKey: key)
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "expected an integer, got \"\(text)\"")
        }
        return value
    }

    /// A Boolean sent as `true`/`false` or as the strings `"true"`/`"false"`.
    static func bool<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Bool? {
        if (try? container.decodeNil(forKey: key)) ?? true { return nil }
        if let value = try? container.decode(Bool.self, forKey: key) { return value }
        let text = try container.decode(String.self, forKey: key)
        guard let value = bool(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "expected a Boolean or \"true\"/\"false\", got \"\(text)\"")
        }
        return value
    }

    /// `"true"`/`"false"` in any case as a Boolean.
    static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
