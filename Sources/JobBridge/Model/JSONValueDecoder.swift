import Foundation

/// A `Decoder` that reads a ``JSONValue`` tree already built by ``JSONReader``: how
/// ``RESTClient`` decodes answers, with `JSONDecoder`'s default strategies (dates as
/// seconds since 2001, data as Base64, keys as they are) and the caller's `userInfo`.
///
/// A type that keeps its JSON whole (``JSONValue/init(from:)``) gets the tree's node in
/// constant time instead of rebuilding it through containers; that, and the reader looking
/// at every byte once, is what makes a listing decode in linear time with no thrown error
/// per member.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    /// Where the value is: built only when asked (for an error, or by a type that reads
    /// it), so that reading a member costs no array of keys.
    private let path: CodingPathNode?
    let userInfo: [CodingUserInfoKey: Any]

    var codingPath: [any CodingKey] { path?.keys ?? [] }

    private init(value: JSONValue, path: CodingPathNode?, userInfo: [CodingUserInfoKey: Any]) {
        self.value = value
        self.path = path
        self.userInfo = userInfo
    }

    /// Decodes `type` from a whole document.
    static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, userInfo: [CodingUserInfoKey: Any]
    ) throws -> T {
        try JSONValueDecoder(value: value, path: nil, userInfo: userInfo).decodeValue(type)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: JSONValue].self, codingPath: codingPath, found: value)
        }
        return KeyedDecodingContainer(Keyed<Key>(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw mismatch([JSONValue].self, codingPath: codingPath, found: value)
        }
        return Unkeyed(elements: elements, decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// A decoder for a child value.
    func child(_ value: JSONValue, key: any CodingKey) -> JSONValueDecoder {
        JSONValueDecoder(value: value, path: CodingPathNode(parent: path, key: key), userInfo: userInfo)
    }

    /// Decodes this decoder's value as `type`, with the special cases `JSONDecoder` makes.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if type == JSONValue.self, let tree = value as? T { return tree }
        if type == Data.self {
            guard case .string(let text) = value else {
                throw mismatch(Data.self, codingPath: codingPath, found: value)
            }
            guard let data = Data(base64Encoded: text), let result = data as? T else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: "Encountered Data is not valid Base64."))
            }
            return result
        }
        if type == URL.self {
            guard case .string(let text) = value else { throw mismatch(URL.self, codingPath: codingPath, found: value) }
            guard let url = URL(string: text), let result = url as? T else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: "Invalid URL string."))
            }
            return result
        }
        if type == Decimal.self, let decimal = decimal() as? T { return decimal }
        return try T(from: self)
    }

    private func decimal() -> Decimal? {
        switch value {
        case .int(let number): return Decimal(number)
        case .double(let number): return Decimal(string: "\(number)")
        default: return nil
        }
    }
}

/// One step of a coding path, linked to its parent: the path of a value is built as an
/// array only when it is asked for.
private final class CodingPathNode: @unchecked Sendable {
    let parent: CodingPathNode?
    let key: any CodingKey
    let depth: Int

    init(parent: CodingPathNode?, key: any CodingKey) {
        self.parent = parent
        self.key = key
        self.depth = (parent?.depth ?? 0) + 1
    }

    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        keys.reserveCapacity(depth)
        var node: CodingPathNode? = self
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}

/// A coding key for an array position, named like `JSONDecoder`'s (`Index 3`).
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// The key of ``Decoder/superDecoder()``.
private struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

/// The error for a value of the wrong kind (`null` is reported as a missing value, as
/// `JSONDecoder` reports it).
private func mismatch(_ type: Any.Type, codingPath: [any CodingKey], found: JSONValue) -> DecodingError {
    if found.isNull {
        return .valueNotFound(
            type, .init(codingPath: codingPath, debugDescription: "Expected \(type) value but found null instead."))
    }
    let kind: String
    switch found {
    case .null: kind = "null"
    case .bool: kind = "bool"
    case .int, .double: kind = "number"
    case .string: kind = "a string"
    case .array: kind = "an array"
    case .object: kind = "a dictionary"
    }
    return .typeMismatch(
        type, .init(codingPath: codingPath, debugDescription: "Expected to decode \(type) but found \(kind) instead."))
}

extension JSONValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(type, codingPath: codingPath, found: value) }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw mismatch(type, codingPath: codingPath, found: value) }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: throw mismatch(type, codingPath: codingPath, found: value)
        }
    }

    func decode(_ type: Float.Type) throws -> Float {
        let number = try decode(Double.self)
        guard number.magnitude <= Double(Float.greatestFiniteMagnitude) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "Parsed JSON number \(number) does not fit in Float."))
        }
        return Float(number)
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    /// An integer from a JSON integer, or from a number with no fraction that fits (as
    /// `JSONDecoder` reads `1.0` or `1e3` as an integer).
    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let fits: T?
        switch value {
        case .int(let number): fits = T(exactly: number)
        case .double(let number): fits = T(exactly: number)
        default: throw mismatch(type, codingPath: codingPath, found: value)
        }
        guard let fits else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath, debugDescription: "Parsed JSON number <\(value)> does not fit in \(T.self)."
                ))
        }
        return fits
    }
}

/// The members of an object, by key.
private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let decoder: JSONValueDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                .init(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    private func member(_ key: Key) throws -> JSONValueDecoder { decoder.child(try value(key), key: key) }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let value = try value(key)
        guard case .bool(let flag) = value else { throw mismatch(type, codingPath: codingPath + [key], found: value) }
        return flag
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let value = try value(key)
        guard case .string(let text) = value else {
            throw mismatch(type, codingPath: codingPath + [key], found: value)
        }
        return text
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        guard case .string(let text) = value else {
            throw mismatch(type, codingPath: codingPath + [key], found: value)
        }
        return text
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(type, codingPath: codingPath + [key], found: value) }
        return flag
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        return try decoder.child(value, key: key).decodeValue(type)
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try member(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try member(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try member(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try member(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try member(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try member(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try member(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try member(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try member(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try member(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try member(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try member(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder.child(members["super"] ?? .null, key: SuperKey()) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(members[key.stringValue] ?? .null, key: key)
    }
}

/// The elements of an array, in order.
private struct Unkeyed: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let decoder: JSONValueDecoder
    var currentIndex = 0

    init(elements: [JSONValue], decoder: JSONValueDecoder) {
        self.elements = elements
        self.decoder = decoder
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next(_ type: Any.Type) throws -> JSONValueDecoder {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: codingPath + [IndexKey(intValue: currentIndex)],
                    debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex], key: IndexKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elements.count else { return try next(JSONValue.self).value.isNull }
        if elements[currentIndex].isNull {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type).decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type).decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type).decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type).decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type).decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type).decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type).decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type).decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type).decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type).decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type).decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type).decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type).decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type).decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next(type).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next([JSONValue].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next(JSONValue.self) }
}
