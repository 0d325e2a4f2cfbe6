/// The lenient readings of a scalar that ``WireObject``'s getters use, for providers that
/// write a number or a Boolean as a string (`"1"`, `"true"`) where their documents say
/// otherwise.
extension JSONValue {
    /// A Boolean, also from the strings `"true"`/`"false"` (any case, white space around
    /// them ignored); `nil` for anything else.
    public var lenientBool: Bool? {
        switch self {
        case .bool(let value): return value
        case .string(let text):
            switch text.trimmingWhitespace().lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// An integer, also from a number without fraction or a string of digits (white space
    /// around them ignored); `nil` for anything else.
    public var lenientInt64: Int64? {
        switch self {
        case .int, .double: return intValue
        case .string(let text): return Int64(text.trimmingWhitespace())
        default: return nil
        }
    }

    /// Text, also from a number or a Boolean (for free-text members such as a status);
    /// `nil` for `null`, arrays and objects.
    public var lenientText: String? {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return String(value)
        default: return nil
        }
    }

    /// The elements, when this is an array of strings only.
    public var strings: [String]? {
        guard case .array(let elements) = self else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// The JSON kind, for messages: `null`, `a Boolean`, `a number`, `a string`, `an array`
    /// or `an object`.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
