import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct RetryTests {
    /// A router whose `/jobs` answers `failures` times with `status`, then 200.
    private func flakyRouter(status: Int, failures: Int, headers: HTTPHeaders = [:]) -> SimulatorRouter {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        let count = HTTPTestBox(0)
        let handler: SimulatorRouter.Handler = { _ in
            let attempt = count.update { value -> Int in
                value += 1
                return value
            }
            if attempt <= failures { return .error(status, code: "E\(status)", message: "failing", headers: headers) }
            return .json(200, ["value": []])
        }
        for method in [HTTPMethod.get, .post, .put, .delete] { router.on(method, "/jobs", handler) }
        return router
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504])
    func retriedStatuses(status: Int) async throws {
        let router = flakyRouter(status: status, failures: 3)
        let clock = SimulatedClock()
        let response = try await HTTPTest.client(router, clock: clock).send(.get, ["jobs"])
        #expect(response.status == 200)
        #expect(router.receivedRequests.count == 4)
        // Full jitter at its upper bound: 0.25 + 0.5 + 1 seconds.
        #expect(clock.now.offset == .milliseconds(1750))
    }

    @Test(arguments: [400, 401, 403, 404, 405, 409, 422, 501])
    func notRetriedStatuses(status: Int) async throws {
        let router = flakyRouter(status: status, failures: 1)
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router).send(.get, ["jobs"])
        }
        #expect(error?.httpStatus == status)
        #expect(router.receivedRequests.count == 1)
    }

    @Test func postIsNeverRetried() async throws {
        let router = flakyRouter(status: 503, failures: 1)
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router).send(.post, ["jobs"])
        }
        #expect(error?.code == .serviceUnavailable)
        #expect(router.receivedRequests.count == 1)
    }

    @Test func postMarkedIdempotentIsRetried() async throws {
        let router = flakyRouter(status: 503, failures: 1)
        let response = try await HTTPTest.client(router).send(.post, ["jobs"], idempotent: true)
        #expect(response.status == 200)
        #expect(router.receivedRequests.count == 2)
    }

    @Test func putAndDeleteAreRetried() async throws {
        for method in [HTTPMethod.put, .delete] {
            let router = flakyRouter(status: 502, failures: 2)
            let response = try await HTTPTest.client(router).send(method, ["jobs"])
            #expect(response.status == 200)
            #expect(router.receivedRequests.count == 3)
        }
    }

    @Test func boundedByAttempts() async throws {
        let router = flakyRouter(status: 503, failures: 100)
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router).send(.get, ["jobs"], operation: .listJobs)
        }
        #expect(error?.code == .serviceUnavailable)
        #expect(error?.operation == .listJobs)
        #expect(router.receivedRequests.count == 4)
    }

    @Test func boundedByTotalTime() async throws {
        let router = flakyRouter(status: 500, failures: 100)
        let clock = SimulatedClock()
        let retry = HTTPTest.retry(maxAttempts: 10, baseDelay: .seconds(1), maxTotalTime: .seconds(5))
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router, retry: retry, clock: clock).send(.get, ["jobs"])
        }
        #expect(error?.code == .serviceUnavailable)
        // Waits 1 s and 2 s; the next wait (4 s) would end after 7 s > 5 s.
        #expect(router.receivedRequests.count == 3)
        #expect(clock.now.offset == .seconds(3))
    }

    @Test func retryAfterSecondsIsHonoured() async throws {
        let router = flakyRouter(status: 429, failures: 1, headers: ["Retry-After": "7"])
        let clock = SimulatedClock()
        let response = try await HTTPTest.client(router, clock: clock).send(.get, ["jobs"])
        #expect(response.status == 200)
        #expect(clock.now.offset == .seconds(7))
    }

    @Test func retryAfterHTTPDateIsHonoured() async throws {
        let now = Date(timeIntervalSince1970: 1_767_225_600)  // Thu, 01 Jan 2026 00:00:00 GMT
        let router = flakyRouter(status: 503, failures: 1, headers: ["Retry-After": "Thu, 01 Jan 2026 00:00:12 GMT"])
        let clock = SimulatedClock()
        let response = try await HTTPTest.client(router, retry: HTTPTest.retry(now: { now }), clock: clock)
            .send(.get, ["jobs"])
        #expect(response.status == 200)
        #expect(clock.now.offset == .seconds(12))
    }

    @Test func retryAfterBeyondBudgetStopsWithRateLimitedError() async throws {
        let router = flakyRouter(status: 429, failures: 1, headers: ["Retry-After": "120"])
        let clock = SimulatedClock()
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router, clock: clock).send(.get, ["jobs"])
        }
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfter == .seconds(120))
        #expect(error?.isRetryable == true)
        #expect(router.receivedRequests.count == 1)
        #expect(clock.now.offset == .zero)
    }

    @Test func parseRetryAfterForms() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        #expect(RetryPolicy.parseRetryAfter("0", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter(" 30 ", now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now: now) == .seconds(60))
        #expect(RetryPolicy.parseRetryAfter("Thursday, 01-Jan-26 00:01:00 GMT", now: now) == .seconds(60))
        #expect(RetryPolicy.parseRetryAfter("Thu Jan  1 00:01:00 2026", now: now) == .seconds(60))
        #expect(RetryPolicy.parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("-5", now: now) == nil)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test func backoffIsFullJitterCappedExponential() {
        let ranges = HTTPTestBox<[ClosedRange<Double>]>([])
        let policy = RetryPolicy(random: { range in
            ranges.update { $0.append(range) }
            return range.upperBound / 2
        })
        #expect(policy.backoff(retry: 0) == .milliseconds(125))
        #expect(policy.backoff(retry: 1) == .milliseconds(250))
        #expect(policy.backoff(retry: 4) == .seconds(2))
        #expect(policy.backoff(retry: 10) == .seconds(4))
        #expect(ranges.value == [0...0.25, 0...0.5, 0...4, 0...8])
        let lowest = RetryPolicy(random: { $0.lowerBound })
        #expect(lowest.backoff(retry: 3) == .zero)
    }

    @Test func defaultPolicyValues() {
        let policy = RetryPolicy.default
        #expect(policy.maxAttempts == 4)
        #expect(policy.baseDelay == .milliseconds(250))
        #expect(policy.maxDelay == .seconds(8))
        #expect(policy.maxTotalTime == .seconds(30))
        #expect(policy.retriedStatuses == [408, 429, 500, 502, 503, 504])
    }

    @Test func transportErrorsAreRetriedForGet() async throws {
        let router = flakyRouter(status: 500, failures: 0)
        let faults = FaultInjectingTransport(wrapping: router, plan: .script([.dropBeforeServer, .dropAfterServer]))
        let response = try await HTTPTest.client(faults).send(.get, ["jobs"])
        #expect(response.status == 200)
        #expect(faults.records.count == 3)
        #expect(router.receivedRequests.count == 2)
    }

    @Test func ambiguousPostFailureIsNotRepeated() async throws {
        let router = flakyRouter(status: 500, failures: 0)
        let faults = FaultInjectingTransport(wrapping: router, plan: .script([.dropAfterServer]))
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(faults).send(.post, ["jobs"], operation: .createJob)
        }
        #expect(error?.code == .transport)
        #expect(error?.operation == .createJob)
        #expect(router.receivedRequests.count == 1)
        #expect(faults.records.count == 1)
    }

    @Test func observersSeeEachAttemptAndTheWaits() async throws {
        let router = flakyRouter(status: 503, failures: 2)
        let recorder = HTTPEventRecorder()
        _ = try await HTTPTest.client(router, observers: [recorder]).send(.get, ["jobs"])
        let attempts = recorder.events.compactMap { event -> Int? in
            if case .requestSent(let request) = event { return request.attempt }
            return nil
        }
        #expect(attempts == [1, 2, 3])
        let statuses = recorder.events.compactMap { event -> Int? in
            if case .responseReceived(_, let response) = event { return response.status }
            return nil
        }
        #expect(statuses == [503, 503, 200])
        let waits = recorder.events.compactMap { event -> Duration? in
            if case .retrying(_, let delay) = event { return delay }
            return nil
        }
        #expect(waits == [.milliseconds(250), .milliseconds(500)])
    }
}
