import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// B2: 300 jobs, concurrency 8, a crash at the k-th mutating call at each of three points,
/// then a resume from the journal on disk by a new engine.
@Suite struct CrashResumeTests {
    static let jobCount = 300

    /// k ∈ {1, 2, 37, 150, 299} and 20 seeded random k in 1...300, at each point.
    static let cases: [(Int, CrashPoint)] = {
        var generator = SplitMix64(seed: 12)
        var ks = [1, 2, 37, 150, 299]
        while ks.count < 25 {
            let k = Int(generator.next() % UInt64(jobCount)) + 1
            if !ks.contains(k) { ks.append(k) }
        }
        return ks.flatMap { k in CrashPoint.allCases.map { (k, $0) } }
    }()

    /// The shared source: 300 seeded jobs and their plan (read-only across cases).
    static let shared = SharedWorld(jobs: jobCount)

    @Test(arguments: cases)
    func aCrashAtTheKthMutatingCallResumesToExactlyOneTargetPerJob(_ k: Int, _ point: CrashPoint) async throws {
        let (base, plan) = try await Self.shared.get()
        let world = try base.withFreshTarget()
        defer { world.folder.remove() }
        let crash = CrashSwitch(k: k, point: point)
        let crashing = try world.engine(concurrency: 8, hook: crash.journalHook) { crash.transport($0) }
        await #expect(throws: (any Error).self) {
            try await crashing.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        }
        #expect(crash.crashed)
        let report = try await world.engine(concurrency: 8).resume(
            plan, journal: world.journalURL, mapping: ConnectionMapping())
        try await Self.expectConsistent(world: world, plan: plan, report: report)
    }

    /// Exactly one target per planned job, no duplicate by provenance key or name, the
    /// journal naming each target, and report totals equal to the plan's.
    static func expectConsistent(world: ExecutionWorld, plan: MigrationPlan, report: MigrationReport) async throws {
        let targets = try await world.targetJobs()
        #expect(targets.count == plan.jobs.count)
        let keys = targets.compactMap { $0.settings["jobbridge"]?["key"]?.stringValue }
        #expect(Set(keys).count == keys.count && keys.count == plan.jobs.count)
        #expect(Set(targets.map(\.name)).count == targets.count)
        let state = JournalState(records: try JournalReader.read(at: world.journalURL).records)
        let byID = Dictionary(uniqueKeysWithValues: targets.map { ($0.id.rawValue, $0) })
        for job in plan.jobs {
            let known = state.targets[TargetKey(sourceID: job.sourceID, split: 0)]
            let target = known?.targetID.flatMap { byID[$0] }
            #expect(target != nil, "journal has no live target for \(job.sourceID)")
            #expect(target?.settings["jobbridge"]?["key"]?.stringValue == job.targets[0].provenanceKey.rawValue)
            #expect(known?.pendingCreate == false)
        }
        #expect(report.totals.migrated == plan.totals.jobs)
        #expect(report.totals.finished == plan.totals.jobs)
        #expect(report.jobs.count == plan.jobs.count)
        #expect(world.targetCreates == plan.jobs.count)
    }
}

/// A world built once and shared by parameterized cases.
actor SharedWorld {
    private let jobs: Int
    private var built: (ExecutionWorld, MigrationPlan)?

    init(jobs: Int) { self.jobs = jobs }

    func get() async throws -> (ExecutionWorld, MigrationPlan) {
        if let built { return built }
        let world = try await ExecutionWorld.make(jobs: jobs)
        let made = (world, try await world.plan())
        built = made
        return made
    }
}

/// H2: 5,000 jobs, a crash at the 2,500th mutating call, then a resume: no duplicate.
@Suite struct LargeCrashResumeTests {
    @Test func fiveThousandJobsCrashedHalfwayResumeWithoutDuplicates() async throws {
        let world = try await ExecutionWorld.make(jobs: 5_000)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let crash = CrashSwitch(k: 2_500, point: .afterCommit)
        let crashing = try world.engine(concurrency: 8, hook: crash.journalHook) { crash.transport($0) }
        await #expect(throws: (any Error).self) {
            try await crashing.apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        }
        #expect(crash.crashed)
        let report = try await world.engine(concurrency: 8)
            .resume(plan, journal: world.journalURL, mapping: ConnectionMapping())
        try await CrashResumeTests.expectConsistent(world: world, plan: plan, report: report)
    }
}
