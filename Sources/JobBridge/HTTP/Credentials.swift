import Foundation

/// Puts credentials on requests, and refreshes them when the server says they expired.
///
/// Implementations keep every secret in a ``Secret`` so that no description, debug
/// description or `dump` shows it.
public protocol Credentials: Sendable {
    /// Adds the credentials (usually a header) to the request, fetching a token first if
    /// none is cached or the cached one is about to expire.
    func authorize(_ request: inout HTTPRequest) async throws

    /// Called after the server answered `401 Unauthorized` to `request`. Returns `true` if
    /// the credentials were renewed (or had already been renewed since `request` was
    /// authorized) so that sending the request once more makes sense.
    func refreshAfterUnauthorized(_ request: HTTPRequest) async throws -> Bool
}

extension Credentials {
    /// Static credentials cannot be renewed: a `401` is final.
    public func refreshAfterUnauthorized(_ request: HTTPRequest) async throws -> Bool { false }
}

/// An access token and when it expires.
public struct AccessToken: Sendable, Hashable, CustomStringConvertible {
    /// The token.
    public var token: Secret
    /// When the token stops being valid, if known. `nil` means it is used until a `401`.
    public var expiresAt: Date?

    /// Creates an access token.
    public init(token: Secret, expiresAt: Date? = nil) {
        self.token = token
        self.expiresAt = expiresAt
    }

    /// The expiry only; never the token.
    public var description: String {
        "AccessToken(token: \(Redactor.placeholder), expiresAt: \(expiresAt.map { "\($0)" } ?? "nil"))"
    }
}

/// Caches one access token, renews it before it expires, and makes sure that only one
/// renewal is in flight however many requests wait for it.
actor TokenCache {
    private let fetch: @Sendable () async throws -> AccessToken
    private let now: @Sendable () -> Date
    private let leeway: TimeInterval
    private var current: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?
    /// How many callers are waiting for the renewal in flight (for tests).
    private(set) var waiting = 0
    /// How many times the token was fetched (for tests).
    private(set) var fetches = 0

    init(
        leeway: TimeInterval, now: @escaping @Sendable () -> Date,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.leeway = leeway
        self.now = now
        self.fetch = fetch
    }

    /// A valid token: the cached one if it does not expire within the leeway, else a new one.
    func token() async throws -> AccessToken {
        if let current, isFresh(current) { return current }
        return try await renew()
    }

    /// Drops the cached token if it is still `used`, then returns a valid token.
    /// Returns `false` if the renewal produced the very token that was refused.
    func renewAfterRefusal(of used: String?) async throws -> Bool {
        if let current, let used, current.token.revealed != used {
            return true  // Someone renewed it since; just retry with the new one.
        }
        current = nil
        let renewed = try await renew()
        return renewed.token.revealed != used
    }

    private func isFresh(_ token: AccessToken) -> Bool {
        guard let expiresAt = token.expiresAt else { return true }
        return expiresAt.timeIntervalSince(now()) > leeway
    }

    private func renew() async throws -> AccessToken {
        waiting += 1
        defer { waiting -= 1 }
        if let inFlight {
            // Waiters get the same typed error as the caller that started the renewal.
            do { return try await inFlight.value } catch { throw Self.typed(error) }
        }
        fetches += 1
        let fetch = self.fetch
        let task = Task { try await fetch() }
        inFlight = task
        do {
            let token = try await task.value
            current = token
            inFlight = nil
            return token
        } catch {
            inFlight = nil
            throw Self.typed(error)
        }
    }

    /// The error as a ``JobBridgeError`` (cancellation stays as it is).
    private static func typed(_ error: any Error) -> any Error {
        if error is JobBridgeError || error is CancellationError { return error }
        return JobBridgeError(.unauthorized, "could not obtain an access token: \(error)")
    }
}

/// `Authorization: Bearer <token>`, the token coming from an async provider; cached,
/// renewed before it expires (with a leeway) and once after a `401`, with a single
/// renewal in flight however many requests wait.
public struct BearerTokenCredentials: Credentials, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let cache: TokenCache

    /// Creates bearer credentials.
    ///
    /// - Parameters:
    ///   - leeway: How long before its expiry a token is renewed (default 30 s).
    ///   - now: The wall clock, injectable for tests.
    ///   - provider: Fetches a new token. Called once per renewal.
    public init(
        leeway: TimeInterval = 30, now: @escaping @Sendable () -> Date = { Date() },
        provider: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.cache = TokenCache(leeway: leeway, now: now, fetch: provider)
    }

    /// Bearer credentials with a fixed token that never expires.
    public init(token: Secret) {
        self.init(provider: { AccessToken(token: token) })
    }

    /// Puts `Authorization: Bearer <token>` on the request.
    public func authorize(_ request: inout HTTPRequest) async throws {
        let token = try await cache.token()
        request.headers["Authorization"] = "Bearer " + token.token.revealed
    }

    /// Renews the token (once, shared with concurrent callers) unless it was already renewed.
    public func refreshAfterUnauthorized(_ request: HTTPRequest) async throws -> Bool {
        let used = request.headers["Authorization"].flatMap { value -> String? in
            value.hasPrefix("Bearer ") ? String(value.dropFirst("Bearer ".count)) : nil
        }
        return try await cache.renewAfterRefusal(of: used)
    }

    /// Names the kind of credentials only.
    public var description: String { "BearerTokenCredentials(token: \(Redactor.placeholder))" }
    /// Names the kind of credentials only.
    public var debugDescription: String { description }
    /// A mirror with no children, so that `dump` shows no secret.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// OAuth 2 client credentials grant (RFC 6749 §4.4): posts
/// `grant_type=client_credentials&scope=…&client_id=…&client_secret=…` to the token URL,
/// reads `{access_token, expires_in, token_type}`, caches the token and renews it before
/// it expires, with a single renewal in flight.
public struct OAuth2ClientCredentials: Credentials, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let bearer: BearerTokenCredentials
    /// The token endpoint.
    public let tokenURL: URL
    /// The client id (not a secret).
    public let clientID: String

    /// Creates client-credentials credentials.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` if the token URL breaks the `http://` rule.
    public init(
        tokenURL: URL, clientID: String, clientSecret: Secret, scope: String? = nil,
        transport: any HTTPTransport, leeway: TimeInterval = 30, now: @escaping @Sendable () -> Date = { Date() },
        allowsInsecureHTTP: Bool = false
    ) throws {
        try URLBuilder.validateBaseURL(tokenURL, allowsInsecureHTTP: allowsInsecureHTTP)
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.bearer = BearerTokenCredentials(leeway: leeway, now: now) {
            try await Self.fetchToken(
                tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scope: scope,
                transport: transport, now: now)
        }
    }

    /// Puts `Authorization: Bearer <token>` on the request.
    public func authorize(_ request: inout HTTPRequest) async throws {
        try await bearer.authorize(&request)
    }

    /// Fetches a new token unless it was already renewed.
    public func refreshAfterUnauthorized(_ request: HTTPRequest) async throws -> Bool {
        try await bearer.refreshAfterUnauthorized(request)
    }

    /// The token URL and client id; never the secret or the token.
    public var description: String {
        "OAuth2ClientCredentials(tokenURL: \(tokenURL.absoluteString), clientID: \(clientID), clientSecret: \(Redactor.placeholder))"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The token URL and client id only.
    public var customMirror: Mirror {
        Mirror(self, children: ["tokenURL": tokenURL, "clientID": clientID], displayStyle: .struct)
    }

    private struct TokenAnswer: Decodable {
        var accessToken: String
        var expiresIn: Double?
        var tokenType: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case tokenType = "token_type"
        }
    }

    private static func fetchToken(
        tokenURL: URL, clientID: String, clientSecret: Secret, scope: String?, transport: any HTTPTransport,
        now: @Sendable () -> Date
    ) async throws -> AccessToken {
        var pairs = [("grant_type", "client_credentials")]
        if let scope { pairs.append(("scope", scope)) }
        pairs.append(("client_id", clientID))
        pairs.append(("client_secret", clientSecret.revealed))
        let request = HTTPRequest(
            method: .post, url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(URLBuilder.formEncode(pairs).utf8), isIdempotent: true)
        let started = now()
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as JobBridgeError {
            throw error.context(provider: "OAuth2", operation: nil)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw JobBridgeError(.transport, "the token request failed: \(type(of: error))", provider: "OAuth2")
        }
        guard response.isSuccess else {
            let code =
                response.status == 400
                ? .unauthorized : (JobBridgeError.Code(httpStatus: response.status) ?? .badResponse)
            let detail = ResponseText.providerError(in: response.body)
            throw JobBridgeError(
                code,
                "the token endpoint refused the client credentials: \(detail?.message ?? ResponseText.snippet(response.body))",
                provider: "OAuth2", httpStatus: response.status, providerCode: detail?.code)
        }
        let answer: TokenAnswer
        do {
            answer = try JSONDecoder().decode(TokenAnswer.self, from: response.body)
        } catch {
            throw JobBridgeError(
                .badResponse, "the token endpoint's answer has no access_token: \(ResponseText.snippet(response.body))",
                provider: "OAuth2", httpStatus: response.status)
        }
        if let type = answer.tokenType, type.lowercased() != "bearer" {
            throw JobBridgeError(
                .badResponse, "unsupported token type \"\(type)\"", provider: "OAuth2", httpStatus: response.status)
        }
        let expiresAt = answer.expiresIn.map { started.addingTimeInterval($0) }
        return AccessToken(token: Secret(answer.accessToken), expiresAt: expiresAt)
    }
}

/// A static token in a header of its own, such as CData Sync's `x-cdata-authtoken: <token>`.
public struct HeaderTokenCredentials: Credentials, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The header that carries the token.
    public let headerName: String
    private let token: Secret

    /// Creates header-token credentials (default header `x-cdata-authtoken`).
    public init(headerName: String = "x-cdata-authtoken", token: Secret) {
        self.headerName = headerName
        self.token = token
    }

    /// Puts `<headerName>: <token>` on the request.
    public func authorize(_ request: inout HTTPRequest) async throws {
        request.headers[headerName] = token.revealed
    }

    /// The header name only.
    public var description: String { "HeaderTokenCredentials(\(headerName): \(Redactor.placeholder))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The header name only.
    public var customMirror: Mirror { Mirror(self, children: ["headerName": headerName], displayStyle: .struct) }
}

/// HTTP Basic authentication: `Authorization: Basic base64(user:password)`.
public struct BasicCredentials: Credentials, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The user name (not a secret).
    public let user: String
    private let password: Secret

    /// Creates Basic credentials.
    public init(user: String, password: Secret) {
        self.user = user
        self.password = password
    }

    /// Puts `Authorization: Basic …` on the request.
    public func authorize(_ request: inout HTTPRequest) async throws {
        let encoded = Data((user + ":" + password.revealed).utf8).base64EncodedString()
        request.headers["Authorization"] = "Basic " + encoded
    }

    /// The user name only.
    public var description: String { "BasicCredentials(user: \(user), password: \(Redactor.placeholder))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The user name only.
    public var customMirror: Mirror { Mirror(self, children: ["user": user], displayStyle: .struct) }
}

/// A pre-shared key in a header, such as NX1's `Authorization-PSK: <key>`.
public struct PreSharedKeyCredentials: Credentials, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The header that carries the key.
    public let headerName: String
    private let key: Secret

    /// Creates pre-shared-key credentials (default header `Authorization-PSK`).
    public init(key: Secret, headerName: String = "Authorization-PSK") {
        self.key = key
        self.headerName = headerName
    }

    /// Puts `<headerName>: <key>` on the request.
    public func authorize(_ request: inout HTTPRequest) async throws {
        request.headers[headerName] = key.revealed
    }

    /// The header name only.
    public var description: String { "PreSharedKeyCredentials(\(headerName): \(Redactor.placeholder))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The header name only.
    public var customMirror: Mirror { Mirror(self, children: ["headerName": headerName], displayStyle: .struct) }
}
