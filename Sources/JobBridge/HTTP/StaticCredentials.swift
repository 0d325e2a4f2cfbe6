import Foundation

/// A static token in a header of its own, such as CData Sync's `x-cdata-authtoken: <token>`
/// or a pre-shared key such as NX1's `Authorization-PSK: <key>` (see ``preSharedKey(_:headerName:)``).
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

    /// A pre-shared key in a header (default `Authorization-PSK`): the same static header
    /// token under the name that services which use it give it.
    public static func preSharedKey(_ key: Secret, headerName: String = "Authorization-PSK") -> Self {
        Self(headerName: headerName, token: key)
    }

    /// Puts `<headerName>: <token>` on the request.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` (field `token`) if the token holds a
    ///   line break or another control character: it would inject header fields.
    public func authorize(_ request: inout HTTPRequest) async throws {
        guard token.isSafeInHeader else {
            throw JobBridgeError(
                .configuration,
                "the token for the \(ResponseText.quoted(headerName, limit: 64)) header contains a line break or "
                    + "another control character; it is not put in a header",
                field: "token")
        }
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
