import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production ``HTTPTransport``, on `URLSession`.
///
/// Failures without an answer become ``JobBridgeError/Code/transport`` errors that name
/// the kind of failure but never the URL (which may carry a secret in its query).
///
/// Redirects are not followed (on sessions made by ``makeSession(configuration:)``, which
/// the default session is): a `3xx` answer is returned as it is, so that credentials in
/// custom headers never travel to another host or over plain `http`, and a `POST` never
/// silently becomes a `GET`.
public struct URLSessionTransport: HTTPTransport {
    /// The session requests go through.
    public let session: URLSession

    /// Creates a transport on `session`; by default a shared ephemeral session (no
    /// cookies, cache or credentials stored on disk).
    public init(session: URLSession = URLSessionTransport.defaultSession) {
        self.session = session
    }

    /// The ephemeral session used when none is given; it does not follow redirects.
    public static let defaultSession: URLSession = makeSession(configuration: .ephemeral)

    /// A session with the given configuration that does not follow redirects.
    public static func makeSession(configuration: URLSessionConfiguration) -> URLSession {
        URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Sends the request through the session.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        if let timeout = request.timeout {
            urlRequest.timeoutInterval = max(0.001, timeout.inSeconds)
        }
        let box = DataTaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        if let error = error as? URLError, error.code == .cancelled {
                            continuation.resume(throwing: CancellationError())
                        } else if let error = error as? URLError {
                            continuation.resume(throwing: Self.map(error))
                        } else {
                            continuation.resume(
                                throwing: JobBridgeError(
                                    .transport, "the request failed: no answer arrived", outcome: .maybeActed,
                                    cause: JobBridgeError.Cause(error)))
                        }
                        return
                    }
                    guard let http = response as? HTTPURLResponse else {
                        continuation.resume(
                            throwing: JobBridgeError(.badResponse, "the answer is not an HTTP response"))
                        return
                    }
                    var headers = HTTPHeaders()
                    let pairs = http.allHeaderFields.compactMap { key, value -> (String, String)? in
                        guard let name = key as? String else { return nil }
                        return (name, "\(value)")
                    }
                    for (name, value) in pairs.sorted(by: { $0.0.lowercased() < $1.0.lowercased() }) {
                        headers.add(name: name, value: value)
                    }
                    continuation.resume(
                        returning: HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// The ``JobBridgeError`` for a `URLError`: always ``JobBridgeError/Code/transport``,
    /// saying in words what happened and whether the request may have reached the server
    /// (``JobBridgeError/outcome``), never naming the URL (its query may hold a secret).
    ///
    /// Failures before a connection existed (host not found, connection refused, no
    /// network, TLS handshake refused) are ``RequestOutcome/notSent``; everything else may
    /// have happened after the request was sent and is ``RequestOutcome/maybeActed``.
    public static func map(_ error: URLError) -> JobBridgeError {
        let what: String
        var outcome = RequestOutcome.maybeActed
        switch error.code {
        case .timedOut: what = "the request timed out before the answer was complete"
        case .cannotFindHost, .dnsLookupFailed:
            what = "the host could not be found"
            outcome = .notSent
        case .cannotConnectToHost:
            what = "could not connect to the host (the connection was refused)"
            outcome = .notSent
        case .notConnectedToInternet:
            what = "there is no network connection"
            outcome = .notSent
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            what = "the TLS connection failed"
            outcome = .notSent
        case .networkConnectionLost, .unknown:
            // swift-corelibs-foundation reports a connection the server closed mid-answer
            // as `unknown` (-1).
            what = "the connection closed before the answer was complete"
        case .badServerResponse, .cannotParseResponse: what = "the server's answer could not be read"
        case .cancelled: what = "the request was cancelled"
        case .httpTooManyRedirects, .redirectToNonExistentLocation:
            what = "the server redirected the request, which is not followed"
        case .dataLengthExceedsMaximum: what = "the answer was larger than allowed"
        default: what = "the request failed with no answer"
        }
        return JobBridgeError(
            .transport, "\(what) (URLError \(error.code.rawValue))", outcome: outcome,
            cause: JobBridgeError.Cause(error))
    }
}

/// Holds a data task so that cancellation can reach it, whichever comes first.
private final class DataTaskBox: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func start(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancelled = self.cancelled
        lock.unlock()
        task.resume()
        if cancelled { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}

/// Answers every redirect with "do not follow": the task then completes with the `3xx`.
final class RedirectRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    // No state: the class exists only to carry the delegate method.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
