/// Reading, forwards, where a secret value ends. Each reader returns the range to replace
/// (the content of a quoted value, the quotes kept) and reads each byte once.
extension RedactionScanner {
    /// Where a quote preceded by a run of backslashes stands, for a string `level` deep
    /// in JSON strings.
    enum QuoteRole {
        /// It opens or closes a string at this level.
        case delimits
        /// It closes a string that encloses this level: the text at this level has ended.
        case closesOuter
        /// It is a quote escaped inside a string at this level.
        case escaped
    }

    /// The role of a quote after `backslashes` backslashes in text `level` deep: each
    /// level decodes one layer of JSON escapes (`\\` is `\`, `\"` is `"`).
    static func role(ofQuoteAfter backslashes: Int, level: Int) -> QuoteRole {
        var remaining = backslashes
        for _ in 0..<level {
            if remaining % 2 == 0 { return .closesOuter }
            remaining = (remaining - 1) / 2
        }
        return remaining % 2 == 0 ? .delimits : .escaped
    }

    /// The first index at or after `start` that is not space, tab or line break.
    func skipWhitespace(from start: Int) -> Int {
        var index = start
        while index < bytes.count, ASCII.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    /// The first index at or after `start` that is not space or tab (nor `%20` when decoding).
    func skipBlanks(from start: Int, decodingPercent: Bool) -> Int {
        var index = start
        while index < bytes.count {
            if ASCII.isBlank(bytes[index]) {
                index += 1
            } else if decodingPercent, let decoded = percentDecoded(at: index), ASCII.isBlank(decoded) {
                index += 3
            } else {
                break
            }
        }
        return index
    }

    /// The value of a JSON member `level` deep in JSON strings: a string's content, a
    /// whole array or object, or a scalar.
    func memberValue(from start: Int, level: Int) -> Range<Int>? {
        guard start < bytes.count else { return nil }
        if let string = quotedString(at: start) { return string }
        if bytes[start] == UInt8(ascii: "[") || bytes[start] == UInt8(ascii: "{") {
            return start..<containerEnd(from: start, level: level)
        }
        var end = start
        while end < bytes.count, !Self.endsScalar(bytes[end]) { end += 1 }
        return start..<end
    }

    /// The value after a bare name's separator: quoted (`"…"`, `\"…\"`, `'…'`, or
    /// `%22…%22` when the separator was percent-encoded), an array or object after a
    /// colon (YAML), or else everything up to the next delimiter.
    func pairValue(from start: Int, isEncoded: Bool, allowsContainer: Bool) -> Range<Int>? {
        guard start < bytes.count else { return nil }
        if let string = quotedString(at: start) { return string }
        if bytes[start] == ASCII.apostrophe {
            var end = start + 1
            while end < bytes.count, bytes[end] != ASCII.apostrophe { end += 1 }
            return (start + 1)..<end
        }
        if isEncoded, let quote = percentDecoded(at: start), quote == ASCII.quote || quote == ASCII.apostrophe {
            var end = start + 3
            while end < bytes.count, percentDecoded(at: end) != quote, bytes[end] != quote { end += 1 }
            return (start + 3)..<end
        }
        if allowsContainer, bytes[start] == UInt8(ascii: "[") || bytes[start] == UInt8(ascii: "{") {
            return start..<containerEnd(from: start, level: 0)
        }
        return start..<unquotedEnd(from: start, isEncoded: isEncoded)
    }

    /// The content of a string whose opening quote (after its backslashes) is at `start`.
    private func quotedString(at start: Int) -> Range<Int>? {
        var quote = start
        while quote < bytes.count, bytes[quote] == ASCII.backslash { quote += 1 }
        guard quote < bytes.count, bytes[quote] == ASCII.quote,
            let level = Self.quoteLevel(backslashes: quote - start)
        else { return nil }
        return (quote + 1)..<stringEnd(from: quote + 1, level: level).contentEnd
    }

    /// Where a string `level` deep that starts at `start` ends: the end of its content and
    /// the index after its closing quote (both the end of the text if it never closes).
    func stringEnd(from start: Int, level: Int) -> (contentEnd: Int, next: Int) {
        var backslashes = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                switch Self.role(ofQuoteAfter: backslashes, level: level) {
                case .delimits: return (index - (1 << level) + 1, index + 1)
                case .closesOuter: return (index - backslashes, index - backslashes)
                case .escaped: break
                }
            }
            backslashes = byte == ASCII.backslash ? backslashes + 1 : 0
            index += 1
        }
        return (bytes.count, bytes.count)
    }

    /// The index after the bracket that closes the array or object at `start`, strings
    /// `level` deep skipped; the end of the text (or of the enclosing string) if none does.
    func containerEnd(from start: Int, level: Int) -> Int {
        var depth = 0
        var backslashes = 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return index + 1 }
            case ASCII.quote:
                switch Self.role(ofQuoteAfter: backslashes, level: level) {
                case .delimits:
                    index = stringEnd(from: index + 1, level: level).next
                    backslashes = 0
                    continue
                case .closesOuter: return index - backslashes
                case .escaped: break
                }
            default:
                break
            }
            backslashes = byte == ASCII.backslash ? backslashes + 1 : 0
            index += 1
        }
        return bytes.count
    }

    /// The end of an unquoted value: the next `;`, `&`, `,`, `}`, quote or line break, or
    /// an escaped quote or line break (`\"`, `\n`, `\r` in JSON text); percent-encoded
    /// delimiters count too when the separator was percent-encoded.
    private func unquotedEnd(from start: Int, isEncoded: Bool) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if Self.endsUnquoted(byte) { return index }
            if byte == ASCII.backslash {
                var next = index
                while next < bytes.count, bytes[next] == ASCII.backslash { next += 1 }
                let escapes = (next - index) % 2 == 1
                if escapes, next < bytes.count,
                    bytes[next] == ASCII.quote || bytes[next] == UInt8(ascii: "n") || bytes[next] == UInt8(ascii: "r")
                {
                    return index
                }
                index = next
                continue
            }
            if isEncoded, byte == ASCII.percent, let decoded = percentDecoded(at: index), Self.endsUnquoted(decoded) {
                return index
            }
            index += 1
        }
        return index
    }

    private static func endsUnquoted(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: "}"), ASCII.quote, ASCII.apostrophe,
            ASCII.lineFeed, ASCII.carriageReturn, 0:
            return true
        default:
            return false
        }
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ";"), UInt8(ascii: "&"), ASCII.quote,
            ASCII.apostrophe, ASCII.backslash, ASCII.lessThan, ASCII.greaterThan:
            return true
        default:
            return ASCII.isWhitespace(byte) || ASCII.isControl(byte)
        }
    }
}
