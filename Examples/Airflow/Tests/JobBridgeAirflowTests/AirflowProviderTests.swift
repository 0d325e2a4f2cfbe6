import Foundation
import JobBridge
import JobBridgeAirflow
import JobBridgeAirflowSimulator
import JobBridgeTesting
import Testing

/// The provider's own rules: pause only, a paused DAG's run waits, a lost trigger is found
/// by its id, a cancel with nothing to stop is a conflict.
@Suite struct AirflowProviderTests {
    @Test func anUpdatePausesAndUnpausesAndRefusesEverythingElse() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock)
        await fixture.simulator.insertDAG(AirflowSeeds.dag("d1", schedule: nil))
        let paused = try await fixture.provider.updateJob("d1", with: JobUpdate(isEnabled: false))
        #expect(!paused.isEnabled)
        #expect(try await fixture.provider.job("d1").isEnabled == false)
        let before = fixture.simulator.router.receivedRequests.count
        do {
            _ = try await fixture.provider.updateJob("d1", with: JobUpdate(name: "renamed"))
            Issue.record("expected unsupported")
        } catch let error as JobBridgeError {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("name"))
        }
        #expect(fixture.simulator.router.receivedRequests.count == before)
        #expect(try await fixture.provider.updateJob("d1", with: JobUpdate(isEnabled: true)).isEnabled)
    }

    @Test func aRunOfAPausedDAGWaitsUntilItIsUnpaused() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock)
        await fixture.simulator.insertDAG(AirflowSeeds.dag("d1", schedule: nil, isPaused: true))
        let run = try await fixture.provider.runJob("d1")
        clock.advance(by: .seconds(600))
        #expect(try await fixture.provider.status(of: "d1")?.status.phase == .queued)
        _ = try await fixture.provider.updateJob("d1", with: JobUpdate(isEnabled: true))
        let finished = try await fixture.provider.waitForCompletion(of: run, timeout: .seconds(600), clock: clock)
        #expect(finished.status.phase == .succeeded)
    }

    @Test func aTriggerWhoseAnswerWasLostIsFoundByItsRunID() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock) { server in
            FaultsOnRequests(.post, "/dagRuns", plan: [.dropAfterServer], server: server)
        }
        await fixture.simulator.insertDAG(AirflowSeeds.dag("d1", schedule: nil))
        let run = try await fixture.provider.runJob("d1")
        let runs = try await fixture.provider.runs(of: "d1").collect()
        #expect(runs.count == 1)
        #expect(runs.first?.runID == run.runID)
    }

    @Test func cancellingWithNothingRunningIsAConflictAndAMissingDAGIsNotFound() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock)
        await fixture.simulator.insertDAG(AirflowSeeds.dag("d1", schedule: nil))
        await #expect(throws: JobBridgeError.self) { try await fixture.provider.cancelRun(of: "d1") }
        do {
            try await fixture.provider.cancelRun(of: "d1")
        } catch let error as JobBridgeError {
            #expect(error.code == .conflict)
        }
        do {
            _ = try await fixture.provider.runs(of: "nope").collect()
            Issue.record("expected notFound")
        } catch let error as JobBridgeError {
            #expect(error.code == .notFound)
        }
        do {
            _ = try await fixture.provider.job("~")
            Issue.record("expected invalidRequest")
        } catch let error as JobBridgeError {
            #expect(error.code == .invalidRequest)
            #expect(fixture.simulator.router.receivedRequests.allSatisfy { !$0.url.path.contains("~") })
        }
    }

    @Test func theListingComesInPagesOfTheClientsSize() async throws {
        let clock = SimulatedClock()
        let fixture = try AirflowFixture(clock: clock, pageSize: 2)
        for index in 0..<5 { await fixture.simulator.insertDAG(AirflowSeeds.dag("d\(index)", schedule: nil)) }
        let jobs = try await fixture.provider.jobs().collect()
        #expect(jobs.map(\.id.rawValue) == ["d0", "d1", "d2", "d3", "d4"])
        let lists = fixture.simulator.router.receivedRequests.filter { $0.url.path.hasSuffix("/dags") }
        #expect(lists.map { $0.url.query ?? "" } == ["limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"])
    }
}
