import Foundation
import JobBridge
import Testing

/// Rendering in each dialect and descriptions in words.
struct CronRenderingTests {
    @Test(arguments: [
        ("0 9 * * 1-5", "At 09:00, Monday through Friday"),
        ("*/15 9-17 * * 1-5", "Every 15 minutes, between 09:00 and 17:59, Monday through Friday"),
        ("* * * * *", "Every minute"),
        ("0 * * * *", "At minute 0 past every hour"),
        ("0 0 1 1 *", "At 00:00, on day 1 of the month, in January"),
        ("0 0 29 2 *", "At 00:00, on day 29 of the month, in February"),
        ("30 2 * * 0", "At 02:30, on Sunday"),
        ("0 9,17 * * 1,3,5", "At 09:00 and 17:00, on Monday, Wednesday and Friday"),
        ("0 0 L * *", "At 00:00, on the last day of the month"),
        ("0 12 * * 5L", "At 12:00, on the last Friday of the month"),
        ("0 12 * * 1#2", "At 12:00, on the second Monday of the month"),
        ("0 0 1,15 * 1", "At 00:00, on days 1 and 15 of the month or on Monday"),
        ("0 */6 * * *", "At 00:00, 06:00, 12:00 and 18:00"),
        ("5 */2 * * *", "At minute 5 past every 2 hours"),
    ])
    func summaries(text: String, words: String) throws {
        #expect(try CronExpression(text).summary == words)
    }

    @Test func renderingInEachDialect() throws {
        let weekdays = try CronExpression("0 9 * * 1-5")
        #expect(try weekdays.rendered(in: .standard) == "0 9 * * 1-5")
        #expect(try weekdays.rendered(in: .sync) == "0 9 ? * MON-FRI")
        #expect(try weekdays.rendered(in: .airflow) == "0 9 * * 1-5")
        let quarterHours = try CronExpression("*/15 9-17 * * *")
        #expect(try quarterHours.rendered(in: .sync) == "*/15 9-17 * * ?")
        let sunday = try CronExpression("0 0 ? * 1", dialect: .sync)
        #expect(try sunday.rendered(in: .standard) == "0 0 * * 0")
        #expect(try CronExpression("0 0 L * *").rendered(in: .sync) == "0 0 L * ?")
        #expect(try CronExpression("0 0 * * 5L").rendered(in: .airflow) == "0 0 * * L5")
        #expect(try CronExpression("0 0 * * 5#2").rendered(in: .sync) == "0 0 ? * FRI#2")
    }

    @Test func renderingRoundTripsThroughParsing() throws {
        var generator = CronTestSupport.Generator(state: 99)
        for _ in 0..<300 {
            guard let expression = try? CronExpression(generator.expression()) else { continue }
            for dialect in CronDialect.allCases {
                guard let text = try? expression.rendered(in: dialect) else { continue }
                let back = try CronExpression(text, dialect: dialect)
                for field in CronExpression.Field.allCases {
                    #expect(back.values(of: field) == expression.values(of: field), "\(text) in \(dialect)")
                }
                #expect(back.matchesEitherDayField == expression.matchesEitherDayField, "\(text) in \(dialect)")
            }
        }
    }

    @Test func renderingSaysWhyItCannot() throws {
        #expect(throws: JobBridgeError.self) { try CronExpression("0 0 1,15 * 1").rendered(in: .sync) }
        #expect(throws: JobBridgeError.self) { try CronExpression("0 0 LW * *").rendered(in: .airflow) }
        #expect(throws: JobBridgeError.self) { try CronExpression("0 0 */2 * 1").rendered(in: .airflow) }
        #expect(try CronExpression("0 0 */2 * 1").rendered(in: .standard) == "0 0 */2 * 1")
        #expect(try CronExpression("0 0 1,15 * */2").rendered(in: .standard) == "0 0 1,15 * */2")
        #expect(throws: JobBridgeError.self) { try CronExpression("@once", dialect: .airflow).rendered(in: .standard) }
    }
}
