import Foundation
import JobBridge
import JobBridgeSimulation

/// The transport between the socket and the simulators: advances the shared clock to the
/// wall clock when asked, and sends mutating requests one at a time through the
/// ``MutationGate`` (count, state file, hook). Fault injection wraps it, so that a
/// request dropped before the server never counts and one dropped after it does.
struct ServingPipeline: HTTPTransport {
    let services: SimulatedServices
    let gate: MutationGate
    let stateFile: StateFile?
    let followsWallClock: Bool

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if followsWallClock {
            let behind = Date().timeIntervalSince(services.clock.date)
            if behind > 0 { services.clock.advance(by: .microseconds(Int64(behind * 1_000_000))) }
        }
        guard Self.isMutating(request) else { return try await services.send(request) }
        let (number, hook) = await gate.enter()
        do {
            let response = try await services.send(request)
            if let stateFile { try stateFile.write(try await services.snapshot()) }
            if let hook { await hook.action(number, request) }
            await gate.leave()
            return response
        } catch {
            await gate.leave()
            throw error
        }
    }

    /// Whether a request may change a simulator's state: any method but `GET`, `HEAD` and
    /// `OPTIONS`, except a token request (which changes no job).
    static func isMutating(_ request: HTTPRequest) -> Bool {
        switch request.method {
        case .get, .head, .options: return false
        default: return !request.url.path.hasPrefix("/realms/")
        }
    }
}
