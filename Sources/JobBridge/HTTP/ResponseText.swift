import Foundation

/// Helpers that turn bodies, headers and URLs into text that is safe to show.
enum ResponseText {
    /// The body as text, redacted and truncated to `limit` characters.
    static func snippet(_ body: Data, limit: Int = 512) -> String {
        guard !body.isEmpty else { return "<empty body>" }
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        return truncate(Redactor.redact(text), limit: limit)
    }

    /// The text truncated to `limit` characters, with a marker if anything was cut.
    static func truncate(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…(truncated)"
    }

    /// The provider's error envelope `{"error":{"code":"…","message":"…"}}`, if the body is one.
    /// Also accepts `{"error":"message"}` and a top-level `{"code":…,"message":…}`.
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
        return nil
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
                return item.name + "=" + (Redactor.isSecretName(name) ? Redactor.placeholder : value)
            }
            text += "?" + pairs.joined(separator: "&")
        }
        return Redactor.redact(text)
    }
}
