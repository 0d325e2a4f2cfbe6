import Foundation

/// What a provider's error body says: its own error code and message, as read by an
/// ``ErrorBodyDecoder``. ``RESTClient`` puts them on the ``JobBridgeError`` of a failed
/// request (``JobBridgeError/providerCode`` and the message), bounded and redacted there.
public struct ProviderErrorBody: Hashable, Sendable {
    /// The provider's code for the error (CData's `"JOB_RUNNING"`, a problem type URI).
    public var code: String?
    /// The provider's message.
    public var message: String?

    /// Creates an error body's reading.
    public init(code: String?, message: String?) {
        self.code = code
        self.message = message
    }
}

/// Reads a provider's error body (the body of a non-2xx answer) for ``RESTClient``.
///
/// ``standard`` reads the two forms the core knows: the CData envelope
/// (`{"error":{"code":"…","message":"…"}}`, `{"error":"…"}`, a top-level
/// `{"code":…,"message":…}`) and RFC 9457 problem details (`type`, `title`, `status`,
/// `detail`, `instance`: the code is the `type`, or the `title` when the type is
/// `about:blank`; the message is `title: detail`, with the instance). An adapter whose
/// provider says it otherwise gives the client its own:
/// ```swift
/// var rest = try RESTClient(provider: "Acme", baseURL: url, transport: transport)
/// rest.errorBodyDecoder = ErrorBodyDecoder { body in
///     guard let value = try? JSONValue(data: body), case .string(let text)? = value["fault"] else {
///         return ErrorBodyDecoder.standard.decode(body)
///     }
///     return ProviderErrorBody(code: nil, message: text)
/// }
/// ```
/// When the decoder returns `nil`, the error's message is a redacted snippet of the body.
public struct ErrorBodyDecoder: Sendable {
    /// Reads an error body; `nil` when the body is not the provider's error form.
    public let decode: @Sendable (_ body: Data) -> ProviderErrorBody?

    /// Creates a decoder from a function that reads an error body.
    public init(_ decode: @escaping @Sendable (_ body: Data) -> ProviderErrorBody?) {
        self.decode = decode
    }

    /// The CData envelope and RFC 9457 problem details; the default of ``RESTClient``.
    public static let standard = ErrorBodyDecoder { body in
        ResponseText.providerError(in: body).map { ProviderErrorBody(code: $0.code, message: $0.message) }
    }
}
