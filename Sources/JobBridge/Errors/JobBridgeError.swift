import Foundation

/// The one error type of JobBridge.
///
/// Every failure, whatever the provider, arrives as a `JobBridgeError` with a ``Code``
/// that says what kind of failure it is, and as much context as was known: the provider
/// instance, the operation the caller invoked, the HTTP status, the provider's own error
/// code and message, whether the request may have acted (``outcome``) and the underlying
/// cause. Texts are one line, bounded (``ErrorText``) and free of secrets: they pass
/// through ``Redactor`` whenever they are set.
public struct JobBridgeError: Error, Hashable, Sendable {
    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, in words: one line of at most ``ErrorText/messageLimit``
    /// characters, redacted (on every assignment, not only at creation).
    public var message: String {
        didSet { message = Self.clean(message, limit: ErrorText.messageLimit) }
    }
    /// The provider instance that failed, such as `"Sync (production)"`, when known.
    public var provider: String?
    /// The operation the caller invoked (``JobOperation/updateJob``, not the read it made inside),
    /// when known.
    public var operation: JobOperation?
    /// The HTTP status of the provider's answer, when there was one.
    public var httpStatus: Int?
    /// The provider's own error code, such as `INVALID_REQUEST`, when it sent one:
    /// one bounded line, redacted like ``message``.
    public var providerCode: String? {
        didSet { providerCode = providerCode.map { Self.clean($0, limit: ErrorText.quotedValueLimit) } }
    }
    /// How long the provider asked the caller to wait before trying again, when it said.
    public var retryAfter: Duration?
    /// Where in the input the problem is, such as `tasks[2].query`, for invalid input.
    public var field: String?
    /// Whether the failed request may have acted on the server: the question to answer
    /// before sending a write again (see ``RequestOutcome``).
    public var outcome: RequestOutcome
    /// The failure underneath this one (a transport's error, a decoding error), redacted
    /// and bounded; `nil` when there was none.
    public var cause: Cause?

    /// Creates an error. The message and provider code are made one bounded line and
    /// redacted before they are stored.
    ///
    /// - Parameters:
    ///   - code: What kind of failure this is (see ``code``).
    ///   - message: What went wrong, in words (see ``message``).
    ///   - provider: The provider instance that failed, when known (see ``provider``).
    ///   - operation: The operation the caller invoked, when known (see ``operation``).
    ///   - httpStatus: The HTTP status of the provider's answer, when there was one.
    ///   - providerCode: The provider's own error code, when it sent one.
    ///   - retryAfter: How long the provider asked the caller to wait, when it said.
    ///   - field: Where in the input the problem is, for invalid input.
    ///   - outcome: Whether the request may have acted; by default derived from
    ///     the code and the HTTP status (see ``RequestOutcome/init(code:httpStatus:)``).
    ///   - cause: The failure underneath this one, when there was one.
    public init(
        _ code: Code,
        _ message: String,
        provider: String? = nil,
        operation: JobOperation? = nil,
        httpStatus: Int? = nil,
        providerCode: String? = nil,
        retryAfter: Duration? = nil,
        field: String? = nil,
        outcome: RequestOutcome? = nil,
        cause: Cause? = nil
    ) {
        self.code = code
        self.message = Self.clean(message, limit: ErrorText.messageLimit)
        self.provider = provider
        self.operation = operation
        self.httpStatus = httpStatus
        self.providerCode = providerCode.map { Self.clean($0, limit: ErrorText.quotedValueLimit) }
        self.retryAfter = retryAfter
        self.field = field
        self.outcome = outcome ?? RequestOutcome(code: code, httpStatus: httpStatus)
        self.cause = cause
    }

    /// A text cut and made one line before it is redacted, so that the work is bounded.
    static func clean(_ text: String, limit: Int) -> String {
        Redactor.redact(ErrorText.oneLine(text, limit: limit))
    }

    /// Whether the same request may succeed if it is sent again later.
    ///
    /// True for rate limiting, transient server errors (408, 500, 502, 503, 504), transport
    /// failures and time-outs of a single request. Whether it is *safe* to send again is a
    /// separate question: see ``HTTPRequest/isIdempotent``.
    public var isRetryable: Bool {
        switch code {
        case .rateLimited, .transport, .serviceUnavailable: return true
        default: return false
        }
    }

    /// This error with the provider and operation filled in where they were missing.
    public func context(provider: String?, operation: JobOperation?) -> JobBridgeError {
        var copy = self
        if copy.provider == nil { copy.provider = provider }
        if copy.operation == nil { copy.operation = operation }
        return copy
    }

    /// This error as the caller sees it: the provider instance and the operation the
    /// caller invoked replace whatever an inner request put there.
    public func stamped(provider: String, operation: JobOperation) -> JobBridgeError {
        var copy = self
        copy.provider = provider
        copy.operation = operation
        return copy
    }
}

extension JobBridgeError {
    /// The failure underneath a ``JobBridgeError``, kept as text (redacted and bounded)
    /// so that the error stays `Hashable` and `Sendable` and never carries a secret.
    public struct Cause: Hashable, Sendable, CustomStringConvertible {
        /// The underlying error's type, such as `URLError`.
        public let type: String
        /// The underlying error's numeric code, when it has one (a `URLError`'s code).
        public let code: Int?
        /// The underlying error's own description: one line, at most
        /// ``ErrorText/quotedValueLimit`` characters, redacted.
        public let description: String

        /// Creates a cause; the description is cut, made one line and redacted.
        public init(type: String, code: Int? = nil, description: String) {
            self.type = type
            self.code = code
            self.description = JobBridgeError.clean(description, limit: ErrorText.quotedValueLimit)
        }

        /// The cause of `error`: its type, its code when it is an `NSError`-like error,
        /// and its description.
        public init(_ error: any Error) {
            let code = (error as? URLError).map { $0.code.rawValue }
            self.init(type: String(describing: Swift.type(of: error)), code: code, description: "\(error)")
        }
    }
}

extension JobBridgeError {
    /// The kinds of failure. Extensible: an adapter may define more with ``init(rawValue:)``.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public let rawValue: String
        /// Creates a code with the given name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// The job, task or run does not exist (HTTP 404).
        public static let notFound = Code(rawValue: "notFound")
        /// The request conflicts with the resource's state, e.g. the job is running (HTTP 409).
        public static let conflict = Code(rawValue: "conflict")
        /// The credentials are missing, wrong or expired (HTTP 401).
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// The credentials are valid but not allowed to do this (HTTP 403).
        public static let forbidden = Code(rawValue: "forbidden")
        /// The provider asks the caller to slow down (HTTP 429).
        public static let rateLimited = Code(rawValue: "rateLimited")
        /// A job or task definition is invalid; checked before any request is sent.
        public static let invalidDefinition = Code(rawValue: "invalidDefinition")
        /// The provider rejected the request as malformed (HTTP 400, 405, 413, 422).
        public static let invalidRequest = Code(rawValue: "invalidRequest")
        /// The provider cannot do this operation at all.
        public static let unsupported = Code(rawValue: "unsupported")
        /// The request did not complete: connection refused, dropped, or timed out.
        public static let transport = Code(rawValue: "transport")
        /// The provider is temporarily failing (HTTP 408, 500, 502, 503, 504).
        public static let serviceUnavailable = Code(rawValue: "serviceUnavailable")
        /// Any other server-side failure (other 5xx statuses).
        public static let serverError = Code(rawValue: "serverError")
        /// The provider answered, but with something that could not be understood.
        public static let badResponse = Code(rawValue: "badResponse")
        /// Waiting for something (such as a run to finish) took longer than allowed.
        public static let timeout = Code(rawValue: "timeout")
        /// The configuration is unsafe or incomplete, e.g. plain `http://` to a remote host.
        public static let configuration = Code(rawValue: "configuration")
        /// A write (a create, a run, a cancel, a delete) may or may not have taken effect,
        /// and checking did not tell: the message names what to check before trying again.
        public static let outcomeUncertain = Code(rawValue: "outcomeUncertain")

        /// The code for an HTTP status, shared by every adapter. Returns `nil` for 1xx–3xx.
        public init?(httpStatus status: Int) {
            switch status {
            case 401: self = .unauthorized
            case 403: self = .forbidden
            case 404, 410: self = .notFound
            case 409: self = .conflict
            case 429: self = .rateLimited
            case 408, 500, 502, 503, 504: self = .serviceUnavailable
            case 501: self = .unsupported
            case 400..<500: self = .invalidRequest
            case 500..<600: self = .serverError
            default: return nil
            }
        }
    }
}

extension JobBridgeError: CustomStringConvertible {
    /// A one-line account of the error with all its context, free of secrets.
    public var description: String {
        var parts: [String] = []
        if let provider { parts.append(provider) }
        if let operation { parts.append(operation.rawValue) }
        var head = parts.joined(separator: " ")
        head += head.isEmpty ? "\(code)" : ": \(code)"
        var details: [String] = []
        if let httpStatus { details.append("HTTP \(httpStatus)") }
        if let providerCode { details.append(providerCode) }
        if let field { details.append("at \(field)") }
        if let retryAfter { details.append("retry after \(retryAfter)") }
        if outcome == .maybeActed { details.append(outcome.description) }
        if !details.isEmpty { head += " (" + details.joined(separator: ", ") + ")" }
        var text = head + ": " + message
        if let cause { text += " [cause: \(cause.type)\(cause.code.map { " \($0)" } ?? ""): \(cause.description)]" }
        return text
    }
}

extension JobBridgeError: LocalizedError {
    /// The same text as ``description``.
    public var errorDescription: String? { description }
}

extension JobBridgeError {
    /// The error for an answer about another object than the one asked for (a read of job
    /// `a` answered with job `b`): a ``Code/badResponse`` at `field`, both ids quoted and
    /// bounded. Adapters check every read by id with it, so that a confused proxy or
    /// server never makes one job pass for another.
    public static func answerIsAboutAnother(
        _ what: String, asked: String, answered: String, provider: String?, operation: JobOperation?,
        field: String = "id"
    ) -> JobBridgeError {
        JobBridgeError(
            .badResponse,
            "asked for \(what) \(ErrorText.quoted(asked)), the answer is about \(what) \(ErrorText.quoted(answered))",
            provider: provider, operation: operation, httpStatus: 200, field: field)
    }
}
