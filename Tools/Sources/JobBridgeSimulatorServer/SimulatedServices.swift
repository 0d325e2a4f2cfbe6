import Foundation
import JobBridge
import JobBridgeConnectSimulator
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSyncSimulator

/// A provider that a ``SimulatorServer`` serves.
public enum ServedProvider: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// CData Sync REST API v2, under `/api.rsc/v2`.
    case sync
    /// CData Connect AI (Job API and Embed), under `/api` (every path but `/api/jobs…`).
    case connect
    /// NX1, under `/api/jobs…`, and its Keycloak token endpoint under `/realms/…`.
    case nx1

    /// The provider's name in the printed configuration, such as `sync`.
    public var description: String { rawValue }

    /// The provider whose simulator answers this path, or `nil` when none does.
    ///
    /// The three services keep the real services' paths on one server: Sync's begin with
    /// `/api.rsc/`, NX1's with `/api/jobs` or `/realms/`, and every other `/api/` path is
    /// Connect's (`/api/job/…`, `/api/poweredby/…`).
    public static func answering(path: String) -> ServedProvider? {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).prefix(2).makeIterator()
        switch segments.next() {
        case "api.rsc"?: return .sync
        case "realms"?: return .nx1
        case "api"?: return segments.next() == "jobs" ? .nx1 : .connect
        default: return nil
        }
    }
}

/// The simulators a ``SimulatorServer`` serves (any of the three may be absent) and the
/// clock they share, as one ``HTTPTransport`` that sends each request to the simulator
/// its path belongs to (``ServedProvider/answering(path:)``).
public final class SimulatedServices: HTTPTransport, Sendable {
    /// The CData Sync simulator, when served.
    public let sync: SyncSimulator?
    /// The CData Connect AI simulator, when served.
    public let connect: ConnectSimulator?
    /// The NX1 simulator (and its token endpoint), when served.
    public let nx1: NX1Simulator?
    /// The clock the simulators read the time from.
    public let clock: SimulatedClock
    /// The Sync workspace the printed configuration names.
    public let syncWorkspace: String
    /// The Sync simulator's token (what the printed configuration's environment holds).
    public let syncToken: String

    /// Serves the given simulators, which must read their time from `clock`.
    public init(
        sync: SyncSimulator? = nil, connect: ConnectSimulator? = nil, nx1: NX1Simulator? = nil, clock: SimulatedClock,
        syncWorkspace: String = SyncSimulator.demoWorkspaceID
    ) {
        self.sync = sync
        self.connect = connect
        self.nx1 = nx1
        self.clock = clock
        self.syncWorkspace = syncWorkspace
        self.syncToken = sync?.configuration.token ?? SyncSimulator.demoToken
    }

    /// The three simulators with their demo data (``SyncSimulator/demo(clock:)``,
    /// ``ConnectSimulator/demo(clock:)``, ``NX1Simulator/demo(clock:configuration:)``), on
    /// a clock that starts now.
    public static func demo(clock: SimulatedClock = SimulatedClock(startDate: Date())) async throws
        -> SimulatedServices
    {
        SimulatedServices(
            sync: await SyncSimulator.demo(clock: clock), connect: try await ConnectSimulator.demo(clock: clock),
            nx1: await NX1Simulator.demo(clock: clock), clock: clock)
    }

    /// The providers served.
    public var providers: [ServedProvider] {
        ServedProvider.allCases.filter { transport(for: $0) != nil }
    }

    /// The simulator of a provider, when served.
    public func transport(for provider: ServedProvider) -> (any HTTPTransport)? {
        switch provider {
        case .sync: return sync
        case .connect: return connect
        case .nx1: return nx1
        }
    }

    /// Sends the request to the simulator its path belongs to; `404` (CData's envelope)
    /// when no served simulator answers it.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let provider = ServedProvider.answering(path: request.url.path), let transport = transport(for: provider)
        else {
            return .error(404, code: "NOT_FOUND", message: "no simulator serves this path")
        }
        return try await transport.send(request)
    }

    // MARK: State

    /// Every served simulator's state, as one JSON object keyed by provider.
    public func snapshot() async throws -> JSONValue {
        var members: [String: JSONValue] = ["version": 1]
        if let sync { members[ServedProvider.sync.rawValue] = try await sync.snapshot() }
        if let connect { members[ServedProvider.connect.rawValue] = try await connect.snapshot() }
        if let nx1 { members[ServedProvider.nx1.rawValue] = try await nx1.snapshot() }
        return .object(members)
    }

    /// Restores each served simulator from its part of a ``snapshot()``; a simulator
    /// whose part is missing keeps its state.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` when the value is not a snapshot.
    public func restore(_ snapshot: JSONValue) async throws {
        guard let members = snapshot.objectValue, members["version"]?.intValue == 1 else {
            throw JobBridgeError(
                .configuration, "the state is not a simulator snapshot of version 1", field: "state")
        }
        do {
            if let sync, let part = members[ServedProvider.sync.rawValue] { try await sync.restore(part) }
            if let connect, let part = members[ServedProvider.connect.rawValue] { try await connect.restore(part) }
            if let nx1, let part = members[ServedProvider.nx1.rawValue] { try await nx1.restore(part) }
        } catch let error as JobBridgeError {
            throw JobBridgeError(.configuration, error.message, field: "state")
        }
    }
}
