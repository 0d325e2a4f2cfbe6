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

    /// The text cut to `limit` Unicode scalars (marked `…(cut)` when cut) and made one
    /// line: `\n`, `\r`, `\t` and other control characters are written as escapes.
    ///
    /// The work is bounded by `limit`, whatever the length of `text`.
    public static func oneLine(_ text: String, limit: Int = messageLimit) -> String {
        var result = ""
        var count = 0
        var cut = false
        for scalar in text.unicodeScalars {
            // Counted in Unicode scalars, not characters: one character can be made of
            // any number of scalars, and the walk must stop after `limit` of them.
            guard count < limit else {
                cut = true
                break
            }
            count += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}"
                || scalar == "\u{2029}":
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        if cut { result += "…(cut)" }
        return result
    }

    /// A value quoted from a provider's answer: at most ``quotedValueLimit`` characters,
    /// one line, in single quotes.
    public static func quoted(_ value: String) -> String {
        "'" + oneLine(value, limit: quotedValueLimit) + "'"
    }
}
