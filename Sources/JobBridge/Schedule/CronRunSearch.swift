/// Next and previous run instants: the wall-clock search mapped through a zone's transitions
/// under a DST rule. Instants are whole seconds since 1970.
extension CronExpression {
    @inline(__always)
    private static func ceilMinute(_ wallSeconds: Int64) -> Int64 {
        CivilCalendar.floorDiv(wallSeconds + 59, 60)
    }

    @inline(__always)
    private static func floorMinute(_ wallSeconds: Int64) -> Int64 {
        CivilCalendar.floorDiv(wallSeconds, 60)
    }

    /// The wall-clock bounds of segment `index` that the overlap rule keeps, in seconds.
    @inline(__always)
    private static func wallWindow(
        _ zone: ZoneTransitions, _ index: Int, _ overlap: DSTPolicy.OverlapRule
    ) -> (low: Int64, high: Int64) {
        let offset = zone.offsets[index]
        var low = Int64.min / 4
        var high = Int64.max / 4
        if index > 0 {
            let previous = zone.offsets[index - 1]
            low = zone.instants[index - 1] + (previous > offset && overlap == .first ? previous : offset)
        }
        if index < zone.instants.count {
            let next = zone.offsets[index + 1]
            high = zone.instants[index] + (next < offset && overlap == .second ? next : offset)
        }
        return (low, high)
    }

    /// The instant of a wall-clock minute under a gap and overlap rule, for the wall-clock
    /// progression; `hint` is an instant near it (the start of the search).
    @inline(__always)
    private static func instant(
        ofWall wall: Int64, zone: ZoneTransitions, rule: DSTPolicy.Rule, near hint: Int64, hintIndex: Int
    ) -> Int64 {
        let seconds = wall * 60
        let nominal = seconds - zone.offsets[hintIndex]
        let index = zone.segment(containing: nominal)
        // Far (a day or more) from both ends of its segment, a wall time has one instant.
        let candidate = seconds - zone.offsets[index]
        let segmentStart = index > 0 ? zone.instants[index - 1] : Int64.min / 4
        let segmentEnd = index < zone.instants.count ? zone.instants[index] : Int64.max / 4
        if candidate - segmentStart >= 86_400 && segmentEnd - candidate >= 86_400 { return candidate }
        var first = Int64.max
        var last = Int64.min
        let lowSegment = max(index - 1, 0)
        let highSegment = min(index + 1, zone.segmentCount - 1)
        var segment = lowSegment
        while segment <= highSegment {
            let instant = seconds - zone.offsets[segment]
            let low = segment > 0 ? zone.instants[segment - 1] : Int64.min
            let high = segment < zone.instants.count ? zone.instants[segment] : Int64.max
            if instant >= low && instant < high {
                first = min(first, instant)
                last = max(last, instant)
            }
            segment += 1
        }
        if first != Int64.max { return rule.overlap == .second ? last : first }
        // A gap: find the transition that skipped this wall time.
        segment = max(lowSegment, 1)
        while segment <= highSegment {
            let start = zone.instants[segment - 1]
            let before = zone.offsets[segment - 1]
            if seconds >= start + before && seconds < start + zone.offsets[segment] {
                return rule.gap == .shiftForward ? seconds - before : start
            }
            segment += 1
        }
        return seconds - zone.offset(at: hint)
    }

    /// The first run strictly after instant `after` under the rule's progression.
    func nextRun(after: Int64, zone: ZoneTransitions, rule: DSTPolicy.Rule) -> Int64? {
        switch rule.overlap == .both && rule.progression == .wallClock ? .realTime : rule.progression {
        case .realTime:
            return nextRealTimeRun(after: after, zone: zone, rule: rule)
        case .startOffset:
            let offset = zone.offset(at: after)
            return firstMatch(atOrAfter: Self.floorMinute(after + offset) + 1).map { $0 * 60 - offset }
        case .wallClock:
            let hintIndex = zone.segment(containing: after)
            var wall = Self.floorMinute(after + zone.offsets[hintIndex])
            for _ in 0..<4 {
                guard let match = firstMatch(atOrAfter: wall + 1) else { return nil }
                let instant = Self.instant(ofWall: match, zone: zone, rule: rule, near: after, hintIndex: hintIndex)
                if instant > after && (rule.gap != .skip || !isInGap(match, zone: zone, near: after)) {
                    return instant
                }
                wall = match
            }
            return nextRealTimeRun(after: after, zone: zone, rule: rule)
        }
    }

    /// The last run strictly before the instant after `limit` under the rule's progression.
    func previousRun(atOrBefore limit: Int64, zone: ZoneTransitions, rule: DSTPolicy.Rule) -> Int64? {
        switch rule.overlap == .both && rule.progression == .wallClock ? .realTime : rule.progression {
        case .realTime:
            return previousRealTimeRun(atOrBefore: limit, zone: zone, rule: rule)
        case .startOffset:
            let offset = zone.offset(at: limit)
            return lastMatch(atOrBefore: Self.floorMinute(limit + offset)).map { $0 * 60 - offset }
        case .wallClock:
            let hintIndex = zone.segment(containing: limit)
            var wall = Self.floorMinute(limit + zone.offsets[hintIndex]) + 1
            for _ in 0..<4 {
                guard let match = lastMatch(atOrBefore: wall - 1) else { return nil }
                let instant = Self.instant(ofWall: match, zone: zone, rule: rule, near: limit, hintIndex: hintIndex)
                if instant <= limit && (rule.gap != .skip || !isInGap(match, zone: zone, near: limit)) {
                    return instant
                }
                wall = match
            }
            return previousRealTimeRun(atOrBefore: limit, zone: zone, rule: rule)
        }
    }

    private func isInGap(_ wall: Int64, zone: ZoneTransitions, near hint: Int64) -> Bool {
        let seconds = wall * 60
        let index = zone.segment(containing: seconds - zone.offset(at: hint))
        var segment = max(index, 1)
        while segment <= min(index + 1, zone.segmentCount - 1) {
            let start = zone.instants[segment - 1]
            if seconds >= start + zone.offsets[segment - 1] && seconds < start + zone.offsets[segment] { return true }
            segment += 1
        }
        return false
    }

    /// The first run strictly after instant `after`, or `nil` when there is none in range.
    func nextRealTimeRun(after: Int64, zone: ZoneTransitions, rule: DSTPolicy.Rule) -> Int64? {
        var index = zone.segment(containing: after)
        var memo = ForwardMemo()
        while index < zone.segmentCount {
            let offset = zone.offsets[index]
            var best: Int64?
            if index > 0, rule.gap != .skip, zone.offsets[index - 1] < offset {
                let start = zone.instants[index - 1]
                let previous = zone.offsets[index - 1]
                let gapHigh = start + offset
                switch rule.gap {
                case .runAtTransition:
                    if start > after, let wall = memo.first(self, Self.ceilMinute(start + previous)),
                        wall * 60 < gapHigh
                    {
                        best = start
                    }
                case .shiftForward:
                    let low = max(start + previous, after + 1 + previous)
                    if low < gapHigh, let wall = memo.first(self, Self.ceilMinute(low)), wall * 60 < gapHigh {
                        best = wall * 60 - previous
                    }
                case .skip: break
                }
            }
            let window = Self.wallWindow(zone, index, rule.overlap)
            let low = max(window.low, after + 1 + offset)
            if low < window.high, let wall = memo.first(self, Self.ceilMinute(low)), wall * 60 < window.high {
                let candidate = wall * 60 - offset
                best = min(best ?? candidate, candidate)
            }
            if let best { return best }
            index += 1
        }
        return nil
    }

    /// The last run strictly before instant `before` (given as the latest allowed instant,
    /// `atOrBefore`), or `nil` when there is none in range.
    func previousRealTimeRun(atOrBefore limit: Int64, zone: ZoneTransitions, rule: DSTPolicy.Rule) -> Int64? {
        var index = zone.segment(containing: limit)
        var memo = BackwardMemo()
        while index >= 0 {
            let offset = zone.offsets[index]
            var best: Int64?
            let window = Self.wallWindow(zone, index, rule.overlap)
            let high = min(window.high - 1, limit + offset)
            if high >= window.low, let wall = memo.last(self, Self.floorMinute(high)), wall * 60 >= window.low {
                best = wall * 60 - offset
            }
            if index > 0, rule.gap != .skip, zone.offsets[index - 1] < offset {
                let start = zone.instants[index - 1]
                let previous = zone.offsets[index - 1]
                let gapLow = start + previous
                let gapHigh = start + offset
                var candidate: Int64?
                switch rule.gap {
                case .runAtTransition:
                    if start <= limit, let wall = firstMatch(atOrAfter: Self.ceilMinute(gapLow)), wall * 60 < gapHigh {
                        candidate = start
                    }
                case .shiftForward:
                    let gapTop = min(gapHigh - 1, limit + previous)
                    if gapTop >= gapLow, let wall = lastMatch(atOrBefore: Self.floorMinute(gapTop)),
                        wall * 60 >= gapLow
                    {
                        candidate = wall * 60 - previous
                    }
                case .skip: break
                }
                if let candidate { best = max(best ?? candidate, candidate) }
            }
            if let best { return best }
            index -= 1
        }
        return nil
    }
}

/// Remembers the last forward search: no match lies in [query, result), so a later query in
/// that span has the same answer.
struct ForwardMemo {
    private var query = Int64.max
    private var result: Int64?

    /// The first match at or after `wallMinute`.
    @inline(__always)
    mutating func first(_ expression: CronExpression, _ wallMinute: Int64) -> Int64? {
        if wallMinute >= query, result.map({ wallMinute <= $0 }) ?? true { return result }
        query = wallMinute
        result = expression.firstMatch(atOrAfter: wallMinute)
        return result
    }
}

/// Remembers the last backward search: no match lies in (result, query].
struct BackwardMemo {
    private var query = Int64.min
    private var result: Int64?

    /// The last match at or before `wallMinute`.
    @inline(__always)
    mutating func last(_ expression: CronExpression, _ wallMinute: Int64) -> Int64? {
        if wallMinute <= query, result.map({ wallMinute >= $0 }) ?? true { return result }
        query = wallMinute
        result = expression.lastMatch(atOrBefore: wallMinute)
        return result
    }
}
