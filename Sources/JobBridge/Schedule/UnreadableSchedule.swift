import Foundation

/// A provider's schedule that this library could not read, kept as it came: the text, why
/// it could not be read, and the dialect and zone it was read in.
///
/// Adapters produce it (as ``Schedule/unreadable(_:)``) instead of guessing: an invalid
/// cron such as `*/0 * * * *` is not "manual", and a Connect interval of `0` hours is not
/// "every hour". The job keeps running on the provider; only its run times are unknown
/// here. It cannot be written to any provider: validation refuses it.
///
/// ```swift
/// if case .unreadable(let schedule) = job.schedule {
///     print(schedule)  // unreadable cron "*/0 * * * *" (sync, GMT): the step of minute is 0 ...
/// }
/// ```
public struct UnreadableSchedule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The provider's value, verbatim: a cron's text, or for a schedule in several fields
    /// (CData Connect's `intervalUnit` and `intervalValue`) those fields as `name=value`.
    public var text: String
    /// Why it could not be read, such as the cron parser's message.
    public var reason: String
    /// The cron dialect the text was read in; `nil` when the schedule is not a cron.
    public var dialect: CronDialect?
    /// The time zone the schedule was read in, when the provider has one for it.
    public var timeZone: TimeZone?

    /// The longest part of ``text`` that ``description`` shows, in characters.
    public static let describedTextLimit = 120
    /// The longest part of ``reason`` that ``description`` shows, in characters.
    public static let describedReasonLimit = 240

    /// Keeps a provider's schedule that could not be read.
    public init(text: String, reason: String, dialect: CronDialect? = nil, timeZone: TimeZone? = nil) {
        self.text = text
        self.reason = reason
        self.dialect = dialect
        self.timeZone = timeZone
    }

    /// One bounded line: `unreadable cron "*/0 * * * *" (sync, GMT): <reason>`, or
    /// `unreadable schedule "intervalUnit=Hour, intervalValue=0": <reason>`. The text and
    /// the reason are cut at ``describedTextLimit`` and ``describedReasonLimit``
    /// characters, and control characters are shown as `?`.
    public var description: String {
        var line = dialect == nil ? "unreadable schedule" : "unreadable cron"
        line += " \"" + Self.oneLine(text, limit: Self.describedTextLimit) + "\""
        var notes: [String] = []
        if let dialect { notes.append(dialect.rawValue) }
        if let timeZone { notes.append(timeZone.identifier) }
        if !notes.isEmpty { line += " (" + notes.joined(separator: ", ") + ")" }
        return line + ": " + Self.oneLine(reason, limit: Self.describedReasonLimit)
    }

    /// The text on one line, control characters replaced, cut after `limit` characters.
    static func oneLine(_ text: String, limit: Int) -> String {
        var result = ""
        var count = 0
        for character in text {
            guard count < limit else { return result + "…" }
            let isControl = character.unicodeScalars.contains {
                $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
            }
            result.append(isControl ? "?" : character)
            count += 1
        }
        return result
    }
}
