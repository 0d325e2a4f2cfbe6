import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// The native client against the simulator: auth, errors, runs on the clock, faults.
@Suite struct ClientTests {
    /// Hands out the tokens in order (the last one again when used up) and counts calls.
    final class TokenSequence: @unchecked Sendable {
        private let lock = NSLock()
        private var tokens: [AccessToken]
        private(set) var calls = 0

        init(_ tokens: [AccessToken]) { self.tokens = tokens }

        func next() -> AccessToken {
            lock.withLock {
                calls += 1
                return tokens.count > 1 ? tokens.removeFirst() : tokens[0]
            }
        }
    }

    @Test func aRefusedTokenIsRenewedOnceAndTheCallSucceeds() async throws {
        let simulator = ConnectSimulator(acceptedTokens: ["fresh"])
        let tokens = TokenSequence([AccessToken(token: "stale"), AccessToken(token: "fresh")])
        let client = try TestSupport.client(simulator) { tokens.next() }
        #expect(try await client.jobs().isEmpty)
        #expect(tokens.calls == 2)
        #expect(
            simulator.router.receivedRequests.map { $0.headers["Authorization"] } == ["Bearer stale", "Bearer fresh"])
    }

    @Test func aTokenIsRenewedBeforeItExpires() async throws {
        let simulator = ConnectSimulator(acceptedTokens: ["first", "second"])
        let clock = simulator.clock
        let tokens = TokenSequence([
            AccessToken(token: "first", expiresAt: clock.date.addingTimeInterval(300)),
            AccessToken(token: "second", expiresAt: clock.date.addingTimeInterval(600)),
        ])
        let client = try TestSupport.client(simulator) { tokens.next() }
        _ = try await client.jobs()
        _ = try await client.jobs()
        clock.advance(by: .seconds(280))  // within the 30 s leeway of the first token's expiry
        _ = try await client.jobs()
        #expect(tokens.calls == 2)
        #expect(
            simulator.router.receivedRequests.compactMap { $0.headers["Authorization"] }
                == ["Bearer first", "Bearer first", "Bearer second"])
    }

    @Test func anExpiredTokenThatCannotBeRenewedIsUnauthorized() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        await simulator.setAcceptedTokens([])
        let error = try await #require(throws: JobBridgeError.self) { try await client.job("j1") }
        #expect(error.code == .unauthorized)
        #expect(error.httpStatus == 401)
        #expect(error.providerCode == "INVALID_AUTHORIZATION")
    }

    @Test func unknownIdsAreNotFoundWithTheEnvelopeAndPathsStayEncoded() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        let error = try await #require(throws: JobBridgeError.self) { try await client.runJob("../list") }
        #expect(error.code == .notFound)
        #expect(error.providerCode == "NOT_FOUND")
        #expect(error.operation == .runJob)
        #expect(
            simulator.router.receivedRequests.last?.url.absoluteString
                == "https://cloud.cdata.com/api/job/..%2Flist/run")
    }

    @Test func runningARunningJobIsAConflict() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        _ = try await provider.runJob(job.id)
        let error = try await #require(throws: JobBridgeError.self) { try await provider.runJob(job.id) }
        #expect(error.code == .conflict)
        #expect(error.httpStatus == 409)
        #expect(error.providerCode == "CACHE_JOB_RUNNING")
        #expect(simulator.router.count(.post, "/job/:id/run") == 2)
    }

    @Test func aRunIsQueuedThenRunsThenFinishesOnTheClock() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        #expect(try await provider.job(job.id).providerData?["lastRun"]?["dateTime"] == "0001-01-01T00:00:00Z")
        let run = try await provider.runJob(job.id)
        #expect(run.status == RunStatus(.queued, providerValue: "JOB_QUEUED"))
        #expect(run.startedAt == simulator.clock.date)
        simulator.clock.advance(by: .seconds(10))
        #expect(try await provider.status(of: job.id)?.status.phase == .running)
        simulator.clock.advance(by: .seconds(60))
        let finished = try #require(try await provider.status(of: job.id))
        #expect(finished.status == RunStatus(.succeeded, providerValue: "JOB_SUCCEEDED"))
        #expect(finished.duration == .seconds(60))
        #expect(finished.rowsAffected == 42)
        #expect(try await provider.job(job.id).lastRun == finished)

        await simulator.setRunOutcome("JOB_FAILED")
        let second = try await provider.runJob(job.id)
        let failed = try await provider.waitForCompletion(of: second, pollInterval: .seconds(5), clock: simulator.clock)
        #expect(failed.status.phase == .failed)
        #expect(failed.rowsAffected == 0)
    }

    @Test func stoppingEndsTheRunAsCancelled() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        _ = try await provider.runJob(job.id)
        simulator.clock.advance(by: .seconds(20))
        try await provider.cancelRun(of: job.id)
        simulator.clock.advance(by: .seconds(120))
        let run = try #require(try await provider.status(of: job.id))
        #expect(run.status == RunStatus(.cancelled, providerValue: "JOB_CANCELLED"))
        #expect(run.duration == .seconds(20))
    }

    @Test func aRunReadBeforeTheQueueCaughtUpIsNotTheOldOne() async throws {
        let body = """
            {"id": "j1", "jobType": "Caching", "params": {},
             "lastRun": {"dateTime": "2026-01-01T10:00:00Z", "duration": 60, "status": "JOB_SUCCEEDED"}}
            """
        let fixture = FixedAnswer(body)
        let provider = ConnectProvider(client: try fixture.client())
        let run = try await provider.runJob("j1")
        #expect(run.status.phase == .queued)
        let previousStart = try #require(ConnectDate.parse("2026-01-01T10:00:00Z"))
        #expect(try #require(run.requestedAt) > previousStart)
        // Read before (the reference for a check), run, read after.
        #expect(fixture.requests.map(\.method) == [.get, .post, .get])
    }

    @Test func aRunIsReportedQueuedEvenWhenTheReadAfterItFails() async throws {
        let simulator = ConnectSimulator()
        let id = try await simulator.addJob(
            [
                "jobType": "Caching", "intervalUnit": "Hour", "intervalValue": 1,
                "params": ["sourceConnection": "c1", "sourceTable": "T"],
            ])
        // The read before and the run go through; every read after fails.
        let failing = [Fault](repeating: .serverError(status: 500), count: 3)
        let faulty = FaultInjectingTransport(
            wrapping: simulator, plan: .script([.none, .none] + failing), clock: simulator.clock)
        let client = try ConnectClient(transport: faulty, retry: RetryPolicy(maxAttempts: 1), clock: simulator.clock) {
            AccessToken(token: Secret(ConnectSimulator.defaultToken))
        }
        let run = try await ConnectProvider(client: client).runJob(JobID(id))
        #expect(run.status == RunStatus(.queued, providerValue: "JOB_QUEUED"))
        #expect(faulty.records.map(\.method) == [.get, .post, .get, .get, .get])
        #expect(try await ConnectProvider(client: client).status(of: JobID(id))?.status.phase == .queued)
    }

    @Test func choosingTasksIsUnsupported() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let error = try await #require(throws: JobBridgeError.self) {
            try await provider.runJob("j1", tasks: ["table"])
        }
        #expect(error.code == .unsupported)
        #expect(error.operation == .runTasks)
        #expect(simulator.router.receivedRequests.isEmpty)
    }

    @Test func readsAreRetriedAfterServerErrorsButRunsAreNot() async throws {
        let simulator = ConnectSimulator()
        let faulty = FaultInjectingTransport(
            wrapping: simulator, plan: .script([.serverError(status: 503), .serverError(status: 503)]),
            clock: simulator.clock)
        let client = try ConnectClient(
            transport: faulty, clock: simulator.clock, now: simulator.clock.dateSource
        ) { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }
        #expect(try await client.jobs().isEmpty)
        #expect(faulty.records.count == 3)

        let id = try await simulator.addJob(
            [
                "jobType": "Caching", "intervalUnit": "Hour", "intervalValue": 1,
                "params": ["sourceConnection": "c1", "sourceTable": "T"],
            ])
        faulty.setPlan(.script([.dropAfterServer]))
        let error = try await #require(throws: JobBridgeError.self) { try await client.runJob(id) }
        #expect(error.code == .transport)
        #expect(simulator.router.count(.post, "/job/:id/run") == 1)
    }

    @Test(arguments: [(Fault.dropBeforeServer, 2), (.dropAfterServer, 1), (.serverError(status: 500), 2)])
    func anAmbiguousCreateIsCheckedAndNeverDoubled(_ fault: Fault, _ posts: Int) async throws {
        let simulator = ConnectSimulator()
        let faulty = FaultInjectingTransport(wrapping: simulator, plan: .script([fault]), clock: simulator.clock)
        let client = try ConnectClient(transport: faulty, clock: simulator.clock, now: simulator.clock.dateSource) {
            AccessToken(token: Secret(ConnectSimulator.defaultToken))
        }
        let provider = ConnectProvider(
            client: client, cacheConnection: TestSupport.cacheConnection, now: simulator.clock.dateSource)
        let job = try await provider.createJob(ConnectHarness().definition(0))
        #expect(faulty.records.filter { $0.method == .post }.count == posts)
        #expect(try await client.jobs().map(\.id) == [job.id.rawValue])
    }

    @Test func aLostCreateWithAnOlderLookAlikeIsUncertainNotRepeated() async throws {
        let simulator = ConnectSimulator()
        let faulty = FaultInjectingTransport(wrapping: simulator, clock: simulator.clock)
        let client = try ConnectClient(transport: faulty, clock: simulator.clock, now: simulator.clock.dateSource) {
            AccessToken(token: Secret(ConnectSimulator.defaultToken))
        }
        let provider = ConnectProvider(
            client: client, cacheConnection: TestSupport.cacheConnection, now: simulator.clock.dateSource)
        let older = try await provider.createJob(ConnectHarness().definition(0))
        simulator.clock.advance(by: .seconds(3_600))
        faulty.setPlan(.script([.serverError(status: 502)]))
        let error = try await #require(throws: JobBridgeError.self) {
            try await provider.createJob(ConnectHarness().definition(0))
        }
        #expect(error.code == .outcomeUncertain)
        #expect(error.message.contains(older.id.rawValue))
        #expect(try await client.jobs().count == 1)
    }

    @Test func theDemoSimulatorHasRealisticJobs() async throws {
        let clock = SimulatedClock()
        let simulator = try await ConnectSimulator.demo(clock: clock)
        let provider = try TestSupport.provider(simulator)
        let jobs = try await provider.jobs().collect()
        #expect(jobs.map(\.name) == ["MailChimp conversations", "Salesforce accounts", "Weekly revenue"])
        #expect(jobs[0].lastRun?.status.phase == .succeeded)
        #expect(jobs[1].lastRun == nil)
        #expect(jobs[2].lastRun?.status.phase == .failed)
        #expect(!jobs[2].isEnabled)
        #expect(jobs[0].destination == TestSupport.cacheConnection)
        #expect(jobs.allSatisfy { $0.nextRunAt.map { $0 > clock.date } ?? !$0.isEnabled })
        #expect(try await provider.client.connections().count == 3)
    }
}
