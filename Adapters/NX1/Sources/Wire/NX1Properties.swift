import Foundation
import JobBridge

/// `properties_json`: a JSON document carried as a **string** (`"{\"retries\":3}"`), in
/// both directions. These helpers turn the text into a ``JSONValue`` and back.
public enum NX1Properties {
    /// The parsed value of a `properties_json` text; `nil` for `nil` or an empty text.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` with `field` `properties_json` when
    ///   the text is not valid JSON (the message shows a redacted snippet of it).
    public static func parse(_ text: String?) throws -> JSONValue? {
        guard let text, !isBlank(text) else { return nil }
        do {
            return try JSONValue(json: text)
        } catch {
            let snippet = text.count > 120 ? String(text.prefix(120)) + "…" : text
            throw JobBridgeError(
                .badResponse, "properties_json is not valid JSON: \(snippet)", provider: NX1Client.providerName,
                field: "properties_json")
        }
    }

    /// Whether a text is empty or only white space; decided by its first byte when that is
    /// a visible ASCII character (a JSON text almost always starts with `{`).
    private static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// The text to send as `properties_json` for a value: compact JSON, keys sorted.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` with `field` `properties_json`
    ///   if the value cannot be encoded (a non-finite number).
    public static func text(_ value: JSONValue) throws -> String {
        do {
            return String(decoding: try value.data(), as: UTF8.self)
        } catch {
            throw JobBridgeError(
                .invalidDefinition, "the properties cannot be written as JSON: \(error)",
                provider: NX1Client.providerName, field: "properties_json")
        }
    }

    /// The text of a `properties_json` member: the documented string, or (tolerated) a
    /// JSON object or array sent in its place, kept as its JSON text; `nil` for none.
    static func text(of value: JSONValue?) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let value?: return try text(value)
        }
    }
}
