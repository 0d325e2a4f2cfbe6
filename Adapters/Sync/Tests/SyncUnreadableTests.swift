import Foundation
import JobBridge
import JobBridgeSync
import Testing

/// What CData Sync sends that cannot be read is kept as it is, never read as something else.
@Suite struct SyncUnreadableTests {
    static let newYork = SyncFixture.newYork

    static func schedule(_ cron: String, gmt: Bool = false) throws -> (Schedule, isEnabled: Bool) {
        let json: JSONValue = [
            "id": "j", "name": "n", "schedule": ["enabled": true, "cron": .string(cron)],
            "use_gmt_datetime": .bool(gmt),
        ]
        let settings = try SyncJob(json: json, timeZone: newYork).settings
        return SyncMapping.schedule(settings, serverTimeZone: newYork)
    }

    @Test(arguments: ["*/0 * * * *", "0 0 31 2 *", "60 * * * *", "@every 5m", " 0 0 30 2 ? "])
    func anInvalidCronIsUnreadableNotManual(_ cron: String) throws {
        let (schedule, isEnabled) = try Self.schedule(cron)
        #expect(schedule != .manual)
        guard case .unreadable(let unreadable) = schedule else {
            Issue.record("'\(cron)' read as \(schedule)")
            return
        }
        #expect(unreadable.text == cron)
        #expect(unreadable.dialect == .sync)
        #expect(unreadable.timeZone == Self.newYork)
        #expect(!unreadable.reason.isEmpty)
        #expect(isEnabled)
        let gmt = try Self.schedule(cron, gmt: true).0
        #expect(gmt.description.contains("(sync, GMT)"))
    }

    @Test func anUnreadableScheduleIsNeverWrittenBack() async throws {
        let fixture = try await SyncFixture()
        let read = try SyncMapping.job(
            SyncJob(
                json: [
                    "id": "j", "name": "Copy me", "type": "Standard", "source_connection_id": "c-sf",
                    "destination_connection_id": "c-pg", "schedule": ["enabled": true, "cron": "*/0 * * * *"],
                ], timeZone: Self.newYork), serverTimeZone: Self.newYork)
        #expect(read.schedule.kind == .unreadable)
        let existing = try await fixture.provider.createJob(SyncFixture.definition())
        let before = fixture.simulator.router.receivedRequests.count
        let created = await #expect(throws: JobBridgeError.self) {
            try await fixture.provider.createJob(read.definition)
        }
        #expect(created?.code == .invalidDefinition)
        #expect(created?.field == "schedule")
        let updated = await #expect(throws: JobBridgeError.self) {
            try await fixture.provider.updateJob(existing.id, with: JobUpdate(schedule: read.schedule))
        }
        #expect(updated?.code == .invalidDefinition)
        #expect(updated?.field == "schedule")
        #expect(fixture.simulator.router.receivedRequests.count == before)
        // The mapping refuses it too, for apps that call it directly.
        #expect(throws: JobBridgeError.self) {
            _ = try SyncMapping.syncSchedule(
                read.schedule, isEnabled: true, current: nil, cronTimeZone: Self.newYork, clearing: false)
        }
    }

    @Test func negativeCountsAndDurationsAreNotReported() throws {
        let json: JSONValue = [
            "id": "h1", "status": "Successful", "run_start_date": "2026-01-15 05:30:00",
            "run_end_date": "2026-01-15 05:29:00", "runtime": -65250, "records_affected": -12,
        ]
        let run = SyncMapping.run(try SyncRun(json: json, timeZone: Self.newYork), jobID: "j")
        #expect(run.rowsAffected == nil)
        #expect(run.duration == nil)
        #expect(run.providerData?["records_affected"] == -12)
        #expect(run.providerData?["runtime"] == -65250)
        let text = SyncMapping.run(
            try SyncRun(json: ["status": "Failed", "runtime": "-00:01:05", "records_affected": "-3"]), jobID: "j")
        #expect(text.duration == nil && text.rowsAffected == nil)
        let counted = SyncMapping.run(try SyncRun(json: ["records_affected": 0, "runtime": 0]), jobID: "j")
        #expect(counted.rowsAffected == 0 && counted.duration == .zero)
    }

    @Test(arguments: [
        (" Failed ", RunStatus.Phase.failed), ("SUCCESS\n", .succeeded), ("\tRunning", .running),
        ("Not failed", .unknown), ("Failed twice", .unknown),
    ])
    func statusWordsAreMatchedWithoutTheirSpaces(_ text: String, _ phase: RunStatus.Phase) {
        let status = SyncMapping.status(text)
        #expect(status.phase == phase)
        #expect(status.providerValue == text)
    }
}
