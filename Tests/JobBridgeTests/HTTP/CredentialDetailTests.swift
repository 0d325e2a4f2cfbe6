import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

/// Details of credentials that no other test pinned: a renewal that hands back the very
/// token that was refused, and what a token endpoint's 400 means. Found by mutation
/// testing (#15).
@Suite struct CredentialDetailTests {
    static let tokenURL = HTTPTest.url("https://login.example.com/oauth2/token")

    @Test func aRenewalThatReturnsTheRefusedTokenIsNotRetried() async throws {
        let calls = HTTPTestBox(0)
        let credentials = BearerTokenCredentials(provider: {
            calls.update { $0 += 1 }
            return AccessToken(token: Secret("always-the-same"))
        })
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        router.on(.get, "/jobs") { _ in .error(401, code: "UNAUTHORIZED", message: "token revoked") }
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router, credentials: credentials).send(.get, ["jobs"], operation: .listJobs)
        }
        #expect(error?.code == .unauthorized)
        #expect(calls.value == 2)
        #expect(router.receivedRequests.count == 1)
    }

    static func endpoint(status: Int, body: String) -> HTTPStubTransport {
        HTTPStubTransport { _ in
            HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    @Test func aTokenEndpointsBadRequestIsUnauthorized() async throws {
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "id", clientSecret: "s",
            transport: Self.endpoint(status: 400, body: #"{"error":"invalid_client"}"#))
        let error = await #expect(throws: JobBridgeError.self) {
            var request = HTTPRequest(method: .get, url: HTTPTest.base)
            try await credentials.authorize(&request)
        }
        #expect(error?.code == .unauthorized)
    }

    @Test(arguments: ["Bearer", "bearer", "BEARER"])
    func aBearerTokenTypeIsAcceptedInAnyCase(_ type: String) async throws {
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "id", clientSecret: "s",
            transport: Self.endpoint(status: 200, body: #"{"access_token":"tk","token_type":"\#(type)"}"#))
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer tk")
    }

    @Test func anotherTokenTypeIsRefused() async throws {
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "id", clientSecret: "s",
            transport: Self.endpoint(status: 200, body: #"{"access_token":"tk","token_type":"mac"}"#))
        await #expect(throws: JobBridgeError.self) {
            var request = HTTPRequest(method: .get, url: HTTPTest.base)
            try await credentials.authorize(&request)
        }
    }
}
