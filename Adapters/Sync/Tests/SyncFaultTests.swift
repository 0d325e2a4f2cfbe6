import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting
import Testing

/// The provider behind ``FaultInjectingTransport``: requests that must not take effect twice
/// are checked, never repeated blindly; idempotent ones are retried by the client.
@Suite struct SyncFaultTests {
    /// How many requests with this method and path pattern left the client (faulted or not).
    static func attempts(_ fixture: SyncFixture, _ method: HTTPMethod, _ suffix: String) -> Int {
        fixture.faults.records.filter { $0.method == method && $0.path.hasSuffix(suffix) }.count
    }

    // MARK: Create

    @Test func aCreateWhoseAnswerWasLostIsNotRepeated() async throws {
        // Nothing is read before the create: the POST is the first request.
        let fixture = try await SyncFixture(plan: .script([.dropAfterServer]))
        let job = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        #expect(job.name == "Accounts")
        #expect(await fixture.simulator.jobCount(inWorkspace: SyncFixture.workspace) == 1)
        #expect(Self.attempts(fixture, .post, "/jobs") == 1)
        // The check was a listing by name, then the new job's tasks were read.
        #expect(fixture.faults.records.map(\.method) == [.post, .get, .get])
        #expect(fixture.faults.records[1].path.hasSuffix("/workspaces/\(SyncFixture.workspace)/jobs"))
        #expect(fixture.faults.records[2].path.hasSuffix("/jobs/\(job.id.rawValue)/tasks"))
    }

    @Test func aLostCreateIsNotTakenForAJobOfTheNameThatWasThereBefore() async throws {
        // The server refuses the duplicate name, but its answer is lost.
        let fixture = try await SyncFixture(server: {
            FaultsOn(.post, "/workspaces/\(SyncFixture.workspace)/jobs", plan: [.dropAfterServer], server: $0)
        })
        let older = await fixture.simulator.seedJob(
            ["name": "Accounts", "type": "Replication", "source_connection_id": "c-sf"],
            workspace: SyncFixture.workspace)
        let error = await syncError { _ = try await fixture.provider.createJob(SyncFixture.definition("Accounts")) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.operation == .createJob)
        #expect(try await fixture.provider.jobs().collect().map(\.id.rawValue) == [older])
        #expect(Self.attempts(fixture, .post, "/jobs") == 2)
    }

    @Test(arguments: [Fault.dropBeforeServer, .serverError(status: 503), .serverError(status: 502)])
    func aCreateThatNeverArrivedIsSentAgain(_ fault: Fault) async throws {
        let fixture = try await SyncFixture(plan: .script([fault]))
        let job = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        #expect(await fixture.simulator.jobCount(inWorkspace: SyncFixture.workspace) == 1)
        #expect(Self.attempts(fixture, .post, "/jobs") == 2)
        #expect(fixture.requests(.post, "workspaces/:ws/jobs").count == 1)
        #expect(try await fixture.provider.job(job.id).name == "Accounts")
    }

    @Test func aCreateWithAnUnreadableAnswerIsFoundByName() async throws {
        let fixture = try await SyncFixture(plan: .script([.malformedBody]))
        let job = try await fixture.provider.createJob(SyncFixture.definition("Accounts"))
        #expect(job.name == "Accounts")
        #expect(await fixture.simulator.jobCount(inWorkspace: SyncFixture.workspace) == 1)
        #expect(Self.attempts(fixture, .post, "/jobs") == 1)
    }

    @Test func withoutRetriesALostAnswerIsStillResolved() async throws {
        let lost = try await SyncFixture(plan: .script([.dropAfterServer]), retry: .never)
        #expect(try await lost.provider.createJob(SyncFixture.definition("Accounts")).name == "Accounts")
        let dropped = try await SyncFixture(plan: .script([.dropBeforeServer]), retry: .never)
        let error = await syncError { _ = try await dropped.provider.createJob(SyncFixture.definition("Accounts")) }
        #expect(error?.code == .transport)
        #expect(error?.operation == .createJob)
        #expect(await dropped.simulator.jobCount(inWorkspace: SyncFixture.workspace) == 0)
    }

    @Test func attemptsAreBoundedAndWaitOnTheClock() async throws {
        // Every create is lost before the server: nothing to check, each is sent again.
        let script: [Fault] = [.dropBeforeServer, .dropBeforeServer, .dropBeforeServer, .dropBeforeServer]
        let fixture = try await SyncFixture(plan: .script(script))
        let error = await syncError { _ = try await fixture.provider.createJob(SyncFixture.definition()) }
        #expect(error?.code == .transport)
        #expect(Self.attempts(fixture, .post, "/jobs") == 4)
        #expect(await fixture.simulator.jobCount(inWorkspace: SyncFixture.workspace) == 0)
        // Backoff caps 0.25 s, 0.5 s, 1 s (jitter at its upper bound) between the attempts.
        #expect(fixture.clock.now.offset == .milliseconds(1750))
    }

    // MARK: Runs

    @Test func anExecuteWhoseAnswerWasLostIsNotRepeated() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "Q")]))
        // The first request reads the status before the execute.
        fixture.faults.setPlan(.script([.none, .dropAfterServer]))
        let run = try await fixture.provider.runJob(job.id)
        #expect(await fixture.simulator.runCount(of: job.id.rawValue) == 1)
        #expect(run.runID != nil)
        #expect(run.status.phase == .queued)
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(1), clock: fixture.clock)
        #expect(finished.status.phase == .succeeded)
    }

    @Test func aRateLimitedExecuteWaitsAndIsSentAgain() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition())
        fixture.faults.setPlan(.script([.none, .rateLimited(retryAfterSeconds: 7)]))
        let before = fixture.clock.now
        _ = try await fixture.provider.runJob(job.id)
        #expect(before.duration(to: fixture.clock.now) == .seconds(7))
        #expect(await fixture.simulator.runCount(of: job.id.rawValue) == 1)
        #expect(Self.attempts(fixture, .post, "/execute") == 2)
    }

    @Test func anExecuteWhoseRunEndedBeforeTheCheckIsNotRepeated() async throws {
        let fixture = try await SyncFixture(
            configuration: .init(token: SyncFixture.token, queueDelay: .zero, runDuration: .zero),
            server: { FaultsOn(.post, "/execute", plan: [.dropAfterServer], server: $0) })
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "Q")]))
        _ = try #require(
            await fixture.simulator.seedRun(of: job.id.rawValue, requestedAt: Date(timeIntervalSince1970: 0)))
        let run = try await fixture.provider.runJob(job.id)
        #expect(await fixture.simulator.runCount(of: job.id.rawValue) == 2)
        #expect(Self.attempts(fixture, .post, "/execute") == 1)
        #expect(run.status.phase == .succeeded)
        #expect(run.startedAt == fixture.clock.dateSource())
    }

    @Test func aLostExecuteIsNotTakenForARunThatWasAlreadyGoing() async throws {
        // A run the scheduler started: the execute is refused as running, and the answer lost.
        let fixture = try await SyncFixture(server: {
            FaultsOn(.post, "/execute", plan: [.dropAfterServer], server: $0)
        })
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "Q")]))
        let going = try #require(
            await fixture.simulator.seedRun(of: job.id.rawValue, requestedAt: fixture.clock.dateSource()))
        let error = await syncError { _ = try await fixture.provider.runJob(job.id) }
        #expect(error?.code == .conflict)
        #expect(error?.operation == .runJob)
        #expect(await fixture.simulator.runCount(of: job.id.rawValue) == 1)
        #expect(try await fixture.provider.status(of: job.id)?.runID?.rawValue == going)
    }

    /// Runs without an id are recognized by the server's dates alone (the provider has no
    /// local clock that could be skewed from the server's).
    @Test(arguments: [false, true])
    func waitingForARunWithoutIDIgnoresTheLocalClock(ranBefore: Bool) async throws {
        let clock = SimulatedClock()
        let fixture = try await SyncFixture(clock: clock, server: { RunsWithoutIDs($0) })
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "Q")]))
        let before = clock.dateSource().addingTimeInterval(-86_400)
        if ranBefore { try #require(await fixture.simulator.seedRun(of: job.id.rawValue, requestedAt: before) != nil) }
        let run = try await fixture.provider.runJob(job.id)
        #expect(run.runID == nil)
        #expect(run.requestedAt == (ranBefore ? before.addingTimeInterval(0.001) : nil))
        #expect(run.startedAt == clock.dateSource())
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(1), timeout: .seconds(120), clock: clock)
        #expect(finished.status.phase == .succeeded)
        #expect(finished.startedAt == run.startedAt)
        #expect(await fixture.simulator.runCount(of: job.id.rawValue) == (ranBefore ? 2 : 1))
    }

    /// The status read after an execute still shows the previous run: the run returned is a
    /// new one starting, not the previous run's result.
    @Test func aStatusThatStillShowsThePreviousRunIsNotReturnedAsTheNewRun() async throws {
        let clock = SimulatedClock()
        let fixture = try await SyncFixture(clock: clock, server: { RunsWithoutIDs($0, staleReads: 1) })
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "Q")]))
        let before = clock.dateSource().addingTimeInterval(-86_400)
        try #require(await fixture.simulator.seedRun(of: job.id.rawValue, requestedAt: before) != nil)
        let requested = clock.dateSource()
        let run = try await fixture.provider.runJob(job.id)
        #expect(run.status.phase == .queued)
        #expect(run.startedAt == nil)
        #expect(run.requestedAt == before.addingTimeInterval(0.001))
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(1), timeout: .seconds(120), clock: clock)
        #expect(finished.startedAt == requested)
        #expect(finished.status.phase == .succeeded)
    }

    @Test func aHugeRetryAfterIsNotWaitedBeyondTheTotalTime() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition())
        fixture.faults.setPlan(.script([.none, .rateLimited(retryAfterSeconds: 86_400)]))
        let before = fixture.clock.now
        let error = await syncError { _ = try await fixture.provider.runJob(job.id) }
        #expect(error?.code == .rateLimited)
        #expect(error?.operation == .runJob)
        #expect(error?.retryAfter == .seconds(86_400))
        #expect(before.duration(to: fixture.clock.now) == .zero)
        #expect(Self.attempts(fixture, .post, "/execute") == 1)
        #expect(await fixture.simulator.runCount(of: job.id.rawValue) == 0)
    }

    @Test func backoffAfterRateLimitsStopsAtTheTotalTime() async throws {
        // 20 s + 20 s exceeds the policy's 30 s: the second 429 is the result.
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition())
        fixture.faults.setPlan(
            .script([.none, .rateLimited(retryAfterSeconds: 20), .rateLimited(retryAfterSeconds: 20)]))
        let before = fixture.clock.now
        let error = await syncError { _ = try await fixture.provider.runJob(job.id) }
        #expect(error?.code == .rateLimited)
        #expect(before.duration(to: fixture.clock.now) == .seconds(20))
        #expect(Self.attempts(fixture, .post, "/execute") == 2)
    }

    @Test func aLostCancelIsCheckedNotRepeated() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition())
        let run = try await fixture.provider.runJob(job.id)
        fixture.faults.setPlan(.script([.dropAfterServer]))
        try await fixture.provider.cancelRun(of: job.id)
        #expect(Self.attempts(fixture, .post, "/cancel") == 1)
        let finished = try await fixture.provider.waitForCompletion(
            of: run, pollInterval: .seconds(1), clock: fixture.clock)
        #expect(finished.status.phase == .cancelled)
    }

    // MARK: Deletes, tasks, updates

    @Test func aDeleteWhoseAnswerWasLostSucceeds() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition())
        fixture.faults.setPlan(.script([.dropAfterServer]))
        try await fixture.provider.deleteJob(job.id)
        #expect(await fixture.simulator.jobCount(inWorkspace: SyncFixture.workspace) == 0)
        #expect(Self.attempts(fixture, .delete, job.id.rawValue) == 1)
    }

    @Test func anAddedTaskWhoseAnswerWasLostIsNotAddedTwice() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition(tasks: [TaskDefinition(query: "A")]))
        fixture.faults.setPlan(.script([.none, .dropAfterServer]))
        let added = try await fixture.provider.addTask(TaskDefinition(query: "B"), to: job.id)
        #expect(added.index == 1)
        #expect(added.query == "B")
        #expect(try await fixture.provider.tasks(of: job.id).map(\.query) == ["A", "B"])
    }

    @Test func aMoveWhoseAnswerWasLostIsNotMadeTwice() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(
            SyncFixture.definition(tasks: ["A", "B", "C"].map { TaskDefinition(query: $0) }))
        fixture.faults.setPlan(.script([.none, .dropAfterServer]))
        let moved = try await fixture.provider.moveTask(job.tasks[0].id, of: job.id, to: 2)
        #expect(moved.map(\.query) == ["B", "C", "A"])
        #expect(fixture.requests(.post, "jobs/:job/tasks/:task/move").count == 1)
    }

    @Test func anUpdateIsRetriedByTheClientSinceItIsIdempotent() async throws {
        let fixture = try await SyncFixture()
        let job = try await fixture.provider.createJob(SyncFixture.definition())
        fixture.faults.setPlan(.script([.none, .dropAfterServer]))
        let updated = try await fixture.provider.updateJob(job.id, with: JobUpdate(name: "Renamed"))
        #expect(updated.name == "Renamed")
        #expect(fixture.requests(.put, "jobs/:job").count == 2)
    }

    @Test func readsAreRetriedAndUnreadableAnswersReported() async throws {
        let fixture = try await SyncFixture(
            plan: .script([.rateLimited(retryAfterSeconds: 2), .serverError(status: 503)]))
        #expect(try await fixture.provider.jobs().collect().isEmpty)
        #expect(fixture.clock.now.offset >= .seconds(2))
        fixture.faults.setPlan(.script([.truncatedBody]))
        _ = try await fixture.provider.createJob(SyncFixture.definition())
        // An unreadable answer to a read is read again (four attempts), then reported.
        fixture.faults.setPlan(.script([.malformedBody]))
        #expect(try await fixture.provider.jobs().collect().count == 1)
        fixture.faults.setPlan(.script(Array(repeating: .malformedBody, count: 4)))
        let error = await syncError { _ = try await fixture.provider.jobs().collect() }
        #expect(error?.code == .badResponse)
        #expect(error?.message.contains("an HTML page (") == true)  // summed up, never pasted
    }

    // MARK: A seeded storm

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func noJobIsCreatedTwiceUnderRandomFaults(_ seed: UInt64) async throws {
        let table: [(fault: Fault, probability: Double)] = [
            (.latency(.milliseconds(200)), 0.3), (.rateLimited(retryAfterSeconds: 1), 0.08),
            (.serverError(status: 503), 0.08), (.dropBeforeServer, 0.08), (.dropAfterServer, 0.1),
        ]
        let fixture = try await SyncFixture(plan: .probabilities(table), seed: seed)
        var created: [String: JobID] = [:]
        for number in 0..<8 {
            let name = "Job \(number)"
            do {
                created[name] = try await fixture.provider.createJob(
                    SyncFixture.definition(name, tasks: [TaskDefinition(query: "REPLICATE [T\(number)]")])
                ).id
            } catch let error as JobBridgeError where error.isRetryable {
                // Attempts ran out: acceptable, as long as nothing was created twice.
            }
        }
        fixture.faults.setPlan(.script([]))
        let listed = try await fixture.provider.jobs().collect()
        #expect(Set(listed.map(\.name)).count == listed.count, "seed \(seed): a job was created twice")
        for (name, id) in created { #expect(listed.contains { $0.id == id && $0.name == name }) }
        #expect(fixture.faults.injectedFaults.contains { !$0.isEmpty })
    }
}
