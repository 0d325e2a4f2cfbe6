/// What a cron schedule does when clocks change: on a spring-forward day some wall-clock
/// times do not exist (a gap); on a fall-back day some happen twice (an overlap).
///
/// A policy has one rule for expressions with fixed times and, optionally, another for
/// "frequent" expressions, because the references treat them differently. The presets
/// reproduce the references (America/New_York, 2024):
///
/// | preset | `30 2 * * *`, spring | `30 1 * * *`, fall | `0 * * * *`, fall |
/// |---|---|---|---|
/// | ``vixie`` (Debian cron, cronsim) | 03:00 | first only | both 01:00s |
/// | ``kubernetes`` (robfig/cron) | skipped | twice | both |
/// | ``airflow`` (NX1) | 03:30 | second only | both |
/// | ``quartz`` | skipped | second only | second only |
public struct DSTPolicy: Hashable, Sendable {
    /// What happens to a wall-clock time that does not exist.
    public enum GapRule: String, Hashable, Sendable, CaseIterable {
        /// The run is skipped.
        case skip
        /// The run happens at the transition (the first instant after the gap), once even
        /// when several runs fall in the gap.
        case runAtTransition
        /// The run happens as late after the transition as the time was after the gap's
        /// start (02:30 becomes 03:30 when clocks go from 02:00 to 03:00).
        case shiftForward
    }

    /// What happens to a wall-clock time that occurs twice.
    public enum OverlapRule: String, Hashable, Sendable, CaseIterable {
        /// The run happens at the first occurrence only.
        case first
        /// The run happens at the second occurrence only.
        case second
        /// The run happens at both occurrences.
        case both
    }

    /// How the search moves from one run to the next.
    public enum Progression: String, Hashable, Sendable, CaseIterable {
        /// Runs are the instants of matching wall-clock times under the gap and overlap rules;
        /// the next run is the first such instant after the start (robfig, Quartz, cronsim's
        /// wildcard jobs).
        case realTime
        /// The search continues from the start's wall-clock time, and the first matching wall
        /// time after it is mapped to an instant under the gap and overlap rules (engines that
        /// work on naive local time: Airflow, cronsim's fixed-time jobs). A start inside a
        /// repeated hour is read as its wall time; the answer is still kept after the start.
        /// With ``OverlapRule/both`` (which a wall-clock cursor cannot express) it acts as
        /// ``realTime``.
        case wallClock
        /// The next matching wall time is mapped with the start's UTC offset: Airflow adds the
        /// wall-clock distance to the start instant for schedules that cover every hour, so
        /// across a transition runs keep the old offset once (a run at 23:00 instead of 00:00).
        case startOffset
    }

    /// One gap rule, one overlap rule, and a progression.
    public struct Rule: Hashable, Sendable {
        /// What happens in a gap.
        public var gap: GapRule
        /// What happens in an overlap.
        public var overlap: OverlapRule
        /// How the search moves from one run to the next.
        public var progression: Progression

        /// Creates a rule.
        public init(gap: GapRule, overlap: OverlapRule, progression: Progression = .realTime) {
            self.gap = gap
            self.overlap = overlap
            self.progression = progression
        }
    }

    /// Which expressions count as "frequent" and get ``frequentRule``.
    public enum FrequentWhen: String, Hashable, Sendable, CaseIterable {
        /// No expression: ``fixedTimeRule`` always applies.
        case never
        /// The minute or the hour field's text starts with `*` (Debian cron, cronsim).
        case minuteOrHourStartsWithStar
        /// The hour field covers all 24 hours (Airflow's "covers every hour" check).
        case everyHour
    }

    /// The rule for expressions that are not frequent.
    public var fixedTimeRule: Rule
    /// The rule for frequent expressions.
    public var frequentRule: Rule
    /// Which expressions are frequent.
    public var frequentWhen: FrequentWhen

    /// Creates a policy.
    public init(fixedTime: Rule, frequent: Rule? = nil, frequentWhen: FrequentWhen = .never) {
        fixedTimeRule = fixedTime
        frequentRule = frequent ?? fixedTime
        self.frequentWhen = frequent == nil ? .never : frequentWhen
    }

    /// Debian cron and cronsim: fixed-time jobs run at the transition in a gap and once
    /// (first) in an overlap; jobs whose minute or hour field starts with `*` follow real
    /// time (gap times skipped, overlap times run twice).
    public static let vixie = DSTPolicy(
        fixedTime: Rule(gap: .runAtTransition, overlap: .first, progression: .wallClock),
        frequent: Rule(gap: .skip, overlap: .both), frequentWhen: .minuteOrHourStartsWithStar)

    /// robfig/cron v3, used by Kubernetes CronJobs: gap times are skipped, overlap times run twice.
    public static let kubernetes = DSTPolicy(fixedTime: Rule(gap: .skip, overlap: .both))

    /// Airflow (NX1): gap times shift forward by the gap, overlap times run at the second
    /// occurrence, searching on naive wall-clock time; schedules covering every hour add the
    /// wall-clock distance to the start instant instead (so both 01:00s run on a fall-back day).
    public static let airflow = DSTPolicy(
        fixedTime: Rule(gap: .shiftForward, overlap: .second, progression: .wallClock),
        frequent: Rule(gap: .shiftForward, overlap: .both, progression: .startOffset), frequentWhen: .everyHour)

    /// Quartz: gap times are skipped, overlap times run at the second occurrence only.
    public static let quartz = DSTPolicy(fixedTime: Rule(gap: .skip, overlap: .second))

    /// The default policy of a dialect: `vixie` for standard, `quartz` for sync, `airflow` for airflow.
    public static func `default`(for dialect: CronDialect) -> DSTPolicy {
        switch dialect {
        case .standard: return .vixie
        case .sync: return .quartz
        case .airflow: return .airflow
        }
    }

    /// The rule that applies to an expression.
    public func rule(for expression: CronExpression) -> Rule {
        switch frequentWhen {
        case .never: return fixedTimeRule
        case .minuteOrHourStartsWithStar:
            return expression.hasWildcardTimeField ? frequentRule : fixedTimeRule
        case .everyHour:
            return expression.hourBits == CronExpression.allHours ? frequentRule : fixedTimeRule
        }
    }
}
