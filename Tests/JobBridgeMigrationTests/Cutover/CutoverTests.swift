import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// E1, E2, F1–F4: verify gates cutover; cutover drains, turns the source off, then the
/// target on; an interrupted cutover resumes.
@Suite struct CutoverTests {
    /// Applies and verifies a Sync → Sync plan of `jobs` jobs (every third source disabled).
    static func applied(jobs: Int, runDuration: Duration = .seconds(30)) async throws -> (ExecutionWorld, MigrationPlan)
    {
        let world = try await ExecutionWorld.make(jobs: jobs, target: .sync, runDuration: runDuration)
        let plan = try await world.plan()
        try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        return (world, plan)
    }

    @Test func everyCreatedTargetVerifiesByReadBack() async throws {
        for kind in [ExecutionWorld.TargetKind.sync, .nx1] {
            let world = try await ExecutionWorld.make(jobs: 4, target: kind)
            defer { world.folder.remove() }
            let plan = try await world.plan()
            try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
            let report = try await world.engine().verify(plan, journal: world.journalURL)
            #expect(report.totals.verified == 4, "\(kind)")
            #expect(report.totals.mismatched == 0, "\(kind)")
        }
    }

    @Test func aFieldDroppedSilentlyOnCreateIsAMismatchAndKeepsTheJobOutOfCutover() async throws {
        let world = try await ExecutionWorld.make(jobs: 3, target: .sync)
        defer { world.folder.remove() }
        let plan = try await world.plan()
        let dropping = { (server: any HTTPTransport) -> any HTTPTransport in
            DroppingMember("schedule", onFirst: 1, server: server)
        }
        try await world.engine(concurrency: 1, wrapTarget: dropping)
            .apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        let verified = try await world.engine().verify(plan, journal: world.journalURL)
        #expect(verified.totals.mismatched == 1)
        let bad = try #require(verified.jobs.first { $0.targets[0].verified == false })
        #expect(bad.targets[0].mismatchField?.contains("schedule") == true)
        #expect(bad.codes.contains("VERIFY_MISMATCH"))
        #expect(verified.markdown().contains("VERIFY_MISMATCH"))
        let cut = try await world.engine().cutover(plan, journal: world.journalURL)
        let after = try #require(cut.jobs.first { $0.sourceID == bad.sourceID })
        #expect(!after.cutOver)
        #expect(
            try await world.source().job(JobID(bad.sourceID)).isEnabled
                == plan.job(sourceID: bad.sourceID)?.source.isEnabled)
        #expect(cut.totals.cutOver == 2)
    }

    @Test func cutoverTurnsTheSourceOffBeforeTheTargetOnAndLeavesDisabledSourcesOff() async throws {
        let (world, plan) = try await Self.applied(jobs: 6)
        defer { world.folder.remove() }
        try await world.engine().verify(plan, journal: world.journalURL)
        let report = try await world.engine().cutover(plan, journal: world.journalURL)
        #expect(report.totals.cutOver == 6)
        let source = try world.source()
        let targets = try await world.targetJobs()
        let records = try JournalReader.read(at: world.journalURL).records
        for job in plan.jobs {
            let wasEnabled = job.source.isEnabled
            #expect(try await source.job(JobID(job.sourceID)).isEnabled == false)
            let target = targets.first { $0.name == job.targets[0].expectedName }
            #expect(target?.isEnabled == wasEnabled)
            let disabled = records.first {
                $0.sourceID == job.sourceID && $0.step == .disableSource && $0.kind == .result
            }
            let enabling = records.first {
                $0.sourceID == job.sourceID && $0.step == .enableTarget && $0.kind == .intent
            }
            if wasEnabled {
                let off = try #require(disabled).sequence
                let on = try #require(enabling).sequence
                #expect(off < on, "the target went on before the source was off")
            } else {
                #expect(disabled == nil && enabling == nil)
                #expect(report.jobs.first { $0.sourceID == job.sourceID }?.codes.contains("SOURCE_DISABLED") == true)
            }
        }
        // A second cutover changes nothing.
        let writes = world.ledger.acted { $0.method != .get } + world.sourceLedger.acted { $0.method != .get }
        try await world.engine().cutover(plan, journal: world.journalURL)
        #expect(world.ledger.acted { $0.method != .get } + world.sourceLedger.acted { $0.method != .get } == writes)
    }

    @Test func aRunningSourceRunIsDrainedBeforeTheSourceGoesOff() async throws {
        let (world, plan) = try await Self.applied(jobs: 1, runDuration: .seconds(120))
        defer { world.folder.remove() }
        try await world.engine().verify(plan, journal: world.journalURL)
        let id = plan.jobs[0].sourceID
        _ = try await world.source().runJob(JobID(id))
        let start = world.clock.now
        let report = try await world.engine().cutover(plan, journal: world.journalURL)
        #expect(report.totals.cutOver == 1)
        #expect(start.duration(to: world.clock.now) >= .seconds(120))
        let run = try await world.source().status(of: JobID(id))
        #expect(run?.status.isFinished == true)
    }

    @Test func aRunStillGoingAtTheDrainTimeoutLeavesTheJobAsItWas() async throws {
        let (world, plan) = try await Self.applied(jobs: 1, runDuration: .seconds(7200))
        defer { world.folder.remove() }
        try await world.engine().verify(plan, journal: world.journalURL)
        let id = plan.jobs[0].sourceID
        _ = try await world.source().runJob(JobID(id))
        let engine = try world.engine()
        let events = engine.events
        let report = try await engine.cutover(plan, journal: world.journalURL)
        engine.finishEvents()
        #expect(report.totals.cutOver == 0)
        #expect(try await world.source().job(JobID(id)).isEnabled)
        #expect(try await world.targetJobs().allSatisfy { !$0.isEnabled })
        var codes: [String] = []
        for await event in events where event.kind == .notCutOver { codes.append(event.code ?? "") }
        #expect(codes == ["CUTOVER_DRAIN_TIMEOUT"])
    }

    @Test(arguments: CrashPoint.allCases)
    func aCutoverInterruptedBetweenSourceOffAndTargetOnResumes(_ point: CrashPoint) async throws {
        let (world, plan) = try await Self.applied(jobs: 1)
        defer { world.folder.remove() }
        try await world.engine().verify(plan, journal: world.journalURL)
        // Mutating calls of the cutover: 1 = source off, 2 = target on.
        let crash = CrashSwitch(k: 2, point: point)
        let crashing = MigrationEngine(
            source: try world.source { crash.transport($0) }, target: try world.target { crash.transport($0) },
            options: world.options(hook: crash.journalHook))
        await #expect(throws: (any Error).self) { try await crashing.cutover(plan, journal: world.journalURL) }
        let id = JobID(plan.jobs[0].sourceID)
        #expect(try await world.source().job(id).isEnabled == false)
        let report = try await world.engine().cutover(plan, journal: world.journalURL)
        #expect(report.totals.cutOver == 1)
        #expect(try await world.source().job(id).isEnabled == false)
        #expect(try await world.targetJobs().map(\.isEnabled) == [true])
    }
}

/// A transport that removes one member from the bodies of the first creates: a platform
/// that drops a field silently.
struct DroppingMember: HTTPTransport {
    let member: String
    let count: Int
    let server: any HTTPTransport
    private let seen = Counter()

    init(_ member: String, onFirst count: Int, server: any HTTPTransport) {
        self.member = member
        self.count = count
        self.server = server
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .post, request.url.path.hasSuffix("/jobs"), seen.next() <= count,
            case .object(var body)? = try? JSONValue(data: request.body ?? Data())
        else { return try await server.send(request) }
        body.removeValue(forKey: member)
        var changed = request
        changed.body = try JSONValue.object(body).data()
        return try await server.send(changed)
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next value, from 1.
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
