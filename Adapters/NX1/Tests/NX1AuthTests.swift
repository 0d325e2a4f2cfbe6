import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeTesting
import Testing

/// OAuth 2 client credentials and the pre-shared key, against the simulator's Keycloak.
@Suite struct NX1AuthTests {
    @Test func tokenURLAndBaseURLComeFromTheClientName() throws {
        #expect(
            try NX1Auth.tokenURL(client: "Acme").absoluteString
                == "https://sso.prod.nx1cloud.com/realms/acme/protocol/openid-connect/token")
        #expect(try NX1Auth.apiBaseURL(client: "acme-eu").absoluteString == "https://aiapi.acme-eu.nx1cloud.com")
        for bad in ["", "acme/../x", "a.b", "-acme", String(repeating: "a", count: 64)] {
            let error = try #require(throws: JobBridgeError.self) { try NX1Auth.tokenURL(client: bad) }
            #expect(error.code == .configuration)
            #expect(error.field == "client")
        }
    }

    @Test func theTokenRequestIsKeycloaksClientCredentialsForm() async throws {
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()
        let token = try #require(fixture.simulator.router.receivedRequests.first)
        #expect(token.method == .post)
        #expect(token.url.absoluteString == "https://sso.prod.nx1cloud.com/realms/acme/protocol/openid-connect/token")
        #expect(token.headers["Content-Type"] == "application/x-www-form-urlencoded")
        let form = String(decoding: token.body ?? Data(), as: UTF8.self)
        #expect(
            form == "grant_type=client_credentials&scope=profile&client_id=jobbridge&client_secret=simulator-secret")
        let jobs = try #require(fixture.simulator.router.receivedRequests.last)
        #expect(jobs.url.absoluteString == "https://aiapi.acme.nx1cloud.com/api/jobs")
        #expect(jobs.headers["Authorization"]?.hasPrefix("Bearer nx1sim-") == true)
    }

    @Test func theTokenIsCachedUntilShortlyBeforeItExpires() async throws {
        let fixture = try NX1Fixture()
        for _ in 0..<5 { _ = try await fixture.client.listJobs() }
        #expect(await fixture.simulator.tokenRequestCount == 1)
        fixture.clock.advance(by: .seconds(560))  // 40 s left: more than the 30 s leeway.
        _ = try await fixture.client.listJobs()
        #expect(await fixture.simulator.tokenRequestCount == 1)
        fixture.clock.advance(by: .seconds(15))  // 25 s left: renewed before it expires.
        _ = try await fixture.client.listJobs()
        #expect(await fixture.simulator.tokenRequestCount == 2)
        #expect(fixture.count(.get, "/api/jobs") == 7)
    }

    @Test func anExpiredTokenIsRefusedBySimulatorAndRenewedAfterOne401() async throws {
        // With no leeway the client uses its token to the last second; the simulator
        // refuses it once the clock reaches expires_in.
        let configuration = NX1Simulator.Configuration()
        let clock = SimulatedClock()
        let fixture = try NX1Fixture(configuration: configuration, clock: clock)
        let lateCredentials = try NX1Auth.clientCredentials(
            client: "acme", clientID: "jobbridge", clientSecret: "simulator-secret", transport: fixture.simulator,
            leeway: -60, now: clock.dateSource)
        let client = try NX1Client(
            client: "acme", credentials: lateCredentials, transport: fixture.simulator, clock: clock)
        _ = try await client.listJobs()
        clock.advance(by: .seconds(630))  // expired 30 s ago; the client still thinks it has 30 s.
        _ = try await client.listJobs()
        #expect(await fixture.simulator.tokenRequestCount == 2)
        #expect(fixture.count(.get, "/api/jobs") == 3)  // ok, 401, ok after one renewal
    }

    @Test func a401RenewsTheTokenOnceAndRetries() async throws {
        let fixture = try NX1Fixture()
        _ = try await fixture.client.listJobs()
        await fixture.simulator.revokeTokens()
        _ = try await fixture.client.listJobs()
        #expect(await fixture.simulator.tokenRequestCount == 2)
        #expect(fixture.count(.get, "/api/jobs") == 3)
    }

    @Test func concurrentRequestsShareOneTokenFetch() async throws {
        let fixture = try NX1Fixture()
        // Token answers are slowed down so that every request is waiting for the first.
        fixture.faults.setPlan(.script([.latency(.seconds(2))]))
        let client = fixture.client
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<25 { group.addTask { try await client.listJobs().count } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.count == 25)
        #expect(await fixture.simulator.tokenRequestCount == 1)
        #expect(fixture.count(.get, "/api/jobs") == 25)
        // After a revocation, concurrent 401s share one renewal too.
        await fixture.simulator.revokeTokens()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await client.listJobs() } }
            try await group.waitForAll()
        }
        #expect(await fixture.simulator.tokenRequestCount == 2)
    }

    @Test func wrongClientSecretIsUnauthorizedAndNeverShown() async throws {
        let fixture = try NX1Fixture()
        let credentials = try NX1Auth.clientCredentials(
            client: "acme", clientID: "jobbridge", clientSecret: "not-the-secret-XYZ", transport: fixture.simulator,
            now: fixture.clock.dateSource)
        let client = try NX1Client(client: "acme", credentials: credentials, transport: fixture.simulator)
        let error = try #require(await #expect(throws: JobBridgeError.self) { _ = try await client.listJobs() })
        #expect(error.code == .unauthorized)
        #expect(error.httpStatus == 401)
        #expect(!"\(error)".contains("not-the-secret-XYZ"))
        #expect(!"\(credentials)".contains("not-the-secret-XYZ"))
        #expect(!String(reflecting: credentials).contains("not-the-secret-XYZ"))
        #expect(fixture.count(.get, "/api/jobs") == 0)
    }

    @Test func aWrongRealmIsRefused() async throws {
        let fixture = try NX1Fixture()
        let credentials = try NX1Auth.clientCredentials(
            client: "other", clientID: "jobbridge", clientSecret: "simulator-secret", transport: fixture.simulator)
        let client = try NX1Client(client: "acme", credentials: credentials, transport: fixture.simulator)
        let error = try #require(await #expect(throws: JobBridgeError.self) { _ = try await client.listJobs() })
        #expect(error.code == .notFound)
        #expect(error.httpStatus == 404)
    }

    @Test func thePreSharedKeyIsAccepted() async throws {
        let fixture = try NX1Fixture(credentials: NX1Auth.preSharedKey("simulator-psk"))
        let job = try await fixture.provider.createJob(JobDefinition(name: "PSK job", kind: JobKind(.mirror)))
        #expect(try await fixture.provider.job(job.id).name == "PSK job")
        let sent = try #require(fixture.simulator.router.receivedRequests.last)
        #expect(sent.headers["Authorization-PSK"] == "simulator-psk")
        #expect(sent.headers["Authorization"] == nil)
        #expect(await fixture.simulator.tokenRequestCount == 0)
    }

    @Test func aWrongPreSharedKeyOrNoneIs401() async throws {
        let wrong = try NX1Fixture(credentials: NX1Auth.preSharedKey("guessed-key-123"))
        let error = try #require(await #expect(throws: JobBridgeError.self) { _ = try await wrong.client.listJobs() })
        #expect(error.code == .unauthorized)
        #expect(!"\(error)".contains("guessed-key-123"))
        #expect(!"\(NX1Auth.preSharedKey("guessed-key-123"))".contains("guessed-key-123"))
        let none = try await wrong.simulator.send(
            HTTPRequest(method: .get, url: try NX1Auth.apiBaseURL(client: "acme").appending(path: "api/jobs")))
        #expect(none.status == 401)
    }
}
