import Foundation
import HTTPTypes
import Hummingbird
import JobBridge
import NIOCore

/// The server's own paths, under `/_simulator/`, outside every provider's paths:
/// - `GET /_simulator/health`: `{"ok": true}`;
/// - `GET /_simulator/configuration`: the printed configuration (TOML);
/// - `GET /_simulator/mutations`: `{"count": N}`, the mutating requests so far;
/// - `GET /_simulator/delay/{ms}`: `{"delayed_ms": ms}` after waiting that long on the
///   wall clock (at most 600 000), the slow answer that benchmarks wait on.
struct ControlPaths: Sendable {
    static let prefix = "/_simulator/"

    let gate: MutationGate
    let configuration: @Sendable () -> String

    func respond(to request: Request) async throws -> Response {
        let segments = request.uri.path.split(separator: "/").dropFirst().map(String.init)
        guard request.method == .get else { return json(405, ["error": "only GET is served here"]) }
        switch segments.first {
        case "health"?:
            return json(200, ["ok": true])
        case "configuration"?:
            return Response(
                status: .ok, headers: [.contentType: "application/toml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: configuration())))
        case "mutations"?:
            return json(200, ["count": .int(Int64(await gate.count))])
        case "delay"? where segments.count == 2:
            guard let milliseconds = Int(segments[1]), (0...600_000).contains(milliseconds) else {
                return json(400, ["error": "the delay is a whole number of milliseconds in 0...600000"])
            }
            try await Task.sleep(for: .milliseconds(milliseconds))
            return json(200, ["delayed_ms": .int(Int64(milliseconds))])
        default:
            return json(404, ["error": "unknown simulator path"])
        }
    }

    private func json(_ status: Int, _ value: JSONValue) -> Response {
        SimulatorResponder.response(.json(status, value))
    }
}
