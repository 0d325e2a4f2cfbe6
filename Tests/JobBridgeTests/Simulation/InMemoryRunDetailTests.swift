import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// What the in-memory provider reports for cancelled runs. Found by mutation testing (#15).
@Suite struct InMemoryRunDetailTests {
    @Test func aRunCancelledWhileQueuedNeverStarted() async throws {
        let clock = SimulatedClock()
        let provider = InMemoryProvider(
            configuration: .init(queueDelay: .seconds(10), runDuration: .seconds(30)), now: clock.dateSource)
        let job = try await provider.createJob(JobDefinition(name: "a", kind: JobKind(.replication)))
        _ = try await provider.runJob(job.id)
        clock.advance(by: .seconds(5))
        try await provider.cancelRun(of: job.id)
        let run = try #require(try await provider.status(of: job.id))
        #expect(run.status.phase == .cancelled)
        #expect(run.startedAt == nil)
    }

    @Test func aRunCancelledWhileRunningKeepsItsStart() async throws {
        let clock = SimulatedClock()
        let provider = InMemoryProvider(
            configuration: .init(queueDelay: .seconds(10), runDuration: .seconds(30)), now: clock.dateSource)
        let job = try await provider.createJob(JobDefinition(name: "a", kind: JobKind(.replication)))
        let started = clock.date
        _ = try await provider.runJob(job.id)
        clock.advance(by: .seconds(15))
        try await provider.cancelRun(of: job.id)
        let run = try #require(try await provider.status(of: job.id))
        #expect(run.status.phase == .cancelled)
        #expect(run.startedAt == started.addingTimeInterval(10))
    }
}
