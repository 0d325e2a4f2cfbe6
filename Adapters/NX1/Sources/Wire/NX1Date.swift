import Foundation
import JobBridge

/// Reads and writes the ISO 8601 dates of NX1's API.
///
/// NX1 documents `string<date-time>` and its example is `2023-11-07T05:31:56Z`; servers
/// written in Python also send fractions (`…56.123456`), offsets (`+00:00`) or no zone at
/// all. Every form is read; a date without a zone is read as UTC (NX1 runs on Airflow,
/// whose default zone is UTC). Dates are written in UTC with `Z`, with six fraction digits
/// only when the date has a fraction.
public enum NX1Date {
    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|±HH[:]MM]` (the core's ``WireDate``,
    /// a date without a zone read as UTC); `nil` if the text is not such a date.
    public static func parse(_ text: String) -> Date? {
        WireDate.parse(text.trimmingWhitespace())
    }

    /// Formats a date as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` in UTC.
    public static func format(_ date: Date) -> String { WireDate.format(date, fractionDigits: 6) }
}
