import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

/// Error texts stay one bounded line, whatever the provider sent.
@Suite struct ErrorTextTests {
    @Test func aHugeValueIsCutBeforeItIsStored() {
        let value = String(repeating: "7", count: 100_000)
        let error = JobBridgeError(.badResponse, "could not read created \(value)")
        #expect(error.message.count <= ErrorText.messageLimit + 20)
        #expect(error.message.hasSuffix("…(truncated)"))
        #expect(error.description.count < 1_200)
    }

    @Test func aTenMegabyteValueIsCutInBoundedWork() {
        // One character made of ten million scalars: a cut by characters would walk it all.
        let value = "e" + String(repeating: "\u{301}", count: 10_000_000)
        let text = ErrorText.oneLine(value, limit: 200)
        #expect(text.unicodeScalars.count <= 200 + 12)
    }

    @Test func lineBreaksAndControlCharactersAreEscaped() {
        let error = JobBridgeError(.badResponse, "line one\nline two\r\u{0}\u{1b}[31m")
        #expect(!error.message.contains("\n"))
        #expect(!error.message.contains("\r"))
        #expect(error.message == "line one\\nline two\\r\\u{0}\\u{1B}[31m")
        #expect(error.description.split(separator: "\n").count == 1)
    }

    @Test func theProviderCodeIsRedactedAndBounded() {
        var error = JobBridgeError(.invalidRequest, "no", providerCode: "Server=db;Password=hunter2")
        #expect(!error.providerCode!.contains("hunter2"))
        #expect(!error.description.contains("hunter2"))
        error.providerCode = "Password=s3cret\n" + String(repeating: "x", count: 5_000)
        #expect(!error.providerCode!.contains("s3cret"))
        #expect(error.providerCode!.count <= ErrorText.quotedValueLimit + 20)
        #expect(!String(reflecting: error).contains("s3cret"))
    }

    @Test func theCauseIsKeptRedacted() {
        struct Underlying: Error, CustomStringConvertible {
            var description: String { "failed with Password=hunter2" }
        }
        let error = JobBridgeError(.transport, "no answer", cause: JobBridgeError.Cause(Underlying()))
        #expect(error.cause?.type == "Underlying")
        #expect(!error.description.contains("hunter2"))
        #expect(error.description.contains("[cause: Underlying: failed with Password="))
    }

    @Test func quotedValuesAreShortAndSingleQuoted() {
        #expect(ErrorText.quoted("abc") == "'abc'")
        #expect(ErrorText.quoted(String(repeating: "a", count: 500)).count <= ErrorText.quotedValueLimit + 14)
    }
}

/// What RESTClient says and refuses, in words.
@Suite struct RESTClientWordsTests {
    private func client(_ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) throws -> RESTClient
    {
        try RESTClient(
            provider: "P", baseURL: try #require(URL(string: "https://api.example.com/v1")),
            transport: HTTPStubTransport(handler: handler), retry: .never)
    }

    @Test func aRedirectIsNamedAndNotFollowed() async throws {
        let rest = try client { _ in
            HTTPResponse(status: 302, headers: ["Location": "https://elsewhere.example.com/login?token=abc"])
        }
        let error = try await #require(throws: JobBridgeError.self) { try await rest.send(.get, ["jobs"]) }
        #expect(error.code == .badResponse)
        #expect(error.httpStatus == 302)
        #expect(error.message.contains("redirect (HTTP 302) to https://elsewhere.example.com/login"))
        #expect(error.message.contains("not followed"))
        #expect(!error.message.contains("abc"))
    }

    @Test func anHeaderWithALineBreakNeverReachesTheTransport() async throws {
        let reached = HTTPTestBox(false)
        let rest = try client { _ in
            reached.value = true
            return HTTPResponse(status: 200)
        }
        let error = try await #require(throws: JobBridgeError.self) {
            try await rest.send(.get, ["jobs"], headers: ["X-Token": "abc\r\nX-Injected: 1"])
        }
        #expect(error.code == .configuration)
        #expect(error.outcome == .notSent)
        #expect(!error.message.contains("abc"))
        #expect(!reached.value)
    }

    @Test func everyRequestCarriesTheClientsTimeout() async throws {
        let seen = HTTPTestBox<Duration?>(nil)
        var rest = try client { request in
            seen.value = request.timeout
            return HTTPResponse(status: 200)
        }
        try await rest.send(.get, ["jobs"])
        #expect(seen.value == RESTClient.defaultRequestTimeout)
        #expect(RESTClient.defaultRequestTimeout == .seconds(30))
        rest.requestTimeout = .seconds(5)
        try await rest.send(.get, ["jobs"])
        #expect(seen.value == .seconds(5))
    }

    @Test func aTransportFailureKeepsItsCause() async throws {
        struct Boom: Error {}
        let rest = try client { _ in throw Boom() }
        let error = try await #require(throws: JobBridgeError.self) { try await rest.send(.post, ["jobs"]) }
        #expect(error.code == .transport)
        #expect(error.outcome == .maybeActed)
        #expect(error.cause?.type == "Boom")
    }
}

/// The token request has a time-out too.
@Suite struct TokenRequestTimeoutTests {
    @Test func theTokenRequestCarriesATimeout() async throws {
        let seen = HTTPTestBox<Duration?>(nil)
        let transport = HTTPStubTransport { request in
            seen.value = request.timeout
            return HTTPResponse(
                status: 200, body: Data(#"{"access_token":"abc","expires_in":300,"token_type":"Bearer"}"#.utf8))
        }
        let credentials = try OAuth2ClientCredentials(
            tokenURL: try #require(URL(string: "https://sso.example.com/token")), clientID: "id",
            clientSecret: "secret", transport: transport, requestTimeout: .seconds(7))
        var request = HTTPRequest(method: .get, url: try #require(URL(string: "https://api.example.com/x")))
        try await credentials.authorize(&request)
        #expect(seen.value == .seconds(7))
    }
}
