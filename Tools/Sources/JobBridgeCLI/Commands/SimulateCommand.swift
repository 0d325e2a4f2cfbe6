import ArgumentParser
import Dispatch
import Foundation
import JobBridge
import JobBridgeSimulatorServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `jobbridge simulate`: the three simulators served over HTTP on loopback.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve the CData Sync, Connect AI and NX1 simulators over HTTP on 127.0.0.1.",
        discussion: """
            Prints, on start, the configuration (TOML) that points jobbridge at it, with the environment \
            variables to export; then serves until interrupted (Ctrl-C or SIGTERM stop it cleanly). Save the \
            printed text to a file and pass it with --config (or $JOBBRIDGE_CONFIG) in another shell.

            Faults (--faults): comma-separated, seeded and repeatable, such as \
            "seed=7,latency=0.2:250ms,server-error=0.05,rate-limit=0.05,drop-before=0.01,drop-after=0.01,\
            malformed=0.01,truncated=0.01" (each a probability per request).

            Examples:
              jobbridge simulate --port 8080 > simulators.toml
              jobbridge simulate --state simulators.json
              jobbridge simulate --faults "seed=7,server-error=0.1"
            """)

    @Option(name: .long, help: ArgumentHelp("The port; 0 for any free one.", valueName: "n")) var port: Int = 0
    @Option(
        name: .long,
        help: ArgumentHelp("Keep the simulators' state in this file (restored when it exists).", valueName: "file"))
    var state: String?
    @Option(name: .long, help: ArgumentHelp("Seeded fault injection (see above).", valueName: "spec"))
    var faults: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    }

    func run() async throws {
        let context = ToolContext.current
        let faults = try self.faults.map { try FaultSpecification(parsing: $0) }
        let stateFile = state.map { StateFile(URL(fileURLWithPath: context.absolutePath($0))) }
        let server = try await SimulatorServer.start(
            SimulatorServer.Options(host: "127.0.0.1", port: port, stateFile: stateFile, faults: faults))
        context.print(SimulatorConfiguration.toml(server.endpoints))
        context.print(SimulatorConfiguration.readyLine)
        let stop = { Task { await server.stop() } }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { _ = stop() }
            source.resume()
            return source
        }
        await server.waitUntilStopped()
        for source in sources { source.cancel() }
        context.printError("jobbridge simulate: stopped")
    }
}

/// The configuration file that points the tool at a served simulator: one
/// `[providers.<name>]` table per provider, credentials by environment variable.
public enum SimulatorConfiguration {
    /// The last line `jobbridge simulate` prints once it serves (a TOML comment).
    public static let readyLine = "# serving until interrupted (Ctrl-C)"

    /// The TOML text, preceded by comments that say which variables to export.
    public static func toml(_ endpoints: ServedEndpoints) -> String {
        var lines = [
            "# JobBridge simulators served at \(endpoints.root.absoluteString)",
            "# Credentials are read from the environment; the simulators accept:",
        ]
        for name in endpoints.environment.keys.sorted() {
            lines.append("#   export \(name)=\(endpoints.environment[name] ?? "")")
        }
        for endpoint in endpoints.endpoints {
            lines.append("")
            lines.append("[providers.\(endpoint.name)]")
            lines.append("kind = \(quoted(endpoint.kind.rawValue))")
            lines.append("name = \(quoted(endpoint.name + " (served simulator)"))")
            lines.append("base_url = \(quoted(endpoint.baseURL.absoluteString))")
            for (key, value) in endpoint.settings { lines.append("\(key) = \(quoted(value))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
