import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// Create and update send only the documented payload keys: a job's name is what Connect
/// reports, unless the app opts in (`sendsJobNames`).
@Suite struct DocumentedKeysTests {
    static let documented: Set<String> = [
        "jobType", "intervalUnit", "intervalValue", "logVerbosity", "enabled", "definedNextRun", "params",
    ]

    private static func bodies(_ simulator: ConnectSimulator, _ method: HTTPMethod) throws -> [[String: JSONValue]] {
        try simulator.router.receivedRequests.filter { $0.method == method }.map {
            try JSONValue(data: $0.body ?? Data()).objectValue ?? [:]
        }
    }

    @Test func createAndUpdateSendOnlyTheDocumentedKeys() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let created = try await provider.createJob(ConnectHarness().richDefinition)
        // The name is the provider's own (the simulator, like the documents' examples,
        // names a job after its source and table).
        #expect(created.name == "Salesforce1_Account")
        _ = try await provider.updateJob(created.id, with: JobUpdate(isEnabled: true, settings: ["logVerbosity": 2]))
        let sent = try Self.bodies(simulator, .post).filter { $0["jobType"] != nil } + Self.bodies(simulator, .put)
        #expect(sent.count == 2)
        for body in sent { #expect(Set(body.keys).isSubset(of: Self.documented), "sent \(body.keys.sorted())") }
        #expect(try await provider.job(created.id).name == "Salesforce1_Account")
    }

    @Test func anUpdateThatSetsTheNameIsRefusedBeforeAnyRequest() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let created = try await provider.createJob(ConnectHarness().definition(0))
        let error = await #expect(throws: JobBridgeError.self) {
            try await provider.updateJob(created.id, with: JobUpdate(name: "Renamed"))
        }
        #expect(error?.code == .unsupported)
        #expect(error?.field == "name")
        #expect(error?.operation == .updateJob)
        #expect(try Self.bodies(simulator, .put).isEmpty)
        #expect(!provider.descriptor.fields.updatable.contains(.name))
        #expect(!provider.descriptor.fields.creatable.contains(.name))
    }

    @Test func anAppThatOptsInSendsTheName() async throws {
        let simulator = ConnectSimulator()
        let provider = ConnectProvider(
            client: try TestSupport.client(simulator), cacheConnection: TestSupport.cacheConnection,
            sendsJobNames: true)
        #expect(provider.descriptor.fields.creatable.contains(.name))
        #expect(provider.descriptor.fields.updatable.contains(.name))
        let created = try await provider.createJob(ConnectHarness().definition(0))
        #expect(created.name == "Cache job 0")
        let renamed = try await provider.updateJob(created.id, with: JobUpdate(name: "Renamed"))
        #expect(renamed.name == "Renamed")
        let puts = try Self.bodies(simulator, .put)
        #expect(puts.last?["name"] == "Renamed")
    }
}
