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
