import Foundation
import Testing

@testable import JobBridge

/// The reader keeps the long member names it has read (by a hash of their bytes, one per
/// slot) so that a listing does not allocate every name again: a name must never be taken
/// for another that shares its slot, its length or its first bytes.
@Suite struct JSONMemberNameCacheTests {
    /// Many long names (more than the cache has slots, so that slots are shared), each
    /// differing from the next in one byte only, in one object per name and all together.
    @Test func longNamesThatShareSlotsAreReadAsSent() throws {
        let names = (0..<600).map { String(format: "member_name_number_%05d", $0) }
        var text = "["
        for (position, name) in names.enumerated() {
            text += "{\"\(name)\": \(position), \"same_length_name_a\": 1, \"same_length_name_b\": 2},"
        }
        text += "{" + names.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "}]"
        let value = try JSONValue(data: Data(text.utf8))
        guard case .array(let elements) = value, elements.count == names.count + 1 else {
            Issue.record("expected \(names.count + 1) elements, read \(value.kindName)")
            return
        }
        for (position, name) in names.enumerated() {
            #expect(
                elements[position]
                    == .object([name: .int(Int64(position)), "same_length_name_a": 1, "same_length_name_b": 2]))
            #expect(elements[names.count][name] == .int(Int64(position)))
        }
        #expect(elements[names.count].objectValue?.count == names.count)
    }

    /// A long name that was cached, then met again with an escape or non-ASCII bytes, or
    /// as a prefix of a longer name, is read as sent.
    @Test func cachedNamesDoNotHideEscapesOrLongerNames() throws {
        let text = #"""
            [{"destination_connection_id": 1},
             {"destination_connection_id_2": 2},
             {"destination_connection_i\u0064": 3},
             {"destination_connection_ïd": 4},
             {"destination_connection_id": 5}]
            """#
        let value = try JSONValue(data: Data(text.utf8))
        #expect(
            value == [
                ["destination_connection_id": 1], ["destination_connection_id_2": 2],
                ["destination_connection_id": 3], ["destination_connection_ïd": 4], ["destination_connection_id": 5],
            ])
    }

    /// A long name that ends with the document is refused as before, not read.
    @Test func aLongNameCutByTheEndIsRefused() {
        #expect(throws: JobBridgeError.self) { try JSONValue(data: Data(#"{"destination_connection_id"#.utf8)) }
    }
}
