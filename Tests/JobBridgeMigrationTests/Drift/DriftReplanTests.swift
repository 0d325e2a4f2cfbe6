import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// B7: re-planning after a migration, with the plan that wrote the targets: nothing
/// changed is `ALREADY_MIGRATED`; a source edited since is `update` with its diff (and
/// apply performs it); a target edited by hand is `DRIFT_TARGET`, blocked, never overwritten.
@Suite struct DriftReplanTests {
    static let mapping = ConnectionMapping(connections: ["c-sf": "c-sf", "c-pg": "c-pg"])

    /// Two Sync jobs migrated to a second Sync server; returns the world and the applied plan.
    static func migrated() async throws -> (ExecutionWorld, MigrationPlan) {
        let world = try await ExecutionWorld.make(jobs: 2, target: .sync)
        let plan = try await JobBridgeMigration.plan(
            from: try world.source(), to: try world.target(), mapping: mapping)
        #expect(plan.jobs.allSatisfy { $0.action == .create })
        let report = try await world.engine().apply(plan, journal: world.journalURL, mapping: mapping)
        #expect(report.totals.migrated == 2)
        return (world, plan)
    }

    static func replan(_ world: ExecutionWorld, previous: MigrationPlan?) async throws -> MigrationPlan {
        try await JobBridgeMigration.plan(
            from: try world.source(), to: try world.target(), mapping: mapping, previous: previous)
    }

    static func sixAM() throws -> Schedule { .cron(try CronSchedule("0 6 * * *")) }

    /// Whether a schedule read back is 06:00 every day (in whichever cron dialect).
    static func isSixAM(_ schedule: Schedule) -> Bool { "\(schedule)".hasPrefix("cron 0 6 * * ") }

    @Test func nothingChangedIsAlreadyMigrated() async throws {
        let (world, plan) = try await Self.migrated()
        defer { world.folder.remove() }
        let again = try await Self.replan(world, previous: plan)
        #expect(again.jobs.allSatisfy { $0.action == .adopt && $0.codes.contains(.alreadyMigrated) })
    }

    @Test func aSourceEditedAfterMigrationReplansAsAnUpdateWithItsDiff() async throws {
        let (world, plan) = try await Self.migrated()
        defer { world.folder.remove() }
        let edited = world.sourceIDs[0]
        _ = try await world.source().updateJob(JobID(edited), with: JobUpdate(schedule: try Self.sixAM()))
        let again = try await Self.replan(world, previous: plan)
        let job = try #require(again.jobs.first { $0.sourceID == edited })
        #expect(job.action == .update)
        #expect(job.targets[0].differences == ["schedule"])
        #expect(!job.codes.contains(.driftTarget))
        #expect(again.jobs.first { $0.sourceID != edited }?.codes.contains(.alreadyMigrated) == true)

        let creates = world.targetCreates
        let report = try await world.engine().apply(
            again, journal: world.folder.file("again.journal"), mapping: Self.mapping)
        #expect(report.totals.failed == 0)
        #expect(world.targetCreates == creates)
        let target = try #require(
            try await world.targetJobs().first { $0.id.rawValue == job.targets[0].existingTargetID })
        #expect(Self.isSixAM(target.schedule))
        // Planned again from the plan that updated it: nothing left to do.
        let third = try await Self.replan(world, previous: again)
        #expect(third.jobs.allSatisfy { $0.action == .adopt && $0.codes.contains(.alreadyMigrated) })
    }

    @Test func aTargetEditedByHandReplansAsDriftAndIsNotOverwritten() async throws {
        let (world, plan) = try await Self.migrated()
        defer { world.folder.remove() }
        let target = try #require(try await world.targetJobs().first)
        _ = try await world.target().updateJob(target.id, with: JobUpdate(schedule: try Self.sixAM()))
        let again = try await Self.replan(world, previous: plan)
        let job = try #require(again.jobs.first { $0.targets[0].existingTargetID == target.id.rawValue })
        #expect(job.action == .blocked)
        #expect(job.codes.contains(.driftTarget))
        #expect(job.targets[0].differences == ["schedule"])

        let writes = world.ledger.acted { $0.method != .get }
        let report = try await world.engine().apply(
            again, journal: world.folder.file("again.journal"), mapping: Self.mapping)
        #expect(report.totals.blocked == 1)
        #expect(world.ledger.acted { $0.method != .get } == writes, "a drifted target was written")
        #expect(Self.isSixAM(try await world.target().job(target.id).schedule))
    }

    @Test func aSourceEditedAfterMigrationToATargetThatCannotUpdateIsBlockedNamingWhy() async throws {
        let world = try await ExecutionWorld.make(jobs: 1, target: .nx1)
        defer { world.folder.remove() }
        let mapping = ConnectionMapping(connections: ["c-sf": "salesforce", "c-pg": "warehouse"])
        let plan = try await JobBridgeMigration.plan(from: try world.source(), to: try world.target(), mapping: mapping)
        let report = try await world.engine().apply(plan, journal: world.journalURL, mapping: mapping)
        #expect(report.totals.migrated == 1)
        // Renamed (a staged NX1 target holds no schedule to compare until cutover).
        _ = try await world.source().updateJob(JobID(world.sourceIDs[0]), with: JobUpdate(name: "Renamed"))
        let again = try await JobBridgeMigration.plan(
            from: try world.source(), to: try world.target(), mapping: mapping, previous: plan)
        let job = try #require(again.jobs.first)
        #expect(job.action == .blocked)
        #expect(job.codes.contains(.preflightFailed))
        #expect(!job.codes.contains(.driftTarget))
        #expect(job.targets[0].differences == ["name"])
    }
}
