import Foundation
import JobBridge
import Testing

/// Interval schedules: next and previous runs, and the documented month-end rule.
struct IntervalScheduleTests {
    static let zone = CronTestSupport.newYork

    static func runs(_ schedule: IntervalSchedule, after start: Date, count: Int, zone: TimeZone = zone) -> [String] {
        schedule.runs(after: start, in: zone).prefix(count).map { CronTestSupport.text($0, zone) }
    }

    @Test func monthEndClampsFromTheFirstRun() {
        let first = CronTestSupport.date("2024-01-31 09:00", Self.zone)
        let schedule = IntervalSchedule(every: 1, .month, firstRun: first)
        #expect(
            Self.runs(schedule, after: first.addingTimeInterval(-1), count: 5) == [
                "2024-01-31 09:00 -05:00", "2024-02-29 09:00 -05:00", "2024-03-31 09:00 -04:00",
                "2024-04-30 09:00 -04:00", "2024-05-31 09:00 -04:00",
            ])
    }

    @Test func hoursCountAbsoluteTimeAcrossDaylightSaving() {
        let first = CronTestSupport.date("2024-03-09 20:00", Self.zone)
        let schedule = IntervalSchedule(every: 6, .hour, firstRun: first)
        #expect(
            Self.runs(schedule, after: first, count: 3) == [
                "2024-03-10 03:00 -04:00",
                "2024-03-10 09:00 -04:00", "2024-03-10 15:00 -04:00",
            ])
    }

    @Test func daysKeepTheWallClockTime() {
        let first = CronTestSupport.date("2024-03-08 09:00", Self.zone)
        let schedule = IntervalSchedule(every: 2, .day, firstRun: first)
        #expect(
            Self.runs(schedule, after: first, count: 2) == ["2024-03-10 09:00 -04:00", "2024-03-12 09:00 -04:00"])
        let weekly = IntervalSchedule(every: 2, .week, firstRun: first)
        #expect(Self.runs(weekly, after: first, count: 1) == ["2024-03-22 09:00 -04:00"])
    }

    @Test func previousRuns() {
        let first = CronTestSupport.date("2024-01-31 09:00", .gmt)
        let monthly = IntervalSchedule(every: 1, .month, firstRun: first)
        let previous = monthly.previousRun(before: CronTestSupport.date("2024-05-01 00:00"))
        #expect(CronTestSupport.text(previous, .gmt) == "2024-04-30 09:00 +00:00")
        #expect(monthly.previousRun(before: first) == nil)
        let minutes = IntervalSchedule(every: 7, .minute, firstRun: first)
        let before = minutes.previousRun(before: first.addingTimeInterval(7 * 60))
        #expect(before == first)
        #expect(minutes.nextRun(after: first.addingTimeInterval(-3_600)) == first)
    }

    @Test func schedulesWithoutAFirstRunOrCountHaveNoRuns() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(IntervalSchedule(every: 1, .day).nextRun(after: now) == nil)
        #expect(IntervalSchedule(every: 0, .day, firstRun: now).nextRun(after: now) == nil)
        #expect(
            IntervalSchedule(every: -3, .hour, firstRun: now).previousRun(before: now.addingTimeInterval(1e6)) == nil)
    }

    @Test func nextAndPreviousAgreeOverManyRuns() {
        let first = CronTestSupport.date("2023-10-31 23:30", Self.zone)
        for unit in IntervalUnit.allCases {
            let schedule = IntervalSchedule(every: 3, unit, firstRun: first)
            var current = first
            for _ in 0..<40 {
                guard let next = schedule.nextRun(after: current, in: Self.zone) else {
                    Issue.record("no next run for \(unit)")
                    break
                }
                #expect(next > current)
                #expect(schedule.previousRun(before: next, in: Self.zone) == current, "\(unit) at \(next)")
                current = next
            }
        }
    }
}
