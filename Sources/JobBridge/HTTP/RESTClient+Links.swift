import Foundation

extension RESTClient {
    /// The URL a provider's link points to (a next-page link such as OData's
    /// `@odata.nextLink`): an absolute URL, a path from the host's root (`/api/...`), or a
    /// path relative to ``baseURL`` taken as a directory (`jobs?page=2` under
    /// `https://host/api` is `https://host/api/jobs?page=2`).
    ///
    /// A link is followed with the client's credentials, so it must stay on the provider's
    /// API: a link to another scheme, host or port is refused, as is one that breaks the
    /// `http://` rule, and one whose path leaves the base URL's path (`../../etc/passwd`
    /// or `/admin` under `https://host/api/v2`). Path segments are compared percent-decoded,
    /// and a segment that decodes to `.` or `..` (`%2e%2e`, `..%2f`) is refused wherever it
    /// is, since a server may decode it and climb out of the API.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` (with `field` set to `field`) if the
    ///   link is not a URL, leaves the provider's origin, or leaves the base path.
    public func url(forLink link: String, field: String = "nextLink") throws -> URL {
        let text = link.trimmingWhitespace()
        let directory = baseURL.absoluteString.hasSuffix("/") ? baseURL : URL(string: baseURL.absoluteString + "/")
        guard !text.isEmpty, let resolved = URL(string: text, relativeTo: directory ?? baseURL)?.absoluteURL,
            let target = URLComponents(url: resolved, resolvingAgainstBaseURL: false),
            let base = URLComponents(url: baseURL, resolvingAgainstBaseURL: false)
        else {
            throw JobBridgeError(
                .badResponse, "the provider sent a link that is not a URL: \(ResponseText.truncate(text, limit: 200))",
                provider: provider, field: field)
        }
        let sameOrigin =
            target.scheme?.lowercased() == base.scheme?.lowercased()
            && target.host?.lowercased() == base.host?.lowercased()
            && Self.port(of: target) == Self.port(of: base)
        guard sameOrigin, target.user == nil, target.password == nil else {
            throw JobBridgeError(
                .badResponse,
                "the provider sent a link to another origin (\(ResponseText.redacted(resolved))); it is not followed, "
                    + "so that credentials never leave \(base.host ?? "the provider")",
                provider: provider, field: field)
        }
        guard Self.staysUnder(base: base.percentEncodedPath, target: target.percentEncodedPath) else {
            let basePath = base.percentEncodedPath.isEmpty ? "/" : base.percentEncodedPath
            throw JobBridgeError(
                .badResponse,
                "the provider sent a link that leaves the API's path \(basePath) (\(ResponseText.redacted(resolved))); "
                    + "it is not followed, so that credentials go to the API only",
                provider: provider, field: field)
        }
        return resolved
    }

    /// Whether a link's path stays under the base path (taken as a directory) and has no
    /// segment that decodes to `.` or `..`.
    static func staysUnder(base: String, target: String) -> Bool {
        guard let targetSegments = decodedSegments(target), let baseSegments = decodedSegments(base) else {
            return false
        }
        for segment in targetSegments {
            // A decoded segment may hold `/` or `\` (from `%2f`, `%5c`): check each part.
            let parts = segment.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }
            if parts.contains(where: { $0 == "." || $0 == ".." }) { return false }
        }
        return targetSegments.starts(with: baseSegments)
    }

    /// The path's non-empty segments, percent-decoded; `nil` if one is not valid
    /// percent-encoding.
    private static func decodedSegments(_ path: String) -> [String]? {
        var result: [String] = []
        for raw in path.split(separator: "/") {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            result.append(decoded)
        }
        return result
    }

    /// Sends a `GET` to a full URL (a link the provider sent, checked with
    /// ``url(forLink:field:)``) and decodes the JSON answer as `type`.
    public func get<T: Decodable>(
        _ type: T.Type, url: URL, headers: HTTPHeaders = [:], operation: JobOperation? = nil,
        decoder: JSONDecoder = JSONDecoder()
    ) async throws -> T {
        var headers = headers
        if headers["Accept"] == nil { headers["Accept"] = "application/json" }
        return try await read {
            let response = try await perform(
                HTTPRequest(method: .get, url: url, headers: headers), operation: operation)
            return try decode(type, from: response, operation: operation, decoder: decoder)
        }
    }

    private static func port(of components: URLComponents) -> Int? {
        if let port = components.port { return port }
        switch components.scheme?.lowercased() {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }
}
