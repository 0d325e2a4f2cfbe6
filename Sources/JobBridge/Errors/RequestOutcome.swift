/// What a failed request may have done on the server: the first question to answer
/// before sending a write (a create, a run, a cancel, a delete) again.
///
/// - ``notSent``: the server certainly did not act. The request never left (the
///   connection was refused, the host was not found, the input was refused before any
///   request), or the server refused it before acting (`429`, `503`, `408`). Sending it
///   again is safe.
/// - ``maybeActed``: the server may have acted. The connection dropped after the request
///   was sent, the request timed out, the server failed (any `5xx` but `501` and `503`), or a `2xx`
///   answer could not be read. Check whether the write took effect before sending again
///   (``WriteRecovery`` does).
/// - ``answered``: the server answered and said what happened (`400`, `404`, `409`, …).
///   The error is the result; sending the same request again gives the same answer.
public enum RequestOutcome: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The server certainly did not act on the request.
    case notSent
    /// The server may have acted on the request; whether it did is unknown.
    case maybeActed
    /// The server answered the request with a definite refusal.
    case answered

    /// The outcome that a failure with this HTTP status implies, or that a failure
    /// without an answer implies when `status` is `nil`.
    ///
    /// Without a status the outcome is ``maybeActed`` for a transport failure (a request
    /// may have been sent) and ``notSent`` for everything else (a failure found before any
    /// request: invalid input, an unsupported operation, a configuration error).
    public init(code: JobBridgeError.Code, httpStatus status: Int?) {
        guard let status else {
            switch code {
            case .transport, .timeout, .badResponse, .outcomeUncertain: self = .maybeActed
            default: self = .notSent
            }
            return
        }
        switch status {
        case 200..<300: self = .maybeActed  // the server acted, but its answer could not be used
        case 408, 429, 503: self = .notSent
        case 501: self = .answered  // the server has no such operation: refused, whatever was sent
        case 500..<600: self = .maybeActed
        default: self = .answered
        }
    }

    /// The outcome in words, such as `"may have acted"`.
    public var description: String {
        switch self {
        case .notSent: return "not sent"
        case .maybeActed: return "may have acted"
        case .answered: return "answered"
        }
    }
}
