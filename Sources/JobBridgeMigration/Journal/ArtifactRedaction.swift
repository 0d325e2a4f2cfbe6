import JobBridge

/// Removes secrets from what the engine writes down: journal records, events and reports.
///
/// A JSON member whose name names a secret (``Redactor/isSecretName(_:)``) has its whole
/// value replaced by ``Redactor/placeholder``; every other string passes through
/// ``Redactor/redact(_:)``. One pass over the value: linear in its size.
public enum ArtifactRedaction {
    /// The value with every secret replaced.
    public static func scrub(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(Redactor.redact(text))
        case .array(let items): return .array(items.map(scrub))
        case .object(let members):
            var clean: [String: JSONValue] = [:]
            clean.reserveCapacity(members.count)
            for (key, member) in members {
                clean[key] = Redactor.isSecretName(key) ? .string(Redactor.placeholder) : scrub(member)
            }
            return .object(clean)
        default: return value
        }
    }

    /// The text with every secret replaced (``Redactor/redact(_:)``), or `nil`.
    public static func scrub(_ text: String?) -> String? {
        text.map(Redactor.redact)
    }
}
