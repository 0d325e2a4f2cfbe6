import Foundation
import JobBridge

/// Reads and writes CData Connect AI's date-time strings.
///
/// The provider writes ISO 8601 dates in UTC with a fraction of any length or none
/// (`2025-11-20T15:26:43.096Z`, `2025-11-20T15:52:32.8444712Z`, `0001-01-01T00:00:00Z`).
/// The core's ``WireDate`` reads all of them, with `Z`, a `±hh:mm` offset or no zone (read
/// as UTC), on the proleptic Gregorian calendar so that the year-1 sentinel is exact.
public enum ConnectDate {
    /// `0001-01-01T00:00:00Z`, the date the provider writes for "never" (a job that never
    /// ran has it in `lastRun.dateTime` and `lastRun.nextRunTime`).
    public static let minimum = Date(timeIntervalSince1970: -62_135_596_800)

    /// Whether the date is the provider's "never" sentinel (anything in the year 1).
    public static func isSentinel(_ date: Date) -> Bool {
        date.timeIntervalSince1970 < minimum.timeIntervalSince1970 + 366 * 86_400
    }

    /// Parses a date-time string; `nil` if it is not one (the core's ``WireDate``).
    public static func parse(_ text: String) -> Date? { WireDate.parse(text) }

    /// Formats a date as the provider writes it: UTC, `Z`, milliseconds only when the
    /// date has a fraction of a second.
    public static func format(_ date: Date) -> String { WireDate.format(date, fractionDigits: 3) }
}

/// Decoding helpers for the places where the provider's documents disagree on a type.
enum Lenient {
    /// A date-time string, `null` or absent as `nil`; anything else is a decoding error.
    static func date<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Date? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = ConnectDate.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an ISO 8601 date-time: \(ErrorText.quoted(text))")
        }
        return date
    }

    /// An integer sent as a number or as a string of digits (`"1"`, as in the provider's
    /// own create example).
    static func int<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Int? {
        if (try? container.decodeNil(forKey: key)) ?? true { return nil }
        if let value = try? container.decode(Int.self, forKey: key) { return value }
        let text = try container.decode(String.self, forKey: key)
        guard let value = Int(text.trimmingWhitespace()) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "expected an integer or a string of digits, got \(ErrorText.quoted(text))")
        }
        return value
    }

    /// A 64-bit integer sent as a number or a string.
    static func int64<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> Int64? {
        if (try? container.decodeNil(forKey: key)) ?? true { return nil }
        if let value = try? container.decode(Int64.self, forKey: key) { return value }
        let text = try container.decode(String.self, forKey: key)
        guard let value = Int64(text.trimmingWhitespace()) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "expected an integer, got \(ErrorText.quoted(text))")
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
                debugDescription: "expected a Boolean or \"true\"/\"false\", got \(ErrorText.quoted(text))")
        }
        return value
    }

    /// `"true"`/`"false"` in any case as a Boolean.
    static func bool(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}
