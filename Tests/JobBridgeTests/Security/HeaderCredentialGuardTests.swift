import Foundation
import Testing

@testable import JobBridge

/// A token that would end a header field and inject others is refused with a typed
/// error that never shows it: from a token endpoint, and in bearer or header credentials.
@Suite struct HeaderCredentialGuardTests {
    private static func tokenEndpoint(accessToken: String) throws -> OAuth2ClientCredentials {
        let answer = try JSONEncoder().encode(["access_token": accessToken, "token_type": "Bearer"])
        return try OAuth2ClientCredentials(
            tokenURL: HTTPTest.url("https://login.example.com/token"), clientID: "id", clientSecret: "s",
            transport: HTTPStubTransport { _ in HTTPResponse(status: 200, body: answer) })
    }

    @Test(arguments: ["", "  ", "tok-0042\r\nX-Injected: 1", "tok-0042\n", "tok-0042\u{0}", "tok\u{7F}0042"])
    func aTokenEndpointAnswerWithABadAccessTokenIsRefused(_ token: String) async throws {
        let credentials = try Self.tokenEndpoint(accessToken: token)
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        let error = await #expect(throws: JobBridgeError.self) { try await credentials.authorize(&request) }
        #expect(error?.code == .badResponse)
        #expect(error?.field == "access_token")
        #expect(error.map { String(describing: $0).contains("access_token") } == true)
        #expect(error.map { !String(describing: $0).contains("0042") } == true)
        #expect(request.headers["Authorization"] == nil)
    }

    @Test(arguments: ["tok-0042\r\nX-Injected: 1", "tok-0042\n", "tok-0042\r"])
    func headerCredentialsRefuseALineBreak(_ token: String) async throws {
        let all: [any Credentials] = [
            BearerTokenCredentials(token: Secret(token)), HeaderTokenCredentials(token: Secret(token)),
            HeaderTokenCredentials.preSharedKey(Secret(token)),
        ]
        for credentials in all {
            var request = HTTPRequest(method: .get, url: HTTPTest.base)
            let error = await #expect(throws: JobBridgeError.self) { try await credentials.authorize(&request) }
            #expect(error?.code == .configuration)
            #expect(error?.field == "token")
            #expect(error.map { !String(describing: $0).contains("0042") } == true)
            #expect(request.headers.isEmpty)
        }
    }

    @Test func aTabInATokenIsAccepted() async throws {
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        try await HeaderTokenCredentials(token: "a\tb").authorize(&request)
        #expect(request.headers["x-cdata-authtoken"] == "a\tb")
    }
}
