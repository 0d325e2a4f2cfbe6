/// The stable identity of a migrated target: a hash of the source provider, the source
/// scope (a Sync workspace, say), the source job id and the split index.
///
/// The plan id is deliberately not in it, so that a later plan finds the targets of an
/// earlier one (idempotent re-runs). Where the target can hold it, it is written on the
/// target (NX1: a `jobbridge` member of `properties_json`; CData Sync: the name suffix
/// ``nameSuffix``); CData Connect, which can hold none, is found by its natural key.
public struct ProvenanceKey: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// 16 hex digits.
    public let rawValue: String

    /// Wraps a key read back.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The key of one target of one source job.
    public init(sourceProvider: String, sourceScope: String, sourceJobID: String, splitIndex: Int) {
        let parts = ["jobbridge-provenance-v1", sourceProvider, sourceScope, sourceJobID, String(splitIndex)]
        rawValue = ((try? Fingerprint(of: parts)) ?? Fingerprint(text: parts.joined(separator: "\u{1F}"))).rawValue
    }

    /// The first 8 hex digits: what a name suffix carries.
    public var short: String { String(rawValue.prefix(8)) }

    /// ` [jb:<8 hex>]`: the suffix added to a target's name where the name carries the key.
    public var nameSuffix: String { " [jb:\(short)]" }

    /// The hex digits.
    public var description: String { rawValue }

    /// Orders keys by their text.
    public static func < (lhs: ProvenanceKey, rhs: ProvenanceKey) -> Bool { lhs.rawValue < rhs.rawValue }

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
