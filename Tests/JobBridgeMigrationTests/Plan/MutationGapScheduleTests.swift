import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// Schedule comparison behaviours that mutation testing found unpinned (catalogue
/// `Scripts/mutation/catalogue-migration.json`, area `migration-schedule`): the compared
/// windows, capped windows, the compared count, drift versus daylight saving, and moving an
/// interval's first run by whole periods.
@Suite struct MutationGapScheduleTests {
    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    static let day: TimeInterval = 86_400

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text) ?? .distantPast }

    @Test func theWindowsCoverEveryDaylightSavingChangeAndTheMonthEnds() {
        let windows = ScheduleComparison.windows(zones: [])
        #expect(windows.first?.start == ScheduleComparison.start)
        // The long window aside, each instant below lies in a short window of its own.
        let short = windows.dropFirst()
        #expect(short.allSatisfy { $0.end.timeIntervalSince($0.start) <= 4 * Self.day })
        // New York's and Berlin's changes in 2024 and 2025, then the month ends.
        for instant in [
            "2024-03-10T07:00:00Z", "2024-11-03T06:00:00Z", "2025-03-09T07:00:00Z", "2025-11-02T06:00:00Z",
            "2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z", "2025-03-30T01:00:00Z", "2025-10-26T01:00:00Z",
            "2024-02-29T12:00:00Z", "2025-02-28T12:00:00Z", "2024-04-30T12:00:00Z", "2024-12-31T12:00:00Z",
        ] {
            let at = Self.date(instant)
            #expect(short.contains { $0.start < at && at < $0.end }, "\(instant)")
        }
        #expect(short.count == 12)
        // A schedule's own zone adds its changes.
        let sydney = TimeZone(identifier: "Australia/Sydney") ?? .gmt
        #expect(ScheduleComparison.windows(zones: [sydney]).count == windows.count + 4)
    }

    @Test func aCappedWindowEndsAtTheSideThatRanOutFirst() throws {
        // Every minute against every other minute, 100 runs per side and window: the source
        // covers 100 minutes, the target 200; only the source's span is compared, where the
        // 50 odd minutes are the source's alone.
        let everyMinute = ScheduleComparison.Side(.cron(try CronSchedule("* * * * *")))
        let evenMinutes = ScheduleComparison.Side(.cron(try CronSchedule("*/2 * * * *")))
        let windows = ScheduleComparison.windows(zones: [.gmt]).count
        let result = ScheduleComparison.compare(
            source: everyMinute, target: evenMinutes, zones: [.gmt], runsPerWindow: 100)
        #expect(result.comparedRuns == 100 * windows)
        #expect(result.mismatchCount == 50 * windows)
        #expect(result.maxDeviationSeconds == 60)
        #expect(!result.daylightSavingOnly)
    }

    @Test func aScheduleThatDriftsByDaysInADaylightSavingZoneIsDriftNotDST() throws {
        let daily = try CronSchedule("0 9 * * *", timeZone: Self.newYork)
        let mondays = try CronSchedule("0 9 * * 1", timeZone: Self.newYork)
        let result = ScheduleComparison.compare(
            source: .init(.cron(daily)), target: .init(.cron(mondays)), zones: [Self.newYork])
        #expect(result.mismatchCount > 0)
        #expect(result.maxDeviationSeconds > 3_600)
        #expect(!result.daylightSavingOnly)
        // The same hour read in UTC differs by the DST hour only.
        let utc = try CronSchedule("0 13 * * *")
        let moved = ScheduleComparison.compare(
            source: .init(.cron(daily)), target: .init(.cron(utc)), zones: [Self.newYork, .gmt])
        #expect(moved.maxDeviationSeconds == 3_600)
        #expect(moved.daylightSavingOnly)
    }

    @Test func aWeeklyIntervalKeepsItsWeekdayWhenItsFirstRunMovesForward() throws {
        let monday = Self.date("2024-01-01T09:00:00Z")
        let notBefore = Self.date("2026-12-01T00:00:00Z")  // a Tuesday
        let weekly = ScheduleComparison.advanced(IntervalSchedule(every: 1, .week, firstRun: monday), to: notBefore)
        let first = try #require(weekly.firstRun)
        #expect(first >= notBefore && first < notBefore.addingTimeInterval(7 * Self.day))
        #expect(Int(first.timeIntervalSince(monday)) % Int(7 * Self.day) == 0)
        #expect(first == Self.date("2026-12-07T09:00:00Z"))
        let twoDays = ScheduleComparison.advanced(IntervalSchedule(every: 2, .day, firstRun: monday), to: notBefore)
        #expect(twoDays.firstRun == Self.date("2026-12-02T09:00:00Z"))
    }

    @Test func aCronMovedAcrossMidnightMovesItsWeekdaysWithIt() async throws {
        // 22:00 on Mondays in New York is 02:00 on Tuesdays in UTC (most of the year); 01:00
        // on Mondays in Berlin is 23:00 on Sundays.
        let sync = try await SyncSide()
        let east = await sync.seed(syncJob("Late Monday", cron: "0 22 ? * MON", gmt: false).objectValue ?? [:])
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: try NX1Side().provider, mapping: PlanDryRunTests.nx1Mapping())
        let job = try #require(plan.job(sourceID: east))
        #expect(job.codes.contains(.scheduleDST) && !job.codes.contains(.scheduleDrift), "\(job.losses)")
        let cron = try #require(try job.targets.first?.cutoverDefinition?.schedule.schedule())
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = .gmt
        let run = try #require(cron.nextRun(after: Self.date("2024-06-01T00:00:00Z")))
        #expect(utc.component(.weekday, from: run) == 3)  // Tuesday
        #expect(utc.component(.hour, from: run) == 2)

        var mapping = PlanDryRunTests.nx1Mapping()
        mapping.serverTimeZone = "Europe/Berlin"
        let berlin = try await SyncSide()
        let west = await berlin.seed(syncJob("Early Monday", cron: "0 1 ? * MON", gmt: false).objectValue ?? [:])
        let westPlan = try await JobBridgeMigration.plan(
            from: berlin.provider, to: try NX1Side().provider, mapping: mapping)
        let westJob = try #require(westPlan.job(sourceID: west))
        #expect(westJob.codes.contains(.scheduleDST) && !westJob.codes.contains(.scheduleDrift), "\(westJob.losses)")
        let westCron = try #require(try westJob.targets.first?.cutoverDefinition?.schedule.schedule())
        let westRun = try #require(westCron.nextRun(after: Self.date("2024-06-01T00:00:00Z")))
        #expect(utc.component(.weekday, from: westRun) == 1)  // Sunday
        #expect(utc.component(.hour, from: westRun) == 23)
    }

    @Test func aSyncCronWithoutTheGMTFlagIsReadInTheServersZone() async throws {
        // A Sync job whose JSON has no use_gmt_datetime at all (the simulator always writes
        // one): CData Sync reads its cron in the server's zone.
        let descriptor = try await SyncSide().provider.descriptor
        let job = Job(
            id: "7", name: "No flag", kind: JobKind(.replication, providerValue: "Standard"),
            source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-sn"),
            schedule: .cron(try CronSchedule("0 9 * * ?", dialect: .sync)),
            tasks: [JobTask(id: "1", index: 0, query: "REPLICATE [Account]")])
        let source = ListedJobsProvider(descriptor: descriptor, listed: [job])
        let plan = try await JobBridgeMigration.plan(
            from: source, to: try NX1Side().provider, mapping: PlanDryRunTests.nx1Mapping())
        let planned = try #require(plan.job(sourceID: "7"))
        #expect(planned.targets.first?.cutoverDefinition?.schedule.text == "0 13 * * *")
        #expect(planned.codes.contains(.scheduleDST), "\(planned.losses)")
    }

    @Test func aRunOnceScheduleIsRefusedSayingSo() async throws {
        let nx1 = try NX1Side()
        await nx1.seed(id: nx1ID(1), nx1Job("Once", schedule: "@once"))
        let plan = try await JobBridgeMigration.plan(
            from: nx1.provider, to: try await SyncSide().provider,
            mapping: ConnectionMapping(
                connections: ["salesforce prod": "c-sf", "warehouse": "c-sn"], tables: [nx1ID(1): [TableRef(name: "A")]]
            ))
        let loss = try #require(plan.jobs.first?.losses.first { $0.code == .scheduleUnexpressible })
        #expect(loss.message.contains("runs once"), "\(loss.message)")
        #expect(loss.content == "@once")
    }

    @Test func anIntervalWithoutAFirstRunTakesItsPhaseFromTheNextRunTime() async throws {
        let descriptor = try await ConnectSide().provider.descriptor
        let job = Job(
            id: "c-1", name: "No anchor", kind: JobKind(.replication, providerValue: "Caching"),
            source: ConnectionRef(id: "src"), schedule: .interval(IntervalSchedule(every: 6, .hour)),
            tasks: [JobTask(id: "t", index: 0, table: TableRef(name: "Account"))],
            nextRunAt: Self.date("2024-01-01T03:15:00Z"))
        let plan = try await JobBridgeMigration.plan(
            from: ListedJobsProvider(descriptor: descriptor, listed: [job]), to: try await SyncSide().provider,
            mapping: ConnectionMapping(connections: ["src": "c-sf"], cacheDestination: "c-sn"))
        let planned = try #require(plan.job(sourceID: "c-1"))
        #expect(planned.codes.contains(.scheduleAnchorGuessed))
        let cron = try #require(try planned.targets.first?.definition.schedule.schedule())
        #expect(cron.nextRun(after: Self.date("2024-06-01T00:00:00Z")) == Self.date("2024-06-01T03:15:00Z"))
        #expect(!planned.codes.contains(.scheduleDrift), "\(planned.losses)")
    }

    @Test func aScheduleOverrideIsKeyedByTheSourceJobsID() async throws {
        let sync = try await SyncSide()
        let id = await sync.seed(syncJob("Overridden", cron: "0 */6 * * ?").objectValue ?? [:])
        var mapping = PlanDryRunTests.nx1Mapping()
        mapping.scheduleOverrides[id] = ScheduleSnapshot(
            kind: .cron, text: "30 5 * * *", dialect: .airflow, timeZone: "GMT")
        let plan = try await JobBridgeMigration.plan(from: sync.provider, to: try NX1Side().provider, mapping: mapping)
        let planned = try #require(plan.job(sourceID: id))
        #expect(planned.targets.first?.cutoverDefinition?.schedule.text == "30 5 * * *")
    }
}
