import Foundation

/// When a job runs on its own: never (manual), on a cron expression, or every N units.
///
/// Each adapter maps its provider's schedule to one of these cases:
/// CData Connect schedules by interval, CData Sync and NX1 by cron.
public enum Schedule: Hashable, Sendable {
    /// The job runs only when someone runs it.
    case manual
    /// The job runs whenever the cron expression matches, in the schedule's time zone.
    case cron(CronSchedule)
    /// The job runs every `count` `unit`s, starting at the first run when one is given.
    case interval(IntervalSchedule)

    /// The kind of schedule, without its details.
    public var kind: Kind {
        switch self {
        case .manual: return .manual
        case .cron: return .cron
        case .interval: return .interval
        }
    }

    /// The kinds of schedule, used to say which kinds a provider accepts.
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        /// ``Schedule/manual``.
        case manual
        /// ``Schedule/cron(_:)``.
        case cron
        /// ``Schedule/interval(_:)``.
        case interval
    }
}

/// The unit of an ``IntervalSchedule``.
public enum IntervalUnit: String, Hashable, Sendable, CaseIterable, Codable {
    /// Minutes.
    case minute
    /// Hours.
    case hour
    /// Days.
    case day
    /// Weeks.
    case week
    /// Calendar months.
    case month
}

/// A schedule that runs every `count` `unit`s, counted from `firstRun` when it is set.
public struct IntervalSchedule: Hashable, Sendable {
    /// The unit the interval is counted in.
    public var unit: IntervalUnit
    /// How many units pass between two runs; at least 1.
    public var count: Int
    /// The first run, from which later runs are counted; `nil` lets the provider choose.
    public var firstRun: Date?

    /// Creates an interval schedule. Validation (a count of at least 1) happens when a
    /// definition that holds it is validated, so that bad input is reported with its place.
    public init(every count: Int, _ unit: IntervalUnit, firstRun: Date? = nil) {
        self.unit = unit
        self.count = count
        self.firstRun = firstRun
    }
}
