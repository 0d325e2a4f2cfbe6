import Foundation

/// The HTTP client that adapters use: builds safe URLs, authorizes, observes, retries,
/// renews credentials once after a `401`, and turns every failure into a ``JobBridgeError``.
public struct RESTClient: Sendable {
    /// The provider's name, put on every error (such as `"CData Sync"`).
    public let provider: String
    /// The base URL that path segments are appended to.
    public let baseURL: URL
    /// The transport that sends requests.
    public let transport: any HTTPTransport
    /// The credentials put on every request, if any.
    public let credentials: (any Credentials)?
    /// The retry policy.
    public let retry: RetryPolicy
    /// The observers that receive an event for every attempt.
    public let observers: [any HTTPObserver]
    /// The clock that waits between attempts and measures durations.
    public let clock: any Clock<Duration>
    /// How many characters of a body observers see at most (default 2048).
    public var observedBodyLimit: Int = 2048
    /// How long one attempt may wait for its answer before it fails as a time-out
    /// (default ``defaultRequestTimeout``). Put on every request as
    /// ``HTTPRequest/timeout`` unless the request carries its own; the transport applies it.
    public var requestTimeout: Duration
    /// Reads the provider's error body into the error's provider code and message
    /// (default ``ErrorBodyDecoder/standard``: the CData envelope and RFC 9457 problem details).
    public var errorBodyDecoder: ErrorBodyDecoder = .standard

    /// The request time-out used when none is given: 30 seconds, the common default of
    /// HTTP clients (AsyncHTTPClient's read time-out, botocore's); long enough for a slow
    /// listing, short enough that a hung server is noticed.
    public static let defaultRequestTimeout: Duration = .seconds(30)

    /// Creates a client.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` if the base URL is not `https`
    ///   (plain `http` is accepted for a loopback host, or with `allowsInsecureHTTP`).
    public init(
        provider: String,
        baseURL: URL,
        transport: any HTTPTransport,
        credentials: (any Credentials)? = nil,
        retry: RetryPolicy = .default,
        observers: [any HTTPObserver] = [],
        allowsInsecureHTTP: Bool = false,
        requestTimeout: Duration = RESTClient.defaultRequestTimeout,
        clock: any Clock<Duration> = ContinuousClock()
    ) throws {
        do {
            try URLBuilder.validateBaseURL(baseURL, allowsInsecureHTTP: allowsInsecureHTTP)
        } catch let error as JobBridgeError {
            throw error.context(provider: provider, operation: nil)
        }
        self.provider = provider
        self.baseURL = baseURL
        self.transport = transport
        self.credentials = credentials
        self.retry = retry
        self.observers = observers
        self.requestTimeout = requestTimeout
        self.clock = clock
    }

    /// The URL for these path segments and query items under ``baseURL``.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidRequest`` for an empty, `.` or `..` segment.
    public func url(_ segments: [String], query: [URLQueryItem] = []) throws -> URL {
        try URLBuilder.url(base: baseURL, segments: segments, query: query)
    }

    /// Sends a request to `baseURL/segments…?query` and returns the 2xx answer.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - segments: The path segments under ``baseURL``, each percent-encoded.
    ///   - query: The query items.
    ///   - body: The request body, if any.
    ///   - headers: Headers to send besides the credentials'.
    ///   - operation: The operation the request belongs to, put on errors.
    ///   - idempotent: Whether the request may be retried; defaults to the method's
    ///     idempotence. Pass `true` for a `POST` known to be safe to repeat.
    /// - Throws: ``JobBridgeError`` with the code for the status of a non-2xx answer
    ///   (see ``JobBridgeError/Code/init(httpStatus:)``), the provider's error code and
    ///   message when its body is an error envelope, or ``JobBridgeError/Code/transport``.
    @discardableResult
    public func send(
        _ method: HTTPMethod, _ segments: [String], query: [URLQueryItem] = [], body: Data? = nil,
        headers: HTTPHeaders = [:], operation: JobOperation? = nil, idempotent: Bool? = nil
    ) async throws -> HTTPResponse {
        let url: URL
        do {
            url = try self.url(segments, query: query)
        } catch let error as JobBridgeError {
            throw error.context(provider: provider, operation: operation)
        }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body, isIdempotent: idempotent)
        return try await perform(request, operation: operation)
    }

    /// Sends a prepared request with authorization, observation, retries and error mapping.
    ///
    /// A `401` is answered once by asking the credentials to renew and sending again
    /// (whatever the method: the server refused the request without acting on it). Other
    /// failures are retried per ``retry`` only when ``HTTPRequest/isIdempotent`` is true.
    @discardableResult
    public func perform(_ request: HTTPRequest, operation: JobOperation? = nil) async throws -> HTTPResponse {
        let clock: any Clock<Duration> = self.clock
        return try await perform(request, operation: operation, on: clock)
    }

    private func perform<C: Clock<Duration>>(
        _ request: HTTPRequest, operation: JobOperation?, on clock: C
    ) async throws -> HTTPResponse {
        let elapsed = stopwatch(clock)
        var attempt = 0
        var retries = 0
        var renewedAfterUnauthorized = false
        while true {
            attempt += 1
            var authorized = request
            if authorized.timeout == nil { authorized.timeout = requestTimeout }
            if let credentials {
                do {
                    try await credentials.authorize(&authorized)
                } catch {
                    throw credentialFailure(error, operation: operation)
                }
            }
            try checkHeaders(authorized.headers, operation: operation)
            // Redacted copies cost a scan of the URL, the headers and the body: built only for observers.
            let observed =
                observers.isEmpty
                ? nil
                : ObservedRequest(
                    authorized, provider: provider, operation: operation, attempt: attempt,
                    bodyLimit: observedBodyLimit)
            if let observed { notify(.requestSent(observed)) }
            let attemptTime = stopwatch(clock)
            let response: HTTPResponse
            do {
                response = try await transport.send(authorized)
            } catch {
                if error is CancellationError { throw error }
                let failure = transportError(error, operation: operation)
                if let observed { notify(.failed(observed, failure, duration: attemptTime())) }
                guard request.isIdempotent, retry.retriesTransportErrors, failure.code == .transport,
                    attempt - (renewedAfterUnauthorized ? 1 : 0) < retry.maxAttempts
                else { throw failure }
                let delay = retry.backoff(retry: retries)
                guard elapsed() + delay <= retry.maxTotalTime else { throw failure }
                try await wait(delay, observed, on: clock)
                retries += 1
                continue
            }
            if let observed {
                notify(
                    .responseReceived(
                        observed, ObservedResponse(response, duration: attemptTime(), bodyLimit: observedBodyLimit)))
            }
            if response.isSuccess { return response }

            if response.status == 401, !renewedAfterUnauthorized, let credentials {
                renewedAfterUnauthorized = true
                let renewed: Bool
                do {
                    renewed = try await credentials.refreshAfterUnauthorized(authorized)
                } catch {
                    throw credentialFailure(error, operation: operation)
                }
                if renewed { continue }
            }

            let failure = error(for: response, operation: operation)
            guard request.isIdempotent, retry.retries(status: response.status),
                attempt - (renewedAfterUnauthorized ? 1 : 0) < retry.maxAttempts
            else { throw failure }
            let delay = failure.retryAfter ?? retry.backoff(retry: retries)
            guard elapsed() + delay <= retry.maxTotalTime else { throw failure }
            try await wait(delay, observed, on: clock)
            retries += 1
        }
    }

    /// A failure of the credentials as a ``JobBridgeError`` with this client's context
    /// (an app's own credentials may throw anything; cancellation stays as it is).
    private func credentialFailure(_ error: any Error, operation: JobOperation?) -> any Error {
        if error is CancellationError { return error }
        let typed =
            error as? JobBridgeError
            ?? JobBridgeError(
                .unauthorized, "the credentials failed", outcome: .notSent, cause: JobBridgeError.Cause(error))
        return typed.context(provider: provider, operation: operation)
    }

    /// Refuses a header whose name or value holds a line break or another control
    /// character: it could smuggle a second header or request onto the wire. The value is
    /// never quoted (it may be a credential).
    private func checkHeaders(_ headers: HTTPHeaders, operation: JobOperation?) throws {
        for (name, value) in headers {
            let unsafe = { (text: String) in
                text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }
            }
            guard unsafe(name) || unsafe(value) else { continue }
            throw JobBridgeError(
                .configuration,
                "the header \(ErrorText.quoted(name)) holds a line break or control character; the request was not sent",
                provider: provider, operation: operation, field: "headers.\(ErrorText.oneLine(name, limit: 64))",
                outcome: .notSent)
        }
    }

    /// The error for a non-2xx answer: code from the status, the provider's envelope
    /// parsed when present (else a redacted snippet of the body), `Retry-After` read. A
    /// `3xx` names where it points and that it is not followed.
    public func error(for response: HTTPResponse, operation: JobOperation?) -> JobBridgeError {
        if (300..<400).contains(response.status) {
            let target = response.headers["Location"].map { location -> String in
                guard let url = URL(string: location, relativeTo: baseURL) else { return ErrorText.quoted(location) }
                return ErrorText.oneLine(ResponseText.redacted(url.absoluteURL), limit: ErrorText.quotedValueLimit)
            }
            return JobBridgeError(
                .badResponse,
                "the provider answered with a redirect (HTTP \(response.status))"
                    + (target.map { " to \($0)" } ?? "")
                    + "; redirects are not followed, so that credentials never travel to another address: "
                    + "check the base URL",
                provider: provider, operation: operation, httpStatus: response.status, outcome: .answered)
        }
        let code = JobBridgeError.Code(httpStatus: response.status) ?? .badResponse
        let detail = errorBodyDecoder.decode(response.body)
        let message: String
        if let text = detail?.message {
            message = text
        } else {
            message = "unexpected answer: \(ResponseText.snippet(response.body))"
        }
        let retryAfter = response.headers["Retry-After"].flatMap { retry.retryAfter($0) }
        return JobBridgeError(
            code, message, provider: provider, operation: operation, httpStatus: response.status,
            providerCode: detail?.code, retryAfter: retryAfter)
    }

    // MARK: JSON

    /// Sends a `GET` and decodes the JSON answer as `type`.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` naming the type, the coding path and
    ///   a redacted snippet of the body if the answer does not decode.
    public func get<T: Decodable>(
        _ type: T.Type, _ segments: [String], query: [URLQueryItem] = [], headers: HTTPHeaders = [:],
        operation: JobOperation? = nil, decoder: JSONDecoder = JSONDecoder()
    ) async throws -> T {
        var headers = headers
        if headers["Accept"] == nil { headers["Accept"] = "application/json" }
        return try await read {
            let response = try await send(.get, segments, query: query, headers: headers, operation: operation)
            return try decode(type, from: response, operation: operation, decoder: decoder)
        }
    }

    /// Runs a read (an idempotent request and the decoding of its answer) and runs it again
    /// when its `2xx` answer could not be read (a truncated or garbled body), with the
    /// retry policy's backoff and limits: a proxy's broken answer to a `GET` is as
    /// transient as a dropped connection. Only for requests that are safe to repeat.
    public func read<T>(_ body: () async throws -> T) async throws -> T {
        let clock: any Clock<Duration> = self.clock
        return try await read(body, on: clock)
    }

    private func read<T, C: Clock<Duration>>(_ body: () async throws -> T, on clock: C) async throws -> T {
        let start = clock.now
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await body()
            } catch let error as JobBridgeError
                where error.code == .badResponse && (200..<300).contains(error.httpStatus ?? 0)
                && retry.retriesTransportErrors && attempt < retry.maxAttempts
            {
                let delay = retry.backoff(retry: attempt - 1)
                guard start.duration(to: clock.now) + delay <= retry.maxTotalTime else { throw error }
                if delay > .zero { try await clock.sleep(for: delay) }
            }
        }
    }

    /// The encoder a request body is written with unless the caller gives another: members
    /// in sorted order and `/` unescaped, so that the same body is the same bytes every time
    /// (what a log, a recorded fixture or a request signature compares).
    public static func bodyEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Sends `body` encoded as JSON and decodes the JSON answer as `type`.
    public func send<Body: Encodable, T: Decodable>(
        _ method: HTTPMethod, _ segments: [String], json body: Body, as type: T.Type, query: [URLQueryItem] = [],
        headers: HTTPHeaders = [:], operation: JobOperation? = nil, idempotent: Bool? = nil,
        encoder: JSONEncoder = RESTClient.bodyEncoder(), decoder: JSONDecoder = JSONDecoder()
    ) async throws -> T {
        let response = try await send(
            method, segments, json: body, query: query, headers: headers, operation: operation,
            idempotent: idempotent, encoder: encoder)
        return try decode(type, from: response, operation: operation, decoder: decoder)
    }

    /// Sends `body` encoded as JSON and returns the 2xx answer.
    @discardableResult
    public func send<Body: Encodable>(
        _ method: HTTPMethod, _ segments: [String], json body: Body, query: [URLQueryItem] = [],
        headers: HTTPHeaders = [:], operation: JobOperation? = nil, idempotent: Bool? = nil,
        encoder: JSONEncoder = RESTClient.bodyEncoder()
    ) async throws -> HTTPResponse {
        let data: Data
        do {
            data = try encoder.encode(body)
        } catch {
            throw JobBridgeError(
                .invalidRequest, "could not encode \(Body.self) as JSON: \(error)", provider: provider,
                operation: operation)
        }
        var headers = headers
        if headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        if headers["Accept"] == nil { headers["Accept"] = "application/json" }
        return try await send(
            method, segments, query: query, body: data, headers: headers, operation: operation, idempotent: idempotent)
    }

    /// Decodes a response body as `type`.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` naming the type, the coding path that
    ///   failed (also in `field`) and a redacted, truncated snippet of the body.
    public func decode<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, operation: JobOperation? = nil,
        decoder: JSONDecoder = JSONDecoder()
    ) throws -> T {
        var tree: JSONValue?
        if Self.readsWithJSONReader(decoder) {
            do {
                tree = try JSONReader.value(from: response.body)
            } catch {
                return try failDecoding(
                    type, path: "", reason: "the answer is not valid JSON: \(error)", response: response,
                    operation: operation)
            }
        }
        do {
            guard let tree else { return try decoder.decode(type, from: response.body) }
            return try JSONValueDecoder.decode(type, from: tree, userInfo: decoder.userInfo)
        } catch let error as DecodingError {
            let (path, reason) = Self.describe(error)
            return try failDecoding(type, path: path, reason: reason, response: response, operation: operation)
        } catch {
            return try failDecoding(
                type, path: "", reason: "\(error)", response: response, operation: operation)
        }
    }

    /// Whether `decoder` asks for nothing but `JSONDecoder`'s default strategies, which
    /// ``JSONValueDecoder`` implements: then answers are read by ``JSONReader`` (one pass,
    /// no thrown error per guessed member kind) instead of by `decoder`.
    static func readsWithJSONReader(_ decoder: JSONDecoder) -> Bool {
        guard case .deferredToDate = decoder.dateDecodingStrategy, case .base64 = decoder.dataDecodingStrategy,
            case .useDefaultKeys = decoder.keyDecodingStrategy, case .throw = decoder.nonConformingFloatDecodingStrategy
        else { return false }
        return true
    }

    private func failDecoding<T>(
        _ type: T.Type, path: String, reason: String, response: HTTPResponse, operation: JobOperation?
    ) throws -> T {
        let at = path.isEmpty ? "" : " at \(path)"
        throw JobBridgeError(
            .badResponse,
            "could not decode \(T.self)\(at): \(reason); body: \(ResponseText.snippet(response.body))",
            provider: provider, operation: operation, httpStatus: response.status, field: path.isEmpty ? nil : path)
    }

    static func describe(_ error: DecodingError) -> (path: String, reason: String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "missing \(type) value: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "missing key \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    // MARK: Plumbing

    private func notify(_ event: HTTPEvent) {
        for observer in observers { observer.observe(event) }
    }

    private func wait<C: Clock<Duration>>(_ delay: Duration, _ observed: ObservedRequest?, on clock: C) async throws {
        if let observed { notify(.retrying(observed, delay: delay)) }
        if delay > .zero { try await clock.sleep(for: delay) }
    }

    private func transportError(_ error: any Error, operation: JobOperation?) -> JobBridgeError {
        if let error = error as? JobBridgeError { return error.context(provider: provider, operation: operation) }
        if let error = error as? URLError {
            return URLSessionTransport.map(error).context(provider: provider, operation: operation)
        }
        return JobBridgeError(
            .transport, "the request failed: no answer arrived", provider: provider, operation: operation,
            outcome: .maybeActed, cause: JobBridgeError.Cause(error))
    }
}

/// A function that returns the time elapsed on `clock` since it was made.
private func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
    let start = clock.now
    return { start.duration(to: clock.now) }
}
