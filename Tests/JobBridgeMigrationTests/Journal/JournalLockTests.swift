import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

@Suite struct JournalLockTests {
    @Test func aSecondEngineFailsFastWithLockHeldNamingTheHolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let clock = SimulatedClock()
        let journal = folder.file("plan.journal")
        let first = try JournalLock.acquire(journal: journal, now: clock.dateSource)
        #expect {
            try JournalLock.acquire(journal: journal, breakLock: true, now: clock.dateSource)
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .lockHeld && error?.message.contains("pid \(getpid())") == true
        }
        await first.release()
        let second = try JournalLock.acquire(journal: journal, now: clock.dateSource)
        await second.release()
    }

    @Test func anExpiredLeaseIsStaleAndBrokenOnlyWhenAsked() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let clock = SimulatedClock()
        let journal = folder.file("plan.journal")
        let dead = try JournalLock.acquire(journal: journal, lease: .seconds(60), now: clock.dateSource)
        clock.advance(by: .seconds(61))
        #expect {
            try JournalLock.acquire(journal: journal, now: clock.dateSource)
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .lockStale && error?.message.contains("pid") == true
        }
        let taker = try JournalLock.acquire(journal: journal, breakLock: true, now: clock.dateSource)
        // The old holder has lost its lease: its heartbeat says so instead of renewing.
        await #expect(throws: MigrationError.self) { try await dead.heartbeat() }
        await dead.release()
        #expect(FileManager.default.fileExists(atPath: JournalLock.lockURL(forJournal: journal).path))
        await taker.release()
        #expect(!FileManager.default.fileExists(atPath: JournalLock.lockURL(forJournal: journal).path))
    }

    @Test func aHeartbeatKeepsTheLeaseAlive() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let clock = SimulatedClock()
        let journal = folder.file("plan.journal")
        let holder = try JournalLock.acquire(journal: journal, lease: .seconds(60), now: clock.dateSource)
        clock.advance(by: .seconds(45))
        try await holder.heartbeatIfDue()
        clock.advance(by: .seconds(45))
        #expect {
            try JournalLock.acquire(journal: journal, now: clock.dateSource)
        } throws: { error in
            (error as? MigrationError)?.code == .lockHeld
        }
        await holder.release()
    }
}
