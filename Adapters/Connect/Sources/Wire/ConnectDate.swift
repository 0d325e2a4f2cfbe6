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
