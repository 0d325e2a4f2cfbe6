import Foundation
import JobBridge
import Testing

/// Rendering keeps the special days (`L`, `nL`, `W`, `LW`, `#n`) in every dialect that can
/// write them: the rendered text, parsed back in its dialect, runs on the same days. Each
/// dialect numbers weekdays its own way (Sync's 1 is Sunday), which is where an off-by-one
/// would hide. Found by mutation testing (#15).
struct CronSpecialDayRenderingTests {
    static let start = CronTestSupport.date("2025-12-20 00:00")

    static func runs(_ expression: CronExpression, count: Int = 30) -> [Date] {
        Array(CronSchedule(expression: expression, timeZone: .gmt).runs(after: start).prefix(count))
    }

    @Test(arguments: [
        "0 0 * * 5L", "0 0 * * 0L", "0 0 * * 6L", "0 0 * * 1L", "0 0 L * *", "0 0 LW * *", "0 0 15W * *",
        "0 0 1W * *", "0 0 * * 3#2", "0 0 * * 0#1", "0 0 * * 6#5", "0 0 * * MON", "0 0 * * SAT,SUN",
    ])
    func specialDaysSurviveRendering(_ text: String) throws {
        let expression = try CronExpression(text)
        let expected = Self.runs(expression)
        #expect(expected.count == 30, "\(text) runs")
        for dialect in CronDialect.allCases {
            guard let rendered = try? expression.rendered(in: dialect) else { continue }
            let back = try CronExpression(rendered, dialect: dialect)
            #expect(Self.runs(back) == expected, "\(text) rendered in \(dialect) as \(rendered)")
        }
    }

    @Test func lastWeekdayInEachDialect() throws {
        let lastFriday = try CronExpression("0 0 * * 5L")
        #expect(try lastFriday.rendered(in: .sync) == "0 0 ? * 6L")
        #expect(try lastFriday.rendered(in: .airflow) == "0 0 * * L5")
        #expect(try lastFriday.rendered(in: .standard) == "0 0 * * 5L")
        #expect(try CronExpression("0 0 ? * 6L", dialect: .sync).rendered(in: .standard) == "0 0 * * 5L")
        #expect(try CronExpression("0 0 * * L5", dialect: .airflow).rendered(in: .sync) == "0 0 ? * 6L")
    }

    @Test func syncWritesQuestionMarkForTheUnusedDayField() throws {
        #expect(try CronExpression("0 9 * * 1").rendered(in: .sync) == "0 9 ? * MON")
        #expect(try CronExpression("0 9 10 * *").rendered(in: .sync) == "0 9 10 * ?")
    }

    @Test func lastFridaysOfEarly2026() throws {
        let runs = Self.runs(try CronExpression("0 0 * * 5L"), count: 3).map { CronTestSupport.text($0, .gmt) }
        #expect(runs == ["2025-12-26 00:00 +00:00", "2026-01-30 00:00 +00:00", "2026-02-27 00:00 +00:00"])
    }

    @Test func specialDaysOfEarly2026() throws {
        func first(_ text: String, _ count: Int = 3) throws -> [String] {
            Self.runs(try CronExpression(text), count: count).map { CronTestSupport.text($0, .gmt) }
        }
        // January 2026 starts on a Thursday and ends on a Saturday; February 2026 ends on a Saturday.
        #expect(
            try first("0 0 L * *") == ["2025-12-31 00:00 +00:00", "2026-01-31 00:00 +00:00", "2026-02-28 00:00 +00:00"])
        #expect(
            try first("0 0 LW * *") == [
                "2025-12-31 00:00 +00:00", "2026-01-30 00:00 +00:00", "2026-02-27 00:00 +00:00",
            ])
        #expect(
            try first("0 0 * * 3#2") == [
                "2026-01-14 00:00 +00:00", "2026-02-11 00:00 +00:00", "2026-03-11 00:00 +00:00",
            ])
        // 1 August 2026 is a Saturday: 1W is Monday the 3rd, not a day of July.
        #expect(try first("0 0 1W 8 *", 1) == ["2026-08-03 00:00 +00:00"])
        #expect(try first("0 0 * * 0L", 2) == ["2025-12-28 00:00 +00:00", "2026-01-25 00:00 +00:00"])
    }

    @Test(arguments: ["@weekly", "@daily", "@monthly", "@yearly", "@hourly"])
    func macrosRunAtTheSameInstantsInEveryDialect(_ macro: String) throws {
        let standard = Self.runs(try CronExpression(macro), count: 5)
        #expect(Self.runs(try CronExpression(macro, dialect: .sync), count: 5) == standard, "\(macro) in sync")
        #expect(Self.runs(try CronExpression(macro, dialect: .airflow), count: 5) == standard, "\(macro) in airflow")
    }

    @Test func weeklyRunsOnSundayAtMidnight() throws {
        for dialect in CronDialect.allCases {
            let runs = Self.runs(try CronExpression("@weekly", dialect: dialect), count: 2)
            #expect(
                runs.map { CronTestSupport.text($0, .gmt) } == ["2025-12-21 00:00 +00:00", "2025-12-28 00:00 +00:00"])
        }
    }
}
