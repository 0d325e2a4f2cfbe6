import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// A provider whose status answers come from a script, one per poll.
private actor ScriptedStatus {
    var answers: [Result<JobRun?, JobBridgeError>]
    private(set) var polls = 0
    init(_ answers: [Result<JobRun?, JobBridgeError>]) { self.answers = answers }
    func next() throws -> JobRun? {
        polls += 1
        let answer = answers.count > 1 ? answers.removeFirst() : answers[0]
        return try answer.get()
    }
}

private struct ScriptedProvider: JobProvider {
    let script: ScriptedStatus
    var descriptor: ProviderDescriptor { ProviderDescriptor(name: "Scripted", capabilities: [.status]) }
    func status(of id: JobID) async throws -> JobRun? { try await script.next() }
}

@Suite struct RunWaitingTests {
    let requested = Date(timeIntervalSince1970: 1_000_000)

    private func run(_ phase: RunStatus.Phase, startedAt: Date? = nil) -> JobRun {
        JobRun(jobID: "j", status: RunStatus(phase), requestedAt: requested, startedAt: startedAt)
    }

    @Test func waitsUntilTheRunFinishes() async throws {
        let clock = SimulatedClock()
        let script = ScriptedStatus([
            .success(run(.queued)), .success(run(.running, startedAt: requested)),
            .success(run(.succeeded, startedAt: requested)),
        ])
        let provider = ScriptedProvider(script: script)
        let finished = try await provider.waitForCompletion(of: run(.queued), pollInterval: .seconds(10), clock: clock)
        #expect(finished.status == .succeeded)
        #expect(await script.polls == 3)
        #expect(clock.now.offset == .seconds(20))
    }

    @Test func thePreviousRunsResultIsNotTakenForThisOne() async throws {
        let clock = SimulatedClock()
        let previous = JobRun(jobID: "j", status: .failed, startedAt: requested.addingTimeInterval(-3600))
        let script = ScriptedStatus([.success(previous), .success(run(.succeeded, startedAt: requested))])
        let finished = try await ScriptedProvider(script: script)
            .waitForCompletion(of: run(.queued), pollInterval: .seconds(1), clock: clock)
        #expect(finished.status == .succeeded)
        #expect(await script.polls == 2)
    }

    @Test func transientErrorsDoNotEndTheWait() async throws {
        let clock = SimulatedClock()
        let script = ScriptedStatus([
            .failure(JobBridgeError(.serviceUnavailable, "busy", httpStatus: 503)),
            .success(run(.succeeded, startedAt: requested)),
        ])
        let finished = try await ScriptedProvider(script: script)
            .waitForCompletion(of: run(.queued), pollInterval: .seconds(1), clock: clock)
        #expect(finished.status == .succeeded)
    }

    @Test func otherErrorsEndTheWait() async throws {
        let script = ScriptedStatus([.failure(JobBridgeError(.notFound, "gone"))])
        let error = await #expect(throws: JobBridgeError.self) {
            try await ScriptedProvider(script: script)
                .waitForCompletion(of: run(.queued), pollInterval: .seconds(1), clock: SimulatedClock())
        }
        #expect(error?.code == .notFound)
    }

    @Test func aTimeoutSaysWhatWasLastSeen() async throws {
        let clock = SimulatedClock()
        let script = ScriptedStatus([.success(run(.running, startedAt: requested))])
        let error = await #expect(throws: JobBridgeError.self) {
            try await ScriptedProvider(script: script)
                .waitForCompletion(of: run(.queued), pollInterval: .seconds(30), timeout: .seconds(100), clock: clock)
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("last seen: running") == true)
        #expect(error?.provider == "Scripted")
        #expect(clock.now.offset == .seconds(100))
        #expect(await script.polls == 5)
    }

    @Test func runsWithIDsAreReadByID() async throws {
        let clock = SimulatedClock()
        let provider = InMemoryProvider(now: clock.dateSource)
        let job = try await provider.createJob(JobDefinition(name: "a", kind: JobKind(.replication)))
        let started = try await provider.runJob(job.id)
        #expect(started.runID != nil)
        let finished = try await provider.waitForCompletion(of: started, pollInterval: .seconds(5), clock: clock)
        #expect(finished.runID == started.runID)
        #expect(finished.status == .succeeded)
        #expect(finished.duration == .seconds(30))
    }
}
