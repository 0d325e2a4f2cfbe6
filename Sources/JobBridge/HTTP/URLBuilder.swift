import Foundation

/// Builds request URLs safely: every path segment and query value is percent-encoded, so
/// that an identifier such as `../x` or `a/b` can never change the path, and base URLs
/// are checked against the `http://` rule.
public enum URLBuilder {
    /// The URL made of the base URL, the path segments and the query items.
    ///
    /// Each segment is percent-encoded with ``encodeSegment(_:field:)``; query names and values
    /// with ``encodeQueryComponent(_:)``.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidRequest`` if a segment is empty, `.` or `..`.
    public static func url(base: URL, segments: [String], query: [URLQueryItem] = []) throws -> URL {
        var text = base.absoluteString
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        while text.hasSuffix("/") { text.removeLast() }
        for (index, segment) in segments.enumerated() {
            text += "/" + (try encodeSegment(segment, field: "path[\(index)]"))
        }
        if !query.isEmpty {
            let pairs = query.map { item -> String in
                let name = encodeQueryComponent(item.name)
                guard let value = item.value else { return name }
                return name + "=" + encodeQueryComponent(value)
            }
            text += "?" + pairs.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw JobBridgeError(.invalidRequest, "could not build a URL from the base URL and path")
        }
        return url
    }

    /// The segment percent-encoded so that only unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`) stay literal: `/` becomes `%2F`, `%` becomes `%25`, and so on.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidRequest`` (with `field`) if the segment is
    ///   empty, `.` or `..`, which would name another resource than the one meant.
    public static func encodeSegment(_ segment: String, field: String = "path") throws -> String {
        guard !segment.isEmpty, segment != ".", segment != ".." else {
            throw JobBridgeError(
                .invalidRequest, "a path segment must not be empty, \".\" or \"..\"; got \"\(segment)\"",
                field: field)
        }
        return percentEncode(segment)
    }

    /// A query name or value percent-encoded so that only unreserved characters stay
    /// literal (`+`, `&`, `=`, space and everything else are encoded).
    public static func encodeQueryComponent(_ text: String) -> String {
        percentEncode(text)
    }

    /// Form-encodes pairs as `application/x-www-form-urlencoded`, in order.
    public static func formEncode(_ pairs: [(String, String)]) -> String {
        pairs.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    /// Checks a base URL against the transport security rule.
    ///
    /// Accepts `https`; accepts `http` only for a loopback host (`localhost`, `127.0.0.0/8`,
    /// `::1`) or when `allowsInsecureHTTP` is true. Refuses any other scheme, a URL
    /// without a host, and a URL with user information, a query or a fragment.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration``.
    public static func validateBaseURL(_ url: URL, allowsInsecureHTTP: Bool = false) throws {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = components.scheme?.lowercased()
        else {
            throw JobBridgeError(.configuration, "the base URL has no scheme", field: "baseURL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw JobBridgeError(.configuration, "the base URL has no host", field: "baseURL")
        }
        guard components.user == nil, components.password == nil else {
            throw JobBridgeError(
                .configuration, "the base URL must not carry user information; use credentials",
                field: "baseURL")
        }
        guard components.query == nil, components.fragment == nil else {
            throw JobBridgeError(
                .configuration, "the base URL must not have a query or a fragment", field: "baseURL")
        }
        switch scheme {
        case "https":
            return
        case "http":
            if allowsInsecureHTTP || isLoopback(host: host) { return }
            throw JobBridgeError(
                .configuration,
                "plain http:// is refused for the remote host \(host); use https:// or opt in with allowsInsecureHTTP",
                field: "baseURL")
        default:
            throw JobBridgeError(
                .configuration, "unsupported URL scheme \"\(scheme)\"; use https://", field: "baseURL")
        }
    }

    /// Whether the host is a loopback host: `localhost`, an address in `127.0.0.0/8`, or `::1`.
    public static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "localhost." { return true }
        if name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let values = octets.compactMap { octet -> Int? in
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII) else { return nil }
            return Int(octet).flatMap { (0...255).contains($0) ? $0 : nil }
        }
        return values.count == 4 && values[0] == 127
    }

    private static func percentEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return result
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
