import Foundation
import Testing

@testable import JobBridge

/// Inputs of 200 KB in the shapes that made the old regular expressions super-linear: a
/// key pattern tried from every word boundary (`a-a-a-…`), the JSON Web Token rule tried
/// from every `eyJ`. The redactor must still be right on them; it is linear, so they take
/// milliseconds (the old one took minutes: this suite would hang). Speed figures live in
/// `jobbridge-redaction-bench`, not here.
@Suite struct AdversarialRedactionTests {
    static let size = 200_000

    static func repeated(_ unit: String, bytes: Int = size) -> String {
        String(repeating: unit, count: bytes / unit.utf8.count)
    }

    @Test func wordBoundariesEverywhere() {
        let text = Self.repeated("a-") + ";Password=hunter2;User=u"
        let isRight = Redactor.redact(text) == Self.repeated("a-") + ";Password=<redacted>;User=u"
        #expect(isRight)
    }

    @Test func separatorsEverywhere() {
        let text = Self.repeated("a-b=") + " token=abc&page=2"
        let redacted = Redactor.redact(text)
        let isRight = redacted == Self.repeated("a-b=") + " token=<redacted>&page=2"
        #expect(isRight)
    }

    @Test func webTokenPrefixesEverywhere() {
        let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
        let text = Self.repeated("eyJ") + " " + token + " " + Self.repeated("eyJ.", bytes: 40_000)
        let redacted = Redactor.redact(text)
        let isRight = !redacted.contains("c2lnbmF0dXJl") && redacted.hasPrefix(Self.repeated("eyJ") + " <redacted> ")
        #expect(isRight)
    }

    @Test func secretNamesEverywhere() {
        let text = Self.repeated("password=")
        #expect(Redactor.redact(text) == "password=" + Redactor.placeholder)
        let members = Self.repeated(#""password":"#) + #""x""#
        let isRight = Redactor.redact(members).hasSuffix(#""password":"<redacted>""#)
        #expect(isRight)
    }

    @Test func quotesEscapesAndBracketsEverywhere() {
        for unit in [#"\""#, #"\\\""#, "\"", "[{", "<a>", "%3D", "::", "Bearer ", "//:@", #"{"a":"#] {
            let text = Self.repeated(unit) + " Password=hunter2;"
            let isClean = !Redactor.redact(text).contains("hunter2")
            #expect(isClean, "unit \(unit)")
        }
    }

    @Test func longSecretValues() {
        let value = Self.repeated("x")
        let text = #"{"password":""# + value + #"","user":"u"}"#
        let member = Redactor.redact(text)
        #expect(member == #"{"password":"<redacted>","user":"u"}"#)
        let connection = Redactor.redact("Server=db;Password=" + value + ";User=u")
        #expect(connection == "Server=db;Password=<redacted>;User=u")
    }
}
