/// One pass over the UTF-8 bytes of a text that copies them to the output, replacing each
/// secret value it recognises by ``Redactor/placeholder``.
///
/// At each byte it checks, in constant time, whether a shape may start there: a separator
/// (`=`, `:`, `%3D`, `%3A`) whose name, read backwards a bounded distance, names a secret;
/// the `>` of an XML element with a secret name; the `://` of a URL with a password; the
/// word `Bearer` or `Basic`; a JSON Web Token. A recognised value is then read forwards to
/// its end once and skipped, so that no byte is read more than a bounded number of times.
struct RedactionScanner {
    /// How far back a name is looked for; longer names are judged by their last bytes.
    static let nameLookBack = 128

    let bytes: [UInt8]
    /// Where the scanner is.
    var position = 0
    /// The bytes before this index are copied to (or replaced in) ``output``.
    private var copied = 0
    /// The end of the last replaced value: names are never looked for before it.
    var floor = 0
    private var output: [UInt8] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The redacted bytes, or `nil` when nothing was replaced.
    mutating func run() -> [UInt8]? {
        while position < bytes.count {
            if let secret = secret(at: position), !secret.isEmpty {
                replace(secret)
            } else {
                position += 1
            }
        }
        guard !output.isEmpty else { return nil }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    private mutating func replace(_ secret: Range<Int>) {
        if output.isEmpty { output.reserveCapacity(bytes.count + 32) }
        output.append(contentsOf: bytes[copied..<secret.lowerBound])
        output.append(contentsOf: Self.placeholder)
        copied = secret.upperBound
        position = max(secret.upperBound, position + 1)
        floor = position
    }

    private static let placeholder = Array(Redactor.placeholder.utf8)

    /// The secret value whose shape is recognised at `index`, if any.
    private func secret(at index: Int) -> Range<Int>? {
        switch bytes[index] {
        case ASCII.equals:
            return pairValue(separator: index, width: 1)
        case ASCII.colon:
            if index + 2 < bytes.count, bytes[index + 1] == ASCII.slash, bytes[index + 2] == ASCII.slash {
                return userInformationPassword(after: index + 3)
            }
            return pairValue(separator: index, width: 1)
        case ASCII.percent:
            guard let decoded = percentDecoded(at: index), decoded == ASCII.equals || decoded == ASCII.colon
            else { return nil }
            return pairValue(separator: index, width: 3)
        case ASCII.greaterThan:
            return xmlElementValue(afterTag: index)
        case UInt8(ascii: "B"), UInt8(ascii: "b"):
            return credentialAfterScheme(at: index)
        case UInt8(ascii: "e"):
            return webToken(at: index)
        default:
            return nil
        }
    }

    /// The byte that `%XX` at `index` stands for, if a percent-encoded byte is there.
    func percentDecoded(at index: Int) -> UInt8? {
        guard index + 2 < bytes.count, bytes[index] == ASCII.percent, let high = ASCII.hexValue(bytes[index + 1]),
            let low = ASCII.hexValue(bytes[index + 2])
        else { return nil }
        return high << 4 | low
    }

    /// Whether the byte before `index` ends a word (or there is none).
    private func startsWord(_ index: Int, _ isWordByte: (UInt8) -> Bool) -> Bool {
        index == 0 || index <= floor || !isWordByte(bytes[index - 1])
    }

    // MARK: Shapes

    /// The value after a separator whose name names a secret.
    private func pairValue(separator: Int, width: Int) -> Range<Int>? {
        guard let name = name(before: separator), SecretNames.isSecret(name.normalized) else { return nil }
        let isEncoded = width == 3
        if let level = name.quoteLevel {
            return memberValue(from: skipWhitespace(from: separator + width), level: level)
        }
        let isColon = isEncoded ? percentDecoded(at: separator) == ASCII.colon : bytes[separator] == ASCII.colon
        return pairValue(
            from: skipBlanks(from: separator + width, decodingPercent: isEncoded), isEncoded: isEncoded,
            allowsContainer: isColon)
    }

    /// The text of an XML element with a secret name, up to the next closing tag.
    private func xmlElementValue(afterTag index: Int) -> Range<Int>? {
        guard let name = xmlName(endingBefore: index), SecretNames.isSecret(name) else { return nil }
        var end = index + 1
        while end < bytes.count,
            !(bytes[end] == ASCII.lessThan && end + 1 < bytes.count && bytes[end + 1] == ASCII.slash)
        {
            end += 1
        }
        return (index + 1)..<end
    }

    /// The password in `scheme://user:password@host`, reading the authority that starts at `start`.
    private func userInformationPassword(after start: Int) -> Range<Int>? {
        var firstColon: Int?
        var lastAt: Int?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.slash || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == ASCII.quote
                || byte == ASCII.apostrophe || byte == ASCII.backslash || byte == ASCII.lessThan
                || byte == ASCII.greaterThan || byte == ASCII.space || ASCII.isControl(byte)
            {
                break
            }
            if byte == ASCII.colon, firstColon == nil { firstColon = index }
            if byte == ASCII.at { lastAt = index }
            index += 1
        }
        guard let firstColon, let lastAt, firstColon < lastAt else { return nil }
        return (firstColon + 1)..<lastAt
    }

    private static let bearer = Array("bearer".utf8)
    private static let basic = Array("basic".utf8)

    /// The credentials after the word `Bearer` or `Basic` and a space.
    private func credentialAfterScheme(at index: Int) -> Range<Int>? {
        guard startsWord(index, ASCII.isAlphanumeric) else { return nil }
        let scheme: [UInt8]
        if ASCII.matches(bytes, at: index, caseInsensitive: Self.bearer) {
            scheme = Self.bearer
        } else if ASCII.matches(bytes, at: index, caseInsensitive: Self.basic) {
            scheme = Self.basic
        } else {
            return nil
        }
        var start = index + scheme.count
        guard start < bytes.count, ASCII.isBlank(bytes[start]) else { return nil }
        while start < bytes.count, ASCII.isBlank(bytes[start]) { start += 1 }
        var end = start
        while end < bytes.count, !Self.endsCredential(bytes[end]) { end += 1 }
        return start..<end
    }

    private static func endsCredential(_ byte: UInt8) -> Bool {
        switch byte {
        case ASCII.quote, ASCII.apostrophe, ASCII.backslash, ASCII.lessThan, ASCII.greaterThan, UInt8(ascii: ","),
            UInt8(ascii: ";"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return true
        default:
            return ASCII.isWhitespace(byte) || ASCII.isControl(byte)
        }
    }

    /// A JSON Web Token starting at `index`: `eyJ…` then at least one more dotted segment
    /// (two suffice, so that a token cut short by a truncation is still found).
    private func webToken(at index: Int) -> Range<Int>? {
        guard index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "y"), bytes[index + 2] == UInt8(ascii: "J"),
            startsWord(index, ASCII.isBase64URL)
        else { return nil }
        var end = base64Run(from: index)
        guard end < bytes.count, bytes[end] == ASCII.dot else { return nil }
        let payloadEnd = base64Run(from: end + 1)
        guard payloadEnd > end + 1 else { return nil }
        end = payloadEnd
        if end < bytes.count, bytes[end] == ASCII.dot { end = base64Run(from: end + 1) }
        return index..<end
    }

    private func base64Run(from start: Int) -> Int {
        var end = start
        while end < bytes.count, ASCII.isBase64URL(bytes[end]) { end += 1 }
        return end
    }
}
