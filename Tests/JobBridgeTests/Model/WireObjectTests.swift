import Foundation
import JobBridge
import Testing

/// The core's wire-object helper: typed, lenient getters whose errors name the member,
/// unknown members kept, lists read from the tree, stable output.
@Suite struct WireObjectTests {
    private func wire(_ members: [String: JSONValue]) -> WireObject {
        WireObject(members, what: "a job", codingPath: [WireKey("jobs"), WireKey(index: 2)])
    }

    /// The error's coding path as `RESTClient` names it, and its message.
    private func failure(_ body: () throws -> Void) -> (path: [String], message: String)? {
        do {
            try body()
            return nil
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return (context.codingPath.map(\.stringValue), context.debugDescription)
            case .keyNotFound(let key, let context):
                return (context.codingPath.map(\.stringValue) + [key.stringValue], context.debugDescription)
            @unknown default:
                return nil
            }
        } catch {
            return nil
        }
    }

    @Test func scalarsAreReadLenientlyWhereProvidersAre() throws {
        let object = wire([
            "count": "12", "spaced": " 7 ", "number": 3, "whole": 4.0, "flag": "TRUE", "off": " false ", "on": true,
            "name": "n", "status": 5,
        ])
        #expect(try object.int("count") == 12)
        #expect(try object.int("spaced") == 7)
        #expect(try object.int64("number") == 3)
        #expect(try object.int("whole") == 4)
        #expect(try object.bool("flag") == true)
        #expect(try object.bool("off") == false)
        #expect(try object.bool("on") == true)
        #expect(try object.string("name") == "n")
        #expect(object.text("status") == "5")
        #expect(try object.int("absent") == nil)
    }

    @Test func theFirstNameThatIsPresentAndNotNullIsRead() throws {
        let object = wire(["modified_at": nil, "updated_at": "x", "last_modified": "y"])
        #expect(object.member(["modified_at", "updated_at", "last_modified"])?.key == "updated_at")
        #expect(try object.string("modified_at") == nil)
        #expect(try object.string("modified_at", "updated_at") == "x")
    }

    @Test func aValueOfTheWrongKindNamesItsMemberAndWhatWasWrong() throws {
        let object = wire(["intervalValue": "often", "enabled": "yes", "name": 3, "fraction": 1.5])
        let interval = try #require(failure { _ = try object.int("intervalValue") })
        #expect(interval.path == ["jobs", "Index 2", "intervalValue"])
        #expect(interval.message == "a job: expected an integer or a string of digits, found a string 'often'")
        #expect(failure { _ = try object.bool("enabled") }?.message.contains("a Boolean") == true)
        #expect(failure { _ = try object.string("name") }?.message == "a job: expected a string, found a number")
        #expect(failure { _ = try object.int("fraction") }?.path.last == "fraction")
    }

    @Test func aHugeValueIsQuotedShortOnOneLine() throws {
        let huge = String(repeating: "2\n", count: 50_000)
        let object = wire(["created": .string(huge), "count": .string(huge)])
        for message in [
            failure { _ = try object.date("created", parse: { WireDate.parse($0) }) }?.message,
            failure { _ = try object.int("count") }?.message,
        ] {
            let text = try #require(message)
            #expect(text.count < ErrorText.quotedValueLimit + 120, "\(text.count) characters")
            #expect(!text.contains("\n"))
        }
    }

    @Test func datesAreParsedOrRefusedAndEmptyIsAbsentWhenAsked() throws {
        let object = wire(["at": "2025-11-20T15:26:43Z", "empty": ""])
        #expect(try object.date("at", parse: { WireDate.parse($0) }) == Date(timeIntervalSince1970: 1_763_652_403))
        #expect(try object.date("empty", emptyIsAbsent: true, parse: { WireDate.parse($0) }) == nil)
        let refused = try #require(failure { _ = try object.date("empty", parse: { WireDate.parse($0) }) })
        #expect(refused.message == "not an ISO 8601 date-time: ''")
        #expect(refused.path.last == "empty")
    }

    @Test func idsAreStringsOrExactIntegers() throws {
        let object = wire([
            "id": 870_237_973_789_151_200, "other": "a", "rounded": 8.702_379_737_891_512e17, "list": [1, "2"],
        ])
        #expect(try object.id("id") == "870237973789151200")
        #expect(try object.requiredID("missing", "other") == "a")
        #expect(try object.ids("list") == ["1", "2"])
        let rounded = try #require(failure { _ = try object.id("rounded") })
        #expect(rounded.path.last == "rounded")
        #expect(rounded.message.contains("cannot be trusted"))
        let missing = try #require(failure { _ = try object.requiredID("job_id") })
        #expect(missing.path == ["jobs", "Index 2", "job_id"])
        #expect(missing.message == "a job has no id (looked for job_id)")
        let badElement = try #require(failure { _ = try wire(["list": [true]]).ids("list") })
        #expect(badElement.path == ["jobs", "Index 2", "list", "Index 0"])
    }

    @Test func unknownMembersAreKeptAndNothingIsCopiedWhenAllAreKnown() throws {
        let object = wire(["id": "1", "name": "n", "x_custom": ["level": 2], "nothing": nil])
        #expect(object.unknownMembers(known: ["id", "name"]) == ["x_custom": ["level": 2], "nothing": nil])
        #expect(object.unknownMembers(known: ["id", "name", "x_custom", "nothing", "absent"]).isEmpty)
    }

    @Test func writingOverWhatWasReadKeepsEveryOtherMember() throws {
        var object = wire(["id": "1", "name": "old", "x_custom": ["level": 2], "drop": true])
        object.setting("name", "new")
        object.setting("count", 3)
        object.setting("drop", nil as Bool?)
        object.setting("enabled", true)
        #expect(object.json == ["id": "1", "name": "new", "x_custom": ["level": 2], "count": 3, "enabled": true])
    }

    @Test func outputIsInSortedOrder() throws {
        struct Body: Encodable {
            let wire: WireObject
            func encode(to encoder: any Encoder) throws { try wire.encode(to: encoder) }
        }
        let object = WireObject(["zeta": 1, "alpha": ["b": 1, "a": 2], "mid": "m"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(Body(wire: object)), as: UTF8.self)
        #expect(text == #"{"alpha":{"a":2,"b":1},"mid":"m","zeta":1}"#)
    }

    @Test func listsAreReadFromTheTreeAndNameTheElement() throws {
        let list: JSONValue = [["id": "a"], ["id": "b"], "not an object"]
        let ids = try WireObject.elements(
            of: .array(Array(list.arrayValue?.prefix(2) ?? [])), what: "a job", codingPath: [WireKey("jobs")]
        ) {
            try $0.requiredID("id")
        }
        #expect(ids == ["a", "b"])
        let notObject = try #require(
            failure { _ = try WireObject.elements(of: list, what: "a job", codingPath: [WireKey("jobs")]) { $0 } })
        #expect(notObject.path == ["jobs", "Index 2"])
        #expect(notObject.message == "expected a job as a JSON object, found a string")
        let notList = try #require(
            failure { _ = try WireObject.elements(of: "x", what: "a job", codingPath: []) { $0 } })
        #expect(notList.message == "expected a list (each element a job), found a string")
        // An error inside an element names the element too (its path is built only then).
        let badMember = try #require(
            failure {
                _ = try WireObject.elements(
                    of: [["id": "a"], ["id": 1.5]], what: "a job", codingPath: [WireKey("jobs")]
                ) {
                    try $0.requiredID("id")
                }
            })
        #expect(badMember.path == ["jobs", "Index 1", "id"])
        let element = try WireObject.element(["id": "a"], what: "a job", listPath: [WireKey("value")], index: 3)
        #expect(element.codingPath.map(\.stringValue) == ["value", "Index 3"])
        #expect(element.path("id").map(\.stringValue) == ["value", "Index 3", "id"])
    }

    @Test func decodersWithAndWithoutATreeReadTheSameObject() throws {
        struct Probe: Decodable {
            let wire: WireObject
            init(from decoder: any Decoder) throws { wire = try WireObject(from: decoder, what: "a probe") }
        }
        let text = #"{"id": 7, "nested": {"a": [1, 2.5, null, "x"]}, "flag": "true"}"#
        let viaFoundation = try JSONDecoder().decode(Probe.self, from: Data(text.utf8)).wire
        #expect(viaFoundation.json == (try JSONValue(data: Data(text.utf8))))
        #expect(try viaFoundation.bool("flag") == true)
        #expect(
            failure { _ = try JSONDecoder().decode(Probe.self, from: Data("[1]".utf8)) }?.message
                == "expected a probe as a JSON object, found an array")
    }
}
