import Foundation
import JobBridge

/// `--json` output: one JSON document, keys sorted, for programs. The field names are
/// stable and documented on each command's output type.
enum JSONOutput {
    /// Encodes a value as pretty JSON with sorted keys and ISO 8601 dates.
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Formatting.date(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints a value as JSON on standard output.
    static func print<Value: Encodable>(_ value: Value, context: ToolContext) throws {
        // Redacted as a whole: a provider setting that holds a secret never reaches the output.
        context.print(Redactor.redact(try encode(value)))
    }
}
