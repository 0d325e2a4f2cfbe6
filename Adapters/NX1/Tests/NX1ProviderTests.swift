import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// The provider against the simulator: soft delete, runs, validation, ambiguous failures.
@Suite struct NX1ProviderTests {
    private static let deletedJob: JSONValue = [
        "id": "d0d0d0d0-0000-4000-8000-000000000001", "job_name": "Old import", "job_type": "airflow.ingest",
        "source": "ftp", "destination": "lake", "schedule": .null, "properties_json": .null, "status": "completed",
        "created_at": "2025-01-01T00:00:00Z", "is_deleted": true, "deleted_at": "2025-06-01T00:00:00.5Z",
    ]

    @Test func deletedJobsAreNeverLiveJobs() async throws {
        let fixture = try NX1Fixture()
        await fixture.simulator.insert(rawJob: Self.deletedJob)
        let live = try await fixture.provider.createJob(JobDefinition(name: "Live", kind: JobKind(.mirror)))
        // The native client sees what NX1 lists; the provider only live jobs.
        #expect(try await fixture.client.listJobs().map(\.id).count == 2)
        #expect(try await fixture.provider.jobs().collect().map(\.id) == [live.id])
        let deletedID = JobID("d0d0d0d0-0000-4000-8000-000000000001")
        for operation in [JobOperation.getJob, .status, .runJob, .deleteJob] {
            let error = try #require(
                await #expect(throws: JobBridgeError.self) {
                    switch operation {
                    case .getJob: _ = try await fixture.provider.job(deletedID)
                    case .status: _ = try await fixture.provider.status(of: deletedID)
                    case .runJob: _ = try await fixture.provider.runJob(deletedID)
                    default: try await fixture.provider.deleteJob(deletedID)
                    }
                })
            #expect(error.code == .notFound)
            #expect(error.operation == operation)
            #expect(error.message.contains("deleted at 2025-06-01T00:00:00.500000Z"))
        }
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 0)
        #expect(fixture.count(.delete, "/api/jobs/:id") == 0)
    }

    @Test func deleteIsSoftOnTheServerAndNotFoundAfterwards() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "Temp", kind: JobKind(.workflow)))
        try await fixture.provider.deleteJob(job.id)
        let raw = try #require(await fixture.simulator.rawJob(job.id.rawValue))
        #expect(raw["is_deleted"] == true)
        #expect(raw["deleted_at"]?.stringValue != nil)
        #expect(try await fixture.provider.jobs().collect().isEmpty)
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.job(job.id) })
        #expect(error.code == .notFound)
    }

    @Test func aTriggeredRunGoesPendingRunningCompleted() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(
            JobDefinition(
                name: "Nightly", kind: JobKind(.workflow, providerValue: "airflow.dataeng"),
                schedule: .cron(try CronSchedule("@daily", dialect: .airflow, timeZone: .gmt))))
        #expect(try await fixture.provider.status(of: job.id) == nil)
        let triggeredAt = fixture.clock.date
        let run = try await fixture.provider.runJob(job.id)
        #expect(run.status == RunStatus(.queued, providerValue: "pending"))
        #expect(run.jobID == job.id)
        fixture.clock.advance(by: .seconds(5))
        let running = try #require(try await fixture.provider.status(of: job.id))
        #expect(running.status == RunStatus(.running, providerValue: "running"))
        #expect(running.startedAt == triggeredAt.addingTimeInterval(5))
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(10), clock: fixture.clock)
        #expect(finished.status == RunStatus(.succeeded, providerValue: "completed"))
        #expect(finished.startedAt == triggeredAt.addingTimeInterval(5))
        #expect(finished.endedAt == triggeredAt.addingTimeInterval(65))
        #expect(finished.duration == .seconds(60))
        let read = try await fixture.provider.job(job.id)
        #expect(read.lastRun == finished)
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 1)
    }

    @Test func aFailedRunReportsItsMessageAndDate() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(
            JobDefinition(name: "NLP", kind: JobKind(.workflow, providerValue: "airflow.nlp")))
        await fixture.simulator.setOutcome(.failed(message: "model endpoint timed out"), forJob: job.id.rawValue)
        let run = try await fixture.provider.runJob(job.id)
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(10), clock: fixture.clock)
        #expect(finished.status == RunStatus(.failed, providerValue: "failed"))
        #expect(finished.message == "model endpoint timed out")
        let raw = try #require(await fixture.simulator.rawJob(job.id.rawValue))
        #expect(raw["last_failed_at"]?.stringValue == "2026-01-01T00:01:05Z")
        #expect(raw["last_completed_at"] == .null)
    }

    @Test func triggeringARunningJobIsAConflict() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "Busy", kind: JobKind(.mirror)))
        _ = try await fixture.provider.runJob(job.id)
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.runJob(job.id) })
        #expect(error.code == .conflict)
        #expect(error.operation == .runJob)
    }

    @Test func runningChosenTasksIsUnsupported() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "J", kind: JobKind(.mirror)))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.runJob(job.id, tasks: ["t"]) })
        #expect(error.code == .unsupported)
        #expect(error.operation == .runTasks)
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 0)
    }

    @Test func intervalSchedulesAreRefusedBeforeAnyRequest() async throws {
        let fixture = try NX1Fixture()
        let definition = JobDefinition(
            name: "Every 6 hours", kind: JobKind(.workflow), schedule: .interval(IntervalSchedule(every: 6, .hour)))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.createJob(definition) })
        #expect(error.code == .invalidDefinition)
        #expect(error.field == "schedule")
        #expect(fixture.simulator.router.receivedRequests.isEmpty)
    }

    @Test func settingsTravelInPropertiesJSONAsAString() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(
            JobDefinition(name: "Props", kind: JobKind(.workflow), settings: ["retries": 3, "tags": ["a", "b"]]))
        let raw = try #require(await fixture.simulator.rawJob(job.id.rawValue))
        #expect(raw["properties_json"] == .string(#"{"retries":3,"tags":["a","b"]}"#))
        #expect(try await fixture.provider.job(job.id).settings == ["retries": 3, "tags": ["a", "b"]])
    }

    @Test func aMalformedPropertiesJSONFromTheServerIsKeptRaw() async throws {
        let fixture = try NX1Fixture()
        var raw = Self.deletedJob
        raw["id"] = "bad-props"
        raw["is_deleted"] = false
        raw["properties_json"] = "{not json"
        await fixture.simulator.insert(rawJob: raw)
        let job = try await fixture.provider.job("bad-props")
        #expect(job.settings.isEmpty)
        #expect(job.providerData?["properties_json"] == "{not json")
        let native = try await fixture.client.job("bad-props")
        #expect(throws: JobBridgeError.self) { try native.properties() }
    }

    @Test func theStatusCanBeSetWithAMessage() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "Self-reporting", kind: JobKind(.workflow)))
        try await fixture.client.setStatus(of: job.id.rawValue, to: NX1StatusUpdate(status: .running))
        fixture.clock.advance(by: .seconds(30))
        try await fixture.client.setStatus(
            of: job.id.rawValue, to: NX1StatusUpdate(status: .error, statusMessage: "upstream missing"))
        let run = try #require(try await fixture.provider.status(of: job.id))
        #expect(run.status == RunStatus(.failed, providerValue: "error"))
        #expect(run.message == "upstream missing")
        #expect(run.duration == .seconds(30))
        let sent = try #require(fixture.simulator.router.receivedRequests.last { $0.method == .put })
        #expect(try JSONValue(data: sent.body ?? Data()) == ["status": "error", "status_message": "upstream missing"])
    }

    @Test func listAcceptsAnArrayWrappedInAnObject() async throws {
        for key in ["jobs", "items", "data", "results"] {
            let fixture = try NX1Fixture(configuration: NX1Simulator.Configuration(listEnvelope: key))
            let job = try await fixture.provider.createJob(JobDefinition(name: "Wrapped", kind: JobKind(.mirror)))
            #expect(try await fixture.provider.jobs().collect().map(\.id) == [job.id])
        }
        let odd = try NX1Fixture(configuration: NX1Simulator.Configuration(listEnvelope: "payload"))
        let error = try #require(await #expect(throws: JobBridgeError.self) { _ = try await odd.client.listJobs() })
        #expect(error.code == .badResponse)
        #expect(error.message.contains("payload"))
    }

    @Test func theSimulatorRefusesABadBodyWith400() async throws {
        let fixture = try NX1Fixture()
        let request = NX1CreateJobRequest(jobType: NX1JobType(rawValue: "spark.batch"), jobName: "x")
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.client.createJob(request) })
        #expect(error.code == .invalidRequest)
        #expect(error.httpStatus == 400)
        #expect(error.providerCode == "BAD_REQUEST")
        var badProperties = NX1CreateJobRequest(jobType: .mirror, jobName: "x")
        badProperties.propertiesJSON = "{oops"
        let second = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.client.createJob(badProperties) })
        #expect(second.httpStatus == 400)
        #expect(try await fixture.client.listJobs().isEmpty)
    }

    @Test func idsArePercentEncoded() async throws {
        let fixture = try NX1Fixture()
        let error = try #require(
            await #expect(throws: JobBridgeError.self) { _ = try await fixture.provider.job("../jobs") })
        #expect(error.code == .notFound)
        let sent = try #require(fixture.simulator.router.receivedRequests.last)
        #expect(sent.url.absoluteString == "https://aiapi.acme.nx1cloud.com/api/jobs/..%2Fjobs")
    }

    // MARK: Ambiguous failures

    @Test func aTriggerWhoseAnswerIsLostIsFoundToHaveTakenEffect() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "J", kind: JobKind(.workflow)))
        // Requests from here: GET (baseline), POST trigger (dropped after the server acted).
        fixture.faults.setPlan(.script([.none, .dropAfterServer]))
        let run = try await fixture.provider.runJob(job.id)
        #expect(run.status.phase == .queued)
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 1)
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(10), clock: fixture.clock)
        #expect(finished.status.phase == .succeeded)
    }

    @Test func aTriggerThatNeverArrivedIsSentAgain() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "J", kind: JobKind(.workflow)))
        fixture.faults.setPlan(.script([.none, .dropBeforeServer]))
        let run = try await fixture.provider.runJob(job.id)
        #expect(run.status.phase == .queued)
        #expect(fixture.faults.records.filter { $0.method == .post && $0.path.hasSuffix("/trigger") }.count == 2)
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 1)
        #expect(try await fixture.provider.status(of: job.id) != nil)
    }

    @Test func aTriggerAnswered503IsSentAgainWithoutACheck() async throws {
        // 503: the server refused before acting; nothing to check, the trigger is sent again.
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "J", kind: JobKind(.workflow)))
        fixture.faults.setPlan(.script([.none, .serverError(status: 503)]))
        _ = try await fixture.provider.runJob(job.id)
        #expect(fixture.faults.records.suffix(4).map(\.method) == [.get, .post, .post, .get])
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 1)
    }

    @Test func aTriggerAnswered500IsCheckedBeforeItIsSentAgain() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "J", kind: JobKind(.workflow)))
        fixture.faults.setPlan(.script([.none, .serverError(status: 500)]))
        _ = try await fixture.provider.runJob(job.id)
        // GET before, POST (500: may have acted), GET (the check: no new run), POST, GET after.
        #expect(fixture.faults.records.suffix(5).map(\.method) == [.get, .post, .get, .post, .get])
        #expect(fixture.count(.post, "/api/jobs/:id/trigger") == 1)
    }

    @Test func aCreateWhoseAnswerIsLostReturnsTheJobItMade() async throws {
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()  // fetch the token first
        fixture.faults.setPlan(.script([.dropAfterServer]))
        let definition = JobDefinition(
            name: "Once only", kind: JobKind(.workflow, providerValue: "airflow.ingest"),
            source: ConnectionRef(name: "s3"),
            settings: ["k": 1])
        let job = try await fixture.provider.createJob(definition)
        #expect(job.name == "Once only")
        #expect(fixture.count(.post, "/api/jobs") == 1)
        #expect(try await fixture.provider.jobs().collect().map(\.id) == [job.id])
    }

    @Test func aCreateThatNeverArrivedIsSentAgain() async throws {
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()
        fixture.faults.setPlan(.script([.dropBeforeServer]))
        let job = try await fixture.provider.createJob(JobDefinition(name: "Lost", kind: JobKind(.mirror)))
        #expect(fixture.count(.post, "/api/jobs") == 1)
        #expect(try await fixture.provider.jobs().collect().map(\.id) == [job.id])
    }

    @Test func aLostCreateWithAnOlderLookAlikeIsUncertainNotRepeated() async throws {
        let fixture = try NX1Fixture()
        let older = try await fixture.provider.createJob(JobDefinition(name: "Twin", kind: JobKind(.mirror)))
        fixture.clock.advance(by: .seconds(3_600))
        fixture.faults.setPlan(.script([.serverError(status: 500)]))
        let error = try #require(
            await #expect(throws: JobBridgeError.self) {
                _ = try await fixture.provider.createJob(JobDefinition(name: "Twin", kind: JobKind(.mirror)))
            })
        #expect(error.code == .outcomeUncertain)
        #expect(error.outcome == .maybeActed)
        #expect(error.operation == .createJob)
        #expect(error.message.contains(older.id.rawValue))
        #expect(error.message.contains("check the jobs named 'Twin'"))
        #expect(fixture.count(.post, "/api/jobs") == 1)
    }

    @Test func idempotentReadsAreRetried() async throws {
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()
        fixture.faults.setPlan(.script([.serverError(status: 502), .dropBeforeServer]))
        #expect(try await fixture.provider.jobs().collect().isEmpty)
        #expect(fixture.count(.get, "/api/jobs") == 2)
    }
}

/// Retries that are safe, and what observers see.
@Suite struct NX1ProviderRetryTests {
    @Test func aDeleteWhoseAnswerIsLostIsCheckedAndSucceeds() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "Gone", kind: JobKind(.mirror)))
        // GET (live check), DELETE (acted, answer lost), GET (the check: deleted).
        fixture.faults.setPlan(.script([.none, .dropAfterServer]))
        try await fixture.provider.deleteJob(job.id)
        #expect(fixture.count(.delete, "/api/jobs/:id") == 1)
        #expect(fixture.faults.records.suffix(3).map(\.method) == [.get, .delete, .get])
        #expect(try await fixture.provider.jobs().collect().isEmpty)
    }

    @Test func observersNeverSeeTokensOrKeys() async throws {
        let events = EventLog()
        let clock = SimulatedClock()
        let simulator = NX1Simulator(clock: clock)
        let oauth = try NX1Auth.clientCredentials(
            client: "acme", clientID: "jobbridge", clientSecret: "simulator-secret", transport: simulator,
            now: clock.dateSource)
        for credentials in [oauth, NX1Auth.preSharedKey("simulator-psk")] as [any Credentials] {
            let client = try NX1Client(
                client: "acme", credentials: credentials, transport: simulator,
                observers: [ClosureHTTPObserver { events.append($0) }], clock: clock)
            let provider = NX1Provider(client: client, now: clock.dateSource)
            let job = try await provider.createJob(JobDefinition(name: "Observed", kind: JobKind(.mirror)))
            _ = try await provider.runJob(job.id)
        }
        let sentTokens = simulator.router.receivedRequests.compactMap { request -> String? in
            guard let header = request.headers["Authorization"], header.hasPrefix("Bearer ") else { return nil }
            return String(header.dropFirst("Bearer ".count))
        }
        #expect(!sentTokens.isEmpty)
        let text = events.text
        #expect(!text.isEmpty)
        for secret in Set(sentTokens) + ["simulator-psk", "simulator-secret"] {
            #expect(!text.contains(secret), "an observer saw a secret")
        }
    }
}

/// Events kept for a test.
private final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [HTTPEvent] = []

    func append(_ event: HTTPEvent) { lock.withLock { events.append(event) } }

    var text: String {
        lock.withLock { events.map { "\($0)\n\(String(reflecting: $0))" }.joined(separator: "\n") }
    }
}

/// Seeded faults on every request: a trigger is never carried out twice, a returned run was
/// really triggered, and an error that is not "outcome uncertain" really left the job untouched.
@Suite struct NX1TriggerUnderFaultsTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func triggersAreNeverDoubledAndErrorsAreHonest(seed: UInt64) async throws {
        let fixture = try NX1Fixture(credentials: NX1Auth.preSharedKey("simulator-psk"))
        var ids: [JobID] = []
        for number in 0..<12 {
            ids.append(
                try await fixture.provider.createJob(JobDefinition(name: "J\(number)", kind: JobKind(.mirror))).id)
        }
        let faulty = FaultInjectingTransport(
            wrapping: fixture.simulator, seed: seed,
            plan: .probabilities([
                (.dropAfterServer, 0.15), (.dropBeforeServer, 0.1), (.serverError(status: 503), 0.1),
                (.rateLimited(retryAfterSeconds: 1), 0.05), (.malformedBody, 0.05),
            ]), clock: fixture.clock)
        let client = try NX1Client(
            client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: faulty,
            retry: NX1Fixture.retry, clock: fixture.clock)
        let provider = NX1Provider(client: client, now: fixture.clock.dateSource)
        var outcomes = (succeeded: 0, failed: 0)
        for id in ids {
            let triggers = { fixture.count(.post, "/api/jobs/\(id.rawValue)/trigger") }
            do {
                _ = try await provider.runJob(id)
                outcomes.succeeded += 1
                #expect(triggers() == 1, "a returned run of \(id) was triggered \(triggers()) times")
            } catch let error as JobBridgeError {
                outcomes.failed += 1
                #expect(triggers() <= 1, "job \(id) was triggered \(triggers()) times")
                if error.code != .outcomeUncertain {
                    #expect(triggers() == 0, "\(error) but the job was triggered")
                }
            }
        }
        #expect(outcomes.succeeded + outcomes.failed == ids.count)
        #expect(outcomes.succeeded > 0, "\(outcomes)")
        #expect(faulty.injectedFaults.contains { !$0.isEmpty })
    }
}
