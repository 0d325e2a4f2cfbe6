import Foundation
import JobBridge

/// A `Schedule` as plain Codable data: manual, cron (text, dialect, zone, DST policy),
/// interval (unit, count, first run) or unreadable (text and reason kept verbatim).
public struct ScheduleSnapshot: Hashable, Sendable, Codable {
    /// The kind of schedule.
    public var kind: Schedule.Kind
    /// The cron expression's text (cron), or the provider's raw text (unreadable).
    public var text: String?
    /// The cron dialect.
    public var dialect: CronDialect?
    /// The zone's identifier (cron: the zone it is read in).
    public var timeZone: String?
    /// The DST policy by preset name (`vixie`, `kubernetes`, `airflow`, `quartz`); `nil` for
    /// the dialect's default. A policy that is no preset is kept as the dialect's default.
    public var dstPolicy: String?
    /// The interval's unit.
    public var unit: IntervalUnit?
    /// The interval's count.
    public var count: Int?
    /// The interval's first run.
    public var firstRun: Date?
    /// Why an unreadable schedule could not be read.
    public var reason: String?

    /// A manual schedule.
    public static let manual = ScheduleSnapshot(kind: .manual)

    /// Creates a snapshot field by field.
    public init(
        kind: Schedule.Kind, text: String? = nil, dialect: CronDialect? = nil, timeZone: String? = nil,
        dstPolicy: String? = nil, unit: IntervalUnit? = nil, count: Int? = nil, firstRun: Date? = nil,
        reason: String? = nil
    ) {
        self.kind = kind
        self.text = text
        self.dialect = dialect
        self.timeZone = timeZone
        self.dstPolicy = dstPolicy
        self.unit = unit
        self.count = count
        self.firstRun = firstRun
        self.reason = reason
    }

    /// The snapshot of a schedule.
    public init(_ schedule: Schedule) {
        switch schedule {
        case .manual:
            self.init(kind: .manual)
        case .cron(let cron):
            let preset = Self.presetName(cron.dstPolicy)
            self.init(
                kind: .cron, text: cron.text, dialect: cron.dialect, timeZone: cron.timeZone.identifier,
                dstPolicy: cron.dstPolicy == .default(for: cron.dialect) ? nil : preset)
        case .interval(let interval):
            self.init(kind: .interval, unit: interval.unit, count: interval.count, firstRun: interval.firstRun)
        case .unreadable(let unreadable):
            self.init(
                kind: .unreadable, text: unreadable.text, dialect: unreadable.dialect,
                timeZone: unreadable.timeZone?.identifier, reason: unreadable.reason)
        }
    }

    /// The schedule again.
    ///
    /// - Throws: `JobBridgeError` (`invalidDefinition`, field `schedule…`) for a cron that
    ///   no longer parses, an unknown zone, or a missing member.
    public func schedule() throws -> Schedule {
        func bad(_ field: String, _ message: String) -> JobBridgeError {
            JobBridgeError(.invalidDefinition, message, field: "schedule.\(field)")
        }
        let zone = try timeZone.map { identifier -> TimeZone in
            guard let zone = TimeZone(identifier: identifier) else {
                throw bad("timeZone", "'\(identifier)' is not a time zone this system knows")
            }
            return zone
        }
        switch kind {
        case .manual:
            return .manual
        case .cron:
            guard let text else { throw bad("text", "a cron schedule needs its text") }
            let dialect = self.dialect ?? .standard
            let policy = dstPolicy.flatMap(Self.preset(named:)) ?? .default(for: dialect)
            return .cron(try CronSchedule(text, dialect: dialect, timeZone: zone ?? .gmt, dstPolicy: policy))
        case .interval:
            guard let unit, let count else { throw bad("unit", "an interval schedule needs a unit and a count") }
            return .interval(IntervalSchedule(every: count, unit, firstRun: firstRun))
        case .unreadable:
            return .unreadable(
                UnreadableSchedule(text: text ?? "", reason: reason ?? "", dialect: dialect, timeZone: zone))
        }
    }

    static func presetName(_ policy: DSTPolicy) -> String? {
        for (name, preset) in presets where preset == policy { return name }
        return nil
    }

    static func preset(named name: String) -> DSTPolicy? {
        presets.first { $0.0 == name }?.1
    }

    private static let presets: [(String, DSTPolicy)] = [
        ("vixie", .vixie), ("kubernetes", .kubernetes), ("airflow", .airflow), ("quartz", .quartz),
    ]
}
