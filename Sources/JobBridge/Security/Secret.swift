/// A secret value (token, password, key) that never shows itself in a description,
/// a debug description, a `dump` or string interpolation.
///
/// Read the value with ``revealed`` where it must go on the wire, and nowhere else.
public struct Secret: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The secret itself. Only credentials read it, to put it on a request.
    public let revealed: String

    /// Wraps a secret value.
    public init(_ value: String) { self.revealed = value }

    /// Wraps a secret written as a literal (useful in tests).
    public init(stringLiteral value: String) { self.revealed = value }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Always ``Redactor/placeholder``.
    public var description: String { Redactor.placeholder }
    /// Always ``Redactor/placeholder``.
    public var debugDescription: String { Redactor.placeholder }
    /// A mirror with no children, so that `dump` shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Secret {
    /// Whether the value may go in an HTTP header field as it is: it holds no line break,
    /// NUL or other control character (tab aside), which would let it end the field and
    /// inject others.
    var isSafeInHeader: Bool {
        !revealed.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
        }
    }
}
