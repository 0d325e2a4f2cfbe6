import Foundation

/// Reads the date-time texts that providers send, quickly and leniently, once for every
/// adapter.
///
/// Accepted forms (the `T` may be a space; the fraction has any number of digits):
/// - ISO 8601 / RFC 3339: `2026-01-15T10:30:00Z`, `2026-01-15T10:30:00.123+02:00`,
///   `+0200`, `+02`;
/// - the same without a zone, `2026-01-15 10:30:00`, read in `timeZone` (a provider's
///   server-local time);
/// - a date alone, `2026-01-15`, as midnight in `timeZone`;
/// - .NET's JSON form `/Date(1768473000000)/` (milliseconds since 1970, an offset ignored).
///
/// The parser works on the UTF-8 bytes with no formatter, so that mapping a long listing
/// does not spend its time in `DateFormatter`.
public enum WireDate {
    /// The date the text stands for, or `nil` when the text is none of the accepted forms
    /// or names an impossible date.
    public static func parse(_ text: String, timeZone: TimeZone = .gmt) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0, timeZone: timeZone) }
    }

    /// Formats a date as RFC 3339 in UTC with whole seconds, such as `2026-01-15T10:30:00Z`.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return
            "\(yearText)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))Z"
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, timeZone: TimeZone) -> Date? {
        var reader = ByteReader(bytes: bytes)
        reader.skipSpaces()
        if reader.consume("/Date(") { return dotNetDate(&reader) }
        guard let year = reader.digits(exactly: 4), reader.consume(UInt8(ascii: "-")),
            let month = reader.digits(exactly: 2), reader.consume(UInt8(ascii: "-")),
            let day = reader.digits(exactly: 2), (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year)
        else { return nil }
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var fraction = 0.0
        if reader.consume(UInt8(ascii: "T")) || reader.consume(UInt8(ascii: "t")) || reader.consume(UInt8(ascii: " ")) {
            guard let h = reader.digits(exactly: 2), reader.consume(UInt8(ascii: ":")),
                let m = reader.digits(exactly: 2), h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
            if reader.consume(UInt8(ascii: ":")) {
                guard let s = reader.digits(exactly: 2), s < 61 else { return nil }
                second = min(s, 59)
                if reader.consume(UInt8(ascii: ".")) || reader.consume(UInt8(ascii: ",")) {
                    var scale = 0.1
                    var any = false
                    while let digit = reader.digit() {
                        fraction += Double(digit) * scale
                        scale /= 10
                        any = true
                    }
                    guard any else { return nil }
                }
            }
        }
        let local = (daysFromCivil(year: year, month: month, day: day) * 86_400) + hour * 3600 + minute * 60 + second
        let offset: Int64?
        if reader.consume(UInt8(ascii: "Z")) || reader.consume(UInt8(ascii: "z")) {
            offset = 0
        } else if let sign = reader.sign() {
            guard let hours = reader.digits(exactly: 2), hours < 24 else { return nil }
            var minutes: Int64 = 0
            if reader.consume(UInt8(ascii: ":")) {
                guard let value = reader.digits(exactly: 2) else { return nil }
                minutes = value
            } else if let value = reader.digits(exactly: 2) {
                minutes = value
            }
            guard minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            offset = nil
        }
        reader.skipSpaces()
        guard reader.isAtEnd else { return nil }
        let utc: Int64
        if let offset {
            utc = local - offset
        } else {
            let guess = Date(timeIntervalSince1970: TimeInterval(local))
            let first = Int64(timeZone.secondsFromGMT(for: guess))
            let second = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - first))))
            utc = local - second
        }
        return Date(timeIntervalSince1970: TimeInterval(utc) + fraction)
    }

    private static func dotNetDate(_ reader: inout ByteReader) -> Date? {
        let sign: Int64 = reader.consume(UInt8(ascii: "-")) ? -1 : 1
        var milliseconds: Int64 = 0
        var count = 0
        while let digit = reader.digit() {
            guard count < 16 else { return nil }
            milliseconds = milliseconds * 10 + digit
            count += 1
        }
        guard count > 0 else { return nil }
        if reader.sign() != nil {
            guard reader.digits(exactly: 4) != nil else { return nil }
        }
        guard reader.consume(")/") else { return nil }
        reader.skipSpaces()
        guard reader.isAtEnd else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(sign * milliseconds) / 1000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
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

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A cursor over UTF-8 bytes for ``WireDate``.
private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func consume(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let start = text.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] { return false }
        position += count
        return true
    }

    mutating func digit() -> Int64? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        position += 1
        return Int64(byte - UInt8(ascii: "0"))
    }

    mutating func digits(exactly count: Int) -> Int64? {
        let start = position
        var value: Int64 = 0
        for _ in 0..<count {
            guard let digit = digit() else {
                position = start
                return nil
            }
            value = value * 10 + digit
        }
        return value
    }

    /// `+1` or `-1` for a sign at the cursor (consumed), else `nil`.
    mutating func sign() -> Int64? {
        if consume(UInt8(ascii: "+")) { return 1 }
        if consume(UInt8(ascii: "-")) { return -1 }
        return nil
    }
}
