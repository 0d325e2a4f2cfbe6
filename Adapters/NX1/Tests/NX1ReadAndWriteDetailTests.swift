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

    @Test func aTieBetweenCompletionAndFailureIsASuccess() throws {
        let native = try Self.wire(
            status: "archived", started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z",
            failed: "2026-02-01T10:05:00Z")
        let run = try #require(NX1Mapping.lastRun(of: native))
        #expect(run.status.phase == .succeeded)
        #expect(run.status.providerValue == "archived")
        #expect(run.endedAt == (try NX1Test.date("2026-02-01T10:05:00Z")))
    }

    @Test func anUnknownStatusFollowsTheLaterOfCompletionAndFailure() throws {
        let failedLater = try Self.wire(
            status: "archived", started: "2026-02-01T10:00:00Z", completed: "2026-02-01T10:05:00Z",
            failed: "2026-02-01T10:06:00Z")
        #expect(NX1Mapping.lastRun(of: failedLater)?.status.phase == .failed)
        // A completion from before the last start belongs to an older run.
        let oldCompletion = try Self.wire(
            status: "archived", started: "2026-02-01T10:00:00Z", completed: "2026-01-31T10:05:00Z",
            failed: "2026-02-01T10:06:00Z")
        #expect(NX1Mapping.lastRun(of: oldCompletion)?.status.phase == .failed)
        let onlyOld = try Self.wire(
            status: "archived", started: "2026-02-01T10:00:00Z", completed: "2026-01-31T10:05:00Z")
        #expect(NX1Mapping.lastRun(of: onlyOld)?.status.phase == .unknown)
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
        fixture.faults.setPlan(.script([.dropBeforeServer]))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.createJob(definition) })
        #expect(error.message.contains("creating it again is safe"))
    }

    @Test func aLostCreateIsFoundAndTheNewestTwinTaken() async throws {
        let fixture = try NX1Fixture()
        let definition = JobDefinition(name: "Twin", kind: JobKind(.mirror), source: ConnectionRef(name: "s3://a"))
        _ = try await fixture.provider.createJob(definition)
        fixture.clock.advance(by: .seconds(60))
        fixture.faults.setPlan(.script([.dropAfterServer]))
        let created = try await fixture.provider.createJob(definition)
        let all = try await fixture.provider.jobs().collect()
        #expect(all.count == 2)
        #expect(created.createdAt == all.compactMap(\.createdAt).max())
    }

    @Test func aLostCreateIgnoresATwinMadeLongBefore() async throws {
        let fixture = try NX1Fixture()
        let definition = JobDefinition(name: "Twin", kind: JobKind(.mirror), source: ConnectionRef(name: "s3://a"))
        _ = try await fixture.provider.createJob(definition)
        fixture.clock.advance(by: .seconds(3_600))
        fixture.faults.setPlan(.script([.dropBeforeServer]))
        await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.createJob(definition) }
    }

    @Test(arguments: [520, 507, 500, 503])
    func aServerErrorOnCreateIsCheckedForEffect(_ status: Int) async throws {
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()
        fixture.faults.setPlan(.script([.serverError(status: status)]))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) {
                _ = try await fixture.provider.createJob(JobDefinition(name: "Lost", kind: JobKind(.mirror)))
            })
        #expect(error.message.contains("creating it again is safe"), "\(status): \(error.message)")
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
