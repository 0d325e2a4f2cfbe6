import Foundation
import JobBridge
import JobBridgeConnect
import Testing

/// What CData Connect AI sends that cannot be read is kept as it is, never read as
/// something else.
@Suite struct UnreadableValueTests {
    static func job(_ members: String) async throws -> (Job, FixedAnswer) {
        let fixture = FixedAnswer(#"{"id": "j1", "name": "n", "jobType": "Caching", "# + members + "}")
        let provider = ConnectProvider(client: try fixture.client(), cacheConnection: TestSupport.cacheConnection)
        return (try await provider.job("j1"), fixture)
    }

    @Test(arguments: [
        (#""intervalUnit": "Hour", "intervalValue": 0"#, "intervalUnit=Hour, intervalValue=0"),
        (#""intervalUnit": "Day", "intervalValue": -3"#, "intervalUnit=Day, intervalValue=-3"),
        (#""intervalUnit": "Week", "intervalValue": "0""#, "intervalUnit=Week, intervalValue=0"),
        (#""intervalUnit": "Week""#, "intervalUnit=Week, intervalValue=none"),
        (#""intervalUnit": "Fortnight", "intervalValue": 1"#, "intervalUnit=Fortnight, intervalValue=1"),
    ])
    func anIntervalThatCannotBeReadIsUnreadable(_ members: String, _ text: String) async throws {
        let (job, _) = try await Self.job(members)
        guard case .unreadable(let unreadable) = job.schedule else {
            Issue.record("\(members) read as \(job.schedule)")
            return
        }
        #expect(unreadable.text == text)
        #expect(unreadable.dialect == nil)
        #expect(!unreadable.reason.isEmpty)
    }

    @Test func noUnitIsManualAndAGoodIntervalIsRead() async throws {
        #expect(try await Self.job(#""intervalValue": 2"#).0.schedule == .manual)
        #expect(try await Self.job(#""intervalUnit": " ""#).0.schedule == .manual)
        #expect(
            try await Self.job(#""intervalUnit": "day", "intervalValue": 2"#).0.schedule
                == .interval(IntervalSchedule(every: 2, .day)))
    }

    @Test func anUnreadableScheduleIsNeverWrittenBack() async throws {
        let (job, fixture) = try await Self.job(
            #""intervalUnit": "Hour", "intervalValue": 0, "params": {"sourceConnection": "c1", "sourceTable": "T"}"#)
        #expect(job.schedule.kind == .unreadable)
        let provider = ConnectProvider(client: try fixture.client(), cacheConnection: TestSupport.cacheConnection)
        let before = fixture.requests.count
        let created = await #expect(throws: JobBridgeError.self) { try await provider.createJob(job.definition) }
        #expect(created?.code == .invalidDefinition)
        #expect(created?.field == "schedule")
        let updated = await #expect(throws: JobBridgeError.self) {
            try await provider.updateJob(job.id, with: JobUpdate(schedule: job.schedule))
        }
        #expect(updated?.code == .invalidDefinition)
        #expect(updated?.field == "schedule")
        #expect(fixture.requests.count == before)
    }

    @Test func negativeDurationsAndRowCountsAreNotReported() async throws {
        let (job, _) = try await Self.job(
            #""intervalUnit": "Hour", "intervalValue": 1, "lastRun": {"dateTime": "2026-01-01T10:00:00Z", "#
                + #""duration": -90, "status": "JOB_FAILED", "rowsAffected": -1284}"#)
        let run = try #require(job.lastRun)
        #expect(run.status.phase == .failed)
        #expect(run.duration == nil)
        #expect(run.endedAt == nil)
        #expect(run.rowsAffected == nil)
        #expect(run.providerData?["duration"] == -90)
        #expect(run.providerData?["rowsAffected"] == -1284)
    }

    @Test(arguments: [
        (" JOB_FAILED ", RunStatus.Phase.failed), ("Succeeded\n", .succeeded), ("\tjob_running", .running),
        ("JOB_FAILED_TWICE", .unknown),
    ])
    func statusWordsAreMatchedWithoutTheirSpaces(_ text: String, _ phase: RunStatus.Phase) async throws {
        let (job, _) = try await Self.job(
            #""lastRun": {"dateTime": "2026-01-01T10:00:00Z", "duration": 5, "status": "\#(text.debugDescription.dropFirst().dropLast())"}"#
        )
        #expect(job.lastRun?.status.phase == phase)
        #expect(job.lastRun?.status.providerValue == text)
    }
}
