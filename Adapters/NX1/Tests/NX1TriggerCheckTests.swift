import Foundation
import JobBridge
import Testing

@testable import JobBridgeNX1

/// After a trigger whose answer was lost, the job read back must show a run that was not
/// there before; a job that was already going proves nothing.
@Suite struct NX1TriggerCheckTests {
    private let earlier = Date(timeIntervalSince1970: 1_700_000_000)

    private func job(_ status: NX1JobStatus, startedAt: Date? = nil) -> NX1Job {
        NX1Job(id: "j", jobName: "n", jobType: .ingest, status: status, lastStartedAt: startedAt)
    }

    @Test func aJobThatBecamePendingWasTriggered() {
        #expect(NX1Provider.started(job(.pending), since: job(.completed, startedAt: earlier)))
        #expect(NX1Provider.started(job(.running, startedAt: earlier), since: job(.new)))
    }

    @Test func aJobAlreadyRunningBeforeProvesNothing() {
        #expect(!NX1Provider.started(job(.running, startedAt: earlier), since: job(.running, startedAt: earlier)))
        #expect(!NX1Provider.started(job(.pending), since: job(.pending)))
    }

    @Test func aLaterStartIsANewRun() {
        let later = earlier.addingTimeInterval(60)
        #expect(NX1Provider.started(job(.completed, startedAt: later), since: job(.running, startedAt: earlier)))
        #expect(!NX1Provider.started(job(.completed, startedAt: earlier), since: job(.completed, startedAt: earlier)))
    }
}
