import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// The README's capability matrix is generated from declarations and checked against them.
@Suite struct CapabilityMatrixTests {
    private static let readOnly = ProviderDescriptor(
        name: "Read-only", capabilities: [.listJobs, .getJob, .status], scheduleKinds: [.cron],
        fields: FieldCapabilities(
            readable: [.name, .schedule], creatable: [], updatable: [], scheduleKindsRead: [.cron],
            cancelledRunPhase: .failed))

    @Test func aGeneratedTableReadsBackAsItsDeclarations() {
        let full = ProviderDescriptor(name: "Full", capabilities: .all)
        let table = CapabilityMatrix.table([("Full", full), ("Read-only", Self.readOnly)])
        #expect(CapabilityMatrix.mismatches(in: table, column: "Full", descriptor: full).isEmpty)
        #expect(CapabilityMatrix.mismatches(in: table, column: "Read-only", descriptor: Self.readOnly).isEmpty)
        #expect(
            table.contains(
                "| fields create sets | name, kind, source, destination, schedule, isEnabled, tasks, settings | — |"))
        #expect(table.contains("| a cancelled run reads as | cancelled | — |"))
    }

    @Test func aCellThatDisagreesIsNamed() {
        let full = ProviderDescriptor(name: "Full", capabilities: .all)
        var changed = full
        changed.fields.updatable.remove(.name)
        let table = CapabilityMatrix.table([("Full", full)])
        let problems = CapabilityMatrix.mismatches(in: table, column: "Full", descriptor: changed)
        #expect(
            problems.first
                == "'Full' × fields update sets: README says name, source, destination, schedule, isEnabled, settings, declared source, destination, schedule, isEnabled, settings"
        )
        #expect(!CapabilityMatrix.mismatches(in: table, column: "Missing", descriptor: full).isEmpty)
        #expect(!CapabilityMatrix.mismatches(in: "no table", column: "Full", descriptor: full).isEmpty)
    }

    @Test func theREADMEHasOneColumnPerProvider() throws {
        // Each column is checked by its adapter's tests (theREADMEMatrixSaysWhatIsDeclared), the
        // Airflow one by Examples/Airflow's.
        let readme = try CapabilityMatrix.readme(near: #filePath)
        let lines = readme.split(separator: "\n").map(String.init)
        let begin = try #require(lines.firstIndex(of: CapabilityMatrix.beginMarker))
        #expect(
            lines[begin + 1]
                == "| | In-memory (reference) | CData Sync v2 | CData Connect AI | NX1 | Apache Airflow (example) |")
    }
}
