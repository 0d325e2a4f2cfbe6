import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// `migrate plan` writes the streamed plan file (a header line, then one job per line) and
/// every phase reads it; a whole-JSON plan written by an earlier version still applies.
@Suite struct StreamedPlanFileTests {
    @Test func thePlanIsWrittenAsJSONLinesAndAnOlderWholeJSONPlanStillApplies() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 3))
        defer { Task { await served.stop() } }
        let plan = try await served.planSyncToNX1()
        #expect(plan.status == 0, "\(plan)")
        let url = served.directory.url.appendingPathComponent("plan.json")
        #expect(MigrationPlanFile.isStreamed(at: url))
        let lines = try Data(contentsOf: url).split(separator: 0x0A)
        let file = try MigrationPlanFile(at: url)
        #expect(lines.count == 1 + 3 && file.header.totals.jobs == 3)
        #expect(plan.standardOutput.contains(file.header.planID), "\(plan)")

        // The same plan in the whole-JSON form an earlier version wrote, with its mapping.
        let whole = served.directory.url.appendingPathComponent("old.json")
        try file.plan().encoded(pretty: true).write(to: whole)
        try FileManager.default.copyItem(
            at: url.appendingPathExtension("mapping.json"), to: whole.appendingPathExtension("mapping.json"))
        let old = try await served.run(["migrate", "apply", "old.json", "--json"])
        #expect(old.status == 0, "\(old)")
        #expect((try old.json()["totals"] as? [String: Any])?["migrated"] as? Int == 3, "\(old)")
        // The streamed file finds the same targets: nothing is created twice.
        let streamed = try await served.run(["migrate", "apply", "plan.json", "--json"])
        #expect(streamed.status == 0, "\(streamed)")
        #expect((try streamed.json()["totals"] as? [String: Any])?["alreadyMigrated"] as? Int == 3, "\(streamed)")
        #expect(try await served.nx1Jobs().count == 3)
        let report = try await served.run(["migrate", "report", "plan.json", "--json"])
        #expect((try report.json()["planID"] as? String) == file.header.planID, "\(report)")
    }

    @Test func aPlanFileCutShortIsRefusedNamingTheLineBeforeAnyWrite() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 3))
        defer { Task { await served.stop() } }
        let plan = try await served.planSyncToNX1()
        #expect(plan.status == 0, "\(plan)")
        let url = served.directory.url.appendingPathComponent("plan.json")
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 30).write(to: url)
        let apply = try await served.run(["migrate", "apply", "plan.json"])
        #expect(apply.status != 0, "\(apply)")
        #expect(apply.standardError.contains("line 4"), "\(apply)")
        #expect(await served.server.mutatingRequestCount == 0)
    }
}
