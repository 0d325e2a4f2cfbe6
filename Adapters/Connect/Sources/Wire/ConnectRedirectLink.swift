import Foundation
import JobBridge

/// A URL the provider hands out for a hosted page (jobs page, add or edit connection,
/// cache connection form). It carries a short-lived token (a JWT, 180 s) in its query:
/// send the user's browser to ``url`` and show it nowhere else; its description redacts
/// the token.
public struct ConnectRedirectLink: Hashable, Sendable, Decodable, CustomStringConvertible, CustomReflectable {
    /// The URL, token included.
    public let url: URL

    /// Wraps a URL.
    public init(url: URL) { self.url = url }

    private enum CodingKeys: String, CodingKey { case redirectURL }

    /// Decodes `{"redirectURL": "…"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .redirectURL)
        guard let url = URL(string: text), url.scheme != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .redirectURL, in: container, debugDescription: "redirectURL is not a URL")
        }
        self.url = url
    }

    /// The URL with its token redacted.
    public var description: String { Redactor.redact(url.absoluteString) }
    /// Only the redacted URL.
    public var customMirror: Mirror { Mirror(self, children: ["url": description], displayStyle: .struct) }
}
