extension StringProtocol {
    /// The text without leading and trailing white space (Unicode `White_Space`, newlines
    /// included), scalar by scalar, as a `String`.
    ///
    /// For the package's parsers: Foundation's `trimmingCharacters(in:)` goes through
    /// `NSString` on Linux and cost more than the rest of parsing a cron expression.
    package func trimmingWhitespace() -> String {
        let text = String(self)
        // Most texts start and end with a visible ASCII character: nothing to look up.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21..<0x80).contains(first),
            (0x21..<0x80).contains(last)
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
