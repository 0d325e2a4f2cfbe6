/// Keeps error texts to one bounded line before they are redacted and stored.
///
/// A provider's answer can hold anything: a 10 MB value, an HTML page, line breaks. An
/// error message must stay one line a person can read, and the work done on it must not
/// grow with the answer: the text is cut first (in bounded time, by UTF-8 length), then
/// its line breaks and control characters are shown escaped.
public enum ErrorText {
    /// The most characters an error message keeps (the rest is cut, with a marker).
    public static let messageLimit = 1_000
    /// The most characters a value quoted from a provider's answer keeps in a message.
    public static let quotedValueLimit = 200

    /// The text cut to about `limit` Unicode scalars (marked `…(truncated)` when cut) and made
    /// one line: `\n`, `\r`, `\t` and other control characters are written as escapes.
    ///
    /// The work is bounded by `limit`, whatever the length of `text`.
    public static func oneLine(_ text: String, limit: Int = messageLimit) -> String {
        let (line, isCut) = oneLine(text.unicodeScalars, limit: limit)
        return isCut ? line + ResponseText.truncationMarker : line
    }

    /// `scalars` on one line of about `limit` Unicode scalars (an escape that starts before
    /// the limit is finished), line breaks, tabs and other control characters (C0, DEL, C1,
    /// the Unicode line and paragraph separators) written as escapes; and whether anything
    /// was left out. Counted in Unicode scalars, not characters: one character can be made
    /// of any number of scalars, and the walk must stop after `limit` of them.
    static func oneLine<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars, limit: Int) -> (String, Bool) {
        var line = String.UnicodeScalarView()
        var iterator = scalars.makeIterator()
        // The written length bounds the walk: every scalar read writes at least one. It is
        // counted as it grows (`line.count` would walk the whole line at every step).
        var written = 0
        func write(_ escape: String) {
            line.append(contentsOf: escape.unicodeScalars)
            written += escape.unicodeScalars.count
        }
        while written < limit, let scalar = iterator.next() {
            switch scalar {
            case "\n": write("\\n")
            case "\r": write("\\r")
            case "\t": write("\\t")
            case "\u{00}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                write("\\u{\(String(scalar.value, radix: 16, uppercase: true))}")
            default:
                line.append(scalar)
                written += 1
            }
        }
        return (String(line), iterator.next() != nil)
    }

    /// A value quoted from a provider's answer: at most ``quotedValueLimit`` characters,
    /// one line, redacted, in single quotes.
    public static func quoted(_ value: String) -> String {
        "'" + ResponseText.quoted(value, limit: quotedValueLimit) + "'"
    }
}
