import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// Embed ("poweredby"): hosted pages, the connection list and its filters, deletion, data
/// sources, and the return from the hosted page, end to end against the simulator.
@Suite struct EmbedTests {
    @Test func aConnectionMadeOnTheHostedPageComesBackInTheReturnURL() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        #expect(try await client.dataSources().contains("Salesforce"))
        let link = try await client.createConnectionLink(
            ConnectEmbedCreateConnectionRequest(
                redirectURL: "https://app.example/connections/back?tenant=7", dataSource: "Salesforce", name: "CRM",
                externalID: "tenant-7"))
        #expect(link.url.path == "/oem/user/connections/edit")
        let items = URLComponents(url: link.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(items.first { $0.name == "driver" }?.value == "Salesforce")
        #expect(items.first { $0.name == "redirectUrl" }?.value == "https://app.example/connections/back?tenant=7")

        let back = try await simulator.returnURL(afterVisiting: link.url, outcome: .saved(name: nil))
        #expect(back.host == "app.example")
        let result = try ConnectConnectionReturn(url: back)
        guard case .success(let id, let name) = result.outcome else {
            Issue.record("expected success, got \(result.outcome)")
            return
        }
        #expect(name == "CRM")
        #expect(back.query?.contains("tenant=7") == true)

        let listed = try await client.connections()
        #expect(listed.map(\.id) == [id.rawValue])
        #expect(listed.first?.status == .authenticated)
        #expect(listed.first?.externalID == "tenant-7")
        #expect(listed.first?.dataSource == "Salesforce")
        #expect(try await client.connections(driver: "Salesforce", externalID: "tenant-7").count == 1)
        #expect(try await client.connections(driver: "Snowflake").isEmpty)
        #expect(try await client.connections(externalID: "tenant-8").isEmpty)

        let edit = try await client.editConnectionLink(
            id.rawValue,
            ConnectEmbedEditConnectionRequest(redirectURL: "https://app.example/edited", editableName: true))
        let edited = try await simulator.returnURL(
            afterVisiting: edit.url, outcome: .savedWithFailedTest(name: "CRM 2"))
        #expect(try ConnectConnectionReturn(url: edited).outcome == .error(id: id, name: "CRM 2"))
        #expect(try await client.connections().first?.status == .notAuthenticated)

        try await client.deleteConnection(id.rawValue)
        #expect(try await client.connections().isEmpty)
        let error = try await #require(throws: JobBridgeError.self) { try await client.deleteConnection(id.rawValue) }
        #expect(error.code == .notFound)
    }

    @Test func returningWithoutSavingMakesNoConnection() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        let link = try await client.createConnectionLink(
            ConnectEmbedCreateConnectionRequest(redirectURL: "https://app.example/"))
        let back = try await simulator.returnURL(afterVisiting: link.url, outcome: .returnedWithoutSaving)
        let result = try ConnectConnectionReturn(url: back)
        #expect(result.outcome == .none)
        #expect(result.connectionID == nil)
        #expect(try await client.connections().isEmpty)
        // The link was used: a second visit is refused.
        await #expect(throws: JobBridgeError.self) {
            try await simulator.returnURL(afterVisiting: link.url, outcome: .saved(name: nil))
        }
    }

    @Test func aNameWithoutADataSourceIsIgnoredAndOldLinksExpire() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        let link = try await client.createConnectionLink(
            ConnectEmbedCreateConnectionRequest(redirectURL: "https://app.example/", name: "Ignored"))
        let back = try await simulator.returnURL(afterVisiting: link.url, outcome: .saved(name: nil))
        guard case .success(_, let name) = try ConnectConnectionReturn(url: back).outcome else {
            Issue.record("expected success")
            return
        }
        #expect(name != "Ignored")

        let late = try await client.createConnectionLink(
            ConnectEmbedCreateConnectionRequest(redirectURL: "https://app.example/"))
        simulator.clock.advance(by: .seconds(181))
        let error = try await #require(throws: JobBridgeError.self) {
            try await simulator.returnURL(afterVisiting: late.url, outcome: .saved(name: nil))
        }
        #expect(error.code == .unauthorized)
    }

    @Test func badEmbedRequestsAreRefusedWithTheEnvelope() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        let unknownSource = try await #require(throws: JobBridgeError.self) {
            try await client.createConnectionLink(
                ConnectEmbedCreateConnectionRequest(redirectURL: "https://app.example/", dataSource: "NoSuchSource"))
        }
        #expect(unknownSource.code == .invalidRequest)
        #expect(unknownSource.providerCode == "INVALID_REQUEST")
        let missing = try await #require(throws: JobBridgeError.self) {
            try await client.editConnectionLink(
                "nope", ConnectEmbedEditConnectionRequest(redirectURL: "https://app.example/"))
        }
        #expect(missing.code == .notFound)
    }

    @Test func theJobsPageAndTheCacheFormLinksAreRequestedAsDocumented() async throws {
        let simulator = ConnectSimulator()
        let client = try TestSupport.client(simulator)
        let jobsPage = try await client.jobsPageLink()
        let request = try #require(simulator.router.receivedRequests.last)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://cloud.cdata.com/api/poweredby/jobs")
        #expect(request.body == nil)
        #expect(jobsPage.url.path == "/oem/user/jobs")

        let form = try await client.cacheConnectionFormLink(
            ConnectCacheConnectionFormRequest(
                redirectURL: "https://app.example/cache", name: "Warehouse", editableName: false)
        )
        let sent = try JSONValue(data: try #require(simulator.router.receivedRequests.last?.body))
        #expect(sent == ["redirectURL": "https://app.example/cache", "name": "Warehouse", "editableName": false])
        let items = URLComponents(url: form.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(items.first { $0.name == "connectionName" }?.value == "Warehouse")
        #expect(items.first { $0.name == "driver" }?.value == "PostgreSQL")
    }
}
