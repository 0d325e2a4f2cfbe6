import Foundation

/// When a job runs on its own: never (manual), on a cron expression, or every N units; or,
/// for a schedule read from a provider that this library cannot read, ``unreadable(_:)``.
///
/// Each adapter maps its provider's schedule to one of these cases:
/// CData Connect schedules by interval, CData Sync and NX1 by cron. A provider's value
/// that cannot be read is never turned into another schedule (an invalid cron is not
/// "manual": a copy of it would never run); it is ``unreadable(_:)``, with its text and
/// the reason, and it cannot be written back to any provider.
public enum Schedule: Hashable, Sendable {
    /// The job runs only when someone runs it.
    case manual
    /// The job runs whenever the cron expression matches, in the schedule's time zone.
    case cron(CronSchedule)
    /// The job runs every `count` `unit`s, starting at the first run when one is given.
    case interval(IntervalSchedule)
    /// The provider has a schedule that could not be read here (an invalid cron, an
    /// interval of zero, a unit this library does not know): its raw text and the reason.
    /// Such a job still runs on the provider on its own schedule; only this library does
    /// not know when. Validation refuses it in any definition or update
    /// (``JobBridgeError/Code/invalidDefinition`` at `schedule`), so it is never written.
    case unreadable(UnreadableSchedule)

    /// The kind of schedule, without its details.
    public var kind: Kind {
        switch self {
        case .manual: return .manual
        case .cron: return .cron
        case .interval: return .interval
        case .unreadable: return .unreadable
        }
    }

    /// The kinds of schedule: what a schedule read back is, and (all but ``unreadable``)
    /// which kinds a provider accepts.
    ///
    /// ``unreadable`` is a kind of its own, so that a listing grouped by kind, or a
    /// migration deciding what it can copy, sees "unreadable" rather than a kind the
    /// schedule is not. It is never a kind a provider accepts: there is nothing in it to
    /// write. ``ProviderDescriptor`` leaves it out of ``ProviderDescriptor/scheduleKinds``
    /// (see ``writable``), and validation refuses an unreadable schedule before it looks
    /// at that set.
    public enum Kind: String, Hashable, Sendable, CaseIterable, Codable {
        /// ``Schedule/manual``.
        case manual
        /// ``Schedule/cron(_:)``.
        case cron
        /// ``Schedule/interval(_:)``.
        case interval
        /// ``Schedule/unreadable(_:)``: read from a provider, never accepted by one.
        case unreadable

        /// The kinds a provider can accept (every kind but ``unreadable``): the default of
        /// ``ProviderDescriptor/scheduleKinds``.
        public static let writable: Set<Kind> = [.manual, .cron, .interval]
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
