import Foundation
import JobBridge

/// A coding key made of any name or index, so that errors raised while reading decoded
/// JSON name the member that was wrong (`value[3].id`).
struct SyncCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    init(_ name: String) { self.init(stringValue: name) }
}

extension JSONValue {
    /// A Boolean, also from the strings `"true"`/`"false"` (any case).
    var syncBool: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// An integer, also from a number without fraction or a string of digits.
    var syncInt64: Int64? {
        switch self {
        case .int, .double: return intValue
        case .string(let text): return Int64(text.trimmingWhitespace())
        default: return nil
        }
    }

    /// Text, also from a number or a Boolean (for free-text members such as a status).
    var syncText: String? {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        default: return nil
        }
    }

    /// The JSON kind, for error messages.
    var syncKind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Reads the members of one decoded JSON object, leniently where Sync's wire is not
/// documented, strictly for ids.
struct SyncJSONObject {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]
    /// What the object is, for error messages (`a job`).
    let what: String

    /// - Throws: `DecodingError.typeMismatch` if `json` is not an object.
    init(_ json: JSONValue, codingPath: [any CodingKey], what: String) throws {
        guard case .object(let members) = json else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "expected \(what) as a JSON object, found \(json.syncKind)"))
        }
        self.members = members
        self.codingPath = codingPath
        self.what = what
    }

    /// The first of `keys` that is present and not `null`.
    func member(_ keys: [String]) -> (key: String, value: JSONValue)? {
        for key in keys {
            if let value = members[key], !value.isNull { return (key, value) }
        }
        return nil
    }

    /// Free text (a number or Boolean is taken as its text).
    func text(_ keys: String...) -> String? { member(keys)?.value.syncText }

    /// An integer, leniently (see ``JSONValue/syncInt64``).
    func int64(_ keys: String...) -> Int64? { member(keys)?.value.syncInt64 }

    /// A Boolean, leniently (see ``JSONValue/syncBool``).
    func bool(_ keys: String...) -> Bool? { member(keys)?.value.syncBool }

    /// A date-time text read with ``WireDate`` (zone-less texts in `timeZone`).
    func date(_ keys: String..., timeZone: TimeZone) -> Date? {
        member(keys)?.value.stringValue.flatMap { WireDate.parse($0, timeZone: timeZone) }
    }

    /// An id: a JSON string, or a JSON integer taken as its decimal digits.
    ///
    /// Sync's ids (task ids are 18-digit numbers such as `"870237973789151200"`) are sent
    /// as strings. An integer is read exactly (``JSONValue/int`` is parsed from the digits,
    /// up to 19 of them), so it is taken as the same id. A number that arrives as
    /// ``JSONValue/double`` (a fraction, or more digits than `Int64` holds) is refused
    /// rather than read: its digits may be lost, and a rounded id would name another task.
    ///
    /// - Throws: `DecodingError.typeMismatch` naming the member.
    func id(_ keys: String...) throws -> String? {
        guard let (key, value) = member(keys) else { return nil }
        return try Self.id(value, codingPath: codingPath + [SyncCodingKey(key)])
    }

    /// The object's own id, read as ``id(_:)`` reads one, from the first of `keys` present.
    ///
    /// - Throws: `DecodingError.valueNotFound` (at the first of `keys`) when none is present.
    func requiredID(_ keys: String...) throws -> String {
        guard let (key, value) = member(keys) else {
            throw DecodingError.valueNotFound(
                String.self,
                DecodingError.Context(
                    codingPath: codingPath + [SyncCodingKey(keys.first ?? "id")],
                    debugDescription: "\(what) has no id (looked for \(keys.joined(separator: ", ")))"))
        }
        return try Self.id(value, codingPath: codingPath + [SyncCodingKey(key)])
    }

    /// A list of ids, each read as ``id(_:)`` reads one.
    func ids(_ keys: String...) throws -> [String]? {
        guard let (key, value) = member(keys) else { return nil }
        guard case .array(let elements) = value else {
            throw DecodingError.typeMismatch(
                [String].self,
                DecodingError.Context(
                    codingPath: codingPath + [SyncCodingKey(key)],
                    debugDescription: "expected a list of ids, found \(value.syncKind)"))
        }
        return try elements.enumerated().map { index, element in
            try Self.id(element, codingPath: codingPath + [SyncCodingKey(key), SyncCodingKey(intValue: index)])
        }
    }

    /// `codingPath` is built only when the id is refused.
    static func id(_ value: JSONValue, codingPath: @autoclosure () -> [any CodingKey]) throws -> String {
        switch value {
        case .string(let text):
            return text
        case .int(let number):
            return String(number)
        case .double(let number):
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(
                    codingPath: codingPath(),
                    debugDescription:
                        "ids must be JSON strings or integers; got the number \(number), which cannot be trusted "
                        + "to keep all its digits (Sync task ids have 18)"))
        default:
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(
                    codingPath: codingPath(), debugDescription: "expected an id string, found \(value.syncKind)"))
        }
    }
}

extension JSONDecoder {
    /// A decoder for Sync's answers: zone-less dates are read in `serverTimeZone`.
    static func sync(serverTimeZone: TimeZone) -> JSONDecoder {
        let decoder = JSONDecoder()
        if let key = SyncDecoding.serverTimeZoneKey { decoder.userInfo[key] = serverTimeZone }
        return decoder
    }
}

/// What the wire types need to know while decoding.
enum SyncDecoding {
    /// `userInfo` key of the server's time zone (a `TimeZone`). The initializer is failable
    /// only in signature; were it ever `nil`, dates would be read in GMT.
    static let serverTimeZoneKey = CodingUserInfoKey(rawValue: "JobBridgeSync.serverTimeZone")

    /// The server's time zone from a decoder's `userInfo`, GMT when not set.
    static func serverTimeZone(_ decoder: any Decoder) -> TimeZone {
        guard let key = serverTimeZoneKey else { return .gmt }
        return decoder.userInfo[key] as? TimeZone ?? .gmt
    }
}

/// The JSON kind a member is documented to have. Decoding tries it first: a decoder can
/// only be told what to read, and every wrong guess costs a thrown error, so reading a
/// job member by member as "any JSON" would cost several errors per member.
indirect enum SyncWireShape: Sendable {
    case string
    case bool
    case int
    case strings
    case object([String: SyncWireShape])
    case any

    /// Decodes one member: as its shape when it has it, else as any JSON value.
    func decode(_ container: KeyedDecodingContainer<SyncCodingKey>, forKey key: SyncCodingKey) throws -> JSONValue {
        switch self {
        case .string:
            if let value = try? container.decode(String.self, forKey: key) { return .string(value) }
        case .bool:
            if let value = try? container.decode(Bool.self, forKey: key) { return .bool(value) }
        case .int:
            if let value = try? container.decode(Int64.self, forKey: key) { return .int(value) }
        case .strings:
            if let value = try? container.decode([String].self, forKey: key) {
                return .array(value.map(JSONValue.string))
            }
        case .object(let shapes):
            if let nested = try? container.nestedContainer(keyedBy: SyncCodingKey.self, forKey: key) {
                return try Self.members(of: nested, shapes: shapes)
            }
        case .any:
            break
        }
        return try container.decode(JSONValue.self, forKey: key)
    }

    /// Decodes the object at `decoder`, each member by its shape (unknown members as any
    /// JSON); a value that is not an object is decoded as any JSON, for the caller to refuse.
    ///
    /// From ``RESTClient`` (which reads an answer into a tree in one pass) the tree's node
    /// is taken as it is: no member is decoded twice and no guess costs a thrown error.
    static func decodeObject(_ decoder: any Decoder, shapes: [String: SyncWireShape]) throws -> JSONValue {
        if let tree = JSONValue.tree(of: decoder) { return tree }
        guard let container = try? decoder.container(keyedBy: SyncCodingKey.self) else {
            return try JSONValue(from: decoder)
        }
        return try members(of: container, shapes: shapes)
    }

    private static func members(of container: KeyedDecodingContainer<SyncCodingKey>, shapes: [String: SyncWireShape])
        throws -> JSONValue
    {
        let keys = container.allKeys
        var members = [String: JSONValue](minimumCapacity: keys.count)
        for key in keys {
            members[key.stringValue] = try (shapes[key.stringValue] ?? .any).decode(container, forKey: key)
        }
        return .object(members)
    }
}
