import AsyncHTTPClient
import Foundation
import JobBridge
import NIOCore
import NIOHTTP1
import NIOPosix

/// One request and its answer, under one deadline that covers the answer's body too.
///
/// The request runs in a task of its own that a timer on the client's event loop
/// cancels at the deadline (AsyncHTTPClient's own deadline stops at the answer's head),
/// and that the caller's cancellation reaches at once.
struct Exchange: Sendable {
    let client: HTTPClient
    let request: HTTPClientRequest
    let maximumBodySize: Int

    func run(timeout: Duration) async throws -> JobBridge.HTTPResponse {
        let progress = ExchangeProgress()
        let work = Task { try await perform(timeout: timeout, progress: progress) }
        let timer = client.eventLoopGroup.any().scheduleTask(in: AsyncHTTPClientTransport.timeAmount(timeout)) {
            progress.markTimedOut()
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            do {
                return try await work.value
            } catch {
                if Task.isCancelled && !progress.timedOut { throw CancellationError() }
                throw TransportErrors.map(error, timedOut: progress.timedOut, headReceived: progress.headReceived)
            }
        } onCancel: {
            work.cancel()
        }
    }

    private func perform(timeout: Duration, progress: ExchangeProgress) async throws -> JobBridge.HTTPResponse {
        let response = try await client.execute(
            request, deadline: .now() + AsyncHTTPClientTransport.timeAmount(timeout))
        progress.markHeadReceived()
        let length = response.headers.first(name: "content-length").flatMap(Int.init)
        if let length, length > maximumBodySize { throw TooLarge(limit: maximumBodySize) }
        var body = Data()
        if let length, length > 0 { body.reserveCapacity(length) }
        for try await chunk in response.body {
            guard body.count + chunk.readableBytes <= maximumBodySize else { throw TooLarge(limit: maximumBodySize) }
            body.append(contentsOf: chunk.readableBytesView)
        }
        var headers = JobBridge.HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        return JobBridge.HTTPResponse(status: Int(response.status.code), headers: headers, body: body)
    }
}

/// The answer's body passed the transport's limit.
struct TooLarge: Error {
    let limit: Int
}

/// What an exchange has got to, for its error: shared with the timer.
final class ExchangeProgress: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var didTimeOut = false
    private var didReceiveHead = false

    var timedOut: Bool { lock.withLock { didTimeOut } }
    var headReceived: Bool { lock.withLock { didReceiveHead } }
    func markTimedOut() { lock.withLock { didTimeOut = true } }
    func markHeadReceived() { lock.withLock { didReceiveHead = true } }
}

/// AsyncHTTPClient's and SwiftNIO's errors as ``JobBridge/JobBridgeError``s.
public enum TransportErrors {
    /// The ``JobBridge/JobBridgeError`` for a failure of AsyncHTTPClient: always code
    /// `transport`, saying in words what happened and whether the request may have reached
    /// the server, never naming the URL.
    ///
    /// Failures before a connection existed (refused, host not found, connect time-out,
    /// TLS handshake) are ``JobBridge/RequestOutcome/notSent``; everything else may have
    /// happened after the request was sent and is ``JobBridge/RequestOutcome/maybeActed``.
    public static func map(_ error: any Error, timedOut: Bool = false, headReceived: Bool = false) -> JobBridgeError {
        if let error = error as? JobBridgeError { return error }
        let cause = JobBridgeError.Cause(error)
        func failure(_ what: String, _ outcome: RequestOutcome) -> JobBridgeError {
            JobBridgeError(.transport, what, outcome: outcome, cause: cause)
        }
        if let tooLarge = error as? TooLarge {
            return failure("the answer was larger than allowed (\(tooLarge.limit) bytes)", .maybeActed)
        }
        if timedOut {
            return failure("the request timed out before the answer was complete", .maybeActed)
        }
        if error is NIOConnectionError {
            return failure("could not connect to the host (the connection was refused)", .notSent)
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return failure("could not connect to the host in time", .notSent)
        }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return failure("could not connect to the host (the connection was refused)", .notSent)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return failure("could not connect to the host in time", .notSent)
            case .tlsHandshakeTimeout:
                return failure("the TLS connection failed (handshake time-out)", .notSent)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return failure("the request timed out before the answer was complete", .maybeActed)
            case .remoteConnectionClosed:
                return failure("the connection closed before the answer was complete", .maybeActed)
            case .invalidURL, .emptyHost, .emptyScheme:
                return JobBridgeError(.configuration, "the URL cannot be requested", outcome: .notSent, cause: cause)
            case .alreadyShutdown:
                return failure("the transport was shut down", .notSent)
            case .cancelled:
                return failure("the request was cancelled", .maybeActed)
            default:
                return failure("the request failed with no answer", .maybeActed)
            }
        }
        let type = String(reflecting: Swift.type(of: error))
        if type.hasPrefix("NIOSSL.") || type.contains("SSL") {
            return failure("the TLS connection failed", headReceived ? .maybeActed : .notSent)
        }
        if type.hasPrefix("NIOHTTP1.") || error is HTTPParserError {
            return failure("the server's answer could not be read", .maybeActed)
        }
        return failure("the request failed with no answer", .maybeActed)
    }
}
