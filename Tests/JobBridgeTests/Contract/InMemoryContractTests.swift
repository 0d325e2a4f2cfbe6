import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// The harness for the in-memory reference provider: small pages, a simulated clock.
struct InMemoryHarness: ContractHarness {
    let simulatedClock = SimulatedClock()
    var configuration = InMemoryProvider.Configuration(name: "In-Memory", pageSize: 3)
    /// Wraps each fresh provider (meta-tests use it to break one on purpose).
    var wrap: @Sendable (InMemoryProvider) -> any JobProvider = { $0 }
    var capabilitiesOverride: ProviderCapabilities?

    func makeProvider() async throws -> any JobProvider {
        wrap(InMemoryProvider(configuration: configuration, now: simulatedClock.dateSource))
    }

    var capabilities: ProviderCapabilities { capabilitiesOverride ?? configuration.capabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { configuration.pageSize * 2 + 1 }
    var roundTripFields: Set<JobField> { Set(JobField.allCases) }

    func definition(_ number: Int) -> JobDefinition {
        JobDefinition(
            name: "Job \(number)", kind: JobKind(.replication),
            source: ConnectionRef(id: "src-1", name: "Salesforce"),
            destination: ConnectionRef(id: "dst-1", name: "Warehouse"))
    }

    var richDefinition: JobDefinition {
        JobDefinition(
            name: "Rich job", kind: JobKind(.reverseETL, providerValue: "ReverseETL"),
            source: ConnectionRef(id: "src-2", name: "Snowflake"),
            destination: ConnectionRef(id: "dst-2", name: "HubSpot"),
            schedule: .interval(
                IntervalSchedule(every: 6, .hour, firstRun: Date(timeIntervalSince1970: 1_767_225_600))),
            isEnabled: false, tasks: sampleTasks, settings: ["verbosity": 3, "table_name_prefix": "sf_"])
    }
}

@Suite struct InMemoryContractTests {
    @Test(arguments: ContractSuite.cases(for: InMemoryHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(InMemoryHarness())
    }

    @Test func everyCaseApplies() {
        // The reference provider declares everything, so it meets every behaviour case and
        // no "unsupported" case.
        let names = ContractSuite.cases(for: InMemoryHarness()).map(\.name)
        #expect(Set(names).count == names.count)
        #expect(!names.contains { $0.hasPrefix("unsupported.") })
        let behaviour = ContractSuite.allCaseNames.filter { !$0.hasPrefix("unsupported.") }
        #expect(Set(names) == Set(behaviour))
    }

    @Test func aProviderWithoutCapabilitiesGetsOnlyUnsupportedCases() async throws {
        var harness = InMemoryHarness()
        harness.configuration.capabilities = []
        let cases = ContractSuite.cases(for: harness)
        #expect(cases.map(\.name) == ["descriptor.matchesHarness"] + JobOperation.allCases.map { "unsupported.\($0)" })
        for contractCase in cases { try await contractCase.run(harness) }
    }

    @Test func aReadOnlyProviderPassesItsCases() async throws {
        var harness = InMemoryHarness()
        harness.configuration.capabilities = [.listJobs, .getJob, .createJob, .runJob, .status]
        for contractCase in ContractSuite.cases(for: harness) { try await contractCase.run(harness) }
    }
}
