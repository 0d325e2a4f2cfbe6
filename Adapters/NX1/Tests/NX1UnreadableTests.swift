import Foundation
import JobBridge
import JobBridgeNX1
import Testing

/// What NX1 sends that cannot be read is kept as it is, never read as something else.
@Suite struct NX1UnreadableTests {
    fileprivate static func wire(
        schedule: String? = nil, status: String? = "new", started: String? = nil, completed: String? = nil,
        failed: String? = nil
    ) throws -> NX1Job {
        var object: [String: JSONValue] = [
            "id": "3c90c3cc-0d44-4b50-8888-8dd25736052a", "job_name": "Orders", "job_type": "airflow.dataeng",
        ]
        object["schedule"] = schedule.map(JSONValue.string) ?? .null
        object["status"] = status.map(JSONValue.string) ?? .null
        object["last_started_at"] = started.map(JSONValue.string) ?? .null
        object["last_completed_at"] = completed.map(JSONValue.string) ?? .null
        object["last_failed_at"] = failed.map(JSONValue.string) ?? .null
        return try JSONDecoder().decode(NX1Job.self, from: try JSONValue.object(object).data())
    }

    @Test(arguments: ["*/0 * * * *", "0 0 31 2 *", "60 * * * *", "@every 5m", "@fortnightly"])
    func anInvalidCronIsUnreadableNotManual(_ cron: String) throws {
        let job = NX1Mapping.job(from: try Self.wire(schedule: cron))
        #expect(job.schedule != .manual)
        guard case .unreadable(let unreadable) = job.schedule else {
            Issue.record("'\(cron)' read as \(job.schedule)")
            return
        }
        #expect(unreadable.text == cron)
        #expect(unreadable.dialect == .airflow)
        #expect(unreadable.timeZone == .gmt)
        #expect(!unreadable.reason.isEmpty)
        #expect(job.providerData?["schedule"] == .string(cron))
    }

    @Test func anUnreadableScheduleIsNeverWrittenBack() async throws {
        let fixture = try NX1Fixture()
        let read = NX1Mapping.job(from: try Self.wire(schedule: "*/0 * * * *"))
        let before = fixture.simulator.router.receivedRequests.count
        let error = await #expect(throws: JobBridgeError.self) { try await fixture.provider.createJob(read.definition) }
        #expect(error?.code == .invalidDefinition)
        #expect(error?.field == "schedule")
        #expect(fixture.simulator.router.receivedRequests.count == before)
        let mapped = #expect(throws: JobBridgeError.self) { _ = try NX1Mapping.request(for: read.definition) }
        #expect(mapped?.field == "schedule")
    }

    @Test(arguments: [
        ("failed ", RunStatus.Phase.failed), (" FAILED", .failed), ("error\n", .failed), ("Completed ", .succeeded),
        (" running", .running), ("pending\t", .queued),
    ])
    func aStatusWithSpacesKeepsItsMeaningAndItsText(_ text: String, _ phase: RunStatus.Phase) throws {
        // The run started, then completed later than it failed: the dates must not overrule the word.
        let run = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(
                    status: text, started: "2026-01-02T00:00:00Z", completed: "2026-01-02T00:05:00Z",
                    failed: "2026-01-02T00:01:00Z")))
        #expect(run.status.phase == phase)
        #expect(run.status.providerValue == text)
    }

    @Test func anUnknownStatusStaysUnknownWhateverTheDatesSay() throws {
        for text in ["paused", "failed-ish", "succeeded?", "<string>"] {
            let run = try #require(
                NX1Mapping.lastRun(
                    of: try Self.wire(status: text, started: "2026-01-02T00:00:00Z", completed: "2026-01-02T00:05:00Z")
                ))
            #expect(run.status == RunStatus(.unknown, providerValue: text))
        }
        // "new" (with spaces too) after a run still takes the phase of the latest end.
        let new = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(status: " new ", started: "2026-01-02T00:00:00Z", failed: "2026-01-02T00:05:00Z")))
        #expect(new.status == RunStatus(.failed, providerValue: " new "))
        #expect(NX1Mapping.lastRun(of: try Self.wire(status: "NEW ")) == nil)
    }
}

extension NX1UnreadableTests {
    @Test func aRunEndsAtItsOwnKindOfEndOnly() throws {
        // Failed, with only a completion date (an earlier run's): no end is made up from it.
        let failed = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(status: "failed", started: "2026-01-02T00:00:00Z", completed: "2026-01-02T00:05:00Z")
            ))
        #expect(failed.status.phase == .failed)
        #expect(failed.endedAt == nil && failed.duration == nil)
        let succeeded = try #require(
            NX1Mapping.lastRun(
                of: try Self.wire(status: "success", started: "2026-01-02T00:00:00Z", failed: "2026-01-02T00:05:00Z")))
        #expect(succeeded.status.phase == .succeeded)
        #expect(succeeded.endedAt == nil && succeeded.duration == nil)
    }
}
