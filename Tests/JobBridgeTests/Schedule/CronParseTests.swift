import Foundation
import JobBridge
import Testing

/// Parsing in each dialect, and precise errors for bad expressions.
struct CronParseTests {
    static func error(_ text: String, _ dialect: CronDialect = .standard) -> JobBridgeError? {
        do {
            _ = try CronExpression(text, dialect: dialect)
            return nil
        } catch let error as JobBridgeError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        ("*/0 * * * *", "cron.minute", "step"),
        ("60 * * * *", "cron.minute", "0–59"),
        ("1- * * * *", "cron.minute", "missing"),
        ("0 24 * * *", "cron.hour", "0–23"),
        ("0 0 32 * *", "cron.dayOfMonth", "1–31"),
        ("0 0 * 13 *", "cron.month", "1–12"),
        ("0 0 * * 8", "cron.dayOfWeek", "0–7"),
        ("0 0 * FOO *", "cron.month", "JAN–DEC"),
        ("0 0 * * FUNDAY", "cron.dayOfWeek", "SUN–SAT"),
        ("L * * * *", "cron.minute", "day fields"),
        ("0 0 * * L", "cron.dayOfWeek", "L"),
        ("0 0 ? * *", "cron.dayOfMonth", "'?'"),
        ("0 0 5-1 * *", "cron.dayOfMonth", "after its end"),
        ("0 0 1,,2 * *", "cron.dayOfMonth", "empty list item"),
        ("0 0 31 2 *", "cron.dayOfMonth", "never fires"),
        ("0 0 30 2 *", "cron.dayOfMonth", "never fires"),
        ("0 0 31 4,6,9,11 *", "cron.dayOfMonth", "never fires"),
        ("", "cron", "empty"),
        ("   ", "cron", "empty"),
        ("* * * *", "cron", "has 4"),
        ("0 0 0 * * * *", "cron", "has 7"),
        ("0 0 * * * *", "cron", "has 6"),
        ("@reboot", "cron", "unknown cron macro"),
        ("@once", "cron", "unknown cron macro"),
    ])
    func standardRejects(text: String, field: String, words: String) {
        let error = Self.error(text)
        #expect(error?.code == .invalidDefinition, "'\(text)' was accepted")
        #expect(error?.field == field, "'\(text)': \(String(describing: error))")
        #expect(error?.message.contains(words) == true, "'\(text)': \(error?.message ?? "")")
    }

    @Test func errorsNameTheValue() {
        #expect(Self.error("0 0 * * 9")?.message.contains("value 9") == true)
        #expect(Self.error("0 0 * * 0", .sync)?.message.contains("1–7") == true)
        #expect(Self.error("0 0 1 * 2", .sync)?.field == "cron.dayOfWeek")
        #expect(Self.error("0 0 * * 5L", .airflow)?.message.contains("Ln") == true)
        #expect(Self.error("0 0 LW * *", .airflow) != nil)
        #expect(Self.error("0 0 L-2 * *", .standard) != nil)
        #expect(Self.error("0 0 * * 1#6")?.field == "cron.dayOfWeek")
        #expect(Self.error("0 0 1W,15 * *", .airflow) != nil)
    }

    @Test func hostileInputNeverCrashes() {
        let inputs = [
            "99999999999999999999 * * * *", "*/99999 * * * *", "-1 * * * *", "1-2-3 * * * *", "*/*/* * * * *",
            "# * * * *", "0 0 #1 * *", "0 0 * * #", "0 0 * * 1#", "0 0 W * *", "0 0 * * L#2", "\u{0} * * * *",
            "٣ * * * *", "0 0 * * MON-", "0 0 1/0 * *", "0 0 L-99 * ?",
        ]
        for text in inputs {
            for dialect in CronDialect.allCases {
                #expect(Self.error(text, dialect) != nil, "'\(text)' accepted in \(dialect)")
            }
        }
    }

    @Test func standardFeatures() throws {
        let names = try CronExpression("0 9 * JAN-MAR mon-fri")
        #expect(names.values(of: .month) == [1, 2, 3])
        #expect(names.values(of: .dayOfWeek) == [1, 2, 3, 4, 5])
        #expect(try CronExpression("0 0 * * 7").values(of: .dayOfWeek) == [0])
        #expect(try CronExpression("0 0 * * 1/2").values(of: .dayOfWeek) == [0, 1, 3, 5])  // cronsim: 7 too
        #expect(try CronExpression("@weekly") == CronExpression("0 0 * * 0"))
        #expect(try CronExpression("0 0 LW * *").dayOfMonthSpecials == [.lastWeekday])
        #expect(try CronExpression("0 0 15W * *").dayOfMonthSpecials == [.nearestWeekday(15)])
        #expect(try CronExpression("0 0 * * 5L").dayOfWeekSpecials == [.last(weekday: 5)])
        #expect(try CronExpression("0 0 * * 1#2").dayOfWeekSpecials == [.nth(weekday: 1, 2)])
        #expect(try CronExpression("0 0 */2 * 1").matchesEitherDayField == false)  // Vixie: AND
        #expect(try CronExpression("0 0 1,15 * 1").matchesEitherDayField == true)
    }

    @Test func syncDialect() throws {
        let weekdays = try CronExpression("0 9 ? * 2-6", dialect: .sync)
        #expect(weekdays.values(of: .dayOfWeek) == [1, 2, 3, 4, 5])
        #expect(try CronExpression("0 9 ? * MON-FRI", dialect: .sync) == weekdays)
        #expect(try CronExpression("0 0 ? * 1", dialect: .sync).values(of: .dayOfWeek) == [0])
        #expect(try CronExpression("0 0 ? * 7", dialect: .sync).values(of: .dayOfWeek) == [6])
        #expect(try CronExpression("0 0 ? * L", dialect: .sync).values(of: .dayOfWeek) == [6])
        #expect(try CronExpression("0 0 ? * 6L", dialect: .sync).dayOfWeekSpecials == [.last(weekday: 5)])
        #expect(try CronExpression("0 0 ? * 6#3", dialect: .sync).dayOfWeekSpecials == [.nth(weekday: 5, 3)])
        #expect(try CronExpression("0 0 L-3 * ?", dialect: .sync).dayOfMonthSpecials == [.last(offset: 3)])
        let threeBeforeEnd = try CronSchedule("0 0 L-3 * ?", dialect: .sync)
        let nearEnd = threeBeforeEnd.nextRun(after: CronTestSupport.date("2024-02-01 00:00"))
        #expect(CronTestSupport.text(nearEnd, .gmt) == "2024-02-26 00:00 +00:00")
        let nearest = try CronSchedule("0 0 15W * ?", dialect: .sync)  // 2024-06-15 is a Saturday
        let friday = nearest.nextRun(after: CronTestSupport.date("2024-06-01 00:00"))
        #expect(CronTestSupport.text(friday, .gmt) == "2024-06-14 00:00 +00:00")
        let schedule = try CronSchedule("0 12 ? * 6#3", dialect: .sync)
        let next = schedule.nextRun(after: CronTestSupport.date("2024-01-01 00:00"))
        #expect(CronTestSupport.text(next, .gmt) == "2024-01-19 12:00 +00:00")
    }

    @Test func airflowDialect() throws {
        #expect(try CronExpression("0 4-4 * * *", dialect: .airflow).values(of: .hour).count == 24)
        #expect(try CronExpression("45-37/12 * * * *", dialect: .airflow).values(of: .minute) == [10, 22, 34, 45, 57])
        #expect(try CronExpression("0 0 * * 1/2", dialect: .airflow).values(of: .dayOfWeek) == [1, 3, 5])
        #expect(try CronExpression("0 0 */2 * 1", dialect: .airflow).matchesEitherDayField == true)
        #expect(try CronExpression("@quarterly", dialect: .airflow).values(of: .month) == [1, 4, 7, 10])
        let once = try CronSchedule("@once", dialect: .airflow)
        #expect(once.expression.isOnce)
        #expect(once.nextRun(after: Date(timeIntervalSince1970: 0)) == nil)
        #expect(once.previousRun(before: Date(timeIntervalSince1970: 0)) == nil)
        #expect(Self.error("0 0 1 * 5#2", .airflow)?.message.contains("never fires") == true)
    }
}

/// Seeded fuzzing: random field text never crashes the parser, and every accepted expression
/// has a next and a previous run (never-firing expressions are rejected at parse time).
struct CronFuzzTests {
    @Test(arguments: CronDialect.allCases)
    func randomTextNeverCrashesAndAcceptedExpressionsFire(dialect: CronDialect) {
        var generator = CronTestSupport.Generator(state: 4_242)
        let pieces = [
            "*", "?", "L", "W", "LW", "#", "/", "-", ",", "0", "1", "2", "5", "7", "15", "29", "30", "31",
            "59", "60", "MON", "FRI", "SUN", "JAN", "FEB", "DEC", "L-2", "3#5", "5L", "L5", "*/7", "1-5/2", "",
        ]
        let start = CronTestSupport.date("2024-06-15 12:00")
        var accepted = 0
        for _ in 0..<3_000 {
            let fields = (0..<5).map { _ in
                generator.next(100) < 45
                    ? "*" : (0..<(1 + generator.next(2))).map { _ in pieces[generator.next(pieces.count)] }.joined()
            }
            guard let schedule = try? CronSchedule(fields.joined(separator: " "), dialect: dialect) else { continue }
            accepted += 1
            #expect(schedule.nextRun(after: start) != nil, "'\(schedule.text)' in \(dialect) never runs")
            #expect(schedule.previousRun(before: start) != nil, "'\(schedule.text)' in \(dialect) never ran")
        }
        #expect(accepted > 10)
    }
}
