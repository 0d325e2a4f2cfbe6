import Foundation
import JobBridge
import Testing

/// The daylight-saving table of cron-semantics.md (America/New_York, 2024), per preset.
struct CronDSTPolicyTests {
    static let zone = CronTestSupport.newYork

    static func runs(_ text: String, _ policy: DSTPolicy, from start: String, count: Int) throws -> [String] {
        let schedule = try CronSchedule(text, dialect: .standard, timeZone: zone, dstPolicy: policy)
        return CronTestSupport.runs(schedule, after: CronTestSupport.date(start, zone), count: count)
    }

    @Test func springForwardGap() throws {
        let from = "2024-03-09 12:00"
        #expect(
            try Self.runs("30 2 * * *", .vixie, from: from, count: 2) == [
                "2024-03-10 03:00 -04:00", "2024-03-11 02:30 -04:00",
            ])
        #expect(try Self.runs("30 2 * * *", .kubernetes, from: from, count: 1) == ["2024-03-11 02:30 -04:00"])
        #expect(try Self.runs("30 2 * * *", .airflow, from: from, count: 1) == ["2024-03-10 03:30 -04:00"])
        #expect(try Self.runs("30 2 * * *", .quartz, from: from, count: 1) == ["2024-03-11 02:30 -04:00"])
    }

    @Test func fallBackOverlapAtAFixedTime() throws {
        let from = "2024-11-02 12:00"
        let first = "2024-11-03 01:30 -04:00"
        let second = "2024-11-03 01:30 -05:00"
        let nextDay = "2024-11-04 01:30 -05:00"
        #expect(try Self.runs("30 1 * * *", .vixie, from: from, count: 2) == [first, nextDay])
        #expect(try Self.runs("30 1 * * *", .kubernetes, from: from, count: 3) == [first, second, nextDay])
        #expect(try Self.runs("30 1 * * *", .airflow, from: from, count: 2) == [second, nextDay])
        #expect(try Self.runs("30 1 * * *", .quartz, from: from, count: 2) == [second, nextDay])
    }

    @Test func fallBackOverlapHourly() throws {
        let from = "2024-11-03 00:30"
        let both = ["2024-11-03 01:00 -04:00", "2024-11-03 01:00 -05:00", "2024-11-03 02:00 -05:00"]
        #expect(try Self.runs("0 * * * *", .vixie, from: from, count: 3) == both)
        #expect(try Self.runs("0 * * * *", .kubernetes, from: from, count: 3) == both)
        #expect(try Self.runs("0 * * * *", .airflow, from: from, count: 3) == both)
        #expect(
            try Self.runs("0 * * * *", .quartz, from: from, count: 2) == [
                "2024-11-03 01:00 -05:00", "2024-11-03 02:00 -05:00",
            ])
    }

    @Test func defaultPolicyFollowsTheDialect() throws {
        #expect(try CronSchedule("0 1 * * *").dstPolicy == .vixie)
        #expect(try CronSchedule("0 1 ? * *", dialect: .sync).dstPolicy == .quartz)
        #expect(try CronSchedule("0 1 * * *", dialect: .airflow).dstPolicy == .airflow)
    }

    @Test func wallClockWithBothRunsTwice() throws {
        let policy = DSTPolicy(fixedTime: .init(gap: .skip, overlap: .both, progression: .wallClock))
        #expect(
            try Self.runs("30 1 * * *", policy, from: "2024-11-02 12:00", count: 2) == [
                "2024-11-03 01:30 -04:00", "2024-11-03 01:30 -05:00",
            ])
    }

    @Test func customPolicyCombinesRules() throws {
        let policy = DSTPolicy(fixedTime: .init(gap: .runAtTransition, overlap: .both))
        #expect(
            try Self.runs("30 2 * * *", policy, from: "2024-03-09 12:00", count: 1) == ["2024-03-10 03:00 -04:00"])
    }
}
