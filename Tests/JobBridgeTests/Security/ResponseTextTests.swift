import Foundation
import Testing

@testable import JobBridge

/// Text quoted from an answer is cut before it is redacted (bounded work, whatever the
/// size), fits on one line, and an HTML error page is summed up, never pasted.
@Suite struct ResponseTextTests {
    @Test func aHugeBodyIsCutToOneBoundedLine() {
        let line = "Server=db;Password=hunter2;User=u\r\n"
        let body = Data(String(repeating: line, count: 10_000_000 / line.utf8.count).utf8)
        let snippet = ResponseText.snippet(body, limit: 512)
        #expect(snippet.count <= 512 + 60)
        #expect(snippet.hasSuffix(ResponseText.truncationMarker))
        #expect(!snippet.contains("\n") && !snippet.contains("\r"))
        #expect(snippet.hasPrefix(#"Server=db;Password=<redacted>;User=u\r\nServer=db"#))
        #expect(!snippet.contains("hunter2"))
    }

    @Test func aSecretCutInTheMiddleIsStillRedacted() {
        let body = Data(("Server=db;Password=" + String(repeating: "s", count: 1000)).utf8)
        let snippet = ResponseText.snippet(body, limit: 40)
        #expect(snippet == "Server=db;Password=<redacted>" + ResponseText.truncationMarker)
    }

    @Test func controlCharactersAreEscaped() {
        let snippet = ResponseText.snippet(Data("a\tb\u{0}c\u{1B}[31md\u{2028}e\nf".utf8))
        #expect(snippet == #"a\tb\u{0}c\u{1B}[31md\u{2028}e\nf"#)
    }

    @Test func anHTMLPageIsSummedUp() {
        let page = """
            <!DOCTYPE html>
            <html><head><title>502 Bad
              Gateway</title></head><body><form>password=hunter2</form>\(String(repeating: "<p>x</p>", count: 5000))
            </body></html>
            """
        let body = Data(page.utf8)
        #expect(ResponseText.snippet(body) == "an HTML page (\(body.count) bytes) titled \"502 Bad Gateway\"")
        let untitled = Data("  <html><body>token=abc</body></html>".utf8)
        #expect(ResponseText.snippet(untitled) == "an HTML page (\(untitled.count) bytes)")
    }

    @Test func quotedValuesAreCutToOneRedactedLine() {
        let long = String(repeating: "m", count: 100_000)
        let quoted = ResponseText.quoted(long)
        #expect(quoted == String(repeating: "m", count: 200) + ResponseText.truncationMarker)
        let huge = "Password=" + String(repeating: "p", count: 10_000_000)
        #expect(ResponseText.quoted(huge) == "Password=<redacted>" + ResponseText.truncationMarker)
        #expect(ResponseText.quoted("line one\nPassword=x\r\n", limit: 50) == #"line one\nPassword=<redacted>\r\n"#)
        #expect(ResponseText.quoted("short") == "short")
    }

    @Test func aHugeRefusalFromTheTokenEndpointGivesABoundedError() async throws {
        let message = "client_secret=hunter2; " + String(repeating: "z", count: 100_000)
        let body = try JSONEncoder().encode(["error": ["code": "invalid_client", "message": message]])
        let credentials = try OAuth2ClientCredentials(
            tokenURL: HTTPTest.url("https://login.example.com/token"), clientID: "id", clientSecret: "hunter2",
            transport: HTTPStubTransport { _ in HTTPResponse(status: 401, body: body) })
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        let error = await #expect(throws: JobBridgeError.self) { try await credentials.authorize(&request) }
        let text = try #require(error?.message)
        #expect(text.count < 400)
        #expect(text.hasPrefix("the token endpoint refused the client credentials: client_secret=<redacted>; zzz"))
        #expect(text.hasSuffix(ResponseText.truncationMarker))
        #expect(!text.contains("hunter2"))
    }
}
