import Foundation
import JobBridge

/// The target schedule of a source job, with its verdict from comparing fire instants
/// (``ScheduleComparison``), across dialects, zones and between cron and interval.
struct ScheduleTranslation {
    /// The target's schedule, or `nil` when there is none (impossible or blocked).
    var schedule: Schedule?
    /// Settings the target needs for it (Sync: `use_gmt_datetime`).
    var settings: [String: JSONValue] = [:]
    /// The losses.
    var losses: [Loss] = []
    /// The comparison, when one was made.
    var comparison: ScheduleComparison?

    /// Comparisons already made in this plan: jobs often share a schedule.
    var cache: ComparisonCache?

    static func translate(
        _ job: Job, from source: MigrationTraits, to target: MigrationTraits, targetKinds: Set<Schedule.Kind>,
        mapping: ConnectionMapping, runsPerWindow: Int, cache: ComparisonCache? = nil
    ) -> ScheduleTranslation {
        var result = ScheduleTranslation()
        result.cache = cache
        if let override = mapping.scheduleOverrides[job.id.rawValue] {
            do {
                result.schedule = try override.schedule()
            } catch {
                result.losses.append(
                    Loss(
                        .scheduleUnexpressible, field: "schedule",
                        "the schedule override in the mapping does not parse: \(message(of: error))",
                        remedy: "fix the override", verdict: .blocked))
            }
            return result
        }
        // The source schedule as it really runs (a server-local Sync cron needs the zone).
        var sourceSchedule = job.schedule
        if case .cron(let cron) = job.schedule, case .gmtOrServerLocal(let setting) = source.cronZone,
            job.settings[setting]?.boolValue != true
        {
            guard let zoneName = mapping.serverTimeZone, let zone = TimeZone(identifier: zoneName) else {
                result.losses.append(
                    Loss(
                        .scheduleZoneUnknown, field: "schedule",
                        "'\(cron.text)' is read in the server's local zone (\(setting) is not true) and the mapping "
                            + "does not say which zone that is", content: .string(cron.text)))
                return result
            }
            if let reread = try? CronSchedule(
                cron.text, dialect: cron.dialect, timeZone: zone, dstPolicy: cron.dstPolicy)
            {
                sourceSchedule = .cron(reread)
            }
        }
        switch sourceSchedule {
        case .manual:
            if targetKinds.contains(.manual) {
                result.schedule = .manual
            } else {
                result.unexpressible("the job has no schedule (manual) and the target has no manual schedule")
            }
        case .unreadable(let unreadable):
            result.losses.append(
                Loss(
                    .scheduleUnexpressible, field: "schedule",
                    "the source's schedule could not be read (\(unreadable.reason)); it is kept verbatim",
                    content: .string(unreadable.text)))
        case .cron(let cron):
            result.translate(cron, to: target, targetKinds: targetKinds, mapping: mapping, runs: runsPerWindow)
        case .interval(let interval):
            result.translate(
                interval, job: job, to: target, targetKinds: targetKinds, runs: runsPerWindow)
        }
        return result
    }

    mutating func unexpressible(_ text: String, content: JSONValue? = nil) {
        losses.append(Loss(.scheduleUnexpressible, field: "schedule", text, content: content))
        schedule = nil
    }

    /// A cron source.
    mutating func translate(
        _ cron: CronSchedule, to target: MigrationTraits, targetKinds: Set<Schedule.Kind>, mapping: ConnectionMapping,
        runs: Int
    ) {
        if cron.expression.isOnce {
            return unexpressible(
                "'\(cron.text)' runs once; the target repeats or runs by hand", content: .string(cron.text))
        }
        if let dialect = target.cronDialect, targetKinds.contains(.cron) {
            var zone = cron.timeZone
            switch target.cronZone {
            case .any:
                break
            case .utcOnly:
                zone = .gmt
            case .gmtOrServerLocal(let setting):
                if let server = mapping.serverTimeZone, server == cron.timeZone.identifier, !Self.isUTC(cron.timeZone) {
                    settings[setting] = .bool(false)
                } else {
                    zone = .gmt
                    settings[setting] = .bool(true)
                }
            }
            let converted: CronSchedule
            do {
                converted = try Self.cron(cron, in: dialect, zone: zone)
            } catch {
                return unexpressible(
                    "'\(cron.text)' has no \(dialect.rawValue) form in \(zone.identifier): \(Self.message(of: error))",
                    content: .string(cron.text))
            }
            schedule = .cron(converted)
            compare(
                .cron(cron), .cron(converted), zones: [cron.timeZone, zone], runs: runs, what: "'\(converted.text)'")
            return
        }
        guard targetKinds.contains(.interval), !target.intervalUnits.isEmpty else {
            return unexpressible("the target takes neither cron nor interval schedules", content: .string(cron.text))
        }
        let conversion = Schedule.cron(cron).convertedToInterval()
        guard case .interval(let interval)? = conversion.schedule else {
            var why = "no interval runs at the same times"
            if case .impossible(let reason) = conversion.verdict { why = reason }
            return unexpressible("'\(cron.text)' has no interval form: \(why)", content: .string(cron.text))
        }
        guard target.intervalUnits.contains(interval.unit) else {
            return unexpressible(
                "'\(cron.text)' is every \(interval.count) \(interval.unit.rawValue)(s); the target schedules by "
                    + target.intervalUnits.map(\.rawValue).sorted().joined(separator: ", ") + " only",
                content: .string(cron.text))
        }
        schedule = .interval(interval)
        compare(
            .cron(cron), .interval(interval), zones: [cron.timeZone], runs: runs,
            what: "every \(interval.count) \(interval.unit.rawValue)(s)")
    }

    /// An interval source (counted in UTC steps).
    mutating func translate(
        _ interval: IntervalSchedule, job: Job, to target: MigrationTraits, targetKinds: Set<Schedule.Kind>, runs: Int
    ) {
        var interval = interval
        if interval.firstRun == nil {
            guard let anchor = job.nextRunAt else {
                return unexpressible(
                    "the interval has no first run and the job no next run time, so its phase is unknown")
            }
            interval.firstRun = anchor
            losses.append(
                Loss(
                    .scheduleAnchorGuessed, field: "schedule.firstRun",
                    "the interval has no defined first run; its phase is taken from the next run time "
                        + ISO8601DateFormatter().string(from: anchor)))
        }
        if targetKinds.contains(.interval), target.intervalUnits.contains(interval.unit) {
            schedule = .interval(interval)
            return
        }
        guard let dialect = target.cronDialect, targetKinds.contains(.cron) else {
            return unexpressible("the target cannot schedule every \(interval.count) \(interval.unit.rawValue)(s)")
        }
        if case .gmtOrServerLocal(let setting) = target.cronZone { settings[setting] = .bool(true) }
        let conversion = interval.convertedToCron(dialect: dialect, timeZone: .gmt)
        guard case .cron(let cron)? = conversion.schedule else {
            var why = "no cron runs at the same times"
            if case .impossible(let reason) = conversion.verdict { why = reason }
            return unexpressible("every \(interval.count) \(interval.unit.rawValue)(s) has no cron form: \(why)")
        }
        schedule = .cron(cron)
        compare(.interval(interval), .cron(cron), zones: [.gmt], runs: runs, what: "'\(cron.text)'")
    }

    mutating func compare(_ source: Schedule, _ target: Schedule, zones: [TimeZone], runs: Int, what: String) {
        let key = ComparisonCache.Key(
            source: ScheduleSnapshot(source), target: ScheduleSnapshot(target), zones: zones.map(\.identifier),
            runs: runs)
        let result: ScheduleComparison
        if let known = cache?.results[key] {
            result = known
        } else {
            result = ScheduleComparison.compare(
                source: ScheduleComparison.Side(source), target: ScheduleComparison.Side(target), zones: zones,
                runsPerWindow: runs)
            cache?.results[key] = result
        }
        comparison = result
        guard !result.isExact else { return }
        let deviation = Self.duration(result.maxDeviationSeconds)
        if result.daylightSavingOnly {
            losses.append(
                Loss(
                    .scheduleDST, field: "schedule",
                    "\(what) differs from the source by daylight saving only: \(result.mismatchCount) fire instants "
                        + "differ (\(result.comparedRuns) compared), by up to \(deviation)",
                    mismatchCount: result.mismatchCount, maxDeviationSeconds: result.maxDeviationSeconds))
        } else {
            losses.append(
                Loss(
                    .scheduleDrift, field: "schedule",
                    "\(what) is the nearest target schedule: \(result.mismatchCount) fire instants differ "
                        + "(\(result.comparedRuns) compared), by up to \(deviation)"
                        + (result.firstMismatch.map { ", first at " + ISO8601DateFormatter().string(from: $0) } ?? ""),
                    mismatchCount: result.mismatchCount, maxDeviationSeconds: result.maxDeviationSeconds))
        }
    }

    /// A cron schedule rewritten in another dialect and zone. A zone change shifts the hours
    /// by the offset in force most of the year (whole hours only), and the weekdays when the
    /// shift crosses midnight; the comparison then says on which days it differs.
    static func cron(_ cron: CronSchedule, in dialect: CronDialect, zone: TimeZone) throws -> CronSchedule {
        let rendered = try cron.expression.rendered(in: dialect)
        if SyncZone.same(cron.timeZone, zone) {
            return try CronSchedule(rendered, dialect: dialect, timeZone: zone)
        }
        var fields = rendered.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else {
            throw JobBridgeError(.invalidDefinition, "'\(rendered)' is not five fields", field: "schedule")
        }
        let shift = Self.usualOffset(of: cron.timeZone) - Self.usualOffset(of: zone)
        guard shift % 3_600 == 0 else {
            throw JobBridgeError(
                .invalidDefinition, "the zones differ by a fraction of an hour; the minutes cannot be shifted",
                field: "schedule.timeZone")
        }
        let hours = cron.expression.values(of: .hour)
        let shiftHours = shift / 3_600
        var dayDeltas = Set<Int>()
        var shifted: [Int] = []
        for hour in hours {
            let moved = hour - shiftHours
            let delta = moved < 0 ? -1 : (moved > 23 ? 1 : 0)
            dayDeltas.insert(delta)
            shifted.append(((moved % 24) + 24) % 24)
        }
        if hours.count < 24 { fields[1] = shifted.sorted().map(String.init).joined(separator: ",") }
        let e = cron.expression
        if hours.count < 24, dayDeltas != [0], e.restrictsDayOfMonth || e.restrictsDayOfWeek {
            guard dayDeltas.count == 1, let delta = dayDeltas.first, !e.restrictsDayOfMonth,
                e.dayOfWeekSpecials.isEmpty
            else {
                throw JobBridgeError(
                    .invalidDefinition,
                    "in \(zone.identifier) the runs fall on other days, and the day fields cannot follow them",
                    field: "schedule")
            }
            let names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
            fields[4] = e.values(of: .dayOfWeek).map { names[(($0 + delta) % 7 + 7) % 7] }.joined(separator: ",")
        }
        return try CronSchedule(fields.joined(separator: " "), dialect: dialect, timeZone: zone)
    }

    /// The offset (seconds east of UTC) a zone has on most days of 2025.
    static func usualOffset(of zone: TimeZone) -> Int {
        var counts: [Int: Int] = [:]
        for month in 0..<12 {
            let date = Date(timeIntervalSince1970: 1_736_899_200 + Double(month) * 30.4 * 86_400)
            counts[zone.secondsFromGMT(for: date), default: 0] += 1
        }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0
    }

    static func isUTC(_ zone: TimeZone) -> Bool {
        zone.nextDaylightSavingTimeTransition(after: ScheduleComparison.start) == nil && zone.secondsFromGMT() == 0
    }

    static func message(of error: any Error) -> String { (error as? JobBridgeError)?.message ?? "\(error)" }

    static func duration(_ seconds: Int) -> String {
        if seconds == Int.max { return "an unbounded time (no run on the other side)" }
        if seconds % 86_400 == 0 { return "\(seconds / 86_400) day(s)" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600) hour(s)" }
        if seconds % 60 == 0 { return "\(seconds / 60) minute(s)" }
        return "\(seconds) second(s)"
    }
}

/// The schedule comparisons of one plan, by their inputs.
final class ComparisonCache {
    struct Key: Hashable {
        var source: ScheduleSnapshot
        var target: ScheduleSnapshot
        var zones: [String]
        var runs: Int
    }

    var results: [Key: ScheduleComparison] = [:]
}

/// Zone equality by behaviour (GMT and UTC are the same zone).
enum SyncZone {
    static func same(_ lhs: TimeZone, _ rhs: TimeZone) -> Bool {
        if lhs.identifier == rhs.identifier { return true }
        let fixed = { (zone: TimeZone) in zone.nextDaylightSavingTimeTransition(after: ScheduleComparison.start) == nil
        }
        return fixed(lhs) && fixed(rhs) && lhs.secondsFromGMT() == rhs.secondsFromGMT()
    }
}
