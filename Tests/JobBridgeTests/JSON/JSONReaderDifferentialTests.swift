import Foundation
import Testing

@testable import JobBridge

/// The JSON reader against `JSONSerialization`: on every JSON text found in the
/// repository's fixtures, in the shared seed documents (when present) and in the tests'
/// own sources, both accept the same texts and read the same values.
@Suite struct JSONReaderDifferentialTests {
    /// The repository's root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Files that hold JSON: fixtures, seeds, and test sources.
    static func corpusFiles() -> [URL] {
        var folders = ["Adapters/Sync/Tests", "Adapters/Connect/Tests", "Adapters/NX1/Tests", "Tests/JobBridgeTests"]
            .map { root.appendingPathComponent($0) }
        // The shared seed documents beside the repository (as CI and every session lay them).
        folders.append(root.deletingLastPathComponent().appendingPathComponent("shared/seeds"))
        var files: [URL] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in walker where ["txt", "json", "swift"].contains(file.pathExtension) {
                files.append(file)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Every balanced `{…}` or `[…]` span of a text (string-aware, at most 200 per file,
    /// each at most 64 KB): the candidates both readers are given.
    static func candidates(in bytes: [UInt8]) -> [[UInt8]] {
        var found: [[UInt8]] = []
        var start = 0
        while start < bytes.count, found.count < 200 {
            defer { start += 1 }
            guard bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") else { continue }
            var depth = 0
            var inString = false
            var index = start
            while index < bytes.count, index - start < 65_536 {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        found.append(Array(bytes[start...index]))
                        break
                    }
                }
                index += 1
            }
        }
        return found
    }

    @Test func readsEveryFixtureAsJSONSerializationDoes() throws {
        var compared = 0
        var accepted = 0
        for file in Self.corpusFiles() {
            let bytes = [UInt8](try Data(contentsOf: file))
            for candidate in Self.candidates(in: bytes) {
                let data = Data(candidate)
                let reference = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                let ours = try? JSONReader.value(from: data)
                compared += 1
                let text = String(decoding: candidate.prefix(120), as: UTF8.self)
                #expect((reference != nil) == (ours != nil), "\(file.lastPathComponent): \(text)")
                // The same text read from a String (JSON inside a JSON string member) reads
                // the same, when the bytes are UTF-8 a String can hold unchanged.
                if let whole = String(validating: candidate, as: UTF8.self) {
                    #expect((try? JSONValue(json: whole)) == ours, "\(file.lastPathComponent): \(text)")
                }
                if let reference, let ours {
                    accepted += 1
                    #expect(JSONReaderTestSupport.same(reference, ours), "\(file.lastPathComponent): \(text)")
                }
            }
        }
        #expect(accepted > 100, "only \(accepted) of \(compared) candidates were JSON")
    }

    @Test func agreesWithJSONSerializationOnEveryPrefixOfAListing() throws {
        let text = #"""
            {"value": [{"id": "j1", "name": "Accounts \u00e9\ud83d\ude00", "schedule": {"enabled": true, "cron": "0 */6 * * ?"},
            "verbosity": 2, "ratio": -1.5e-3, "labels": ["a", "b"], "none": null, "big": 12345678901234567890}],
            "@odata.nextLink": "https://x/jobs?$skip=1"}
            """#
        let bytes = Array(text.utf8)
        for end in 0...bytes.count {
            let data = Data(bytes[0..<end])
            let reference = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            let ours = try? JSONReader.value(from: data)
            #expect((reference != nil) == (ours != nil), "prefix of \(end) bytes")
            if let reference, let ours { #expect(JSONReaderTestSupport.same(reference, ours)) }
        }
    }
}

/// Comparison of `JSONSerialization`'s values with ``JSONValue``.
enum JSONReaderTestSupport {
    static func same(_ reference: Any, _ value: JSONValue) -> Bool {
        switch value {
        case .null: return reference is NSNull
        case .bool(let flag):
            return (reference as? Bool) == flag
        case .int(let number):
            if let exact = reference as? Int64 { return exact == number }
            if let exact = reference as? Int { return Int64(exact) == number }
            return (reference as? NSNumber)?.int64Value == number
        case .double(let number):
            if let decimal = reference as? Decimal {
                return abs(NSDecimalNumber(decimal: decimal).doubleValue - number) <= abs(number) * 1e-15
            }
            guard let other = (reference as? NSNumber)?.doubleValue ?? (reference as? Double) else { return false }
            return other == number || abs(other - number) <= abs(number) * 1e-15
        case .string(let text): return (reference as? String) == text
        case .array(let elements):
            guard let others = reference as? [Any], others.count == elements.count else { return false }
            return zip(others, elements).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let others = reference as? [String: Any], others.count == members.count else { return false }
            return members.allSatisfy { key, member in others[key].map { same($0, member) } ?? false }
        }
    }
}
