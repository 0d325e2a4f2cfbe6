import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// Every phase run from a streamed plan file does what it does from the plan in memory:
/// the same writes, journal records and report; a crash resumes from the file; a stale
/// plan is refused from the file too.
@Suite struct PlanFileExecutionTests {
    /// The journal's records without their time stamps and target ids (each world has its
    /// own clock, and the NX1 simulator draws random ids).
    static func records(_ url: URL) throws -> [JournalRecord] {
        try JournalReader.read(at: url).records.map { record in
            var record = record
            record.at = nil
            record.targetID = record.targetID.map { _ in "id" }
            return record
        }
    }

    /// The reports without target ids.
    static func normalized(_ reports: [MigrationReport]) -> [MigrationReport] {
        reports.map { report in
            var report = report
            for job in report.jobs.indices {
                for target in report.jobs[job].targets.indices where report.jobs[job].targets[target].targetID != nil {
                    report.jobs[job].targets[target].targetID = "id"
                }
            }
            return report
        }
    }

    @Test func everyPhaseFromTheFileEqualsThePhaseFromMemory() async throws {
        // Two worlds seeded alike: every phase changes the source too.
        let memoryWorld = try await ExecutionWorld.make(jobs: 12)
        defer { memoryWorld.folder.remove() }
        let fileWorld = try await ExecutionWorld.make(jobs: 12)
        defer { fileWorld.folder.remove() }
        let plan = try await memoryWorld.plan()
        let file = try MigrationPlanFile.write(plan, to: fileWorld.folder.file("plan.jsonl"))

        let memoryEngine = try memoryWorld.engine(concurrency: 1)
        let fileEngine = try fileWorld.engine(concurrency: 1)
        var memoryReports = [
            try await memoryEngine.apply(plan, journal: memoryWorld.journalURL, mapping: ConnectionMapping())
        ]
        var fileReports = [
            try await fileEngine.apply(file, journal: fileWorld.journalURL, mapping: ConnectionMapping())
        ]
        memoryReports.append(try await memoryEngine.verify(plan, journal: memoryWorld.journalURL))
        fileReports.append(try await fileEngine.verify(file, journal: fileWorld.journalURL))
        memoryReports.append(try await memoryEngine.cutover(plan, journal: memoryWorld.journalURL))
        fileReports.append(try await fileEngine.cutover(file, journal: fileWorld.journalURL))
        memoryReports.append(try await memoryEngine.rollback(plan, journal: memoryWorld.journalURL))
        fileReports.append(try await fileEngine.rollback(file, journal: fileWorld.journalURL))

        #expect(memoryReports[0].totals.migrated == 12)
        #expect(memoryReports[3].totals.rolledBack > 0)
        #expect(memoryReports[2].totals.cutOver > 0)
        #expect(Self.normalized(fileReports) == Self.normalized(memoryReports))
        #expect(try Self.records(fileWorld.journalURL) == Self.records(memoryWorld.journalURL))
        #expect(fileWorld.targetCreates == memoryWorld.targetCreates)
    }

    @Test func aCrashedApplyFromTheFileResumesFromTheFileWithoutDuplicates() async throws {
        let world = try await ExecutionWorld.make(jobs: 60)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let file = try MigrationPlanFile.write(plan, to: world.folder.file("plan.jsonl"))
        let crash = CrashSwitch(k: 37, point: .afterCommit)
        let crashing = try world.engine(concurrency: 8, hook: crash.journalHook) { crash.transport($0) }
        await #expect(throws: (any Error).self) {
            try await crashing.apply(file, journal: world.journalURL, mapping: ConnectionMapping())
        }
        #expect(crash.crashed)
        let report = try await world.engine(concurrency: 8)
            .resume(file, journal: world.journalURL, mapping: ConnectionMapping())
        try await CrashResumeTests.expectConsistent(world: world, plan: plan, report: report)
    }

    @Test func cutoverAndRollbackOfSomeJobsOfAFileTouchOnlyThose() async throws {
        let world = try await ExecutionWorld.make(jobs: 6)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let file = try MigrationPlanFile.write(plan, to: world.folder.file("plan.jsonl"))
        let engine = try world.engine()
        try await engine.apply(file, journal: world.journalURL, mapping: ConnectionMapping())
        try await engine.verify(file, journal: world.journalURL)
        let chosen = Set(plan.jobs.prefix(2).map(\.sourceID))
        let cutOver = try await engine.cutover(
            file, journal: world.journalURL, options: CutoverOptions(onlySourceIDs: chosen))
        #expect(cutOver.totals.cutOver == 2)
        #expect(Set(cutOver.jobs.filter(\.cutOver).map(\.sourceID)) == chosen)
        let source = try world.source()
        for job in plan.jobs.dropFirst(2) {
            #expect(try await source.job(JobID(job.sourceID)).isEnabled == job.source.isEnabled, "\(job.sourceID)")
        }
        let first = try #require(plan.jobs.first?.sourceID)
        let rolledBack = try await engine.rollback(
            file, journal: world.journalURL, options: RollbackOptions(onlySourceIDs: [first]))
        #expect(rolledBack.totals.rolledBack == 1)
        #expect(rolledBack.jobs.filter(\.rolledBack).map(\.sourceID) == [first])
    }

    @Test func aStalePlanFileIsRefusedWithNoMutatingCall() async throws {
        let world = try await ExecutionWorld.make(jobs: 4)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let file = try MigrationPlanFile.write(plan, to: world.folder.file("plan.jsonl"))
        _ = try await world.source().updateJob(JobID(world.sourceIDs[1]), with: JobUpdate(name: "Renamed"))
        await #expect {
            try await world.engine().apply(file, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            let error = error as? MigrationError
            return error?.code == .planStale && error?.details.count == 1
                && error?.details.first?.contains(world.sourceIDs[1]) == true
        }
        #expect(world.ledger.acted { $0.method != .get } == 0)
    }

    @Test func aBadLineInThePlanFileStopsApplyNamingTheLine() async throws {
        let world = try await ExecutionWorld.make(jobs: 4)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let url = world.folder.file("plan.jsonl")
        try MigrationPlanFile.write(plan, to: url)
        let file = try MigrationPlanFile(at: url)
        var lines = try PlanFileTests.lines(url)
        lines[3] = Data("not json".utf8)
        try PlanFileTests.write(lines, to: url)
        await #expect {
            try await world.engine().apply(file, journal: world.journalURL, mapping: ConnectionMapping())
        } throws: { error in
            (error as? JobBridgeError)?.field == "line 4"
        }
        // Refused while checking staleness, before any write.
        #expect(world.ledger.acted { $0.method != .get } == 0)
    }
}
