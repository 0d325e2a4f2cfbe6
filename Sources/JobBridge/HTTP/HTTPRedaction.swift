import Foundation

// What a request, a response or a header set shows of itself when printed, dumped or
// reported by a failing test: the same redacted view that observers get. Credentials are
// on a request after it has been authorized (a simulator keeps such requests), so none
// of these may show a secret-named header, a secret query value or a secret body member.

extension HTTPHeaders: CustomStringConvertible, CustomReflectable {
    /// The fields as `[name: value, ...]`, secret-named values replaced by ``Redactor/placeholder``.
    public var description: String {
        "[" + ResponseText.redacted(self).map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "]"
    }

    /// The redacted fields, for `dump`.
    public var customMirror: Mirror {
        Mirror(
            self, children: ResponseText.redacted(self).map { (label: $0.name, value: $0.value as Any) },
            displayStyle: .dictionary)
    }
}

extension HTTPRequest: CustomStringConvertible, CustomReflectable {
    /// The method, the redacted URL, the redacted headers and the body's size.
    public var description: String {
        "\(method) \(ResponseText.redacted(url)) \(headers)" + (body.map { " (\($0.count)-byte body)" } ?? "")
    }

    /// The redacted view, for `dump`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "url": ResponseText.redacted(url), "headers": headers,
                "body": body.map { ResponseText.snippet($0) } as Any, "isIdempotent": isIdempotent,
            ], displayStyle: .struct)
    }
}

extension HTTPResponse: CustomStringConvertible, CustomReflectable {
    /// The status, the redacted headers and the body's size.
    public var description: String { "HTTP \(status) \(headers) (\(body.count)-byte body)" }

    /// The redacted view, for `dump`.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["status": status, "headers": headers, "body": ResponseText.snippet(body)],
            displayStyle: .struct)
    }
}
