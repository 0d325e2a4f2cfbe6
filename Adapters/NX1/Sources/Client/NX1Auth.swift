import Foundation
import JobBridge

/// NX1's addresses and credentials.
///
/// NX1 authenticates with OAuth 2 client credentials against a Keycloak realm named after
/// the client (tenant) [doc], or with a pre-shared key in `Authorization-PSK` [sdk]:
/// ```swift
/// let credentials = try NX1Auth.clientCredentials(
///     client: "acme", clientID: "jobs-bot", clientSecret: Secret(secret))
/// let nx1 = try NX1Client(client: "acme", credentials: credentials)
/// ```
public enum NX1Auth {
    /// The scope NX1's documents ask for.
    public static let scope = "profile"

    /// `https://sso.prod.nx1cloud.com/realms/<client>/protocol/openid-connect/token`.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` with `field` `client` when the name
    ///   is not a DNS label.
    public static func tokenURL(client: String) throws -> URL {
        let realm = try checkedClient(client)
        guard let url = URL(string: "https://sso.prod.nx1cloud.com/realms/\(realm)/protocol/openid-connect/token")
        else { throw badClient(client) }
        return url
    }

    /// `https://aiapi.<client>.nx1cloud.com`.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` with `field` `client` when the name
    ///   is not a DNS label.
    public static func apiBaseURL(client: String) throws -> URL {
        let label = try checkedClient(client)
        guard let url = URL(string: "https://aiapi.\(label).nx1cloud.com") else { throw badClient(client) }
        return url
    }

    /// OAuth 2 client credentials against the client's Keycloak realm, scope `profile`:
    /// the token is cached until `leeway` before its `expires_in`, renewed once for all
    /// waiting requests, and renewed once after a `401`.
    ///
    /// - Parameters:
    ///   - client: The NX1 client (tenant) name, which is also the realm's name.
    ///   - transport: Sends the token request (a simulator in tests).
    ///   - now: The wall clock (a ``SimulatedClock``'s date source in tests).
    ///   - requestTimeout: How long the token request may wait for its answer (30 s by
    ///     default).
    public static func clientCredentials(
        client: String, clientID: String, clientSecret: Secret, transport: any HTTPTransport = URLSessionTransport(),
        leeway: TimeInterval = 30, now: @escaping @Sendable () -> Date = { Date() },
        requestTimeout: Duration = RESTClient.defaultRequestTimeout
    ) throws -> OAuth2ClientCredentials {
        try OAuth2ClientCredentials(
            tokenURL: tokenURL(client: client), clientID: clientID, clientSecret: clientSecret, scope: scope,
            transport: transport, leeway: leeway, now: now, requestTimeout: requestTimeout)
    }

    /// The pre-shared key in `Authorization-PSK` [sdk].
    public static func preSharedKey(_ key: Secret) -> HeaderTokenCredentials {
        HeaderTokenCredentials.preSharedKey(key)
    }

    /// The name lower-cased, if it is a DNS label (letters, digits, inner hyphens, ≤ 63).
    private static func checkedClient(_ client: String) throws -> String {
        let name = client.lowercased()
        let allowed = name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
        guard !name.isEmpty, name.utf8.count <= 63, allowed, !name.hasPrefix("-"), !name.hasSuffix("-") else {
            throw badClient(client)
        }
        return name
    }

    private static func badClient(_ client: String) -> JobBridgeError {
        JobBridgeError(
            .configuration,
            "the NX1 client name '\(client)' is not a DNS label (letters, digits and inner hyphens, at most 63)",
            provider: NX1Client.providerName, field: "client")
    }
}
