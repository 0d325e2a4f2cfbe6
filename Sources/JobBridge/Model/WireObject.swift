import Foundation

/// One JSON object of a provider's wire format, read and written member by member: the
/// helper every adapter's wire types share, so that none writes its own.
///
/// - **Typed getters** read a member as what the provider documents, leniently where the
///   provider is lenient: ``int(_:_:)``, ``int64(_:_:)`` and ``bool(_:_:)`` also take the
///   number or Boolean written as a string (`"1"`, `"true"`); ``id(_:_:)`` takes a string or
///   an exact integer. `null` and an absent member both read as `nil`. Given several names
///   (`"modified_at", "modified"`), a getter reads the first that is present and not `null`.
/// - **Errors** say which member and what was wrong, in one bounded line: a getter throws
///   a `DecodingError` whose coding path ends at the member (`value[3].id`), which
///   ``RESTClient`` reports as ``JobBridgeError/Code/badResponse`` with that path as
///   `field`; quoted values are cut by ``ErrorText/quoted(_:)``.
/// - **Unknown members** are never lost: ``members`` keeps every member as it came,
///   ``unknownMembers(known:)`` gives those a type does not read, and writing starts from
///   the members read (`setting(_:_:)`), so a read-modify-write sends back what it did
///   not understand.
/// - **Stable output**: ``encode(to:)`` hands members to the encoder in sorted order (an
///   encoder that keeps the order it is given, or `JSONEncoder` with `.sortedKeys`, writes
///   the same text every time); ``JSONValue/data()`` sorts keys too.
///
/// Reading is one dictionary lookup per member asked for: from ``RESTClient`` (which reads
/// an answer into a ``JSONValue`` tree in one pass), ``init(from:what:)`` takes the tree's
/// node in constant time, and ``elements(of:what:codingPath:_:)`` reads a list of
/// objects straight from the tree, without a decoder per element.
///
/// A reader and writer, not a value to keep: it holds its coding path (`any CodingKey`,
/// which is not `Sendable`), so a wire type keeps ``members`` or ``json`` instead.
public struct WireObject {
    /// Every member, as it came (and as `setting(_:_:)` changed it).
    public private(set) var members: [String: JSONValue]
    /// What the object is, for messages (`"a job"`).
    public let what: String
    /// Where the object is in the answer, for errors.
    public var codingPath: [any CodingKey] {
        guard let index = indexInParent else { return parentPath }
        return parentPath + [WireKey(index: index)]
    }
    /// The path of the list this object is an element of, or the whole path; with
    /// `indexInParent`, the path is built only when an error needs it (a listing reads
    /// thousands of elements, and almost never fails).
    private let parentPath: [any CodingKey]
    /// The object's place in its list, when it was read as a list element.
    private let indexInParent: Int?

    /// An object of members (for writing, or for tests).
    public init(_ members: [String: JSONValue] = [:], what: String = "an object", codingPath: [any CodingKey] = []) {
        self.members = members
        self.what = what
        self.parentPath = codingPath
        self.indexInParent = nil
    }

    /// An element of a list, whose path (`parentPath` and the index) is built only when asked.
    private init(_ members: [String: JSONValue], what: String, parentPath: [any CodingKey], index: Int) {
        self.members = members
        self.what = what
        self.parentPath = parentPath
        self.indexInParent = index
    }

    /// Reads `value` as an object.
    ///
    /// - Throws: `DecodingError.typeMismatch` at `codingPath` when `value` is not an object.
    public init(_ value: JSONValue, what: String, codingPath: [any CodingKey] = []) throws {
        guard case .object(let members) = value else { throw Self.notAnObject(value, what, codingPath) }
        self.init(members, what: what, codingPath: codingPath)
    }

    /// Reads the element at `index` of a list at `listPath` as an object; its coding path
    /// (`listPath` and the index) is built only if an error needs it.
    ///
    /// - Throws: `DecodingError.typeMismatch` at the element when it is not an object.
    public static func element(_ node: JSONValue, what: String, listPath: [any CodingKey], index: Int) throws
        -> WireObject
    {
        guard case .object(let members) = node else {
            throw notAnObject(node, what, listPath + [WireKey(index: index)])
        }
        return WireObject(members, what: what, parentPath: listPath, index: index)
    }

    private static func notAnObject(_ value: JSONValue, _ what: String, _ codingPath: [any CodingKey])
        -> DecodingError
    {
        DecodingError.typeMismatch(
            [String: JSONValue].self,
            DecodingError.Context(
                codingPath: codingPath, debugDescription: "expected \(what) as a JSON object, found \(value.kindName)"))
    }

    /// Reads the object a decoder holds: the tree's node in constant time from
    /// ``RESTClient``'s decoder, else the value decoded as any JSON.
    ///
    /// - Throws: `DecodingError.typeMismatch` when the value is not an object.
    public init(from decoder: any Decoder, what: String) throws {
        let value = try JSONValue.tree(of: decoder) ?? JSONValue(from: decoder)
        try self.init(value, what: what, codingPath: decoder.codingPath)
    }

    /// The object as a ``JSONValue``.
    public var json: JSONValue { .object(members) }

    // MARK: Members

    /// The first of `keys` that is present and not `null`, with its value.
    public func member(_ keys: [String]) -> (key: String, value: JSONValue)? {
        guard let first = keys.first else { return nil }
        return lookup(first, Array(keys.dropFirst()))
    }

    /// The first of `key` and `aliases` that is present and not `null`: no array is built
    /// for a single name (a listing reads every member of every job this way).
    private func lookup(_ key: String, _ aliases: [String]) -> (key: String, value: JSONValue)? {
        if let value = members[key], !value.isNull { return (key, value) }
        for alias in aliases {
            if let value = members[alias], !value.isNull { return (alias, value) }
        }
        return nil
    }

    /// The value of the first of `key` and `aliases` present and not `null`.
    public func value(_ key: String, _ aliases: String...) -> JSONValue? { lookup(key, aliases)?.value }

    /// Whether the member is present (`null` included).
    public func contains(_ key: String) -> Bool { members[key] != nil }

    /// The members whose names are not in `known`, as they came.
    ///
    /// When every member is known (the usual case) nothing is copied or allocated: each
    /// member's name is looked up once.
    public func unknownMembers(known: Set<String>) -> [String: JSONValue] {
        var unknownCount = 0
        for key in members.keys where !known.contains(key) { unknownCount += 1 }
        if unknownCount == 0 { return [:] }
        var unknown: [String: JSONValue] = [:]
        unknown.reserveCapacity(unknownCount)
        for (key, value) in members where !known.contains(key) { unknown[key] = value }
        return unknown
    }

    // MARK: Typed getters

    /// A string; anything else but `null` is an error.
    public func string(_ key: String, _ aliases: String...) throws -> String? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        return try string(value, of: key)
    }

    /// A string that must be there.
    ///
    /// - Throws: `DecodingError.keyNotFound` when absent or `null`, `typeMismatch` when not a string.
    public func requiredString(_ key: String) throws -> String {
        try requiredString(members[key], of: key)
    }

    /// Free text: a string, or a number or Boolean taken as its text; `nil` for anything else.
    public func text(_ key: String, _ aliases: String...) -> String? { lookup(key, aliases)?.value.lenientText }

    /// An integer: a number without fraction, or a string of digits (white space around it
    /// ignored).
    ///
    /// - Throws: `DecodingError.typeMismatch` naming the member for anything else, or a
    ///   number too large for `Int`.
    public func int(_ key: String, _ aliases: String...) throws -> Int? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        return try int(value, of: key)
    }

    /// A 64-bit integer, read as ``int(_:_:)`` reads one.
    public func int64(_ key: String, _ aliases: String...) throws -> Int64? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        guard let number = value.lenientInt64 else {
            throw mismatch(key, expected: "an integer or a string of digits", found: value)
        }
        return number
    }

    /// A Boolean: `true`/`false`, or the strings `"true"`/`"false"` in any case.
    ///
    /// - Throws: `DecodingError.typeMismatch` naming the member for anything else.
    public func bool(_ key: String, _ aliases: String...) throws -> Bool? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        return try bool(value, of: key)
    }

    /// A date-time string read by `parse` (such as ``WireDate/parse(_:timeZone:)``).
    ///
    /// - Parameters:
    ///   - key: The member's name.
    ///   - aliases: Other names the provider gives the same member, tried in order after `key`.
    ///   - emptyIsAbsent: Whether `""` reads as `nil` rather than as a bad date.
    ///   - parse: Reads the text as a date; `nil` when it is not one.
    /// - Throws: `DecodingError.dataCorrupted` naming the member, with the text quoted short,
    ///   when it is not a string or `parse` refuses it.
    public func date(_ key: String, _ aliases: String..., emptyIsAbsent: Bool = false, parse: (String) -> Date?) throws
        -> Date?
    {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        return try date(value, of: key, emptyIsAbsent: emptyIsAbsent, parse: parse)
    }

    // MARK: Values found in one pass

    // A type that reads many members can walk ``members`` once, keep each known member's
    // value by a `switch` on its name, and read the values with these: no name is hashed
    // twice (a listing reads every member of thousands of objects). Each reads `value` as
    // the keyed getter of the same name reads the member `key`; `nil` and `null` are absent.

    /// A string member's value, found in a pass over ``members``; see ``string(_:_:)``.
    public func string(_ value: JSONValue?, of key: String) throws -> String? {
        guard let value, !value.isNull else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, expected: "a string", found: value) }
        return text
    }

    /// A string member that must be there, found in a pass over ``members``; see
    /// ``requiredString(_:)``.
    public func requiredString(_ value: JSONValue?, of key: String) throws -> String {
        guard let text = try string(value, of: key) else { throw missing(key, "a string") }
        return text
    }

    /// A Boolean member's value, found in a pass over ``members``; see ``bool(_:_:)``.
    public func bool(_ value: JSONValue?, of key: String) throws -> Bool? {
        guard let value, !value.isNull else { return nil }
        guard let flag = value.lenientBool else {
            throw mismatch(key, expected: "a Boolean or \"true\"/\"false\"", found: value)
        }
        return flag
    }

    /// An integer member's value, found in a pass over ``members``; see ``int(_:_:)``.
    public func int(_ value: JSONValue?, of key: String) throws -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let number = value.lenientInt64.flatMap({ Int(exactly: $0) }) else {
            throw mismatch(key, expected: "an integer or a string of digits", found: value)
        }
        return number
    }

    /// The object's own id, found in a pass over ``members``; see ``requiredID(_:_:)``.
    public func requiredID(_ value: JSONValue?, of key: String) throws -> String {
        guard let value, !value.isNull else { throw missingID([key]) }
        return try Self.id(value) { path(key) }
    }

    /// A nested object member's value, found in a pass over ``members``; see
    /// ``object(_:what:)``.
    public func object(_ value: JSONValue?, of key: String, what: String) throws -> WireObject? {
        guard let value, !value.isNull else { return nil }
        return try WireObject(value, what: what, codingPath: path(key))
    }

    /// A date-time member's value, found in a pass over ``members``; see
    /// ``date(_:_:emptyIsAbsent:parse:)``.
    public func date(_ value: JSONValue?, of key: String, emptyIsAbsent: Bool = false, parse: (String) -> Date?) throws
        -> Date?
    {
        guard let value, !value.isNull else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, expected: "a date-time string", found: value) }
        if emptyIsAbsent, text.isEmpty { return nil }
        guard let date = parse(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: path(key), debugDescription: "not an ISO 8601 date-time: \(ErrorText.quoted(text))"))
        }
        return date
    }

    /// An id: a string, or a JSON integer taken as its decimal digits.
    ///
    /// A number with a fraction or more digits than `Int64` holds is refused rather than
    /// read: its digits may be lost, and a rounded id would name another object.
    ///
    /// - Throws: `DecodingError.typeMismatch` naming the member.
    public func id(_ key: String, _ aliases: String...) throws -> String? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        return try Self.id(value) { path(key) }
    }

    /// The object's own id, read as ``id(_:_:)`` reads one, from the first of `keys` present.
    ///
    /// - Throws: `DecodingError.valueNotFound` at the first of `keys` when none is present.
    public func requiredID(_ key: String, _ aliases: String...) throws -> String {
        guard let (found, value) = lookup(key, aliases) else { throw missingID([key] + aliases) }
        return try Self.id(value) { path(found) }
    }

    private func missingID(_ keys: [String]) -> DecodingError {
        DecodingError.valueNotFound(
            String.self,
            DecodingError.Context(
                codingPath: path(keys.first ?? "id"),
                debugDescription: "\(what) has no id (looked for \(keys.joined(separator: ", ")))"))
    }

    /// A list of ids, each read as ``id(_:_:)`` reads one.
    public func ids(_ key: String, _ aliases: String...) throws -> [String]? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        guard case .array(let elements) = value else { throw mismatch(key, expected: "a list of ids", found: value) }
        var ids: [String] = []
        ids.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            ids.append(try Self.id(element) { path(key) + [WireKey(index: index)] })
        }
        return ids
    }

    /// A list of strings.
    ///
    /// - Throws: `DecodingError.typeMismatch` naming the member (or the element) otherwise.
    public func strings(_ key: String, _ aliases: String...) throws -> [String]? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        guard let texts = value.strings else { throw mismatch(key, expected: "a list of strings", found: value) }
        return texts
    }

    /// A nested object, as a ``WireObject`` whose errors name the path through this one.
    public func object(_ key: String, what: String) throws -> WireObject? {
        try object(value(key), of: key, what: what)
    }

    /// The elements of an array member.
    public func array(_ key: String, _ aliases: String...) throws -> [JSONValue]? {
        guard let (key, value) = lookup(key, aliases) else { return nil }
        guard case .array(let elements) = value else { throw mismatch(key, expected: "an array", found: value) }
        return elements
    }

    // MARK: Lists

    /// Reads every element of a JSON array as an object, straight from the tree (no decoder
    /// per element); errors name the element (`jobs[3].id`).
    ///
    /// - Throws: `DecodingError.typeMismatch` when `value` is not an array or an element
    ///   not an object, and whatever `read` throws.
    public static func elements<Element>(
        of value: JSONValue, what: String, codingPath: [any CodingKey], _ read: (WireObject) throws -> Element
    ) throws -> [Element] {
        guard case .array(let nodes) = value else {
            throw DecodingError.typeMismatch(
                [JSONValue].self,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "expected a list (each element \(what)), found \(value.kindName)"))
        }
        var elements: [Element] = []
        elements.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            elements.append(try read(element(node, what: what, listPath: codingPath, index: index)))
        }
        return elements
    }

    // MARK: Writing

    /// Sets a member (`nil` removes it): the way a wire type writes its known members over
    /// the ones it read, keeping every other.
    public mutating func setting(_ key: String, _ value: JSONValue?) {
        if let value { members[key] = value } else { members.removeValue(forKey: key) }
    }

    /// Sets a string member (`nil` removes it).
    public mutating func setting(_ key: String, _ text: String?) { setting(key, text.map(JSONValue.string)) }

    /// Sets an integer member (`nil` removes it).
    public mutating func setting(_ key: String, _ number: Int?) { setting(key, number.map { .int(Int64($0)) }) }

    /// Sets a Boolean member (`nil` removes it).
    public mutating func setting(_ key: String, _ flag: Bool?) { setting(key, flag.map(JSONValue.bool)) }

    /// Makes room for `count` more members, so that setting them does not grow the storage
    /// step by step.
    public mutating func reserveCapacity(_ count: Int) { members.reserveCapacity(members.count + count) }

    /// Removes members by name.
    public mutating func removing(_ keys: some Sequence<String>) {
        for key in keys { members.removeValue(forKey: key) }
    }

    /// Writes the members in sorted order (an encoder that keeps the order it is given
    /// writes the same text every time).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        for key in members.keys.sorted() {
            if let value = members[key] { try container.encode(value, forKey: WireKey(key)) }
        }
    }

    // MARK: Errors

    /// The coding path of a member.
    public func path(_ key: String) -> [any CodingKey] { codingPath + [WireKey(key)] }

    /// The error for a member of the wrong kind: `DecodingError.typeMismatch` at the member,
    /// saying what was expected and what was found (a string quoted short).
    public func mismatch(_ key: String, expected: String, found value: JSONValue) -> DecodingError {
        var found = value.kindName
        if case .string(let text) = value { found += " \(ErrorText.quoted(text))" }
        return DecodingError.typeMismatch(
            JSONValue.self,
            DecodingError.Context(
                codingPath: path(key), debugDescription: "\(what): expected \(expected), found \(found)"))
    }

    private func missing(_ key: String, _ expected: String) -> DecodingError {
        DecodingError.keyNotFound(
            WireKey(key),
            DecodingError.Context(codingPath: codingPath, debugDescription: "\(what) has no \(key) (\(expected))"))
    }

    /// An id from a value: a string, or an exact integer as its digits; `codingPath` is
    /// built only when the id is refused.
    public static func id(_ value: JSONValue, codingPath: () -> [any CodingKey]) throws -> String {
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
                        + "to keep all its digits"))
        default:
            throw DecodingError.typeMismatch(
                String.self,
                DecodingError.Context(
                    codingPath: codingPath(), debugDescription: "expected an id string, found \(value.kindName)"))
        }
    }
}

/// A coding key made of any member name or array index: how ``WireObject`` names the
/// member an error is about (`value[3].id`), and the key of a wire type's container.
public struct WireKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    /// The member name (`"Index 3"` for an index, as `JSONDecoder` names them).
    public let stringValue: String
    /// The index, for an array element.
    public let intValue: Int?

    /// A member name.
    public init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    /// An array index.
    public init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    /// A member name.
    public init(stringLiteral value: String) { self.init(value) }
    /// A member name.
    public init?(stringValue: String) { self.init(stringValue) }
    /// An array index.
    public init?(intValue: Int) { self.init(index: intValue) }
}
