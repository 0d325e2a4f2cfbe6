/// The names whose values are secrets, compared in a normalized form: ASCII letters
/// lowercased, digits kept, everything else dropped, trailing digits removed.
enum SecretNames {
    /// Normalized endings that make a name secret (`clientsecret` ends with `secret`).
    static let suffixes: [[UInt8]] = [
        "password", "passwords", "passwd", "pwd", "passphrase", "secret", "secrets", "secretkey", "token",
        "tokens", "apikey", "apikeys", "accesskey", "accountkey", "privatekey", "presharedkey", "psk",
        "authorization", "connectionstring", "connectionstrings", "cookie", "cookies",
    ].map { Array($0.utf8) }

    /// Normalized beginnings that make a header name secret (CData's `x-cdata-auth…`).
    static let prefixes: [[UInt8]] = [Array("xcdataauth".utf8)]

    /// The normalized form of a name given as ASCII bytes (other bytes are dropped).
    static func normalized<Bytes: Sequence<UInt8>>(_ name: Bytes) -> [UInt8] {
        var result: [UInt8] = []
        for byte in name {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): result.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): result.append(byte)
            default: continue
            }
        }
        while let last = result.last, ASCII.isDigit(last) { result.removeLast() }
        return result
    }

    /// Whether a normalized name ends with one of the ``suffixes``.
    static func isSecret(_ normalized: [UInt8]) -> Bool {
        suffixes.contains { suffix in
            normalized.count >= suffix.count && normalized[(normalized.count - suffix.count)...].elementsEqual(suffix)
        }
    }

    /// Whether a normalized name starts with one of the ``prefixes``.
    static func hasSecretPrefix(_ normalized: [UInt8]) -> Bool {
        prefixes.contains { normalized.starts(with: $0) }
    }
}
