import Foundation
import JobBridge
import Testing

/// Secret-named headers and query values stay out of what requests print, whatever the
/// value looks like (an opaque cookie or key matches none of the value patterns, so only
/// the name protects it). Found by mutation testing (#15).
struct SecretNamesRedactionTests {
    static let value = "opaque7Q2vXw9"

    @Test(arguments: [
        "Cookie", "Set-Cookie", "x-cdata-authtoken", "X-CData-AuthKey", "x-cdata-auth-scheme-key",
        "Proxy-Authorization", "X-Refresh-Token", "client-secret", "Api-Key", "X-PSK", "PreSharedKey",
        "private_key", "Authorization",
    ])
    func secretNamedHeadersAreRedacted(_ name: String) throws {
        #expect(Redactor.isSecretName(name), "\(name)")
        var headers = HTTPHeaders()
        headers[name] = Self.value
        headers["Accept"] = "application/json"
        let url = try #require(URL(string: "https://sync.example.com/api.rsc/v2/jobs"))
        let request = HTTPRequest(method: .get, url: url, headers: headers)
        let response = HTTPResponse(status: 200, headers: headers, body: Data())
        for text in [
            "\(headers)", String(reflecting: headers), "\(request)", String(reflecting: request), "\(response)",
            String(reflecting: response),
        ] {
            #expect(!text.contains(Self.value), "\(name) shows in \(text)")
            #expect(text.contains("application/json"), "a harmless header is kept: \(text)")
        }
    }

    @Test(arguments: ["x-cdata-authkey", "PreSharedKey", "private_key", "cookie", "X-CData-Auth"])
    func secretQueryValuesAreRedactedInPrintedURLs(_ name: String) throws {
        let url = try #require(URL(string: "https://sync.example.com/api.rsc/v2/jobs?\(name)=\(Self.value)&$top=5"))
        let request = HTTPRequest(method: .get, url: url)
        for text in ["\(request)", String(reflecting: request)] {
            #expect(!text.contains(Self.value), "\(name) shows in \(text)")
            #expect(text.contains("$top=5") || text.contains("%24top=5"), "a harmless parameter is kept: \(text)")
        }
    }

    @Test func userInformationIsNotPrinted() throws {
        let url = try #require(URL(string: "https://admin:\(Self.value)@sync.example.com/api.rsc/v2/jobs"))
        let request = HTTPRequest(method: .get, url: url)
        #expect(!"\(request)".contains(Self.value))
        #expect(!String(reflecting: request).contains(Self.value))
    }

    @Test(arguments: ["Accept", "Content-Type", "X-Request-Id", "Cookie-Policy-Version"])
    func ordinaryNamesAreNotSecret(_ name: String) {
        #expect(!Redactor.isSecretName(name), "\(name)")
    }

    @Test func aTokenInsideAnOrdinaryHeaderValueIsRedacted() {
        var headers = HTTPHeaders()
        headers["X-Forwarded-Auth"] = "Bearer \(Self.value)"
        headers["X-Note"] = "Basic \(Self.value)"
        #expect(!"\(headers)".contains(Self.value))
    }

    @Test func aConnectionStringPasswordWithSpacesIsRedactedWhole() {
        let text = "Server=db;Password=correct horse battery;User=admin;Database=jobs"
        let redacted = Redactor.redact(text)
        for word in ["correct", "horse", "battery"] { #expect(!redacted.contains(word), "\(redacted)") }
        #expect(redacted.contains("User=admin"))
    }

    @Test func aBareJSONWebTokenIsRedacted() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqb2JicmlkZ2UifQ.c2lnbmF0dXJlX2J5dGVz"
        let redacted = Redactor.redact("the upstream said: \(jwt) was refused")
        #expect(!redacted.contains("eyJzdWIiOiJqb2JicmlkZ2UifQ"))
        #expect(!redacted.contains("c2lnbmF0dXJlX2J5dGVz"))
        #expect(redacted.contains("was refused"))
    }
}
