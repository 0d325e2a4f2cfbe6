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

    /// How ``format(_:fractionDigits:timeZone:zone:)`` writes the zone of a date.
    public enum ZoneStyle: Hashable, Sendable {
        /// `Z` when the offset is zero (always in UTC), else the offset: `2026-01-15T10:30:00Z`.
        case z
        /// Always the offset, `+00:00` included: `2026-01-15T10:30:00+00:00`, for a
        /// provider that refuses `Z`.
        case offset
    }

    /// Formats a date as RFC 3339 in UTC, such as `2026-01-15T10:30:00Z`, with a fraction
    /// of `fractionDigits` digits (0–9) when the date has one at that precision (CData
    /// Connect writes milliseconds, NX1 microseconds).
    public static func format(_ date: Date, fractionDigits: Int = 0) -> String {
        utcText(date, fractionDigits: fractionDigits)
            ?? format(date, fractionDigits: fractionDigits, timeZone: .gmt, zone: .z)
    }

    /// What `format(date, fractionDigits:, timeZone: .gmt, zone: .z)` writes, written as
    /// bytes with no zone lookup and no intermediate strings (a listing formats dates for
    /// every job); `nil` outside the years 0–9999, which the general form writes.
    private static func utcText(_ date: Date, fractionDigits: Int) -> String? {
        let interval = date.timeIntervalSince1970
        // Years 0–9999, with a second's margin for the fraction's carry (checked below).
        guard interval > -62_167_219_201, interval < 253_402_300_801 else { return nil }
        let digits = min(max(fractionDigits, 0), 9)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        var seconds = Int64(interval.rounded(.down))
        var fraction = Int64(((interval - Double(seconds)) * Double(scale)).rounded())
        if fraction >= scale {
            seconds += 1
            fraction -= scale
        }
        let days = CivilCalendar.floorDiv(seconds, 86_400)
        let second = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.date(days: Int(days))
        guard (0...9_999).contains(year) else { return nil }
        let withFraction = digits > 0 && fraction > 0
        return String(unsafeUninitializedCapacity: 30) { buffer in
            var end = 0
            func put(_ value: Int, _ width: Int) {
                var rest = value
                for position in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                end += width
            }
            func put(_ byte: Unicode.Scalar) {
                buffer[end] = UInt8(ascii: byte)
                end += 1
            }
            put(year, 4)
            put("-")
            put(month, 2)
            put("-")
            put(day, 2)
            put("T")
            put(second / 3600, 2)
            put(":")
            put(second % 3600 / 60, 2)
            put(":")
            put(second % 60, 2)
            if withFraction {
                put(".")
                put(Int(fraction), digits)
            }
            put("Z")
            return end
        }
    }

    /// Formats a date as RFC 3339 in a time zone: the wall time there and its offset, such
    /// as `2026-01-15T11:30:00+01:00` in Paris, with a fraction of `fractionDigits` digits
    /// (0–9) when the date has one at that precision. `zone` chooses `Z` or `+00:00` for a
    /// zero offset. An offset with seconds (a zone's local mean time before 1900) is cut to
    /// the minute and the wall time moved with it, so the text always names the same instant.
    public static func format(
        _ date: Date, fractionDigits: Int = 0, timeZone: TimeZone, zone: ZoneStyle = .z
    ) -> String {
        let digits = min(max(fractionDigits, 0), 9)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let interval = date.timeIntervalSince1970
        var seconds = Int64(interval.rounded(.down))
        var fraction = Int64(((interval - Double(seconds)) * Double(scale)).rounded())
        if fraction >= scale {
            seconds += 1
            fraction -= scale
        }
        let offset = Int64(timeZone.secondsFromGMT(for: date)) / 60 * 60
        let local = seconds + offset
        let days = CivilCalendar.floorDiv(local, 86_400)
        let second = local - days * 86_400
        let (year, month, day) = CivilCalendar.date(days: Int(days))
        func padded(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text =
            "\(padded(Int64(year), 4))-\(padded(Int64(month), 2))-\(padded(Int64(day), 2))"
            + "T\(padded(second / 3600, 2)):\(padded(second % 3600 / 60, 2)):\(padded(second % 60, 2))"
        if digits > 0, fraction > 0 { text += "." + padded(fraction, digits) }
        if offset == 0, zone == .z { return text + "Z" }
        let minutes = abs(offset) / 60
        return text + (offset < 0 ? "-" : "+") + padded(minutes / 60, 2) + ":" + padded(minutes % 60, 2)
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>, timeZone: TimeZone) -> Date? {
        var reader = ByteReader(bytes: bytes)
        reader.skipSpaces()
        if reader.consume("/Date(") { return dotNetDate(&reader) }
        guard let year = reader.digits(exactly: 4), reader.consume(UInt8(ascii: "-")),
            let month = reader.digits(exactly: 2), reader.consume(UInt8(ascii: "-")),
            let day = reader.digits(exactly: 2), (1...12).contains(month), day >= 1,
            day <= Int64(CivilCalendar.daysInMonth(year: Int(year), month: Int(month)))
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
        let local =
            (Int64(CivilCalendar.days(year: Int(year), month: Int(month), day: Int(day))) * 86_400) + hour * 3600
            + minute * 60 + second
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
