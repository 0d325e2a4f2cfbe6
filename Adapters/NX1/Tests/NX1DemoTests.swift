import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// The seeded demo simulator, used exactly as the demo uses it.
@Suite struct NX1DemoTests {
    /// The lines `Sources/JobBridgeDemo/DemoProviders.swift` adds, verbatim.
    private static func makeDemoProvider(clock: SimulatedClock) async throws -> any JobProvider {
        // NX1, against its simulator seeded with a few jobs (one run completed, one failed).
        let nx1Simulator = await NX1Simulator.demo(clock: clock)
        let nx1Credentials = try NX1Auth.clientCredentials(
            client: "acme", clientID: "jobbridge", clientSecret: "simulator-secret", transport: nx1Simulator,
            now: clock.dateSource)
        let nx1 = NX1Provider(
            client: try NX1Client(client: "acme", credentials: nx1Credentials, transport: nx1Simulator, clock: clock),
            now: clock.dateSource)
        return nx1
    }

    @Test func theDemoListsLiveJobsWithTheirLastRuns() async throws {
        let clock = SimulatedClock(startDate: Date(timeIntervalSince1970: 1_795_435_200))
        let provider = try await Self.makeDemoProvider(clock: clock)
        let jobs = try await provider.jobs().collect()
        #expect(
            jobs.map(\.name) == [
                "Ingest S3 landing to lakehouse", "Classify support tickets", "Mirror orders to analytics",
                "Nightly dbt models",
            ])
        #expect(jobs.map(\.kind.category) == [.workflow, .workflow, .mirror, .workflow])
        #expect(jobs.map { $0.lastRun?.status.phase } == [.succeeded, .failed, nil, nil])
        #expect(jobs[0].settings == ["file_format": "parquet", "retries": 2])
        #expect(jobs[2].schedule == .manual)
        guard case .cron(let cron) = jobs[0].schedule else {
            Issue.record("the ingest job has no cron schedule")
            return
        }
        #expect(cron.text == "@daily")
        // A run can be followed to its end.
        let run = try await provider.runJob(jobs[3].id)
        let finished = try await provider.waitForCompletion(of: run, pollInterval: .seconds(5), clock: clock)
        #expect(finished.status.phase == .succeeded)
    }
}
