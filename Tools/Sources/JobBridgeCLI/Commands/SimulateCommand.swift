import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge simulate`: the three simulators served over HTTP on loopback.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve the CData Sync, Connect AI and NX1 simulators over HTTP on 127.0.0.1.",
        discussion: """
            Prints, on start, the configuration that points jobbridge at it; runs until interrupted.

            Examples:
              jobbridge simulate --port 8080
              jobbridge simulate --state simulators.json
              jobbridge simulate --faults "seed=7,rate=0.1"
            """)

    @Option(name: .long, help: ArgumentHelp("The port; 0 for any free one.", valueName: "n")) var port: Int = 0
    @Option(name: .long, help: ArgumentHelp("Keep the simulators' state in this file.", valueName: "file"))
    var state: String?
    @Option(name: .long, help: ArgumentHelp("Seeded fault injection.", valueName: "spec")) var faults: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    }

    func run() async throws {
        throw ToolExit(.failed, "the served simulators are not in this build yet")
    }
}
