import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// D1–D3 and the whole flow with the real planner: plan → report → apply → verify →
/// cutover → rollback, Sync to NX1.
@Suite struct ReportTests {
    static let mapping = ConnectionMapping(connections: ["c-sf": "salesforce", "c-pg": "warehouse"])

    @Test func theWholeFlowWithThePlannerLeavesNoSecretInAnyArtefactAndCountsEveryJob() async throws {
        let world = try await ExecutionWorld.make(jobs: 9)
        defer { world.folder.remove() }
        let plan = try await JobBridgeMigration.plan(
            from: try world.source(), to: try world.target(), mapping: Self.mapping)
        let engine = try world.engine()
        let collected = EventLog()
        let reader = Task { for await event in engine.events { collected.append(event) } }
        let applied = try await engine.apply(plan, journal: world.journalURL, mapping: Self.mapping)
        let verified = try await engine.verify(plan, journal: world.journalURL)
        let cutOver = try await engine.cutover(plan, journal: world.journalURL)
        let rolledBack = try await engine.rollback(plan, journal: world.journalURL)
        engine.finishEvents()
        await reader.value

        let creatable = plan.jobs.filter { $0.action == .create }
        #expect(!creatable.isEmpty)
        #expect(applied.totals.migrated == creatable.count)
        #expect(applied.totals.finished == plan.totals.jobs)
        #expect(verified.totals.mismatched == 0)
        #expect(
            verified.totals.verified == plan.totals.targets
                - plan.jobs.filter { $0.action != .create }.reduce(0) { $0 + $1.targets.count })
        #expect(cutOver.totals.cutOver == creatable.count)
        #expect(rolledBack.totals.rolledBack > 0)

        // D1: numbered in order; one terminal apply state per job.
        let events = collected.events
        #expect(events.map(\.sequence) == Array(0..<events.count))
        let finished = events.filter { $0.kind == .finished }
        #expect(finished.count == plan.jobs.count)
        #expect(Set(finished.compactMap(\.sourceID)).count == plan.jobs.count)

        // D2: the JSON decodes back; the Markdown lists every non-exact job with codes and remedies.
        let json = try applied.encoded()
        #expect(try JSONDecoder().decode(MigrationReport.self, from: json) == applied)
        let markdown = applied.markdown()
        for job in plan.jobs where job.verdict != .exact {
            #expect(markdown.contains("`\(job.sourceID)`"))
            for loss in job.losses { #expect(markdown.contains(loss.code.rawValue)) }
        }

        // D3: the canary appears nowhere.
        let planText = String(decoding: try plan.encoded(), as: UTF8.self)
        #expect(!planText.contains(ExecutionWorld.canary), "the canary leaked into the plan")
        let artefacts: [(String, String)] = [
            ("journal", try String(contentsOf: world.journalURL, encoding: .utf8)),
            ("report", String(decoding: json, as: UTF8.self)), ("markdown", markdown),
            ("events", events.map(\.description).joined(separator: "\n")),
            ("later reports", [verified, cutOver, rolledBack].map { $0.markdown() }.joined()),
        ]
        for (name, text) in artefacts {
            #expect(!text.contains(ExecutionWorld.canary), "the canary leaked into the \(name)")
        }
    }

    @Test func theReportCountsEveryStateAndFlagsFailuresAndBlockedJobs() async throws {
        let world = try await ExecutionWorld.make(jobs: 3)
        defer { world.folder.remove() }
        var plan = try await world.plan()
        let clean = try await world.engine().apply(plan, journal: world.journalURL, mapping: ConnectionMapping())
        #expect(!clean.hasFailuresOrBlocked)
        plan.jobs[0].action = .blocked
        plan.jobs[0].verdict = .blocked
        plan.jobs[0].losses = [Loss(.connectionUnmapped, field: "source", "no mapping for c-sf")]
        let blocked = MigrationReport(plan: plan, journal: JournalState(records: []))
        #expect(blocked.hasFailuresOrBlocked)
        #expect(blocked.totals.blocked == 1)
        #expect(blocked.markdown().contains("CONNECTION_UNMAPPED"))
        #expect(blocked.markdown().contains(LossCode.connectionUnmapped.remedy))
    }
}

/// Events collected by a reader task.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [MigrationEvent] = []

    func append(_ event: MigrationEvent) { lock.withLock { log.append(event) } }

    var events: [MigrationEvent] { lock.withLock { log } }
}
