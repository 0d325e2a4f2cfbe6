import Foundation

/// The cron dialects JobBridge reads and writes.
public enum CronDialect: String, Hashable, Sendable, CaseIterable, Codable {
    /// Debian/Vixie cron.
    case standard
    /// CData Sync: Quartz-like `? L W #`, weekdays 1–7 = SUN–SAT.
    case sync
    /// Airflow (croniter) with Airflow's presets.
    case airflow
}

/// A cron schedule: an expression, the time zone it is read in, and what it does when
/// clocks change.
public struct CronSchedule: Hashable, Sendable {
    /// The expression's text, as given (trimmed).
    public private(set) var text: String
    /// The dialect the text is written in.
    public let dialect: CronDialect
    /// The parsed expression.
    public private(set) var expression: CronExpression
    /// What runs do on daylight-saving transition days; defaults to the dialect's policy.
    public var dstPolicy: DSTPolicy {
        didSet { rule = dstPolicy.rule(for: expression) }
    }
    /// The time zone in which the expression's fields are matched.
    public var timeZone: TimeZone {
        didSet { zone = ZoneTransitions.table(for: timeZone) }
    }
    private var zone: ZoneTransitions
    private var rule: DSTPolicy.Rule

    /// Parses a cron expression, with the dialect's default ``DSTPolicy``.
    ///
    /// - Throws: ``JobBridgeError`` (`invalidDefinition`) saying which field, what value and
    ///   the allowed range, or that the expression never fires.
    public init(_ text: String, dialect: CronDialect = .standard, timeZone: TimeZone = .gmt) throws {
        try self.init(text, dialect: dialect, timeZone: timeZone, dstPolicy: .default(for: dialect))
    }

    /// Parses a cron expression with an explicit ``DSTPolicy``.
    public init(_ text: String, dialect: CronDialect, timeZone: TimeZone, dstPolicy: DSTPolicy) throws {
        let expression = try CronExpression(text, dialect: dialect)
        self.init(expression: expression, text: text, timeZone: timeZone, dstPolicy: dstPolicy)
    }

    /// Parses a cron expression as ``init(_:dialect:timeZone:)`` does, through a bounded
    /// process-wide cache of parsed expressions: what an adapter's mapping uses, since a
    /// listing of thousands of jobs usually holds a few dozen distinct crons.
    ///
    /// The result equals what the initializer gives for the same arguments: parsing is pure,
    /// only expressions that parsed are cached (a refused text is parsed again, so its error
    /// is the parser's own), and the zone and DST policy are applied per call.
    ///
    /// - Throws: What ``init(_:dialect:timeZone:)`` throws.
    public static func cached(_ text: String, dialect: CronDialect = .standard, timeZone: TimeZone = .gmt) throws
        -> CronSchedule
    {
        let zone = timeZone.identifier
        // The zone is checked whole too: two zones of one name (a fixed one and the
        // auto-updating current one) are not equal, and the schedule keeps the one it is given.
        if let hit = CronScheduleCache.shared.schedule(text, dialect, zone), hit.timeZone == timeZone { return hit }
        let schedule = try CronSchedule(text, dialect: dialect, timeZone: timeZone)
        CronScheduleCache.shared.store(schedule, text, dialect, zone)
        return schedule
    }

    /// Creates a schedule from a parsed expression; the text is the expression rendered in its dialect.
    public init(expression: CronExpression, timeZone: TimeZone = .gmt, dstPolicy: DSTPolicy? = nil) {
        let text = (try? expression.rendered(in: expression.dialect)) ?? ""
        self.init(expression: expression, text: text, timeZone: timeZone, dstPolicy: dstPolicy)
    }

    private init(expression: CronExpression, text: String, timeZone: TimeZone, dstPolicy: DSTPolicy?) {
        self.text = text.trimmingWhitespace()
        self.dialect = expression.dialect
        self.expression = expression
        let policy = dstPolicy ?? .default(for: expression.dialect)
        self.dstPolicy = policy
        self.rule = policy.rule(for: expression)
        self.timeZone = timeZone
        self.zone = ZoneTransitions.table(for: timeZone)
    }

    /// The first run strictly after `date`, or `nil` when there is none (Airflow's `@once`,
    /// or beyond the supported range).
    public func nextRun(after date: Date) -> Date? {
        guard !expression.isOnce else { return nil }
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e13 else { return nil }
        var seconds = Int64(interval)  // truncates; floor it without a libm call
        if Double(seconds) > interval { seconds -= 1 }
        return expression.nextRun(after: seconds, zone: zone, rule: rule).map {
            Date(timeIntervalSince1970: TimeInterval($0))
        }
    }

    /// The last run strictly before `date`, or `nil` when there is none.
    public func previousRun(before date: Date) -> Date? {
        guard !expression.isOnce else { return nil }
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e13 else { return nil }
        var seconds = Int64(interval)  // truncates; make it the ceiling, then step back a second
        if Double(seconds) < interval { seconds += 1 }
        return expression.previousRun(atOrBefore: seconds - 1, zone: zone, rule: rule).map {
            Date(timeIntervalSince1970: TimeInterval($0))
        }
    }

    /// The runs strictly after `date`, ascending, as a lazy sequence.
    public func runs(after date: Date) -> CronRuns { CronRuns(schedule: self, start: date, forward: true) }

    /// The runs strictly before `date`, descending, as a lazy sequence.
    public func runs(before date: Date) -> CronRuns { CronRuns(schedule: self, start: date, forward: false) }

    /// Two schedules are equal when their text, dialect, expression, policy and zone are.
    public static func == (lhs: CronSchedule, rhs: CronSchedule) -> Bool {
        lhs.text == rhs.text && lhs.dialect == rhs.dialect && lhs.expression == rhs.expression
            && lhs.dstPolicy == rhs.dstPolicy && lhs.timeZone == rhs.timeZone
    }

    /// Hashes the text, dialect, policy and zone.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(dialect)
        hasher.combine(dstPolicy)
        hasher.combine(timeZone)
    }
}

/// The run times of a ``CronSchedule`` after or before a date, computed lazily.
public struct CronRuns: Sequence, Sendable {
    let schedule: CronSchedule
    let start: Date
    let forward: Bool

    /// Makes an iterator over the runs.
    public func makeIterator() -> Iterator { Iterator(schedule: schedule, current: start, forward: forward) }

    /// Iterates over the runs; ends when no further run exists.
    public struct Iterator: IteratorProtocol, Sendable {
        let schedule: CronSchedule
        var current: Date?
        let forward: Bool

        /// The next run.
        public mutating func next() -> Date? {
            guard let from = current else { return nil }
            current = forward ? schedule.nextRun(after: from) : schedule.previousRun(before: from)
            return current
        }
    }
}
