import Foundation
import JobBridge
import JobBridgeTesting
import Testing

private struct FailingProvider: JobProvider {
    var descriptor: ProviderDescriptor { ProviderDescriptor(name: "Down", capabilities: [.listJobs]) }
    func jobs() -> PagedSequence<Job> {
        .failing(JobBridgeError(.serviceUnavailable, "maintenance", provider: "Down", httpStatus: 503))
    }
}

@Suite struct ProviderRegistryTests {
    private func provider(_ name: String, jobs: Int) async throws -> InMemoryProvider {
        let provider = InMemoryProvider(configuration: .init(name: name, pageSize: 2))
        for number in 0..<jobs {
            _ = try await provider.createJob(JobDefinition(name: "\(name) \(number)", kind: JobKind(.replication)))
        }
        return provider
    }

    @Test func listsEveryProviderInRegistrationOrder() async throws {
        var registry = ProviderRegistry()
        registry.register(try await provider("A", jobs: 3))
        registry.register(try await provider("B", jobs: 1))
        let listing = await registry.listAllJobs()
        #expect(listing.failures.isEmpty)
        #expect(listing.jobs.map(\.provider) == ["A", "A", "A", "B"])
        #expect(listing.jobs.map(\.job.name) == ["A 0", "A 1", "A 2", "B 0"])
        #expect(registry.provider(named: "B")?.descriptor.name == "B")
        #expect(registry.provider(named: "C") == nil)
    }

    @Test func oneFailingProviderIsReportedBesideTheOthers() async throws {
        let registry = ProviderRegistry([
            try await provider("A", jobs: 2), FailingProvider(), try await provider("B", jobs: 1),
        ])
        let listing = await registry.listAllJobs()
        #expect(listing.jobs.map(\.provider) == ["A", "A", "B"])
        #expect(listing.failures.count == 1)
        #expect(listing.failures.first?.provider == "Down")
        #expect((listing.failures.first?.error as? JobBridgeError)?.code == .serviceUnavailable)
        #expect(listing.failures.first?.description.contains("maintenance") == true)
    }
}
