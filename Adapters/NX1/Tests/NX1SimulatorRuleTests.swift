import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// The NX1 simulator's rules, and bounded error text. Found by mutation testing (#15).
@Suite struct NX1SimulatorRuleTests {
    @Test func aDeletedJobCannotBeDeletedAgain() async throws {
        let fixture = try NX1Fixture()
        let job = try await fixture.provider.createJob(JobDefinition(name: "Gone", kind: JobKind(.mirror)))
        try await fixture.client.deleteJob(job.id.rawValue)
        let error = await #expect(throws: JobBridgeError.self) { try await fixture.client.deleteJob(job.id.rawValue) }
        #expect(error?.code == .notFound)
    }

    @Test(arguments: ["0 0 6 * * *", "0 6 * *", "0 6 * * * 2026"])
    func theSimulatorRefusesACronWithoutFiveFields(_ cron: String) async throws {
        let fixture = try NX1Fixture()
        var request = try NX1Mapping.request(for: JobDefinition(name: "N", kind: JobKind(.mirror)))
        request.schedule = cron
        let error = await #expect(throws: JobBridgeError.self) { try await fixture.client.createJob(request) }
        #expect(error?.httpStatus == 400 || error?.httpStatus == 422)
    }

    @Test func anUnreadablePropertiesTextIsQuotedInShort() throws {
        let text = "{" + String(repeating: "x", count: 5_000)
        let error = #expect(throws: JobBridgeError.self) { try NX1Properties.parse(text) }
        let message = try #require(error?.message)
        #expect(message.count < 300)
        #expect(message.contains("…"))
        #expect(error?.field == "properties_json")
    }

    @Test(arguments: [("password", 400), ("client_credentials", 200), ("refresh_token", 400)])
    func theSimulatorIssuesTokensForClientCredentialsOnly(_ grant: String, _ status: Int) async throws {
        let simulator = NX1Simulator(clock: SimulatedClock())
        let url = try #require(URL(string: "https://sso.prod.nx1cloud.com/realms/acme/protocol/openid-connect/token"))
        let form = "grant_type=\(grant)&client_id=jobbridge&client_secret=simulator-secret"
        let response = try await simulator.send(
            HTTPRequest(
                method: .post, url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data(form.utf8)))
        #expect(response.status == status)
    }
}
