import ArgumentParser
import Foundation
import JobBridge
import JobBridgeHTTPClient
import JobBridgeLogging
import Logging

/// The options every command that talks to providers takes.
public struct GlobalOptions: ParsableArguments, Sendable {
    /// The configuration file; `JOBBRIDGE_CONFIG` when absent; the embedded simulators when neither.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (TOML). Default: $JOBBRIDGE_CONFIG; with neither, the embedded simulators.",
            valueName: "file"))
    public var config: String?

    /// Log every HTTP request and response (redacted) on standard error.
    @Flag(name: .long, help: "Log every request and response (redacted) on standard error.")
    public var verbose = false

    /// Creates the options with their defaults.
    public init() {}

    /// The configuration file's path, if one is given (by option or environment).
    func configurationPath(in context: ToolContext) -> String? {
        if let config { return context.absolutePath(config) }
        if let path = context.environment["JOBBRIDGE_CONFIG"], !path.isEmpty { return context.absolutePath(path) }
        return nil
    }

    /// Keep the embedded simulators' state in a file (no effect with a configuration file).
    @Option(
        name: .long,
        help: ArgumentHelp(
            "With the embedded simulators: start from this state file and write it back at the end"
                + " (default: $JOBBRIDGE_SIMULATOR_STATE).", valueName: "file"))
    public var state: String?

    /// The providers to work with: those of the configuration file, or the embedded
    /// simulators (started from `defaultState` when no state file is named).
    ///
    /// - Parameter needed: The providers the command uses (handles or names), when it does
    ///   not use them all: only their credentials are read, so a variable another provider
    ///   needs may be unset. A name the configuration does not have is a usage error.
    func providers(in context: ToolContext, needed: [String]? = nil, defaultState: URL? = nil) async throws
        -> ProviderSet
    {
        let observers: [any HTTPObserver] = verbose ? [Self.verboseObserver(context)] : []
        guard let path = configurationPath(in: context) else {
            let named = state ?? context.environment[EmbeddedSimulators.stateVariable]
            let stateFile = named.map { URL(fileURLWithPath: context.absolutePath($0)) } ?? defaultState
            return try await EmbeddedSimulators.make(context: context, observers: observers, stateFile: stateFile)
        }
        var configuration = try ToolConfiguration.load(path: path)
        guard !configuration.providers.isEmpty else {
            throw ConfigurationError.at(path, line: nil, key: "providers", "the file names no provider")
        }
        if let needed {
            configuration.providers = try configuration.providers(named: needed)
        }
        return try ConfiguredProviders.make(
            configuration, context: context, transport: Transports.shared, observers: observers)
    }

    /// `--verbose`: JobBridgeLogging's observer, logging every attempt (redacted) to
    /// standard error.
    static func verboseObserver(_ context: ToolContext) -> any HTTPObserver {
        let sink = context.standardError
        let logger = Logger(label: "jobbridge.http") { _ in StandardErrorLogHandler(sink: sink) }
        return HTTPLogObserver(
            logger: logger, options: HTTPLogObserver.Options(requestLevel: .debug, recordsMetrics: false))
    }
}

/// The transports configured providers use: AsyncHTTPClient's, which waits without
/// spinning a core (Foundation's URLSession on Linux does not).
enum Transports {
    /// One shared client for the whole process.
    static let shared: any HTTPTransport = AsyncHTTPClientTransport.shared
    /// A client that also accepts plain `http://` to hosts other than loopback, for
    /// providers configured with `allow_insecure_http = true`.
    static let insecure: any HTTPTransport = AsyncHTTPClientTransport(
        configuration: AsyncHTTPClientTransport.Configuration(allowsInsecureHTTP: true))
}
