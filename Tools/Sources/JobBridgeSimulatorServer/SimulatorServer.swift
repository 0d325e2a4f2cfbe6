import Foundation
import Hummingbird
import JobBridge
import JobBridgeSimulation
import Logging
import NIOCore

/// The three simulators (CData Sync, CData Connect AI, NX1 and its token endpoint)
/// behind one Hummingbird HTTP server on loopback, at the real services' paths.
///
/// ```swift
/// let server = try await SimulatorServer.start(.init(port: 0, stateFile: StateFile(url)))
/// print(server.endpoints.toml)          // the configuration that points the tool at it
/// await server.setMutationHook(.signal(to: childPID, afterMutatingRequest: 37))
/// …
/// await server.stop()
/// ```
///
/// Requests reach the simulators as ``JobBridge/HTTPRequest``s with the URL the client
/// used, so that absolute links in answers (Sync's `@odata.nextLink`) point back at the
/// server. Faults, when asked, are injected by ``FaultInjectingTransport``; a dropped
/// connection is a real one (the server closes the socket mid-answer).
public final class SimulatorServer: Sendable {
    /// How to start a server.
    public struct Options: Sendable {
        /// The address to listen on; loopback by default.
        public var host: String
        /// The port; 0 picks a free one (read it from ``SimulatorServer/port``).
        public var port: Int
        /// The simulators to serve; `nil` serves the three with their demo data.
        public var services: SimulatedServices?
        /// Where the state is kept across restarts; `nil` keeps it in memory only.
        public var stateFile: StateFile?
        /// The faults to inject; `nil` injects none.
        public var faults: FaultSpecification?
        /// Whether the simulators' clock follows the wall clock (moved forward to the
        /// current date before each request), so that runs progress in real time. Turn it
        /// off to drive the clock from a test. Defaults to `true`.
        public var followsWallClock: Bool
        /// What runs after each mutating request; settable later with
        /// ``SimulatorServer/setMutationHook(_:)``.
        public var mutationHook: MutationHook?
        /// Where the server logs (Hummingbird's own messages); quiet by default.
        public var logger: Logger

        /// Creates options; every parameter has a default.
        public init(
            host: String = "127.0.0.1", port: Int = 0, services: SimulatedServices? = nil, stateFile: StateFile? = nil,
            faults: FaultSpecification? = nil, followsWallClock: Bool = true, mutationHook: MutationHook? = nil,
            logger: Logger = Logger(label: "jobbridge.simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        ) {
            self.host = host
            self.port = port
            self.services = services
            self.stateFile = stateFile
            self.faults = faults
            self.followsWallClock = followsWallClock
            self.mutationHook = mutationHook
            self.logger = logger
        }
    }

    /// The port the server listens on.
    public let port: Int
    /// The host it listens on.
    public let host: String
    /// The simulators it serves.
    public let services: SimulatedServices
    /// Where each provider answers, and the configuration text for the tool.
    public let endpoints: ServedEndpoints
    /// The fault injector between the socket and the simulators, when faults were asked
    /// for (its ``FaultInjectingTransport/records`` say what was injected).
    public let faultInjector: FaultInjectingTransport?
    /// The state file, when there is one.
    public let stateFile: StateFile?
    private let gate: MutationGate
    private let running: RunningServer

    private init(
        port: Int, host: String, services: SimulatedServices, faultInjector: FaultInjectingTransport?,
        stateFile: StateFile?, gate: MutationGate, running: RunningServer
    ) {
        self.port = port
        self.host = host
        self.services = services
        self.faultInjector = faultInjector
        self.stateFile = stateFile
        self.gate = gate
        self.running = running
        let root = URL(string: "http://\(host.contains(":") ? "[\(host)]" : host):\(port)") ?? URL(fileURLWithPath: "/")
        self.endpoints = ServedEndpoints(root: root, services: services)
    }

    /// Starts a server and returns once it listens.
    ///
    /// With a state file that exists, the simulators start from the state it holds;
    /// with one that does not, it is written at once with their initial state.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` when the state file cannot be read
    ///   or written, or the address cannot be listened on.
    public static func start(_ options: Options = Options()) async throws -> SimulatorServer {
        let services: SimulatedServices
        if let given = options.services {
            services = given
        } else {
            services = try await SimulatedServices.demo()
        }
        if let stateFile = options.stateFile {
            if let snapshot = try stateFile.read() {
                try await services.restore(snapshot)
            } else {
                try stateFile.write(try await services.snapshot())
            }
        }
        let gate = MutationGate()
        await gate.setHook(options.mutationHook)
        let pipeline = ServingPipeline(
            services: services, gate: gate, stateFile: options.stateFile, followsWallClock: options.followsWallClock)
        let injector = options.faults.map {
            FaultInjectingTransport(wrapping: pipeline, seed: $0.seed, plan: $0.plan, clock: ContinuousClock())
        }
        let transport: any HTTPTransport = injector ?? pipeline
        let address = AddressBox()
        let responder = SimulatorResponder(
            transport: transport,
            control: ControlPaths(gate: gate, configuration: { address.endpoints?.toml ?? "" }),
            root: { address.endpoints?.root.absoluteString ?? "http://\(options.host)" })
        let running = try await RunningServer.start(
            responder: responder, host: options.host, port: options.port, logger: options.logger)
        let server = SimulatorServer(
            port: running.port, host: options.host, services: services, faultInjector: injector,
            stateFile: options.stateFile, gate: gate, running: running)
        address.set(server.endpoints)
        return server
    }

    /// The server's root URL, such as `http://127.0.0.1:8181`.
    public var rootURL: URL { endpoints.root }

    /// How many mutating requests have acted on a simulator since the server started.
    public var mutatingRequestCount: Int {
        get async { await gate.count }
    }

    /// Replaces the hook that runs after each mutating request (`nil` removes it).
    public func setMutationHook(_ hook: MutationHook?) async {
        await gate.setHook(hook)
    }

    /// Stops listening and closes every connection; returns when the server has stopped.
    public func stop() async {
        await running.stop()
    }

    /// Returns when the server has stopped (after ``stop()`` from another task): what
    /// `jobbridge simulate` waits on.
    public func waitUntilStopped() async {
        await running.waitUntilStopped()
    }
}

/// The served endpoints, known only once the server listens (for the control paths).
private final class AddressBox: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var value: ServedEndpoints?

    var endpoints: ServedEndpoints? { lock.withLock { value } }
    func set(_ endpoints: ServedEndpoints) { lock.withLock { value = endpoints } }
}
