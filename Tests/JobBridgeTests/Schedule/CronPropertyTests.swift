import Foundation
import JobBridge
import Testing

/// Oracle-free properties: the next run is after the start and matches every field, nothing
/// matches in between (brute force, minute by minute, with a Calendar-based matcher), and
/// next and previous are inverses.
struct CronPropertyTests {
    static let zones: [TimeZone] = [.gmt, CronTestSupport.newYork, CronTestSupport.berlin]

    @Test(arguments: zones)
    func nextMatchesAndNothingMatchesInBetween(zone: TimeZone) throws {
        var generator = CronTestSupport.Generator(state: 0x5EED_0000 + UInt64(abs(zone.identifier.hashValue % 7)))
        generator.state = 20_261_123
        var checked = 0
        for _ in 0..<120 {
            let text = generator.expression()
            // Real-time policy: every matching instant is a run, so brute force is an exact oracle.
            guard let schedule = try? CronSchedule(text, dialect: .standard, timeZone: zone, dstPolicy: .kubernetes)
            else { continue }
            let start = Date(timeIntervalSince1970: 1_704_067_200 + TimeInterval(generator.next(63_072_000)))
            guard let next = schedule.nextRun(after: start) else {
                Issue.record("'\(text)' has no next run after \(start)")
                continue
            }
            #expect(next > start, "'\(text)' next \(next) is not after \(start)")
            #expect(
                CronTestSupport.oracleMatches(schedule.expression, next, zone), "'\(text)' next \(next) does not match")
            // Brute force over at most twelve hours, minute by minute.
            var probe = (start.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
            let end = min(next.timeIntervalSince1970, probe + 12 * 3_600)
            while probe < end {
                let date = Date(timeIntervalSince1970: probe)
                #expect(!CronTestSupport.oracleMatches(schedule.expression, date, zone), "'\(text)' skipped \(date)")
                probe += 60
            }
            checked += 1
        }
        #expect(checked > 80)
    }

    /// Airflow's every-hour progression maps with the start's offset, so across a transition its
    /// previous and next are not inverses (nor are Airflow's own); it is checked in UTC only.
    @Test(arguments: [DSTPolicy.vixie, .kubernetes, .airflow, .quartz])
    func nextAndPreviousAreInverses(policy: DSTPolicy) throws {
        var generator = CronTestSupport.Generator(state: 77)
        for index in 0..<200 {
            let text = generator.expression()
            let zone = index % 2 == 0 || policy == .airflow ? TimeZone.gmt : CronTestSupport.newYork
            guard let schedule = try? CronSchedule(text, dialect: .standard, timeZone: zone, dstPolicy: policy)
            else { continue }
            let start = Date(timeIntervalSince1970: 1_704_067_200 + TimeInterval(generator.next(63_072_000)))
            guard let next = schedule.nextRun(after: start), let previous = schedule.previousRun(before: next) else {
                Issue.record("'\(text)' has no runs around \(start)")
                continue
            }
            #expect(previous < next)
            #expect(schedule.nextRun(after: previous) == next, "'\(text)' in \(zone.identifier) from \(start)")
            if zone == .gmt { #expect(previous <= start, "'\(text)': a run between \(start) and \(next)") }
        }
    }

    @Test func lazySequenceChainsNextRuns() throws {
        let schedule = try CronSchedule("*/20 9-10 * * 1-5", timeZone: CronTestSupport.newYork)
        let start = CronTestSupport.date("2024-03-08 10:30", CronTestSupport.newYork)
        #expect(
            CronTestSupport.runs(schedule, after: start, count: 4) == [
                "2024-03-08 10:40 -05:00", "2024-03-11 09:00 -04:00", "2024-03-11 09:20 -04:00",
                "2024-03-11 09:40 -04:00",
            ])
        let backwards = schedule.runs(before: start).prefix(2).map { CronTestSupport.text($0, schedule.timeZone) }
        #expect(backwards == ["2024-03-08 10:20 -05:00", "2024-03-08 10:00 -05:00"])
    }

    @Test func february29From2097FindsLeapDay2104() throws {
        let schedule = try CronSchedule("0 0 29 2 *")
        let next = schedule.nextRun(after: CronTestSupport.date("2097-01-01 00:00"))
        #expect(CronTestSupport.text(next, .gmt) == "2104-02-29 00:00 +00:00")
        let previous = schedule.previousRun(before: CronTestSupport.date("2104-01-01 00:00"))
        #expect(CronTestSupport.text(previous, .gmt) == "2096-02-29 00:00 +00:00")
    }

    @Test func rareExpressionsAreFoundWithinTheBoundedSearch() throws {
        // Feb 29 on a Sunday (AND: the weekday field starts with '*' in Vixie's rule).
        let schedule = try CronSchedule("0 0 29 2 */7")
        let next = schedule.nextRun(after: CronTestSupport.date("2089-01-01 00:00"))
        #expect(CronTestSupport.text(next, .gmt) == "2128-02-29 00:00 +00:00")
        let fifthMonday = try CronSchedule("0 0 * 2 */7,1#5", dialect: .standard)
        #expect(fifthMonday.nextRun(after: CronTestSupport.date("2024-01-01 00:00")) != nil)
    }
}

/// Extreme dates and fixed-offset zones.
struct CronEdgeTests {
    @Test(arguments: [DSTPolicy.vixie, .kubernetes, .airflow, .quartz])
    func extremeDatesNeverCrash(policy: DSTPolicy) throws {
        let dates = [
            Date.distantPast, Date.distantFuture, Date(timeIntervalSince1970: 9.9e12),
            Date(timeIntervalSince1970: -9.9e12), Date(timeIntervalSince1970: 1e300), Date(timeIntervalSince1970: .nan),
        ]
        for text in ["* * * * *", "0 0 29 2 *", "30 2 * * 0", "0 0 L * *"] {
            let schedule = try CronSchedule(
                text, dialect: .standard, timeZone: CronTestSupport.newYork, dstPolicy: policy)
            for date in dates {
                if let next = schedule.nextRun(after: date) { #expect(next > date) }
                if let previous = schedule.previousRun(before: date) { #expect(previous < date) }
            }
        }
    }

    @Test func fixedOffsetZone() throws {
        let zone = TimeZone(secondsFromGMT: 19_800) ?? .gmt  // +05:30
        let schedule = try CronSchedule("0 9 * * *", timeZone: zone)
        let next = schedule.nextRun(after: CronTestSupport.date("2024-01-01 00:00"))
        #expect(CronTestSupport.text(next, .gmt) == "2024-01-01 03:30 +00:00")
    }

    @Test func changingTheZoneOrPolicyTakesEffect() throws {
        var schedule = try CronSchedule("30 2 * * *")
        schedule.timeZone = CronTestSupport.newYork
        let start = CronTestSupport.date("2024-03-09 12:00", CronTestSupport.newYork)
        #expect(CronTestSupport.text(schedule.nextRun(after: start), schedule.timeZone) == "2024-03-10 03:00 -04:00")
        schedule.dstPolicy = .kubernetes
        #expect(CronTestSupport.text(schedule.nextRun(after: start), schedule.timeZone) == "2024-03-11 02:30 -04:00")
    }
}
