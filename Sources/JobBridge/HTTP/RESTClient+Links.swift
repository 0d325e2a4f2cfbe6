import Foundation

extension RESTClient {
    /// The URL a provider's link points to (a next-page link such as OData's
    /// `@odata.nextLink`): an absolute URL, a path from the host's root (`/api/...`), or a
    /// path relative to ``baseURL`` taken as a directory (`jobs?page=2` under
    /// `https://host/api` is `https://host/api/jobs?page=2`).
    ///
    /// A link is followed with the client's credentials, so it must stay on the provider:
    /// a link to another scheme, host or port is refused, as is one that breaks the
    /// `http://` rule.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` (with `field` set to `field`) if the
    ///   link is not a URL or leaves the provider's origin.
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
        return resolved
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
