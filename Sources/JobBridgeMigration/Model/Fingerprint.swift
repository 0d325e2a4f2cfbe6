import Foundation

/// A stable 64-bit FNV-1a hash of a value's canonical JSON (``CanonicalJSON``), written as 16
/// lower-case hex digits.
///
/// It detects change (a source job edited, a mapping changed since a plan was made); it is not
/// a defence against an attacker, so it need not be cryptographic (the root package has no
/// crypto library).
public struct Fingerprint: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The 16 hex digits.
    public let rawValue: String

    /// Wraps 16 hex digits read from a plan or journal.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The fingerprint of raw bytes.
    public init(bytes: some Sequence<UInt8>) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        rawValue = String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The fingerprint of a value's canonical JSON.
    ///
    /// - Throws: the encoder's error when the value cannot be encoded (a non-finite number).
    public init<Value: Encodable>(of value: Value) throws {
        self.init(bytes: try CanonicalJSON.data(value))
    }

    /// The fingerprint of a text's UTF-8 bytes.
    public init(text: String) { self.init(bytes: text.utf8) }

    /// The hex digits.
    public var description: String { rawValue }

    /// Orders fingerprints by their text.
    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the hex digits (a single string).
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the hex digits as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
