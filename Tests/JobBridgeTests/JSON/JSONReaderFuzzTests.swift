import Foundation
import Testing

@testable import JobBridge

/// The JSON reader on hostile input: malformed, truncated, deeply nested, huge numbers,
/// invalid UTF-8, lone surrogates, and seeded random mutations of a real answer. It must
/// refuse with a bounded one-line reason and never crash or overflow the stack.
@Suite struct JSONReaderFuzzTests {
    private func refuses(_ bytes: [UInt8], _ comment: Comment? = nil) {
        do {
            let value = try JSONReader.value(from: Data(bytes))
            Issue.record("read \(value) from \(bytes.prefix(40)) \(comment.map { "\($0)" } ?? "")")
        } catch {
            #expect(error.description.count < 200 && !error.description.contains("\n"))
        }
    }

    private func refuses(_ text: String) { refuses(Array(text.utf8), Comment(rawValue: text)) }

    @Test func refusesMalformedDocuments() {
        for text in [
            "", " ", "{", "}", "[", "]", "{]", "[}", "[,]", "[1,,]", "{,}", "{\"a\":1,,}", "{\"a\"}", "{\"a\" 1}",
            "{a:1}", "{'a':1}",
            "[1 2]", "01", "-", "-a", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "-Infinity", "tru",
            "nul", "falsey", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"a\tb\"", "\"a\nb\"", "[1]x", "{} {}",
            "// c\n1", "/* c */ 1", "[1,,2]", "\u{00A0}1",
        ] {
            refuses(text)
        }
    }

    @Test func refusesEveryTruncationOfAnObject() {
        let text = #"{"id":"j1","n":[1,-2.5e3,true,false,null],"s":"\u00e9\"x","o":{"k":{}}}"#
        let bytes = Array(text.utf8)
        for end in 0..<bytes.count { refuses(Array(bytes[0..<end]), "prefix of \(end) bytes") }
        #expect(throws: Never.self) { try JSONReader.value(from: Data(bytes)) }
    }

    @Test func boundsTheDepthWithoutOverflowingTheStack() throws {
        refuses(Array(repeating: UInt8(ascii: "["), count: 100_000))
        refuses(
            Array(repeating: UInt8(ascii: "["), count: 100_000) + Array(repeating: UInt8(ascii: "]"), count: 100_000))
        refuses(Array(String(repeating: "{\"a\":", count: 100_000).utf8))
        let deepest = JSONReader.maximumDepth
        let allowed = String(repeating: "[", count: deepest) + String(repeating: "]", count: deepest)
        #expect(throws: Never.self) { try JSONReader.value(from: Data(allowed.utf8)) }
        refuses("[" + allowed + "]")
    }

    @Test func readsNumbersExactlyAndRefusesOnesThatDoNotFit() throws {
        #expect(try JSONReader.value(from: Data("9223372036854775807".utf8)) == .int(.max))
        #expect(try JSONReader.value(from: Data("-9223372036854775808".utf8)) == .int(.min))
        #expect(try JSONReader.value(from: Data("9223372036854775808".utf8)) == .double(9_223_372_036_854_775_808))
        #expect(try JSONReader.value(from: Data("870237973789151200".utf8)) == .int(870_237_973_789_151_200))
        #expect(try JSONReader.value(from: Data("-0".utf8)) == .int(0))
        #expect(try JSONReader.value(from: Data("1.0".utf8)) == .double(1))
        #expect(try JSONReader.value(from: Data("1E2".utf8)) == .double(100))
        #expect(try JSONReader.value(from: Data("-1.5e-3".utf8)) == .double(-0.0015))
        refuses(String(repeating: "9", count: 400))
        refuses("1e400")
        refuses("-1e400")
        #expect(try JSONReader.value(from: Data("1e-400".utf8)) == .double(0))
    }

    @Test func refusesInvalidUTF8AndLoneSurrogates() throws {
        let quote = UInt8(ascii: "\"")
        for invalid: [UInt8] in [
            [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xC3], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ] {
            refuses([quote] + invalid + [quote], "bytes \(invalid)")
            refuses(
                [UInt8(ascii: "{"), quote] + invalid + [quote, UInt8(ascii: ":"), UInt8(ascii: "1"), UInt8(ascii: "}")])
            refuses(
                [quote, UInt8(ascii: "\\"), UInt8(ascii: "n")] + invalid + [quote], "escaped string, bytes \(invalid)")
            // Invalid bytes before the first escape are seen too (the reader copies the
            // plain run before the escape without looking at it again).
            refuses(
                [quote] + invalid + [UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "a"), quote],
                "bytes \(invalid) before an escape")
        }
        #expect(try JSONReader.value(from: Data("\"é\\n😀\\\"x\\u00e9\"".utf8)) == .string("é\n😀\"xé"))
        #expect(
            try JSONReader.value(from: Data(#"{"k": "{\"retries\": 2, \"pool\": \"default\"}"}"#.utf8))
                == ["k": #"{"retries": 2, "pool": "default"}"#])
        refuses(#""\uD800""#)
        refuses(#""\uDC00""#)
        refuses(#""\uD800\u0041""#)
        refuses(#""\uD800x""#)
        #expect(
            try JSONReader.value(from: Data(#""\uD83D\uDE00 \u00E9\/\b\f\n\r\t""#.utf8))
                == .string("😀 é/\u{8}\u{C}\n\r\t"))
        #expect(try JSONReader.value(from: Data("\"é 😀\"".utf8)) == .string("é 😀"))
        #expect(try JSONReader.value(from: Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))) == [1])
    }

    @Test func keepsTheLastOfRepeatedMembers() throws {
        #expect(try JSONReader.value(from: Data(#"{"a":1,"a":2}"#.utf8)) == ["a": 2])
    }

    /// Seeded random mutations (byte flips, insertions, deletions, cuts) of a real answer:
    /// each is either refused with a reason or read exactly as `JSONSerialization` reads it.
    @Test func survivesRandomMutationsOfAnAnswer() throws {
        let text = #"""
            {"value":[{"id":"870237973789151200","name":"Accounts","schedule":{"enabled":true,"cron":"0 */6 * * ?"},
            "verbosity":2,"ratio":0.25,"labels":["crm","nightly"],"email_to":null,"x":{"deep":[[1],[2,{"k":"v\u00e9"}]]}}],
            "@odata.nextLink":"jobs?$skip=1"}
            """#
        let original = Array(text.utf8)
        let alphabet = Array(#"{}[]:,"\ -.eE0123456789tfnulr"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var agreed = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0...next(4) {
                let position = next(bytes.count)
                switch next(4) {
                case 0: bytes[position] = alphabet[next(alphabet.count)]
                case 1: bytes.insert(alphabet[next(alphabet.count)], at: position)
                case 2: bytes.remove(at: position)
                default: bytes = Array(bytes[0..<position])
                }
                if bytes.isEmpty { break }
            }
            let data = Data(bytes)
            let ours: JSONValue?
            do {
                ours = try JSONReader.value(from: data)
            } catch {
                #expect(error.description.count < 200)
                ours = nil
            }
            guard let ours else { continue }
            let reference = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            #expect(
                reference.map { JSONReaderTestSupport.same($0, ours) } == true,
                "\(String(decoding: bytes, as: UTF8.self))")
            agreed += 1
        }
        #expect(agreed > 10)
    }

    @Test func refusesWithAJobBridgeErrorThatSaysWhere() {
        do {
            _ = try JSONValue(data: Data(#"{"a": [1, 2,, 3]}"#.utf8))
            Issue.record("read a broken document")
        } catch let error as JobBridgeError {
            #expect(error.code == .badResponse)
            #expect(error.message.contains("byte 12"), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
