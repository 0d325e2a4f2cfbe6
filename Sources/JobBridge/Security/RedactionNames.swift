/// Reading, backwards from a separator, the name that the value after it belongs to.
extension RedactionScanner {
    /// A name found before a separator.
    struct Name {
        /// The name, normalized (see ``SecretNames/normalized(_:)``).
        var normalized: [UInt8]
        /// For a name in quotes (a JSON member), how deep in JSON strings it is: 0 for
        /// `"name"`, 1 for `\"name\"` (JSON held in a JSON string), and so on; `nil` for a
        /// bare name such as `Password` in `Password=x`.
        var quoteLevel: Int?
    }

    /// The name that ends just before the separator at `separator` (blanks between them
    /// allowed): a quoted name, or else a bare one, percent-encoded bytes decoded.
    func name(before separator: Int) -> Name? {
        let limit = max(floor, separator - Self.nameLookBack)
        var end = separator
        while end > limit, ASCII.isBlank(bytes[end - 1]) { end -= 1 }
        if end > limit, bytes[end - 1] == ASCII.quote {
            return quotedName(closingQuote: end - 1, limit: limit)
        }
        return bareName(endingAt: separator, limit: limit)
    }

    /// A JSON member name between quotes at any depth of JSON strings.
    private func quotedName(closingQuote: Int, limit: Int) -> Name? {
        let run = backslashRun(before: closingQuote, limit: limit)
        guard let level = Self.quoteLevel(backslashes: run) else { return nil }
        let contentEnd = closingQuote - run
        var index = contentEnd - 1
        while index >= limit {
            if bytes[index] == ASCII.quote {
                guard backslashRun(before: index, limit: limit) == run else { return nil }
                let name = Self.unescaped(Array(bytes[(index + 1)..<contentEnd]), times: level + 1)
                return Name(normalized: SecretNames.normalized(name), quoteLevel: level)
            }
            index -= 1
        }
        return nil
    }

    /// A bare name: name characters (and percent-encoded ones) up to the separator.
    private func bareName(endingAt separator: Int, limit: Int) -> Name? {
        var reversed: [UInt8] = []
        var index = separator
        while index > limit {
            var byte = bytes[index - 1]
            var width = 1
            if index - 3 >= limit, let decoded = percentDecoded(at: index - 3) {
                byte = decoded
                width = 3
            }
            guard ASCII.isNameCharacter(byte) else { break }
            reversed.append(byte)
            index -= width
        }
        let normalized = SecretNames.normalized(reversed.reversed())
        return normalized.isEmpty ? nil : Name(normalized: normalized, quoteLevel: nil)
    }

    /// The normalized name of an XML start tag `<name` that ends just before `index`.
    func xmlName(endingBefore index: Int) -> [UInt8]? {
        let limit = max(floor, index - Self.nameLookBack)
        var start = index
        while start > limit, Self.isXMLNameCharacter(bytes[start - 1]) { start -= 1 }
        guard start < index, start > 0, bytes[start - 1] == ASCII.lessThan else { return nil }
        return SecretNames.normalized(bytes[start..<index])
    }

    private static func isXMLNameCharacter(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == ASCII.dot
            || byte == ASCII.colon
    }

    /// How many backslashes immediately precede `index` (not looking before `limit`).
    func backslashRun(before index: Int, limit: Int) -> Int {
        var start = index
        while start > limit, bytes[start - 1] == ASCII.backslash { start -= 1 }
        return index - start
    }

    /// The depth in JSON strings of a quote preceded by `backslashes` backslashes that
    /// opens or closes a string: 0 for `"`, 1 for `\"`, 2 for `\\\"`, 3 for seven; `nil`
    /// for other counts.
    static func quoteLevel(backslashes: Int) -> Int? {
        switch backslashes {
        case 0: return 0
        case 1: return 1
        case 3: return 2
        case 7: return 3
        default: return nil
        }
    }

    /// The bytes with JSON escapes (`\"`, `\\`, `\u0077`, ...) decoded `times` times.
    static func unescaped(_ bytes: [UInt8], times: Int) -> [UInt8] {
        var current = bytes
        for _ in 0..<times {
            guard current.contains(ASCII.backslash) else { break }
            current = unescapedOnce(current)
        }
        return current
    }

    private static func unescapedOnce(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == ASCII.backslash, index + 1 < bytes.count else {
                result.append(bytes[index])
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            if escaped == UInt8(ascii: "u"), index + 5 < bytes.count,
                let scalar = scalar(bytes[(index + 2)...(index + 5)])
            {
                result.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 6
            } else {
                result.append(escaped)
                index += 2
            }
        }
        return result
    }

    private static func scalar(_ hex: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for byte in hex {
            guard let digit = ASCII.hexValue(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return Unicode.Scalar(value)
    }
}
