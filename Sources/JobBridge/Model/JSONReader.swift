import Foundation

/// A strict, single-pass JSON (RFC 8259) reader that builds a ``JSONValue`` straight from
/// UTF-8 bytes.
///
/// Why it exists: decoding "any JSON" through `Decodable` costs a thrown error per wrong
/// guess of a value's kind (see ``JSONValue/init(from:)``), which made a 10,000-job listing
/// decode eight times slower than Python's `json.loads`. This reader looks at each byte
/// once, so its time is linear in the input; its recursion is bounded by
/// ``maximumDepth`` and its input by ``maximumLength``, so no input overflows the stack.
///
/// What it accepts is what `JSONSerialization` and `JSONDecoder` accept (they read
/// ``JSONValue`` before it): one value (any kind) with optional whitespace around it and an
/// optional UTF-8 byte order mark; like them it allows one trailing comma before a closing
/// `]` or `}`; no comments, `NaN`, leading zeros or bare control characters in strings.
/// Strings must be valid UTF-8, and a `\u` escape of a surrogate must be half of a pair.
/// Integers that fit in 64 bits become ``JSONValue/int(_:)``; other numbers
/// ``JSONValue/double(_:)`` (a number too large for a `Double` is refused). A repeated
/// member name keeps its last value.
struct JSONReader {
    /// How deep arrays and objects may nest (the document itself is depth 0).
    static let maximumDepth = 512
    /// The longest document read, in bytes (256 MiB).
    static let maximumLength = 256 << 20

    /// Why a document was refused, and where (the byte offset from the start).
    struct Failure: Error, Sendable, CustomStringConvertible {
        /// What was wrong, in words.
        let reason: String
        /// The byte offset where it was noticed.
        let offset: Int

        var description: String { "\(reason) at byte \(offset)" }
    }

    /// Reads one JSON document.
    ///
    /// - Throws: ``Failure`` naming what is wrong and where.
    static func value(from data: Data) throws(Failure) -> JSONValue {
        guard data.count <= maximumLength else {
            throw Failure(reason: "the document is longer than \(maximumLength) bytes", offset: 0)
        }
        let result: Result<JSONValue, Failure> = data.withUnsafeBytes { buffer in
            var reader = JSONReader(buffer)
            do throws(Failure) {
                return .success(try reader.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads one JSON document from a string's UTF-8, in place when the string is stored
    /// contiguously (a native Swift string is).
    ///
    /// - Throws: ``Failure`` naming what is wrong and where.
    static func value(from text: String) throws(Failure) -> JSONValue {
        var text = text
        let result: Result<JSONValue, Failure> = text.withUTF8 { utf8 in
            guard utf8.count <= maximumLength else {
                return .failure(Failure(reason: "the document is longer than \(maximumLength) bytes", offset: 0))
            }
            var reader = JSONReader(UnsafeRawBufferPointer(utf8))
            do throws(Failure) {
                return .success(try reader.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    /// The members and elements of the objects and arrays being read, innermost last: each
    /// container is built once at its exact size when it closes, instead of growing (and
    /// rehashing) as members arrive.
    private var pendingKeys: [String] = []
    private var pendingValues: [JSONValue] = []
    /// The long member names read so far, by a hash of their bytes (one per slot, the
    /// latest wins): see ``memberName()``.
    private var names: [String?] = []
    /// How many slots ``names`` has (a power of two).
    private static let nameSlots = 256

    private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    private mutating func document() throws(Failure) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        let value = try self.value(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected \(found) after the document") }
        return value
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw failure("the document ends where a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected \(found) where a value was expected")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        index += 1
        let start = pendingKeys.count
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object([:])
        }
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a member name (a string) but found \(found)")
            }
            let key = try memberName()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw failure("expected ':' after a member name but found \(found)")
            }
            index += 1
            skipWhitespace()
            let value = try value(depth: depth)
            pendingKeys.append(key)
            pendingValues.append(value)
            skipWhitespace()
            guard index < bytes.count else { throw failure("the document ends inside an object") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return closeObject(from: start)
                }
            case UInt8(ascii: "}"):
                index += 1
                return closeObject(from: start)
            default:
                throw failure("expected ',' or '}' in an object but found \(found)")
            }
        }
    }

    /// The object of the pending members from `start` on (a repeated name keeps its last value).
    private mutating func closeObject(from start: Int) -> JSONValue {
        var members = [String: JSONValue](minimumCapacity: pendingKeys.count - start)
        for position in start..<pendingKeys.count { members[pendingKeys[position]] = pendingValues[position] }
        pendingKeys.removeSubrange(start...)
        pendingValues.removeSubrange(start...)
        return .object(members)
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw failure("the document ends inside an array") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw failure("expected ',' or ']' in an array but found \(found)")
            }
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw failure("unexpected \(found) where a value was expected") }
        let matches = word.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw failure("unexpected \(found) where a value was expected") }
        index += count
        return value
    }

    // MARK: Numbers

    private mutating func number() throws(Failure) -> JSONValue {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let integerStart = index
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a number needs a digit after '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("a number may not have a leading zero") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let integerEnd = index
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("a number needs a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw failure("a number needs a digit in its exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if isInteger, integerEnd - integerStart <= 19, let value = integer(integerStart..<integerEnd, negative) {
            return .int(value)
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw Failure(reason: "the number \(text.prefix(40)) does not fit in a Double", offset: start)
        }
        return .double(value)
    }

    /// The digits as an `Int64`, or `nil` when they do not fit.
    private func integer(_ digits: Range<Int>, _ negative: Bool) -> Int64? {
        var value: Int64 = 0
        for position in digits {
            let digit = Int64(bytes[position] &- UInt8(ascii: "0"))
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) =
                negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            if overflowTimes || overflowSum { return nil }
            value = sum
        }
        return value
    }

    // MARK: Strings

    /// A member name: a name longer than a small string (15 bytes) that was read before is
    /// taken from ``names`` instead of being allocated again, since a listing repeats the
    /// same names for every element (`"source_connection_id"`, `"last_completed_at"`).
    private mutating func memberName() throws(Failure) -> String {
        let start = index + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            // Escapes, control and non-ASCII characters: the general path.
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return try string() }
            if byte == UInt8(ascii: "\"") { break }
            end += 1
        }
        guard end < bytes.count else { return try string() }
        let content = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        index = end + 1
        // Plain ASCII, scanned once: a short name is a small string (no allocation).
        guard content.count > 15 else { return String(decoding: content, as: UTF8.self) }
        var hash: UInt32 = 2_166_136_261
        for byte in content { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let slot = Int(hash & UInt32(Self.nameSlots - 1))
        if names.isEmpty { names = Array(repeating: nil, count: Self.nameSlots) }
        if let cached = names[slot], Self.sameBytes(cached, content) { return cached }
        let name = String(decoding: content, as: UTF8.self)
        names[slot] = name
        return name
    }

    /// Whether a cached name holds exactly `content`: compared as memory (a cached name is a
    /// native string, stored contiguously), not byte by byte through a sequence.
    private static func sameBytes(_ name: String, _ content: UnsafeRawBufferPointer) -> Bool {
        let same = name.utf8.withContiguousStorageIfAvailable { stored -> Bool in
            guard stored.count == content.count else { return false }
            guard let left = stored.baseAddress, let right = content.baseAddress else { return stored.isEmpty }
            return memcmp(left, right, stored.count) == 0
        }
        return same ?? name.utf8.elementsEqual(content)
    }

    private mutating func string() throws(Failure) -> String {
        let start = index
        index += 1
        var highBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<index])
                index += 1
                if highBits < 0x80 { return String(decoding: content, as: UTF8.self) }
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw Failure(reason: "a string is not valid UTF-8", offset: start)
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start, highBits: highBits) }
            if byte < 0x20 { throw failure("a string holds an unescaped control character") }
            highBits |= byte
            index += 1
        }
        throw Failure(reason: "the document ends inside a string", offset: start)
    }

    /// The rest of a string that holds an escape: unescaped into a byte buffer, runs of
    /// plain bytes copied whole. `highBits` is the OR of the raw bytes read so far: only raw
    /// bytes can be invalid UTF-8 (an escape writes a whole, valid character), so a string
    /// whose raw bytes are all ASCII is not validated again.
    private mutating func escapedString(from start: Int, highBits: UInt8) throws(Failure) -> String {
        var highBits = highBits
        var utf8: [UInt8] = []
        utf8.reserveCapacity(index - start + 32)
        utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(start + 1)..<index]))
        while index < bytes.count {
            var end = index
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                highBits |= byte
                end += 1
            }
            if end > index {
                utf8.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                if highBits < 0x80 { return String(decoding: utf8, as: UTF8.self) }
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw Failure(reason: "a string is not valid UTF-8", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &utf8)
            default:
                throw failure("a string holds an unescaped control character")
            }
        }
        throw Failure(reason: "the document ends inside a string", offset: start)
    }

    /// One escape, `index` just past its backslash.
    private mutating func escape(into utf8: inout [UInt8]) throws(Failure) {
        guard index < bytes.count else { throw failure("the document ends inside an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try hex4())
            if (0xD800..<0xDC00).contains(scalar) {
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("a \\u escape holds a high surrogate without its low half") }
                index += 2
                let low = UInt32(try hex4())
                guard (0xDC00..<0xE000).contains(low) else {
                    throw failure("a \\u escape holds a high surrogate without its low half")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw failure("a \\u escape holds a low surrogate without its high half")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("a \\u escape is not a character") }
            utf8.append(contentsOf: unicode.utf8)
        default:
            index -= 1
            throw failure("\(found) is not a valid escape")
        }
    }

    private mutating func hex4() throws(Failure) -> UInt16 {
        guard bytes.count - index >= 4 else { throw failure("a \\u escape needs four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    // MARK: Plumbing

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// The byte at `index`, described for a message (never more than a few characters).
    private var found: String {
        guard index < bytes.count else { return "the end of the document" }
        let byte = bytes[index]
        if (0x21..<0x7F).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "the byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private func failure(_ reason: String) -> Failure { Failure(reason: reason, offset: index) }
}
