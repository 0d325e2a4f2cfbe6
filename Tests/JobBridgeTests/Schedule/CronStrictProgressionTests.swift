import Foundation
import JobBridge
import Testing

/// Runs strictly increase: the next run after an instant is later than it, and the
/// previous run before an instant is earlier, even for instants that are runs themselves
/// or fall inside a daylight-saving gap or overlap. Found by mutation testing (#15).
struct CronStrictProgressionTests {
    static let zone = CronTestSupport.newYork

    /// Every minute from three hours before to three hours after a transition instant.
    static func minutes(around transition: String) -> [Date] {
        let center = CronTestSupport.date(transition, .gmt)
        return stride(from: -180, through: 180, by: 1).map { center.addingTimeInterval(Double($0) * 60) }
    }

    static let policies: [(String, DSTPolicy)] = [
        ("shift-forward, real time", DSTPolicy(fixedTime: .init(gap: .shiftForward, overlap: .first))),
        ("shift-forward, second", DSTPolicy(fixedTime: .init(gap: .shiftForward, overlap: .second))),
        ("run at transition", DSTPolicy(fixedTime: .init(gap: .runAtTransition, overlap: .both))),
        ("airflow", .airflow),
        ("vixie", .vixie),
        ("quartz", .quartz),
    ]

    @Test(arguments: ["30 2 * * *", "0,30 2 * * *", "*/20 * * * *", "30 1 * * *"])
    func nextRunIsAlwaysLater(_ text: String) throws {
        for (name, policy) in Self.policies {
            let schedule = try CronSchedule(text, dialect: .standard, timeZone: Self.zone, dstPolicy: policy)
            // 2024-03-10 07:00 UTC: New York springs forward; 2024-11-03 06:00 UTC: it falls back.
            for instant in Self.minutes(around: "2024-03-10 07:00") + Self.minutes(around: "2024-11-03 06:00") {
                let next = schedule.nextRun(after: instant)
                #expect(
                    next.map { $0 > instant } ?? false,
                    "\(name) \(text): next run after \(instant) is \(next.map { "\($0)" } ?? "none")")
                let previous = schedule.previousRun(before: instant)
                #expect(
                    previous.map { $0 < instant } ?? false,
                    "\(name) \(text): previous run before \(instant) is \(previous.map { "\($0)" } ?? "none")")
            }
        }
    }

    @Test func shiftForwardRunInTheGapIsFollowedByTheNextDay() throws {
        let policy = DSTPolicy(fixedTime: .init(gap: .shiftForward, overlap: .first))
        let schedule = try CronSchedule("30 2 * * *", dialect: .standard, timeZone: Self.zone, dstPolicy: policy)
        let runs = CronTestSupport.runs(
            schedule, after: CronTestSupport.date("2024-03-09 12:00", Self.zone), count: 3)
        #expect(runs == ["2024-03-10 03:30 -04:00", "2024-03-11 02:30 -04:00", "2024-03-12 02:30 -04:00"])
        let shifted = CronTestSupport.date("2024-03-10 03:30", Self.zone)
        #expect(CronTestSupport.text(schedule.nextRun(after: shifted), Self.zone) == "2024-03-11 02:30 -04:00")
    }

    @Test func previousRunBeforeARunIsTheOneBefore() throws {
        let schedule = try CronSchedule("0 6 * * *", timeZone: .gmt)
        let run = CronTestSupport.date("2026-01-10 06:00")
        #expect(CronTestSupport.text(schedule.previousRun(before: run), .gmt) == "2026-01-09 06:00 +00:00")
        #expect(CronTestSupport.text(schedule.nextRun(after: run), .gmt) == "2026-01-11 06:00 +00:00")
    }
}
