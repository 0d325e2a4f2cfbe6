import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// Details of what the NX1 adapter reads and sends that no other test pinned: zones that
/// are UTC only in winter, a tie between completion and failure, names before ids, queued
/// runs, recovery after a lost create. Found by mutation testing (#15).
@Suite struct NX1ReadAndWriteDetailTests {
    static func wire(
        status: String?, started: String? = nil, completed: String? = nil, failed: String? = nil
    ) throws -> NX1Job {
        var object: [String: JSONValue] = [
            "id": "j-1", "job_name": "Orders", "job_type": "airflow.dataeng", "created_at": "2026-01-01T00:00:00Z",
        ]
        object["status"] = status.map(JSONValue.string) ?? .null
        object["last_started_at"] = started.map(JSONValue.string) ?? .null
        object["last_completed_at"] = completed.map(JSONValue.string) ?? .null
        object["last_failed_at"] = failed.map(JSONValue.string) ?? .null
        return try JSONDecoder().decode(NX1Job.self, from: try JSONValue.object(object).data())
    }

    // MARK: Schedules

    @Test(arguments: ["Europe/London", "Europe/Lisbon", "Atlantic/Reykjavik", "UTC", "Etc/UTC", "GMT"])
    func onlyAZoneAtUTCAllYearIsSent(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let definition = JobDefinition(
            name: "N", kind: JobKind(.workflow),
            schedule: .cron(try CronSchedule("0 6 * * *", dialect: .airflow, timeZone: zone)))
        let isUTCAllYear = ["Atlantic/Reykjavik", "UTC", "Etc/UTC", "GMT"].contains(identifier)
        if isUTCAllYear {
            #expect(try NX1Mapping.request(for: definition).schedule == "0 6 * * *")
        } else {
            let error = #expect(throws: JobBridgeError.self) { try NX1Mapping.request(for: definition) }
            #expect(error?.field == "schedule.timeZone")
        }
    }

    // MARK: Runs

    // Only a job whose status says no run (`new`, or none) lets its dates pick the phase;
    // an unknown status word stays unknown (issue #10: never invent a value).
    @Test func aTieBetweenCompletionAndFailureIsASuccess() throws {
        let native = try Self.wire(
            status: nil, started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z",
            failed: "2026-02-01T10:05:00Z")
        let run = try #require(NX1Mapping.lastRun(of: native))
        #expect(run.status.phase == .succeeded)
        #expect(run.endedAt == (try NX1Test.date("2026-02-01T10:05:00Z")))
    }

    @Test func withoutAStatusTheLaterOfCompletionAndFailureDecides() throws {
        let failedLater = try Self.wire(
            status: "new", started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z",
            failed: "2026-02-01T10:06:00Z")
        #expect(NX1Mapping.lastRun(of: failedLater)?.status.phase == .failed)
        // A completion from before the last start belongs to an older run.
        let oldCompletion = try Self.wire(
            status: nil, started: "2026-02-01T10:00:00Z", completed: "2026-01-31T10:05:00Z",
            failed: "2026-02-01T10:06:00Z")
        #expect(NX1Mapping.lastRun(of: oldCompletion)?.status.phase == .failed)
        let onlyOld = try Self.wire(
            status: nil, started: "2026-02-01T10:00:00Z", completed: "2026-01-31T10:05:00Z")
        #expect(NX1Mapping.lastRun(of: onlyOld)?.status.phase == .unknown)
        // An unknown word is kept, whatever the dates say.
        let archived = try Self.wire(
            status: "archived", started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z")
        #expect(NX1Mapping.lastRun(of: archived)?.status == RunStatus(.unknown, providerValue: "archived"))
    }

    @Test func aQueuedRunHasNoStartAndNoEnd() throws {
        let native = try Self.wire(
            status: "pending", started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z")
        let run = try #require(NX1Mapping.lastRun(of: native))
        #expect(run.status.phase == .queued)
        #expect(run.startedAt == nil)
        #expect(run.endedAt == nil)
        #expect(run.duration == nil)
    }

    @Test func aRunningRunHasItsStartButNoEnd() throws {
        let native = try Self.wire(
            status: "running", started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z")
        let run = try #require(NX1Mapping.lastRun(of: native))
        #expect(run.startedAt == (try NX1Test.date("2026-02-01T10:00:00Z")))
        #expect(run.endedAt == nil)
        #expect(run.duration == nil)
    }

    @Test func aFinishedRunDoesNotEndBeforeItStarted() throws {
        let native = try Self.wire(
            status: "completed", started: "2026-02-01T10:00:00Z", completed: "2026-01-31T10:05:00Z")
        let run = try #require(NX1Mapping.lastRun(of: native))
        #expect(run.endedAt == nil)
        #expect(run.duration == nil)
        #expect(NX1Mapping.lastRun(of: try Self.wire(status: "new")) == nil)
        #expect(NX1Mapping.lastRun(of: try Self.wire(status: "error"))?.status.phase == .failed)
    }

    // MARK: Requests

    @Test func connectionsAreSentByNameBeforeID() throws {
        let definition = JobDefinition(
            name: "N", kind: JobKind(.mirror), source: ConnectionRef(id: "c-1", name: "oracle://erp/ORDERS"),
            destination: ConnectionRef(id: "c-2", name: "lakehouse.mirror.orders"))
        let request = try NX1Mapping.request(for: definition)
        #expect(request.source == "oracle://erp/ORDERS")
        #expect(request.destination == "lakehouse.mirror.orders")
        let byID = try NX1Mapping.request(
            for: JobDefinition(name: "N", kind: JobKind(.mirror), source: ConnectionRef(id: "c-1")))
        #expect(byID.source == "c-1")
    }

    // MARK: Recovery

    @Test func aLostCreateIsNotTakenForADeletedTwin() async throws {
        let fixture = try NX1Fixture()
        let definition = JobDefinition(name: "Twin", kind: JobKind(.mirror), source: ConnectionRef(name: "s3://a"))
        let first = try await fixture.provider.createJob(definition)
        try await fixture.provider.deleteJob(first.id)
        // The POST never arrived: the check sees only the deleted twin, so it is sent again.
        fixture.faults.setPlan(.script([.serverError(status: 500)]))
        let second = try await fixture.provider.createJob(definition)
        #expect(second.id != first.id)
        #expect(try await fixture.provider.jobs().collect().map(\.id) == [second.id])
    }

    @Test func aLostCreateWithARecentTwinIsUncertainNotGuessed() async throws {
        // Two look-alikes made within the clock-skew allowance: either could be this
        // create's, so the caller is told to check rather than handed a guess.
        let fixture = try NX1Fixture()
        let definition = JobDefinition(name: "Twin", kind: JobKind(.mirror), source: ConnectionRef(name: "s3://a"))
        _ = try await fixture.provider.createJob(definition)
        fixture.clock.advance(by: .seconds(60))
        fixture.faults.setPlan(.script([.dropAfterServer]))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.createJob(definition) })
        #expect(error.code == .outcomeUncertain)
        #expect(try await fixture.provider.jobs().collect().count == 2)
        #expect(fixture.count(.post, "/api/jobs") == 2)
    }

    @Test func aLostCreateIgnoresATwinMadeLongBefore() async throws {
        let fixture = try NX1Fixture()
        let definition = JobDefinition(name: "Twin", kind: JobKind(.mirror), source: ConnectionRef(name: "s3://a"))
        _ = try await fixture.provider.createJob(definition)
        fixture.clock.advance(by: .seconds(3_600))
        fixture.faults.setPlan(.script([.serverError(status: 500)]))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.createJob(definition) })
        // The old twin is not taken for this create, and the create is not sent again.
        #expect(error.code == .outcomeUncertain)
        #expect(fixture.count(.post, "/api/jobs") == 1)
    }

    @Test(arguments: [(520, true), (507, true), (500, true), (503, false)])
    func aServerErrorOnCreateIsCheckedForEffect(_ status: Int, checked: Bool) async throws {
        // 503 refused before acting: sent again at once. Other 5xx may have acted: the jobs
        // are listed first, and only then is the create sent again.
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()
        let before = fixture.faults.records.count
        fixture.faults.setPlan(.script([.serverError(status: status)]))
        let job = try await fixture.provider.createJob(JobDefinition(name: "Lost", kind: JobKind(.mirror)))
        let methods = fixture.faults.records.dropFirst(before).map(\.method)
        #expect(methods == (checked ? [.post, .get, .post] : [.post, .post]), "\(status)")
        #expect(try await fixture.provider.jobs().collect().map(\.id) == [job.id])
    }

    @Test func aCreateRequestSendsEveryDocumentedFieldNullsIncluded() throws {
        let request = try NX1Mapping.request(for: JobDefinition(name: "N", kind: JobKind(.mirror)))
        let sent = try JSONValue(data: JSONEncoder().encode(request))
        #expect(
            sent == [
                "job_type": "mirror", "job_name": "N", "source": nil, "destination": nil, "properties_json": nil,
                "schedule": nil,
            ])
    }
}
