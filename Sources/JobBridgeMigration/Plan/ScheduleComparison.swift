import Foundation
import JobBridge

/// Two schedules compared by behaviour: the fire instants of each side over fixed windows
/// (four years from 2024-01-01, a day around every daylight-saving change of
/// America/New_York, Europe/Berlin and the two schedules' zones in 2024 and 2025, and the
/// ends of February, April and December), at most ``MigrationOptions/comparedRuns`` instants
/// per side and window.
///
/// `exact` means zero mismatches. Otherwise ``mismatchCount`` counts the instants of either
/// side that the other does not have, and ``maxDeviationSeconds`` is the largest distance
/// from such an instant to the nearest instant of the other side.
public struct ScheduleComparison: Hashable, Sendable, Codable {
    /// Instants compared (source side, all windows).
    public var comparedRuns: Int
    /// Instants on one side only.
    public var mismatchCount: Int
    /// The largest distance, in seconds, from an unmatched instant to the other side's nearest.
    public var maxDeviationSeconds: Int
    /// Whether the differences come from daylight saving alone: a compared zone changes its
    /// offset, and no unmatched instant is further from the other side than that change
    /// (an hour for New York and Berlin). Otherwise the schedules drift apart.
    public var daylightSavingOnly: Bool
    /// The first unmatched instant, if any.
    public var firstMismatch: Date?

    /// Whether the two sides fire at exactly the same instants.
    public var isExact: Bool { mismatchCount == 0 }

    /// The first instant of the comparison: 2024-01-01 00:00 UTC (a leap year).
    public static let start = Date(timeIntervalSince1970: 1_704_067_200)

    /// The compared windows for schedules read in `zones` (New York and Berlin always added).
    public static func windows(zones: [TimeZone]) -> [(start: Date, end: Date)] {
        let day: TimeInterval = 86_400
        var windows: [(Date, Date)] = [(start, start.addingTimeInterval(4 * 366 * day))]
        var seen = Set<Int>()
        let all =
            [TimeZone(identifier: "America/New_York"), TimeZone(identifier: "Europe/Berlin")].compactMap { $0 }
            + zones
        var transitions: [Date] = []
        for zone in all {
            var cursor = start
            let end = start.addingTimeInterval(2 * 366 * day)
            while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end {
                if seen.insert(Int(next.timeIntervalSince1970)).inserted { transitions.append(next) }
                cursor = next
            }
        }
        for transition in transitions.sorted() {
            windows.append((transition.addingTimeInterval(-day / 2), transition.addingTimeInterval(day / 2)))
        }
        // Month ends: Feb 27 – Mar 2 2024 (Feb 29), Feb 26 – Mar 2 2025, Apr 29 – May 2 2024,
        // Dec 30 2024 – Jan 2 2025.
        for (from, to) in [
            (1_708_992_000, 1_709_337_600), (1_740_528_000, 1_740_873_600), (1_714_348_800, 1_714_608_000),
            (1_735_516_800, 1_735_776_000),
        ] {
            windows.append(
                (Date(timeIntervalSince1970: TimeInterval(from)), Date(timeIntervalSince1970: TimeInterval(to))))
        }
        return windows
    }

    /// The largest offset change (seconds) of the zones over 2024: 0 for zones without
    /// daylight saving.
    static func daylightSavingShift(of zones: [TimeZone]) -> Int {
        var shift = 0
        for zone in zones {
            let offsets = (0..<12).map {
                zone.secondsFromGMT(for: start.addingTimeInterval(Double($0) * 30.5 * 86_400))
            }
            if let low = offsets.min(), let high = offsets.max() { shift = max(shift, high - low) }
        }
        return shift
    }

    /// Compares two run functions (next run strictly after a date; previous run strictly
    /// before a date) over the windows.
    public static func compare(
        source: Side, target: Side, zones: [TimeZone], runsPerWindow: Int = 1_000
    ) -> ScheduleComparison {
        let cap = max(runsPerWindow, 1)
        var compared = 0
        var unmatched: [(Date, Side)] = []
        for (start, end) in windows(zones: zones) {
            let a = runs(of: source, from: start, to: end, cap: cap)
            let b = runs(of: target, from: start, to: end, cap: cap)
            var limit = end
            if a.capped, let last = a.runs.last { limit = min(limit, last.addingTimeInterval(1)) }
            if b.capped, let last = b.runs.last { limit = min(limit, last.addingTimeInterval(1)) }
            let left = a.runs.filter { $0 < limit }
            let right = b.runs.filter { $0 < limit }
            compared += left.count
            let rightSet = Set(right)
            let leftSet = Set(left)
            for run in left where !rightSet.contains(run) { unmatched.append((run, target)) }
            for run in right where !leftSet.contains(run) { unmatched.append((run, source)) }
        }
        var maxDeviation = 0
        for (run, other) in unmatched {
            let candidates = [other.next(run.addingTimeInterval(-1)), other.previous(run)].compactMap { $0 }
            let deviation = candidates.map { Int(abs($0.timeIntervalSince(run))) }.min() ?? Int.max
            maxDeviation = max(maxDeviation, deviation)
        }
        let shift = daylightSavingShift(of: zones)
        return ScheduleComparison(
            comparedRuns: compared, mismatchCount: unmatched.count,
            maxDeviationSeconds: unmatched.isEmpty ? 0 : maxDeviation,
            daylightSavingOnly: !unmatched.isEmpty && shift > 0 && maxDeviation <= shift,
            firstMismatch: unmatched.map(\.0).min())
    }

    /// One side of a comparison: its next and previous run.
    public struct Side: Sendable {
        /// The first run strictly after a date.
        public var next: @Sendable (Date) -> Date?
        /// The last run strictly before a date.
        public var previous: @Sendable (Date) -> Date?

        /// Creates a side from two functions.
        public init(next: @escaping @Sendable (Date) -> Date?, previous: @escaping @Sendable (Date) -> Date?) {
            self.next = next
            self.previous = previous
        }

        /// A schedule's side; intervals are counted in `intervalZone` and re-anchored before
        /// the comparison's start (whole periods back), so that a first run in the future
        /// does not leave the earlier windows empty.
        public init(_ schedule: Schedule, intervalZone: TimeZone = .gmt) {
            var schedule = schedule
            if case .interval(var interval) = schedule, let first = interval.firstRun {
                interval.firstRun = ScheduleComparison.rebased(interval, first: first, zone: intervalZone)
                schedule = .interval(interval)
            }
            let fixed = schedule
            self.init(
                next: { fixed.nextRun(after: $0, in: intervalZone) },
                previous: { fixed.previousRun(before: $0, in: intervalZone) })
        }
    }

    /// The first run moved forward by whole periods (in UTC steps, months by the calendar in
    /// `zone`) to `date` or later.
    public static func advanced(_ interval: IntervalSchedule, to date: Date, zone: TimeZone = .gmt) -> IntervalSchedule
    {
        guard var first = interval.firstRun, first < date, interval.count >= 1 else { return interval }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        switch interval.unit {
        case .minute, .hour:
            let step = Double(interval.count) * (interval.unit == .minute ? 60 : 3_600)
            first = first.addingTimeInterval((date.timeIntervalSince(first) / step).rounded(.up) * step)
        case .day, .week:
            let step = Double(interval.count * (interval.unit == .week ? 7 : 1)) * 86_400
            first = first.addingTimeInterval((date.timeIntervalSince(first) / step).rounded(.up) * step)
        case .month:
            var k = 0
            var next = first
            while next < date, k < 100_000 {
                k += interval.count
                next = calendar.date(byAdding: .month, value: k, to: first) ?? date
            }
            first = next
        }
        var result = interval
        result.firstRun = first
        return result
    }

    /// The first run moved back by whole periods to before the comparison's start.
    static func rebased(_ interval: IntervalSchedule, first: Date, zone: TimeZone) -> Date {
        let target = start.addingTimeInterval(-40 * 86_400)
        guard first > target, interval.count >= 1 else { return first }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        switch interval.unit {
        case .minute, .hour:
            let step = Double(interval.count) * (interval.unit == .minute ? 60 : 3_600)
            let k = (first.timeIntervalSince(target) / step).rounded(.up)
            return first.addingTimeInterval(-k * step)
        case .day, .week:
            let days = interval.count * (interval.unit == .week ? 7 : 1)
            let span = Int((first.timeIntervalSince(target) / 86_400).rounded(.up))
            let k = (span + days - 1) / days
            return calendar.date(byAdding: .day, value: -k * days, to: first) ?? first
        case .month:
            let months = Int((first.timeIntervalSince(target) / (28 * 86_400)).rounded(.up))
            let k = (months + interval.count - 1) / interval.count
            return calendar.date(byAdding: .month, value: -k * interval.count, to: first) ?? first
        }
    }

    private static func runs(of side: Side, from start: Date, to end: Date, cap: Int) -> (runs: [Date], capped: Bool) {
        var result: [Date] = []
        var cursor = start.addingTimeInterval(-1)
        while result.count < cap, let next = side.next(cursor), next < end {
            guard next > cursor else { break }
            result.append(next)
            cursor = next
        }
        return (result, result.count == cap)
    }
}
