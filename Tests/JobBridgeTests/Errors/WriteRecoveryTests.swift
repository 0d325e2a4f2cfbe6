import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

/// The core's one rule for "did my write happen?", with scripted sends and checks.
@Suite struct WriteRecoveryTests {
    /// Sends and checks, scripted: each send pops the next result.
    final class Script: @unchecked Sendable {
        private let lock = NSLock()
        private var sendResults: [Result<String, JobBridgeError>]
        private var checkResults: [WriteCheck<String>]
        private(set) var sends = 0
        private(set) var checks = 0

        init(sends: [Result<String, JobBridgeError>], checks: [WriteCheck<String>] = []) {
            self.sendResults = sends
            self.checkResults = checks
        }

        func send() throws -> String {
            try lock.withLock {
                sends += 1
                return try sendResults.removeFirst().get()
            }
        }

        func check() throws -> WriteCheck<String> {
            try lock.withLock {
                checks += 1
                guard !checkResults.isEmpty else { throw JobBridgeError(.serviceUnavailable, "check failed") }
                return checkResults.removeFirst()
            }
        }
    }

    static let dropped = JobBridgeError(.transport, "the connection closed", outcome: .maybeActed)
    static let refused = JobBridgeError(.transport, "connection refused", outcome: .notSent)
    static let rateLimited = JobBridgeError(.rateLimited, "slow down", httpStatus: 429, retryAfter: .seconds(3))
    static let badRequest = JobBridgeError(.invalidRequest, "no", httpStatus: 400)

    private func run(_ script: Script, clock: SimulatedClock = SimulatedClock()) async throws -> String {
        let recovery = WriteRecovery(retry: RetryPolicy(random: { $0.upperBound }), clock: clock)
        return try await recovery.perform(.createJob, provider: "P (prod)", checking: "the jobs named 'A'") {
            try script.send()
        } check: {
            try script.check()
        }
    }

    @Test func nothingIsReadWhenNothingFails() async throws {
        let script = Script(sends: [.success("created")])
        #expect(try await run(script) == "created")
        #expect(script.sends == 1)
        #expect(script.checks == 0)
    }

    @Test func aWriteThatMayHaveActedAndDidIsTheResult() async throws {
        let script = Script(sends: [.failure(Self.dropped)], checks: [.tookEffect("found")])
        #expect(try await run(script) == "found")
        #expect(script.sends == 1)
        #expect(script.checks == 1)
    }

    @Test func aWriteThatMayHaveActedAndDidNotIsSentAgain() async throws {
        let clock = SimulatedClock()
        let script = Script(sends: [.failure(Self.dropped), .success("created")], checks: [.didNotTakeEffect])
        #expect(try await run(script, clock: clock) == "created")
        #expect(script.sends == 2)
        #expect(clock.now.offset == .milliseconds(250))
    }

    @Test func aWriteThatCertainlyDidNotActIsSentAgainWithoutACheck() async throws {
        let clock = SimulatedClock()
        let script = Script(sends: [.failure(Self.rateLimited), .failure(Self.refused), .success("created")])
        #expect(try await run(script, clock: clock) == "created")
        #expect(script.checks == 0)
        // Retry-After first (3 s), then the second backoff cap (0.5 s).
        #expect(clock.now.offset == .milliseconds(3_500))
    }

    @Test func anAnswerIsTheResultAndIsNotSentAgain() async throws {
        let script = Script(sends: [.failure(Self.badRequest)])
        let error = try await #require(throws: JobBridgeError.self) { try await run(script) }
        #expect(error.code == .invalidRequest)
        #expect(error.provider == "P (prod)")
        #expect(error.operation == .createJob)
        #expect(script.sends == 1)
        #expect(script.checks == 0)
    }

    @Test func aCheckThatCannotTellMakesTheOutcomeUncertain() async throws {
        let script = Script(sends: [.failure(Self.dropped)], checks: [.unknown("two look-alikes")])
        let error = try await #require(throws: JobBridgeError.self) { try await run(script) }
        #expect(error.code == .outcomeUncertain)
        #expect(error.outcome == .maybeActed)
        #expect(error.message.contains("two look-alikes"))
        #expect(error.message.contains("check the jobs named 'A' before trying again"))
        #expect(script.sends == 1)
    }

    @Test func aCheckThatFailsMakesTheOutcomeUncertain() async throws {
        let script = Script(sends: [.failure(Self.dropped)], checks: [])
        let error = try await #require(throws: JobBridgeError.self) { try await run(script) }
        #expect(error.code == .outcomeUncertain)
        #expect(error.message.contains("checking failed"))
        #expect(script.sends == 1)
    }

    @Test func anAnswerAfterAnAmbiguousAttemptIsCheckedAgain() async throws {
        // The first delete acted but its answer was lost; the check missed it; the second
        // is answered 404. The write took effect: the check now says so.
        let notFound = JobBridgeError(.notFound, "gone", httpStatus: 404)
        let script = Script(
            sends: [.failure(Self.dropped), .failure(notFound)], checks: [.didNotTakeEffect, .tookEffect("gone")])
        #expect(try await run(script) == "gone")
        #expect(script.checks == 2)
    }

    @Test func attemptsAreBoundedAndTheLastErrorSaysTheWriteDidNotHappen() async throws {
        let script = Script(
            sends: Array(repeating: .failure(Self.dropped), count: 4),
            checks: Array(repeating: .didNotTakeEffect, count: 4))
        let error = try await #require(throws: JobBridgeError.self) { try await run(script) }
        #expect(error.code == .transport)
        #expect(error.outcome == .notSent)
        #expect(error.message.contains("it did not take effect"))
        #expect(script.sends == 4)
    }

    @Test func runningOutAfterAnAmbiguousAttemptIsUncertain() async throws {
        let script = Script(
            sends: [.failure(Self.dropped)] + Array(repeating: .failure(Self.refused), count: 3),
            checks: [.didNotTakeEffect])
        let error = try await #require(throws: JobBridgeError.self) { try await run(script) }
        #expect(error.code == .outcomeUncertain)
        #expect(script.sends == 4)
    }

    @Test func aReadAfterAWriteNeverFailsIt() async throws {
        let recovery = WriteRecovery(retry: RetryPolicy(random: { $0.upperBound }), clock: SimulatedClock())
        let attempts = HTTPTestBox(0)
        let value = try await recovery.readAfterWrite { () -> Int in
            let count = attempts.update { value -> Int in
                value += 1
                return value
            }
            if count < 3 { throw JobBridgeError(.badResponse, "garbled") }
            return count
        }
        #expect(value == 3)
        let nothing = try await recovery.readAfterWrite { () -> Int in throw JobBridgeError(.badResponse, "garbled") }
        #expect(nothing == nil)
    }

    @Test func theDeleteCheckReadsGoneAsTakenEffect() async throws {
        let gone = try await WriteCheck<Void>.gone { throw JobBridgeError(.notFound, "no such job") }
        guard case .tookEffect = gone else {
            Issue.record("a missing job is a delete that took effect")
            return
        }
        let there = try await WriteCheck<Void>.gone {}
        guard case .didNotTakeEffect = there else {
            Issue.record("a job that reads is a delete that did not take effect")
            return
        }
        await #expect(throws: JobBridgeError.self) {
            _ = try await WriteCheck<Void>.gone { throw JobBridgeError(.unauthorized, "no") }
        }
    }
}

/// What a failed request may have done, from its code and status.
@Suite struct RequestOutcomeTests {
    @Test(arguments: [
        (429, RequestOutcome.notSent), (503, .notSent), (408, .notSent), (500, .maybeActed), (502, .maybeActed),
        (504, .maybeActed), (507, .maybeActed), (520, .maybeActed), (501, .answered), (200, .maybeActed),
        (400, .answered), (404, .answered), (409, .answered),
        (302, .answered),
    ])
    func fromTheStatus(status: Int, outcome: RequestOutcome) {
        let code = JobBridgeError.Code(httpStatus: status) ?? .badResponse
        #expect(JobBridgeError(code, "x", httpStatus: status).outcome == outcome)
    }

    @Test func withoutAnAnswer() {
        #expect(JobBridgeError(.transport, "x").outcome == .maybeActed)
        #expect(JobBridgeError(.invalidDefinition, "x").outcome == .notSent)
        #expect(JobBridgeError(.unsupported, "x").outcome == .notSent)
        #expect(JobBridgeError(.transport, "x", outcome: .notSent).outcome == .notSent)
    }

    @Test func aMaybeActedErrorSaysSoInOneLine() {
        let error = JobBridgeError(.transport, "dropped", provider: "Sync (prod)", operation: .runJob)
        #expect(error.description == "Sync (prod) runJob: transport (may have acted): dropped")
    }
}
