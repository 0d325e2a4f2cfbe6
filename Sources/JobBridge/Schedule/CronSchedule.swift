import Foundation

/// The cron dialects JobBridge reads and writes.
public enum CronDialect: String, Hashable, Sendable, CaseIterable {
    /// Debian/Vixie cron.
    case standard
    /// CData Sync: Quartz-like `? L W #`, weekdays 1–7 = SUN–SAT.
    case sync
    /// Airflow (croniter) with Airflow's presets.
    case airflow
}

/// A cron schedule: an expression and the time zone it is read in.
public struct CronSchedule: Hashable, Sendable {
    /// The expression's text, as given.
    public let text: String
    /// The dialect the text is written in.
    public let dialect: CronDialect
    /// The time zone in which the expression's fields are matched.
    public var timeZone: TimeZone

    /// Parses a cron expression.
    public init(_ text: String, dialect: CronDialect = .standard, timeZone: TimeZone = .gmt) throws {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5 || text.hasPrefix("@") else {
            throw JobBridgeError(
                .invalidDefinition, "a cron expression has 5 fields; '\(text)' has \(fields.count)",
                field: "schedule.cron")
        }
        self.text = text
        self.dialect = dialect
        self.timeZone = timeZone
    }
}
