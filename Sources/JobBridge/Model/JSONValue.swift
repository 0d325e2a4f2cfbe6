import Foundation

/// Any JSON value, kept exactly: what a provider sent that the portable model has no
/// field for travels in a `JSONValue` (see ``Job/providerData``), so that nothing is lost
/// on a read-modify-write.
///
/// Integers are kept as `Int64` so that large counts survive; only numbers with a
/// fraction or an exponent become `Double`.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object. Member order is not kept (JSON gives it no meaning).
    case object([String: JSONValue])

    /// Decodes a JSON document.
    ///
    /// Read in one pass over the bytes (strict RFC 8259, UTF-8, at most 512 levels of
    /// nesting and 256 MiB; see `JSONReader`), in time linear in the document's length.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` naming what is broken and at which byte.
    public init(data: Data) throws {
        do {
            self = try JSONReader.value(from: data)
        } catch {
            throw JobBridgeError(.badResponse, "not valid JSON: \(error)")
        }
    }

    /// Decodes a JSON document held in a string (such as JSON carried inside a JSON string
    /// member), read straight from the string's UTF-8, as ``init(data:)`` reads bytes.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` naming what is broken and at which byte.
    public init(json text: String) throws {
        do {
            self = try JSONReader.value(from: text)
        } catch {
            throw JobBridgeError(.badResponse, "not valid JSON: \(error)")
        }
    }

    /// The value a decoder reads, when that decoder reads an already-parsed tree (as
    /// ``RESTClient`` decodes answers): found in constant time, so that a type keeping its
    /// JSON whole need not rebuild it member by member. `nil` for any other decoder.
    public static func tree(of decoder: any Decoder) -> JSONValue? {
        (decoder as? JSONValueDecoder)?.value
    }

    /// Encodes the value as a JSON document, with sorted keys so that output is stable.
    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The member with this name, if this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            return members[key]
        }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The element at this position, if this is an array that long.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an integer (or a double without fraction).
    public var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 9.2e18: return Int64(value)
        default: return nil
        }
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        default: return nil
        }
    }

    /// The Boolean, if this is a Boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }
}

extension JSONValue: Codable {
    /// Decodes any JSON value.
    ///
    /// From ``RESTClient`` (which reads answers into a tree first) this takes the tree's
    /// node as it is. Another decoder cannot be asked what a value is, only told what to
    /// read, and each wrong guess costs a thrown error: the most common kind, a string, is
    /// tried first.
    public init(from decoder: any Decoder) throws {
        if let tree = decoder as? JSONValueDecoder {
            self = tree.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Encodes the value as the JSON it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
    /// A Boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A number with a fraction.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object. A repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue: CustomStringConvertible, CustomReflectable {
    /// What `dump` and debuggers show: the redacted JSON text, never the bare strings (a
    /// password member's value would otherwise show without the name that marks it).
    public var customMirror: Mirror { Mirror(self, children: ["json": description], displayStyle: .struct) }

    /// The value as compact JSON with secret members redacted.
    public var description: String {
        guard let data = try? data(), let text = String(data: data, encoding: .utf8) else { return "<JSON>" }
        return Redactor.redact(text)
    }
}
