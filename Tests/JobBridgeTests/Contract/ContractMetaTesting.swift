import JobBridge
import JobBridgeTesting
import Testing

/// What the meta-tests do with a deliberately broken provider: run every contract case
/// its harness gets, and show the expected failures as known issues.
enum ContractMetaTesting {
    /// The names of the cases that fail against the harness's provider.
    static func failingCases(_ cases: [ContractCase], harness: any ContractHarness) async -> Set<String> {
        var failed: Set<String> = []
        for contractCase in cases {
            do {
                try await contractCase.run(harness)
            } catch {
                failed.insert(contractCase.name)
            }
        }
        return failed
    }

    /// Runs each named case as a known issue: it must fail, and says why in `label`.
    static func expectKnownIssues(
        _ names: Set<String>, in cases: [ContractCase], harness: any ContractHarness, label: String
    ) async {
        let named = cases.filter { names.contains($0.name) }
        #expect(named.count == names.count)
        for contractCase in named {
            await withKnownIssue("\(label) breaks \(contractCase.name)") {
                try await contractCase.run(harness)
            }
        }
    }
}
