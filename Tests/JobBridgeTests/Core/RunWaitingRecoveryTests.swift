import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// A provider whose status answers come from a script, one per poll; the clock's offset at
/// each poll is recorded.
private final class Script: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<JobRun?, JobBridgeError>]
    private var times: [Duration] = []
    let clock: SimulatedClock

    init(_ answers: [Result<JobRun?, JobBridgeError>], clock: SimulatedClock) {
        self.answers = answers
        self.clock = clock
    }

    var pollTimes: [Duration] { lock.withLock { times } }

    func next() throws -> JobRun? {
        let answer = lock.withLock {
            times.append(clock.now.offset)
            return answers.count > 1 ? answers.removeFirst() : answers[0]
        }
        return try answer.get()
    }
}

private struct ScriptedProvider: JobProvider {
    let script: Script
    var descriptor: ProviderDescriptor { ProviderDescriptor(name: "Scripted", capabilities: [.status]) }
    func status(of id: JobID) async throws -> JobRun? { try script.next() }
}

@Suite struct RunWaitingRecoveryTests {
    static let requested = Date(timeIntervalSince1970: 1_000_000)
    static let queued = JobRun(jobID: "j", status: .queued, requestedAt: requested)
    static let running = JobRun(jobID: "j", status: .running, requestedAt: requested, startedAt: requested)
    static let done = JobRun(jobID: "j", status: .succeeded, requestedAt: requested, startedAt: requested)
    static let garbled = JobBridgeError(
        .badResponse, "the answer is not JSON: <html>", provider: "Scripted", httpStatus: 200)

    @Test(arguments: [
        garbled, JobBridgeError(.transport, "connection reset"), JobBridgeError(.rateLimited, "slow down"),
        JobBridgeError(.serviceUnavailable, "busy", httpStatus: 503),
    ])
    func anUnreadableOrRetryableAnswerDoesNotEndTheWait(_ failure: JobBridgeError) async throws {
        let clock = SimulatedClock()
        let script = Script([.success(Self.running), .failure(failure), .success(Self.done)], clock: clock)
        let finished = try await ScriptedProvider(script: script)
            .waitForCompletion(of: Self.queued, pollInterval: .seconds(1), clock: clock)
        #expect(finished.status == .succeeded)
        #expect(script.pollTimes.count == 3)
    }

    @Test(arguments: [
        JobBridgeError(.notFound, "gone"), JobBridgeError(.unauthorized, "expired"),
        JobBridgeError(.forbidden, "no"),
    ])
    func otherErrorsEndTheWaitAtOnce(_ failure: JobBridgeError) async throws {
        let clock = SimulatedClock()
        let script = Script([.success(Self.running), .failure(failure), .success(Self.done)], clock: clock)
        let error = await #expect(throws: JobBridgeError.self) {
            try await ScriptedProvider(script: script)
                .waitForCompletion(of: Self.queued, pollInterval: .seconds(1), clock: clock)
        }
        #expect(error == failure)
        #expect(script.pollTimes.count == 2)
    }

    @Test func theTimeoutNamesTheLastErrorSeen() async throws {
        let clock = SimulatedClock()
        let script = Script([.success(Self.running), .failure(Self.garbled)], clock: clock)
        let error = await #expect(throws: JobBridgeError.self) {
            try await ScriptedProvider(script: script)
                .waitForCompletion(of: Self.queued, pollInterval: .seconds(10), timeout: .seconds(60), clock: clock)
        }
        #expect(error?.code == .timeout)
        #expect(error?.message.contains("last seen: running") == true)
        #expect(error?.message.contains("6 of 7 reads failed") == true)
        #expect(error?.message.contains("badResponse: the answer is not JSON") == true)
        #expect(clock.now.offset == .seconds(60))
    }

    @Test func theDefaultPaceSeesAShortRunEndSoon() async throws {
        let clock = SimulatedClock()
        let provider = InMemoryProvider(
            configuration: .init(queueDelay: .zero, runDuration: .seconds(2)), now: clock.dateSource)
        let job = try await provider.createJob(JobDefinition(name: "short", kind: JobKind(.replication)))
        let run = try await provider.runJob(job.id)
        let finished = try await provider.waitForCompletion(of: run, clock: clock)
        #expect(finished.status == .succeeded)
        // Reads at 0, 0.5, 1.25 and 2.375 s: the run, done at 2 s, is seen 0.375 s later.
        #expect(clock.now.offset == .milliseconds(2375))
    }

    @Test func theDefaultPaceGrowsToItsCap() async throws {
        let clock = SimulatedClock()
        let script = Script([.success(Self.running)], clock: clock)
        _ = await #expect(throws: JobBridgeError.self) {
            try await ScriptedProvider(script: script).waitForCompletion(
                of: Self.queued, timeout: .seconds(120), clock: clock)
        }
        let times = script.pollTimes
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.first == RunPolling.firstPollInterval)
        #expect(gaps.dropLast().max() == RunPolling.maximumPollInterval)
        #expect(zip(gaps.dropLast().dropFirst(), gaps.dropLast()).allSatisfy { $0 >= $1 })
        #expect(gaps.dropLast().filter { $0 == RunPolling.maximumPollInterval }.count > 15)
    }
}
