import Foundation
import Testing

@testable import JobBridge

/// `\u` escapes of surrogates: only whole pairs are characters.
@Suite struct JSONSurrogateTests {
    @Test(arguments: [#"["\uDC00"]"#, #"["\uDFFF x"]"#, #"{"k": "a\uDC01"}"#, #"["\uD800"]"#, #"["\uD800\u0041"]"#])
    func aLoneSurrogateIsRefusedAsJSONSerializationRefusesIt(_ text: String) {
        #expect(throws: (any Error).self) { try JSONValue(data: Data(text.utf8)) }
    }

    @Test func theErrorSaysWhichHalfIsMissing() throws {
        let low = try #require(throws: JobBridgeError.self) { try JSONValue(data: Data(#"["\uDC00"]"#.utf8)) }
        #expect(low.message.contains("low surrogate without its high half"), "\(low.message)")
        let high = try #require(throws: JobBridgeError.self) { try JSONValue(data: Data(#"["\uD800"]"#.utf8)) }
        #expect(high.message.contains("high surrogate without its low half"), "\(high.message)")
    }

    @Test func aWholePairIsOneCharacter() throws {
        #expect(try JSONValue(data: Data(#"["\uD83D\uDE00"]"#.utf8)) == .array([.string("😀")]))
    }
}
