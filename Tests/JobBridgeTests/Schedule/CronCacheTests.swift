import Foundation
import Testing

@testable import JobBridge

/// `CronSchedule.cached(_:dialect:timeZone:)`: the listing mappings' parse, through a
/// bounded process-wide cache, must give exactly what the initializer gives.
@Suite struct CronCacheTests {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    static let cases: [(String, CronDialect)] = [
        ("0 9 * * 1-5", .standard), ("*/15 * * * *", .standard), ("0 0 L * ?", .sync), ("0 9 ? * 2", .sync),
        ("@daily", .airflow), ("0 0 * * 1", .airflow), ("30 2 * * *", .standard), ("0 0 1 1 *", .standard),
    ]

    @Test(arguments: cases)
    func aCachedScheduleEqualsAParsedOne(_ text: String, _ dialect: CronDialect) throws {
        for zone in [TimeZone.gmt, Self.newYork] {
            let parsed = try CronSchedule(text, dialect: dialect, timeZone: zone)
            // Twice: the first call may parse, the second must come from the cache.
            for _ in 0..<2 {
                let cached = try CronSchedule.cached(text, dialect: dialect, timeZone: zone)
                #expect(cached == parsed)
                #expect(cached.timeZone.identifier == zone.identifier)
                #expect(cached.text == parsed.text)
                let start = Date(timeIntervalSince1970: 1_710_000_000)
                #expect(cached.nextRun(after: start) == parsed.nextRun(after: start))
            }
        }
    }

    @Test func theSameTextInAnotherDialectIsParsedInThatDialect() throws {
        // Weekday 1 is Monday in standard cron and Sunday in CData Sync's dialect.
        let standard = try CronSchedule.cached("0 9 * * 1", dialect: .standard)
        let sync = try CronSchedule.cached("0 9 ? * 1", dialect: .sync)
        let standardAgain = try CronSchedule.cached("0 9 * * 1", dialect: .standard)
        #expect(standard.dialect == .standard)
        #expect(sync.dialect == .sync)
        #expect(standardAgain == standard)
        let saturday = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01, a Saturday
        let monday = try #require(standard.nextRun(after: saturday))
        let sunday = try #require(sync.nextRun(after: saturday))
        #expect(sunday < monday)
        // The same text in two dialects: one cache entry each, never one for both.
        let airflow = try CronSchedule.cached("0 9 * * 1", dialect: .airflow)
        #expect(airflow.dialect == .airflow)
        #expect(airflow.nextRun(after: saturday) == monday)
    }

    @Test func aRefusedTextThrowsTheParsersOwnErrorEveryTime() {
        for _ in 0..<2 {
            let cached = #expect(throws: JobBridgeError.self) { try CronSchedule.cached("*/0 * * * *") }
            let parsed = #expect(throws: JobBridgeError.self) { try CronSchedule("*/0 * * * *") }
            #expect(cached?.message == parsed?.message)
            #expect(cached?.field == parsed?.field)
        }
    }

    @Test func theCacheStaysBounded() throws {
        let cache = CronScheduleCache()
        let schedule = try CronSchedule("0 0 * * *")
        for minute in 0..<(CronScheduleCache.capacity + 100) {
            cache.store(schedule, "\(minute % 60) \(minute / 60) * * *", .standard, "GMT")
            #expect(cache.count <= CronScheduleCache.capacity)
        }
        #expect(cache.count > 0)
        let long = String(repeating: " ", count: CronScheduleCache.longestCachedText) + "0 0 * * *"
        cache.removeAll()
        cache.store(schedule, long, .standard, "GMT")
        #expect(cache.count == 0)
        #expect(cache.schedule(long, .standard, "GMT") == nil)
    }

    @Test func aZoneOfTheSameNameThatIsNotEqualIsKept() throws {
        // The auto-updating current zone and the fixed zone of its name are not equal: each
        // schedule keeps the one it was asked for, whichever came first.
        let current = TimeZone.autoupdatingCurrent
        let fixed = try #require(TimeZone(identifier: current.identifier))
        let text = "17 3 * * *"
        for (first, second) in [(current, fixed), (fixed, current)] {
            CronScheduleCache.shared.removeAll()
            #expect(try CronSchedule.cached(text, timeZone: first).timeZone == first)
            #expect(try CronSchedule.cached(text, timeZone: second).timeZone == second)
            #expect(try CronSchedule.cached(text, timeZone: second) == CronSchedule(text, timeZone: second))
        }
    }

    @Test func theSameTextInAnotherZoneKeepsItsZone() throws {
        let utc = try CronSchedule.cached("0 9 * * *", dialect: .standard, timeZone: .gmt)
        let newYork = try CronSchedule.cached("0 9 * * *", dialect: .standard, timeZone: Self.newYork)
        #expect(utc.timeZone.identifier == "GMT")
        #expect(newYork.timeZone.identifier == "America/New_York")
        let start = Date(timeIntervalSince1970: 1_717_200_000)
        #expect(utc.nextRun(after: start) != newYork.nextRun(after: start))
    }
}
