import Foundation
import JobBridge
import Testing

/// Conversions between interval and cron, and between cron dialects, with computed verdicts.
struct ScheduleConversionTests {
    static let midnight = CronTestSupport.date("2024-01-01 00:00")

    static func cronText(_ conversion: ScheduleConversion) -> String? {
        if case .cron(let cron) = conversion.schedule { return cron.text }
        return nil
    }

    @Test func everySixHoursFromMidnightIsExact() {
        let conversion = IntervalSchedule(every: 6, .hour, firstRun: Self.midnight).convertedToCron()
        #expect(Self.cronText(conversion) == "0 */6 * * *")
        #expect(conversion.verdict == .exact)
    }

    @Test func onceAnHourIsAnHourlyInterval() throws {
        let conversion = Schedule.cron(try CronSchedule("0 * * * *")).convertedToInterval()
        guard case .interval(let interval)? = conversion.schedule else {
            Issue.record("expected an interval, got \(String(describing: conversion.schedule))")
            return
        }
        #expect(interval.unit == .hour)
        #expect(interval.count == 1)
        #expect(conversion.verdict == .exact)
    }

    @Test func everyFiveHoursIsApproximateWithAGapEachNight() {
        let conversion = IntervalSchedule(every: 5, .hour, firstRun: Self.midnight).convertedToCron()
        #expect(Self.cronText(conversion) == "0 */5 * * *")
        guard case .approximate(let words) = conversion.verdict else {
            Issue.record("expected approximate, got \(conversion.verdict)")
            return
        }
        #expect(words.contains("a 4-hour gap from 20:00 to 00:00 instead of 5-hour"), "\(words)")
        #expect(words.contains { $0.hasPrefix("cron also runs at") }, "\(words)")
    }

    @Test func hoursDriftOnDaylightSavingDays() {
        let first = CronTestSupport.date("2024-01-01 00:00", CronTestSupport.newYork)
        let conversion = IntervalSchedule(every: 6, .hour, firstRun: first)
            .convertedToCron(timeZone: CronTestSupport.newYork)
        guard case .approximate(let words) = conversion.verdict else {
            Issue.record("expected approximate, got \(conversion.verdict)")
            return
        }
        #expect(words.contains { $0.contains("daylight-saving transition day") }, "\(words)")
    }

    @Test func weeksAndMonths() {
        let biweekly = IntervalSchedule(every: 2, .week, firstRun: Self.midnight).convertedToCron()
        guard case .impossible(let why) = biweekly.verdict else {
            Issue.record("expected impossible")
            return
        }
        #expect(why.contains("week parity"))
        #expect(IntervalSchedule(every: 1, .week, firstRun: Self.midnight).convertedToCron().verdict == .exact)
        let fifteenth = CronTestSupport.date("2024-01-15 09:30")
        let quarterly = IntervalSchedule(every: 3, .month, firstRun: fifteenth).convertedToCron()
        #expect(Self.cronText(quarterly) == "30 9 15 */3 *")
        #expect(quarterly.verdict == .exact)
        let monthEnd = IntervalSchedule(every: 1, .month, firstRun: CronTestSupport.date("2024-01-31 09:00"))
            .convertedToCron()
        guard case .approximate(let words) = monthEnd.verdict else {
            Issue.record("expected approximate, got \(monthEnd.verdict)")
            return
        }
        #expect(words.contains { $0.contains("does not run at 09:00") }, "\(words)")
    }

    @Test func minutesAndDays() {
        #expect(IntervalSchedule(every: 15, .minute, firstRun: Self.midnight).convertedToCron().verdict == .exact)
        let sevenMinutes = IntervalSchedule(every: 7, .minute, firstRun: Self.midnight).convertedToCron()
        if case .approximate = sevenMinutes.verdict {} else { Issue.record("7 minutes: \(sevenMinutes.verdict)") }
        let daily = IntervalSchedule(
            every: 1, .day, firstRun: CronTestSupport.date("2024-01-01 09:00", CronTestSupport.newYork))
        #expect(daily.convertedToCron(timeZone: CronTestSupport.newYork).verdict == .exact)
    }

    @Test func cronToIntervalDetectsEvenSpacing() throws {
        let sixHours = try CronSchedule("0 */6 * * *").convertedToInterval()
        #expect(sixHours.verdict == .exact)
        if case .interval(let interval) = sixHours.schedule {
            #expect(interval.unit == .hour && interval.count == 6)
        } else {
            Issue.record("expected an interval")
        }
        #expect(
            try CronSchedule("0 9 * * *", timeZone: CronTestSupport.newYork).convertedToInterval().verdict == .exact)
        #expect(try CronSchedule("*/10 * * * *").convertedToInterval().verdict == .exact)
        #expect(try CronSchedule("0 9 * * 1").convertedToInterval().verdict == .exact)
        #expect(try CronSchedule("0 9 1 */3 *").convertedToInterval().verdict == .exact)
        guard case .impossible = try CronSchedule("0 9 * * 1-5").convertedToInterval().verdict else {
            Issue.record("weekdays are not an interval")
            return
        }
    }

    @Test func cronToCronAcrossDialects() throws {
        let weekdays = try CronSchedule("0 9 * * 1-5", timeZone: CronTestSupport.newYork)
        let toSync = weekdays.converted(to: .sync, dstPolicy: .vixie)
        #expect(Self.cronText(toSync) == "0 9 ? * MON-FRI")
        #expect(toSync.verdict == .exact)
        let night = try CronSchedule("30 2 * * *", timeZone: CronTestSupport.newYork)
        let toAirflow = night.converted(to: .airflow)
        guard case .approximate(let words) = toAirflow.verdict else {
            Issue.record("expected approximate, got \(toAirflow.verdict)")
            return
        }
        #expect(words.contains { $0.contains("03:30") && $0.contains("daylight-saving") }, "\(words)")
        guard case .impossible(let why) = try CronSchedule("0 0 1,15 * 1").converted(to: .sync).verdict else {
            Issue.record("expected impossible")
            return
        }
        #expect(why.contains("Sync cannot restrict both"))
    }
}

/// The conveniences on ``Schedule``.
struct ScheduleRunsTests {
    @Test func scheduleForwardsToItsKind() throws {
        let start = CronTestSupport.date("2024-01-01 00:00")
        #expect(Schedule.manual.nextRun(after: start) == nil)
        #expect(Schedule.manual.previousRun(before: start) == nil)
        let cron = Schedule.cron(try CronSchedule("0 12 * * *"))
        #expect(CronTestSupport.text(cron.nextRun(after: start), .gmt) == "2024-01-01 12:00 +00:00")
        let interval = Schedule.interval(IntervalSchedule(every: 6, .hour, firstRun: start))
        #expect(CronTestSupport.text(interval.nextRun(after: start), .gmt) == "2024-01-01 06:00 +00:00")
        #expect(
            CronTestSupport.text(interval.previousRun(before: start.addingTimeInterval(60)), .gmt)
                == "2024-01-01 00:00 +00:00")
        #expect(interval.convertedToCron(dialect: .airflow).verdict == .exact)
        #expect(interval.convertedToInterval().verdict == .exact)
        #expect(cron.convertedToInterval().verdict == .exact)
        #expect(cron.convertedToCron(dialect: .sync).verdict == .exact)
        if case .impossible = Schedule.manual.convertedToCron(dialect: .standard).verdict {
        } else {
            Issue.record("manual to cron must be impossible")
        }
    }
}
