extension StringProtocol {
    /// The text without leading and trailing white space (newlines included), as a `String`.
    ///
    /// For the package's parsers: Foundation's `trimmingCharacters(in:)` goes through
    /// `NSString` on Linux and cost more than the rest of parsing a cron expression.
    package var trimmedWhitespace: String {
        // Most texts start and end with a visible ASCII character: nothing to look up.
        if let first = first?.asciiValue, let last = last?.asciiValue, (0x21..<0x80).contains(first),
            (0x21..<0x80).contains(last)
        {
            return String(self)
        }
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
