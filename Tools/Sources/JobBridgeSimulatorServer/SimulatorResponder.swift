import Foundation
import HTTPTypes
import Hummingbird
import JobBridge
import NIOCore

/// Adapts Hummingbird's requests to the simulators' ``JobBridge/HTTPTransport`` and
/// their answers back; serves the server's own `/_simulator/…` paths.
struct SimulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The largest request body accepted (16 MiB).
    static let bodyLimit = 16 << 20

    let transport: any HTTPTransport
    let control: ControlPaths
    /// `http://host:port`, for the URL the simulators see when a request has no `Host`.
    let root: @Sendable () -> String

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let path = request.uri.path
        if path.hasPrefix(ControlPaths.prefix) { return try await control.respond(to: request) }
        guard let method = JobBridge.HTTPMethod(rawValue: request.method.rawValue) else {
            return Self.response(.error(405, code: "METHOD_NOT_ALLOWED", message: "unknown method"))
        }
        let host = request.head.authority
        let base = host.map { "http://\($0)" } ?? root()
        guard let url = URL(string: base + request.uri.string) else {
            return Self.response(.error(400, code: "INVALID_REQUEST", message: "the request target is not a URL"))
        }
        var headers = JobBridge.HTTPHeaders()
        for field in request.headers { headers.add(name: field.name.rawName, value: field.value) }
        let buffer = try await request.collectBody(upTo: Self.bodyLimit)
        let body = buffer.readableBytes == 0 ? nil : Data(buffer.readableBytesView)
        let simulated = JobBridge.HTTPRequest(method: method, url: url, headers: headers, body: body)
        do {
            return Self.response(try await transport.send(simulated))
        } catch let error as JobBridgeError where error.code == .transport {
            return Self.droppedConnection()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return Self.response(.error(500, code: "INTERNAL", message: "the simulator failed: \(error)"))
        }
    }

    /// A simulator's answer as Hummingbird's.
    static func response(_ answer: JobBridge.HTTPResponse) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            guard let fieldName = HTTPField.Name(name), fieldName != .contentLength else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return Response(
            status: HTTPTypes.HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// An answer that never arrives: its head promises a body, and writing the body fails,
    /// which makes the server close the connection (the client sees it drop).
    static func droppedConnection() -> Response {
        Response(
            status: .ok, headers: [.contentLength: "64", .contentType: "application/json"],
            body: ResponseBody(contentLength: 64) { _ in throw DroppedConnection() })
    }
}

/// Thrown while writing an answer, so that the server closes the connection.
struct DroppedConnection: Error {}
