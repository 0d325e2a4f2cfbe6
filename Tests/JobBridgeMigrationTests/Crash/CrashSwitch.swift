import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting

/// Where a simulated crash strikes the k-th mutating call.
enum CrashPoint: String, CaseIterable, Sendable {
    /// The request never reaches the server.
    case beforeCommit
    /// The server acts, the answer is lost.
    case afterCommit
    /// The answer arrives, the journal record of it is never written.
    case afterResponse
}

/// A simulated crash of the engine at the k-th mutating call (POST, PUT or DELETE that
/// reaches the transport), at one of three points. From the crash on, the "process" is
/// dead: no request reaches any server and no journal record is written (the journal's
/// `beforeWrite` hook throws), exactly as if it had been killed.
final class CrashSwitch: @unchecked Sendable {
    let k: Int
    let point: CrashPoint
    private let lock = NSLock()
    private var mutating = 0
    private var dead = false

    init(k: Int, point: CrashPoint) {
        self.k = k
        self.point = point
    }

    /// Whether the crash has happened.
    var crashed: Bool { lock.withLock { dead } }

    /// A transport in front of `server` that counts mutating calls and crashes at the k-th.
    func transport(_ server: any HTTPTransport) -> any HTTPTransport { Crashing(server: server, owner: self) }

    /// The journal hook: throws once the crash has happened.
    var journalHook: @Sendable (JournalRecord) throws -> Void {
        { [self] _ in if self.crashed { throw CancellationError() } }
    }

    /// Decides what happens to one request: `nil` to pass, else the point to crash at.
    fileprivate func admit(_ request: HTTPRequest) throws -> CrashPoint? {
        try lock.withLock {
            if dead { throw CancellationError() }
            guard [.post, .put, .patch, .delete].contains(request.method) else { return nil }
            mutating += 1
            guard mutating == k else { return nil }
            if point == .beforeCommit { dead = true }
            return point
        }
    }

    fileprivate func die() { lock.withLock { dead = true } }

    private struct Crashing: HTTPTransport {
        let server: any HTTPTransport
        let owner: CrashSwitch

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            switch try owner.admit(request) {
            case .beforeCommit?:
                throw CancellationError()
            case .afterCommit?:
                _ = try await server.send(request)
                owner.die()
                throw CancellationError()
            case .afterResponse?:
                let response = try await server.send(request)
                owner.die()
                return response
            case nil:
                return try await server.send(request)
            }
        }
    }
}
