import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Reference §6 A7: exact verdicts agree instant by instant across DST changes, month ends
/// and Feb 29; the mismatch count and maximum deviation of approximate verdicts equal an
/// independent computation (Foundation's calendar, day by day, no cron engine).
@Suite struct ScheduleFiguresTests {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    static let cap = 1_000

    /// Instants of "every day at hh:mm in zone", by calendar arithmetic.
    static func daily(hour: Int, minute: Int, zone: TimeZone, from start: Date, to end: Date) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.startOfDay(for: start.addingTimeInterval(-86_400))
        var result: [Date] = []
        while day < end.addingTimeInterval(86_400) {
            if let run = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day), run >= start, run < end
            {
                result.append(run)
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return result
    }

    /// Figures as the reference defines them: per window at most `cap` instants per side
    /// (a capped side ends the window at its last instant), instants on one side only, and
    /// for each the distance to the nearest instant of the other side (`nearest`).
    static func figures(
        windows: [(start: Date, end: Date)], source: (Date, Date) -> [Date], target: (Date, Date) -> [Date],
        nearestSource: (Date) -> Date, nearestTarget: (Date) -> Date
    ) -> (count: Int, maxDeviation: Int) {
        var count = 0
        var deviation = 0
        for window in windows {
            var a = source(window.start, window.end)
            var b = target(window.start, window.end)
            var limit = window.end
            if a.count >= cap {
                a = Array(a.prefix(cap))
                limit = min(limit, a[cap - 1].addingTimeInterval(1))
            }
            if b.count >= cap {
                b = Array(b.prefix(cap))
                limit = min(limit, b[cap - 1].addingTimeInterval(1))
            }
            let left = Set(a.filter { $0 < limit })
            let right = Set(b.filter { $0 < limit })
            for x in left.subtracting(right) {
                count += 1
                deviation = max(deviation, Int(abs(nearestTarget(x).timeIntervalSince(x))))
            }
            for y in right.subtracting(left) {
                count += 1
                deviation = max(deviation, Int(abs(nearestSource(y).timeIntervalSince(y))))
            }
        }
        return (count, deviation)
    }

    @Test func aNewYorkCronIntoUTCReportsTheIndependentFigures() async throws {
        let sync = try await SyncSide()
        let id = await sync.seed(syncJob("NY nine", cron: "0 9 * * ?", gmt: false).objectValue ?? [:])
        let nx1 = try NX1Side()
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: nx1.provider, mapping: PlanDryRunTests.nx1Mapping())
        let job = try #require(plan.job(sourceID: id))
        #expect(job.targets.first?.cutoverDefinition?.schedule.text == "0 13 * * *")
        let loss = try #require(job.losses.first { $0.code == .scheduleDST })
        let windows = ScheduleComparison.windows(zones: [Self.newYork, .gmt])
        let expected = Self.figures(
            windows: windows,
            source: { Self.daily(hour: 9, minute: 0, zone: Self.newYork, from: $0, to: $1) },
            target: { Self.daily(hour: 13, minute: 0, zone: .gmt, from: $0, to: $1) },
            nearestSource: { date in
                Self.daily(
                    hour: 9, minute: 0, zone: Self.newYork, from: date.addingTimeInterval(-2 * 86_400),
                    to: date.addingTimeInterval(2 * 86_400)
                )
                .min { abs($0.timeIntervalSince(date)) < abs($1.timeIntervalSince(date)) } ?? date
            },
            nearestTarget: { date in
                Self.daily(
                    hour: 13, minute: 0, zone: .gmt, from: date.addingTimeInterval(-2 * 86_400),
                    to: date.addingTimeInterval(2 * 86_400)
                )
                .min { abs($0.timeIntervalSince(date)) < abs($1.timeIntervalSince(date)) } ?? date
            })
        #expect(expected.count > 0)
        #expect(loss.mismatchCount == expected.count)
        #expect(loss.maxDeviationSeconds == expected.maxDeviation)
        #expect(expected.maxDeviation == 3_600)
    }

    @Test func connectDayFiveIntoCronReportsTheIndependentMonthEndFigures() async throws {
        let connect = try await ConnectSide()
        let id = try await connect.seed(
            connectJob("Every five days", source: connect.connections["Salesforce"] ?? "", unit: "Day", value: 5))
        let sync = try await SyncSide()
        let plan = try await JobBridgeMigration.plan(
            from: connect.provider, to: sync.provider,
            mapping: ConnectionMapping(
                connections: [connect.connections["Salesforce"] ?? "": "c-sf"], cacheDestination: "c-sn"))
        let job = try #require(plan.job(sourceID: id))
        let loss = try #require(job.losses.first { $0.code == .scheduleDrift })
        let anchor = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01 00:00 UTC
        let step: TimeInterval = 5 * 86_400
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = .gmt
        func interval(_ from: Date, _ to: Date) -> [Date] {
            var k = (from.timeIntervalSince(anchor) / step).rounded(.up)
            var result: [Date] = []
            while anchor.addingTimeInterval(k * step) < to {
                result.append(anchor.addingTimeInterval(k * step))
                k += 1
            }
            return result
        }
        func cron(_ from: Date, _ to: Date) -> [Date] {
            var result: [Date] = []
            var day = utc.startOfDay(for: from)
            while day < to {
                if day >= from, [1, 6, 11, 16, 21, 26, 31].contains(utc.component(.day, from: day)) {
                    result.append(day)
                }
                day = day.addingTimeInterval(86_400)
            }
            return result
        }
        let expected = Self.figures(
            windows: ScheduleComparison.windows(zones: [.gmt]), source: interval, target: cron,
            nearestSource: { date in
                interval(date.addingTimeInterval(-6 * 86_400), date.addingTimeInterval(6 * 86_400))
                    .min { abs($0.timeIntervalSince(date)) < abs($1.timeIntervalSince(date)) } ?? date
            },
            nearestTarget: { date in
                cron(date.addingTimeInterval(-6 * 86_400), date.addingTimeInterval(6 * 86_400))
                    .min { abs($0.timeIntervalSince(date)) < abs($1.timeIntervalSince(date)) } ?? date
            })
        #expect(expected.count > 0)
        #expect(loss.mismatchCount == expected.count)
        #expect(loss.maxDeviationSeconds == expected.maxDeviation)
    }

    @Test func exactVerdictsAgreeOnTheNextThousandInstantsAcrossDSTMonthEndsAndLeapDays() async throws {
        // Connect Hour×1 from 10:17 → NX1 `17 * * * *`: every instant of the first 1,000 after
        // the start of each window (New York and Berlin changes, month ends, Feb 29) agrees.
        let connect = try await ConnectSide()
        let sf = connect.connections["Salesforce"] ?? ""
        let hourly = try await connect.seed(
            connectJob("Hourly", source: sf, unit: "Hour", value: 1, firstRun: "2024-01-01T10:17:00Z"))
        let weekly = try await connect.seed(
            connectJob("Weekly", source: sf, unit: "Week", value: 1, firstRun: "2024-01-01T09:00:00Z"))
        let plan = try await JobBridgeMigration.plan(
            from: connect.provider, to: try NX1Side().provider,
            mapping: ConnectionMapping(connections: [sf: "salesforce"], cacheDestination: "cache"))
        for (id, step) in [(hourly, 3_600.0), (weekly, 7 * 86_400.0)] {
            let job = try #require(plan.job(sourceID: id))
            #expect(!job.losses.contains { [.scheduleDST, .scheduleDrift].contains($0.code) })
            let target = try #require(try job.targets.first?.cutoverDefinition?.schedule.schedule())
            let source = try job.source.schedule.schedule()
            for window in ScheduleComparison.windows(zones: [
                Self.newYork, TimeZone(identifier: "Europe/Berlin") ?? .gmt,
            ]) {
                var cursor = window.start
                let anchor = job.source.schedule.firstRun ?? window.start
                let first = anchor.addingTimeInterval(
                    ((window.start.timeIntervalSince(anchor)) / step).rounded(.up) * step)
                for k in 0..<1_000 {
                    let expected = first.addingTimeInterval(Double(k) * step)
                    let run = try #require(target.nextRun(after: cursor.addingTimeInterval(k == 0 ? -1 : 0)))
                    #expect(run == expected)
                    #expect(
                        source.nextRun(after: cursor.addingTimeInterval(k == 0 ? -1 : 0)) == expected
                            || expected < anchor)
                    cursor = run
                    if run != expected { break }
                }
            }
        }
        // Feb 29 in UTC (NX1 → Sync): the leap days of 2024 and 2028 agree, none in between.
        let nx1 = try NX1Side()
        await nx1.seed(id: nx1ID(1), nx1Job("Leap", schedule: "0 0 29 2 *"))
        let leapPlan = try await JobBridgeMigration.plan(
            from: nx1.provider, to: try await SyncSide().provider,
            mapping: ConnectionMapping(
                connections: ["salesforce prod": "c-sf", "warehouse": "c-sn"], tables: [nx1ID(1): [TableRef(name: "A")]]
            ))
        let leap = try #require(leapPlan.jobs.first)
        #expect(!leap.losses.contains { $0.code.effect != .information && $0.code != .kindChanged })
        let cron = try #require(try leap.targets.first?.definition.schedule.schedule())
        var runs: [Date] = []
        var at = Date(timeIntervalSince1970: 1_704_067_200)
        for _ in 0..<3 {
            guard let next = cron.nextRun(after: at) else { break }
            runs.append(next)
            at = next
        }
        #expect(
            runs.map { ISO8601DateFormatter().string(from: $0) } == [
                "2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z",
            ])
    }
}
