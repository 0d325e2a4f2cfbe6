import Foundation

/// A request as observers see it: secret-named headers and query values replaced by
/// ``Redactor/placeholder``, the body redacted and truncated.
public struct ObservedRequest: Sendable, Hashable {
    /// The provider the client talks to.
    public var provider: String
    /// The operation the request belongs to, when known.
    public var operation: JobOperation?
    /// The attempt number, 1 for the first.
    public var attempt: Int
    /// The method.
    public var method: HTTPMethod
    /// The URL, redacted.
    public var url: String
    /// The headers, redacted.
    public var headers: HTTPHeaders
    /// The body as text, redacted and truncated; `nil` when there is none.
    public var body: String?
}

/// A response as observers see it, redacted like ``ObservedRequest``.
public struct ObservedResponse: Sendable, Hashable {
    /// The status.
    public var status: Int
    /// The headers, redacted.
    public var headers: HTTPHeaders
    /// The body as text, redacted and truncated.
    public var body: String
    /// How long the attempt took, measured on the client's clock.
    public var duration: Duration
}

/// Something that happened while sending a request.
public enum HTTPEvent: Sendable, Hashable {
    /// A request is about to be sent (once per attempt).
    case requestSent(ObservedRequest)
    /// An answer arrived, whatever its status.
    case responseReceived(ObservedRequest, ObservedResponse)
    /// No answer arrived; the error is the one that will be thrown or retried.
    case failed(ObservedRequest, JobBridgeError, duration: Duration)
    /// The client waits before the next attempt.
    case retrying(ObservedRequest, delay: Duration)

    /// The request the event is about.
    public var request: ObservedRequest {
        switch self {
        case .requestSent(let request), .responseReceived(let request, _), .failed(let request, _, _),
            .retrying(let request, _):
            return request
        }
    }
}

/// Receives ``HTTPEvent``s, for logging and metrics. Sees redacted values only.
///
/// Called synchronously on the requesting task: keep it quick.
public protocol HTTPObserver: Sendable {
    /// Receives one event.
    func observe(_ event: HTTPEvent)
}

/// An ``HTTPObserver`` made of a closure.
public struct ClosureHTTPObserver: HTTPObserver {
    private let handler: @Sendable (HTTPEvent) -> Void

    /// Creates an observer that calls `handler` for every event.
    public init(_ handler: @escaping @Sendable (HTTPEvent) -> Void) {
        self.handler = handler
    }

    /// Calls the handler.
    public func observe(_ event: HTTPEvent) { handler(event) }
}

extension ObservedRequest {
    /// The redacted view of a request.
    init(_ request: HTTPRequest, provider: String, operation: JobOperation?, attempt: Int, bodyLimit: Int) {
        self.provider = provider
        self.operation = operation
        self.attempt = attempt
        self.method = request.method
        self.url = ResponseText.redacted(request.url)
        self.headers = ResponseText.redacted(request.headers)
        self.body = request.body.map { ResponseText.snippet($0, limit: bodyLimit) }
    }
}

extension ObservedResponse {
    /// The redacted view of a response.
    init(_ response: HTTPResponse, duration: Duration, bodyLimit: Int) {
        self.status = response.status
        self.headers = ResponseText.redacted(response.headers)
        self.body = response.body.isEmpty ? "" : ResponseText.snippet(response.body, limit: bodyLimit)
        self.duration = duration
    }
}
