import Foundation

/// Helpers that turn bodies, headers, URLs and values quoted from an answer into text that
/// is safe to show: bounded, on one line, redacted.
///
/// Every helper cuts its input to its limit first, so that the work is bounded however
/// large the input, then escapes line breaks and control characters, then redacts.
enum ResponseText {
    /// What is appended to a text that was cut.
    static let truncationMarker = "…(truncated)"

    /// The body as one line of text: cut to `limit` characters, line breaks and control
    /// characters escaped (`\n`, `\u{1B}`), then redacted. An HTML page is not shown:
    /// it is summed up as `an HTML page (N bytes)` with its `<title>`, if it has one.
    static func snippet(_ body: Data, limit: Int = 512) -> String {
        guard !body.isEmpty else { return "<empty body>" }
        if let page = HTMLSummary.summary(of: body) { return page }
        // At most 4 bytes per character: the prefix holds `limit` characters.
        let head = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let (line, isCut) = ErrorText.oneLine(head.unicodeScalars, limit: limit)
        return Redactor.redact(line) + (isCut || body.count > limit * 4 ? truncationMarker : "")
    }

    /// A value quoted from an answer (a message, a name, a link) as one line of text: cut
    /// to `limit` characters, line breaks and control characters escaped, then redacted.
    /// The work is bounded by `limit`, whatever the value's length.
    static func quoted(_ value: String, limit: Int = 200) -> String {
        let (line, isCut) = ErrorText.oneLine(value.unicodeScalars, limit: limit)
        return Redactor.redact(line) + (isCut ? truncationMarker : "")
    }

    /// The text truncated to `limit` characters, with a marker if anything was cut.
    /// Reads at most `limit` characters of the text.
    static func truncate(_ text: String, limit: Int) -> String {
        guard let cut = text.index(text.startIndex, offsetBy: max(limit, 0), limitedBy: text.endIndex),
            cut < text.endIndex
        else { return text }
        return String(text[..<cut]) + truncationMarker
    }

    /// The provider's error envelope `{"error":{"code":"…","message":"…"}}`, if the body is one.
    /// Also accepts `{"error":"message"}`, a top-level `{"code":…,"message":…}`, and RFC 9457
    /// problem details (see ``problemDetails(in:)``).
    static func providerError(in body: Data) -> (code: String?, message: String?)? {
        guard !body.isEmpty, let value = try? JSONValue(data: body) else { return nil }
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let text)?: return text
            case .int(let number)?: return String(number)
            default: return nil
            }
        }
        if let error = value["error"] {
            if case .string(let message) = error { return (nil, message) }
            let code = text(error["code"])
            let message = text(error["message"])
            if code != nil || message != nil { return (code, message) }
        }
        let code = text(value["code"])
        let message = text(value["message"])
        if code != nil || message != nil { return (code, message) }
        return problemDetails(in: value)
    }

    /// RFC 9457 problem details (`type`, `title`, `status`, `detail`, `instance`) as a code
    /// and a message: the code is the `type`, or the `title` when the type is absent or
    /// `about:blank`; the message is the `title` and the `detail` (`title: detail`), with
    /// the `instance` in parentheses. `nil` when the object has neither a title nor a detail.
    static func problemDetails(in value: JSONValue) -> (code: String?, message: String?)? {
        func text(_ name: String) -> String? {
            guard case .string(let text)? = value[name] else { return nil }
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        let title = text("title")
        let detail = text("detail")
        guard title != nil || detail != nil else { return nil }
        let type = text("type").flatMap { $0 == "about:blank" ? nil : $0 }
        var message = [title, detail].compactMap { $0 }.joined(separator: ": ")
        if let instance = text("instance") { message += " (\(instance))" }
        return (type ?? title, message)
    }

    /// The headers with the value of every secret-named header replaced by the placeholder.
    static func redacted(_ headers: HTTPHeaders) -> HTTPHeaders {
        var result = HTTPHeaders()
        for (name, value) in headers {
            result.add(name: name, value: Redactor.isSecretName(name) ? Redactor.placeholder : Redactor.redact(value))
        }
        return result
    }

    /// The URL as text with user information removed and secret-named query values redacted.
    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return Redactor.redact(url.absoluteString)
        }
        components.user = nil
        components.password = nil
        let items = components.percentEncodedQueryItems
        components.percentEncodedQuery = nil
        components.fragment = nil
        var text = components.string ?? ""
        if let items {
            let pairs = items.map { item -> String in
                let name = item.name.removingPercentEncoding ?? item.name
                guard let value = item.value else { return item.name }
                return item.name + "=" + redactedQueryValue(value, named: name)
            }
            text += "?" + pairs.joined(separator: "&")
        }
        return Redactor.redact(text)
    }

    /// Characters a redacted query value keeps as they are (the placeholder's `<` and `>` too).
    private static let queryValueCharacters = CharacterSet.urlQueryAllowed.subtracting(
        CharacterSet(charactersIn: "&+=#")
    )
    .union(CharacterSet(charactersIn: "<>"))

    /// A percent-encoded query value as shown: the placeholder for a secret-named
    /// parameter; the value decoded, redacted and encoded again if it holds a secret
    /// (`filter=Password%3Dx` shows as `filter=Password%3D<redacted>`); else as it was.
    private static func redactedQueryValue(_ value: String, named name: String) -> String {
        if Redactor.isSecretName(name) { return Redactor.placeholder }
        let decoded = value.removingPercentEncoding ?? value
        let redacted = Redactor.redact(decoded)
        guard redacted != decoded else { return value }
        return redacted.addingPercentEncoding(withAllowedCharacters: queryValueCharacters) ?? Redactor.placeholder
    }
}

/// The summary that stands for an HTML page (a proxy's or a server's error page) in a
/// message: its size and title, never its markup.
enum HTMLSummary {
    /// How far into the body the page's start and its title are looked for.
    static let searchLimit = 8192

    /// `an HTML page (N bytes) titled "…"` if the body is an HTML page, else `nil`.
    static func summary(of body: Data) -> String? {
        let head = [UInt8](body.prefix(searchLimit))
        guard isHTML(head) else { return nil }
        let size = "an HTML page (\(body.count) bytes)"
        guard let title = title(in: head) else { return size }
        let text = String(decoding: title, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return text.isEmpty ? size : size + " titled \"" + ResponseText.quoted(text, limit: 100) + "\""
    }

    /// Whether the bytes start (after blanks and a byte order mark) with a doctype or an `<html` tag.
    private static func isHTML(_ bytes: [UInt8]) -> Bool {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, ASCII.isWhitespace(bytes[start]) { start += 1 }
        return ASCII.matches(bytes, at: start, caseInsensitive: Array("<!doctype html".utf8))
            || ASCII.matches(bytes, at: start, caseInsensitive: Array("<html".utf8))
    }

    /// The text between `<title…>` and `</title`, if both are within the bytes.
    private static func title(in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        guard let open = firstIndex(of: Array("<title".utf8), in: bytes, from: 0),
            let close = bytes[open...].firstIndex(of: ASCII.greaterThan),
            let end = firstIndex(of: Array("</title".utf8), in: bytes, from: close + 1)
        else { return nil }
        return bytes[(close + 1)..<end]
    }

    /// Where `word` (lowercase letters and punctuation) first occurs, compared without case.
    private static func firstIndex(of word: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !word.isEmpty, bytes.count >= word.count else { return nil }
        var index = start
        while index + word.count <= bytes.count {
            if bytes[index] == word[0], ASCII.matches(bytes, at: index, caseInsensitive: word) { return index }
            index += 1
        }
        return nil
    }
}
