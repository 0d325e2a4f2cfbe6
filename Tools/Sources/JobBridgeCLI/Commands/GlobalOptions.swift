import ArgumentParser
import Foundation
import JobBridge

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

    /// The providers to work with: those of the configuration file, or the embedded simulators.
    func providers(in context: ToolContext) async throws -> ProviderSet {
        let observers: [any HTTPObserver] = verbose ? [VerboseObserver(context: context)] : []
        guard let path = configurationPath(in: context) else {
            return try await EmbeddedSimulators.make(context: context, observers: observers)
        }
        let configuration = try ToolConfiguration.load(path: path)
        guard !configuration.providers.isEmpty else {
            throw ConfigurationError.at(path, line: nil, key: "providers", "the file names no provider")
        }
        return try ConfiguredProviders.make(
            configuration, context: context, transport: Transports.default, observers: observers)
    }
}

/// The transport configured providers use.
enum Transports {
    /// URLSession's (replaced by the AsyncHTTPClient transport where it is available).
    static var `default`: any HTTPTransport { URLSessionTransport() }
}

/// `--verbose`: one line per request event on standard error, redacted (the core gives
/// observers redacted values only).
struct VerboseObserver: HTTPObserver {
    let context: ToolContext

    func observe(_ event: HTTPEvent) {
        let request = event.request
        let head = "\(request.provider) \(request.operation?.rawValue ?? "-") #\(request.attempt)"
        switch event {
        case .requestSent:
            context.printError("> \(head) \(request.method.rawValue) \(request.url)")
        case .responseReceived(_, let response):
            context.printError("< \(head) \(response.status) in \(response.duration)")
        case .failed(_, let error, let duration):
            context.printError("! \(head) failed after \(duration): \(error)")
        case .retrying(_, let delay):
            context.printError("~ \(head) retrying in \(delay)")
        }
    }
}
