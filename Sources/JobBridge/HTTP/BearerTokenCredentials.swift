import Foundation

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
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` (field `token`) if the token holds a
    ///   line break or another control character: it would inject header fields.
    public func authorize(_ request: inout HTTPRequest) async throws {
        let token = try await cache.token()
        guard token.token.isSafeInHeader else {
            throw JobBridgeError(
                .configuration,
                "the bearer token contains a line break or another control character; it is not put in a header",
                field: "token")
        }
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
