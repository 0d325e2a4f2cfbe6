import Foundation
import JobBridge
import JobBridgeSimulatorServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// kill -9 and resume: `jobbridge migrate apply` (and `cutover`) killed with SIGKILL right
/// after the k-th write acted on the served simulator (before its answer reaches the
/// tool), then run again: every job ends with exactly one target, none twice, and no job
/// is ever enabled on both sides.
@Suite(.serialized) struct KillAndResumeTests {
    static let jobCount = 300
    static let cutoverJobCount = 30

    /// k = 1, 2, 37, 150, 299, and one drawn from a seeded generator (187).
    static let applyKillPoints = [1, 2, 37, 150, 299] + SeededDraw(seed: 6).values(count: 1, in: 3...298)
    /// Cutover writes 3 times per job here (disable the source, delete the staged target,
    /// create the live one): k = 1, 2, 3, 46, and one drawn from a seeded generator (68).
    static let cutoverKillPoints = [1, 2, 3, 46] + SeededDraw(seed: 29).values(count: 1, in: 4...89)

    @Test(arguments: applyKillPoints)
    func applyKilledAfterTheKthWriteResumesToExactlyOneTargetPerJob(k: Int) async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: Self.jobCount))
        defer { Task { await served.stop() } }
        let plan = try await served.run(Self.planArguments)
        #expect(plan.status == 0, "\(plan)")

        let victim = Victim()
        await served.server.setMutationHook(victim.hook(killingAfter: k))
        let apply = try served.launch(["migrate", "apply", "plan.json"])
        victim.set(apply.pid)
        let killed = await apply.result()
        await served.server.setMutationHook(nil)
        #expect(killed.status == SIGKILL, "apply was not killed: \(killed)")
        let afterKill = try await served.nx1Jobs()
        #expect(afterKill.count >= k && afterKill.count < Self.jobCount + 1, "\(afterKill.count) targets after kill")

        // The killed run's lock is still there: resume says so, and takes it over when told.
        let refused = try await served.run(["migrate", "resume", "plan.json"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.standardError.contains("--break-lock"), "\(refused)")
        let resume = try await served.run(["migrate", "resume", "plan.json", "--break-lock", "--json"])
        #expect(resume.status == 0, "\(resume)")

        let targets = try await served.nx1Jobs()
        let sources = targets.compactMap(\.migratedFrom)
        #expect(targets.count == Self.jobCount, "k=\(k): \(targets.count) targets")
        #expect(sources.count == Self.jobCount)
        #expect(Set(sources).count == Self.jobCount, "k=\(k): duplicates")
        #expect(Set(targets.map(\.name)).count == Self.jobCount, "k=\(k): duplicate names")
        // The journal agrees: every job migrated once, none failed.
        let report = try await served.run(["migrate", "report", "plan.json", "--json"])
        #expect(report.status == 0, "\(report)")
        let jobs = try #require(try report.json()["jobs"] as? [[String: Any]])
        #expect(jobs.count == Self.jobCount)
        #expect(jobs.allSatisfy { $0["outcome"] as? String == "migrated" }, "k=\(k)")
        let targetIDs = jobs.flatMap {
            ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["targetID"] as? String }
        }
        #expect(Set(targetIDs) == Set(targets.map(\.id.rawValue)), "k=\(k): journal and target disagree")
    }

    @Test(arguments: cutoverKillPoints)
    func cutoverKilledAfterTheKthWriteNeverLeavesAJobEnabledOnBothSides(k: Int) async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: Self.cutoverJobCount))
        defer { Task { await served.stop() } }
        for arguments in [Self.planArguments, ["migrate", "apply", "plan.json"], ["migrate", "verify", "plan.json"]] {
            let result = try await served.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
        }
        let before = await served.server.mutatingRequestCount
        let victim = Victim()
        await served.server.setMutationHook(victim.hook(killingAfter: before + k))
        let cutover = try served.launch(["migrate", "cutover", "plan.json"])
        victim.set(cutover.pid)
        let killed = await cutover.result()
        await served.server.setMutationHook(nil)
        #expect(killed.status == SIGKILL, "cutover was not killed: \(killed)")
        try await expectNeverEnabledOnBothSides(served, k: k)

        let again = try await served.run(["migrate", "cutover", "plan.json", "--break-lock"])
        #expect(again.status == 0, "\(again)")
        try await expectNeverEnabledOnBothSides(served, k: k)
        let sources = try await served.syncJobs()
        #expect(sources.allSatisfy { !$0.isEnabled }, "k=\(k): a source is still enabled")
        let targets = try await served.nx1Jobs()
        #expect(targets.count == Self.cutoverJobCount, "k=\(k): \(targets.count) targets")
        #expect(Set(targets.compactMap(\.migratedFrom)).count == Self.cutoverJobCount, "k=\(k): duplicates")
        #expect(targets.allSatisfy { $0.schedule.kind == .cron }, "k=\(k): a target is not live")
    }

    static let planArguments = [
        "migrate", "plan", "--from", "sync", "--to", "nx1", "--connection", "c-src=src://crm", "--connection",
        "c-dst=dst://warehouse", "--out", "plan.json",
    ]

    /// No source job is enabled while a target of it is live (NX1 has no enabled flag: a
    /// target is live once it carries its schedule; staged, it is manual).
    func expectNeverEnabledOnBothSides(_ served: ServedSimulators, k: Int) async throws {
        let enabledSources = Set(try await served.syncJobs().filter(\.isEnabled).map(\.id.rawValue))
        let liveTargets = try await served.nx1Jobs().filter { $0.schedule.kind == .cron }.compactMap(\.migratedFrom)
        let both = liveTargets.filter(enabledSources.contains)
        #expect(both.isEmpty, "k=\(k): enabled on both sides: \(both)")
    }
}

/// The process a mutation hook kills; its pid is set once it is started (the hook waits
/// for it, so the kill can never miss).
final class Victim: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var pid: Int32 = 0

    func set(_ pid: Int32) { lock.withLock { self.pid = pid } }

    func hook(killingAfter count: Int) -> MutationHook {
        MutationHook { [self] number, _ in
            guard number == count else { return }
            var target = lock.withLock { pid }
            while target == 0 {
                await Task.yield()
                target = lock.withLock { pid }
            }
            kill(target, SIGKILL)
        }
    }
}

/// A small seeded generator (SplitMix64), so that the "random" kill points are the same
/// on every run.
struct SeededDraw {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    func values(count: Int, in range: ClosedRange<Int>) -> [Int] {
        var copy = self
        return (0..<count).map { _ in range.lowerBound + Int(copy.next() % UInt64(range.count)) }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
