import Foundation

/// The one JSON form of every migration artefact: keys sorted, slashes unescaped, dates as
/// seconds since 1970. Two equal values always encode to the same bytes, which is what
/// makes plans byte-identical and fingerprints stable.
public enum CanonicalJSON {
    /// An encoder that writes the canonical form.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [
                .sortedKeys, .withoutEscapingSlashes,
            ]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    /// A decoder that reads the canonical form.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    /// The canonical bytes of a value.
    public static func data<Value: Encodable>(_ value: Value, pretty: Bool = false) throws -> Data {
        try encoder(pretty: pretty).encode(value)
    }
}
