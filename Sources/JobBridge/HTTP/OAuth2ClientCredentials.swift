import Foundation

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
    /// - Parameters:
    ///   - tokenURL: The token endpoint.
    ///   - clientID: The client id sent with every token request.
    ///   - clientSecret: The client secret (never shown in a description or an error).
    ///   - scope: The scope asked for, if any.
    ///   - transport: How token requests are sent.
    ///   - leeway: How long before its expiry a token is renewed.
    ///   - now: The wall clock that expiries are measured on.
    ///   - allowsInsecureHTTP: Whether plain `http://` is accepted for a remote token URL.
    ///   - requestTimeout: How long the token request may wait for its answer (30 s by
    ///     default, ``RESTClient/defaultRequestTimeout``).
    /// - Throws: ``JobBridgeError/Code/configuration`` if the token URL breaks the `http://` rule.
    public init(
        tokenURL: URL, clientID: String, clientSecret: Secret, scope: String? = nil,
        transport: any HTTPTransport, leeway: TimeInterval = 30, now: @escaping @Sendable () -> Date = { Date() },
        allowsInsecureHTTP: Bool = false, requestTimeout: Duration = RESTClient.defaultRequestTimeout
    ) throws {
        try URLBuilder.validateBaseURL(tokenURL, allowsInsecureHTTP: allowsInsecureHTTP)
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.bearer = BearerTokenCredentials(leeway: leeway, now: now) {
            try await Self.fetchToken(
                tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scope: scope,
                transport: transport, timeout: requestTimeout, now: now)
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
        timeout: Duration, now: @Sendable () -> Date
    ) async throws -> AccessToken {
        var pairs = [("grant_type", "client_credentials")]
        if let scope { pairs.append(("scope", scope)) }
        pairs.append(("client_id", clientID))
        pairs.append(("client_secret", clientSecret.revealed))
        let request = HTTPRequest(
            method: .post, url: tokenURL,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Data(URLBuilder.formEncode(pairs).utf8), isIdempotent: true, timeout: timeout)
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
                "the token endpoint refused the client credentials: "
                    + (detail?.message.map { ResponseText.quoted($0) } ?? ResponseText.snippet(response.body)),
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
                .badResponse, "unsupported token type \"\(ResponseText.quoted(type, limit: 64))\"", provider: "OAuth2",
                httpStatus: response.status)
        }
        try validate(answer.accessToken, status: response.status)
        let expiresAt = answer.expiresIn.map { started.addingTimeInterval($0) }
        return AccessToken(token: Secret(answer.accessToken), expiresAt: expiresAt)
    }

    /// Refuses an access token that is empty or that holds a line break, NUL or another
    /// control character (it would inject header fields); the error never shows the token.
    private static func validate(_ token: String, status: Int) throws {
        if token.allSatisfy(\.isWhitespace) {
            throw JobBridgeError(
                .badResponse, "the token endpoint's answer has an empty access_token", provider: "OAuth2",
                httpStatus: status, field: "access_token")
        }
        guard Secret(token).isSafeInHeader else {
            throw JobBridgeError(
                .badResponse,
                "the token endpoint's access_token contains a line break, NUL or another control character; "
                    + "it is refused",
                provider: "OAuth2", httpStatus: status, field: "access_token")
        }
    }
}
