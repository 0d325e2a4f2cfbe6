import Foundation

/// How faithful a schedule conversion is. Verdicts are computed by comparing the run times of
/// the two schedules, never looked up.
public enum ConversionVerdict: Hashable, Sendable {
    /// The converted schedule runs at exactly the same instants.
    case exact
    /// The converted schedule runs at different instants; the differences, in words.
    case approximate([String])
    /// No schedule of the target kind can express the source, and why.
    case impossible(String)
}

/// The result of converting a schedule: the converted schedule (absent when impossible) and the verdict.
public struct ScheduleConversion: Hashable, Sendable {
    /// The converted schedule, or `nil` when the conversion is impossible.
    public var schedule: Schedule?
    /// How faithful the conversion is.
    public var verdict: ConversionVerdict

    /// Creates a conversion result.
    public init(schedule: Schedule?, verdict: ConversionVerdict) {
        self.schedule = schedule
        self.verdict = verdict
    }

    static func impossible(_ why: String) -> ScheduleConversion {
        ScheduleConversion(schedule: nil, verdict: .impossible(why))
    }
}

/// Compares two run sequences over windows of time and describes the differences.
struct RunComparison {
    var onlyInSource: [Date] = []
    var onlyInTarget: [Date] = []
    var targetRuns: [Date] = []

    /// Walks both sequences through each window, at most `limit` runs per window.
    init(
        source: (Date) -> Date?, target: (Date) -> Date?, windows: [(Date, Date)], limit: Int = 20_000
    ) {
        for (start, end) in windows {
            var a = source(start)
            var b = target(start)
            var steps = 0
            while steps < limit, let low = [a, b].compactMap({ $0 }).min(), low < end {
                steps += 1
                if a == b {
                    if let b { targetRuns.append(b) }
                    a = a.flatMap(source)
                    b = b.flatMap(target)
                } else if let runA = a, b.map({ runA < $0 }) ?? true {
                    onlyInSource.append(runA)
                    a = source(runA)
                } else if let runB = b {
                    onlyInTarget.append(runB)
                    targetRuns.append(runB)
                    b = target(runB)
                }
            }
        }
    }

    var isExact: Bool { onlyInSource.isEmpty && onlyInTarget.isEmpty }

    /// Compares two run sequences over the ``windows(from:days:zone:whole:)`` of `days` days
    /// from `start`: `.exact` when they agree, else `.approximate` with the differences in
    /// words (times in `zone`).
    static func verdict(
        source: (Date) -> Date?, target: (Date) -> Date?, from start: Date, days: Int, zone: TimeZone, whole: Bool,
        sourceName: String, targetName: String
    ) -> ConversionVerdict {
        let comparison = RunComparison(
            source: source, target: target, windows: windows(from: start, days: days, zone: zone, whole: whole))
        if comparison.isExact { return .exact }
        return .approximate(comparison.differences(zone: zone, sourceName: sourceName, targetName: targetName))
    }

    /// The windows to compare: the start, then a few days around each daylight-saving
    /// transition in the next `days` days (the only days on which fixed-period schedules can
    /// drift apart), or the whole span when `whole` is set.
    static func windows(from start: Date, days: Int, zone: TimeZone, whole: Bool) -> [(Date, Date)] {
        let end = start.addingTimeInterval(Double(days) * 86_400)
        if whole { return [(start, end)] }
        var windows = [(start, start.addingTimeInterval(8 * 86_400))]
        var cursor = start
        while let transition = zone.nextDaylightSavingTimeTransition(after: cursor), transition < end {
            windows.append((transition.addingTimeInterval(-2 * 86_400), transition.addingTimeInterval(2 * 86_400)))
            cursor = transition
        }
        return windows
    }

    /// The differences in words, in a zone.
    func differences(zone: TimeZone, sourceName: String, targetName: String) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let clock = { (date: Date) -> String in String(formatter.string(from: date).suffix(5)) }
        var words: [String] = []
        for (runs, phrase) in [
            (onlyInTarget, "\(targetName) also runs at"), (onlyInSource, "\(targetName) does not run at"),
        ] where !runs.isEmpty {
            var groups: [String: (count: Int, first: Date)] = [:]
            for run in runs {
                let key = clock(run)
                groups[key] = (groups[key].map { $0.count + 1 } ?? 1, groups[key]?.first ?? run)
            }
            let top = groups.sorted { $0.value.count > $1.value.count }.prefix(3)
            for (time, group) in top {
                let onTransitionDay =
                    zone.nextDaylightSavingTimeTransition(after: group.first.addingTimeInterval(-86_400))
                    .map { abs($0.timeIntervalSince(group.first)) < 86_400 } ?? false
                var sentence =
                    "\(phrase) \(time) (\(group.count)× in the compared span, first on \(formatter.string(from: group.first)))"
                if onTransitionDay { sentence += " on a daylight-saving transition day" }
                words.append(sentence)
            }
        }
        words.append(contentsOf: gapPhrases(clock: clock, sourceName: sourceName))
        return words
    }

    /// Irregular gaps in the target's runs, such as "a 4-hour gap from 20:00 to 00:00".
    private func gapPhrases(clock: (Date) -> String, sourceName: String) -> [String] {
        guard targetRuns.count >= 3 else { return [] }
        var gaps: [Int: Int] = [:]
        for (a, b) in zip(targetRuns, targetRuns.dropFirst()) { gaps[Int(b.timeIntervalSince(a)), default: 0] += 1 }
        guard let usual = gaps.max(by: { $0.value < $1.value })?.key, gaps.count > 1 else { return [] }
        var seen = Set<String>()
        var phrases: [String] = []
        for (a, b) in zip(targetRuns, targetRuns.dropFirst()) {
            let gap = Int(b.timeIntervalSince(a))
            guard gap != usual, gap < usual * 3 else { continue }
            let text = "a \(Self.duration(gap)) gap from \(clock(a)) to \(clock(b)) instead of \(Self.duration(usual))"
            if seen.insert(text).inserted { phrases.append(text) }
            if phrases.count == 3 { break }
        }
        return phrases
    }

    static func duration(_ seconds: Int) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)-day" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600)-hour" }
        return "\(seconds / 60)-minute"
    }
}
