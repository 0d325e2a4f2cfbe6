import Foundation
import Testing

/// Runs the built `jobbridge` executable as a child process, the way a person or a script
/// does, and collects what it printed and its exit code.
struct ToolProcess {
    /// What one run printed and returned.
    struct Result: CustomStringConvertible {
        var status: Int32
        var standardOutput: String
        var standardError: String

        var description: String { "exit \(status)\nstdout:\n\(standardOutput)\nstderr:\n\(standardError)" }

        /// Standard output as a JSON object.
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(standardOutput.utf8))
            guard let dictionary = object as? [String: Any] else { throw ToolProcessError("stdout is not an object") }
            return dictionary
        }
    }

    /// The start of the embedded simulators' clock in every test: 2026-11-23T12:00:00Z.
    static let simulatedStart = "2026-11-23T12:00:00Z"

    /// The built executable: beside the test bundle, else in `Tools/.build/debug`.
    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() {
                candidates.append(bundle.appendingPathComponent("jobbridge"))
            }
            let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            candidates.append(tools.appendingPathComponent(".build/debug/jobbridge"))
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw ToolProcessError(
                    "the jobbridge executable is not built (looked at \(candidates.map(\.path))); run"
                        + " `swift build --package-path Tools` first")
            }
            return found
        }
    }

    /// A clean environment: no configuration, no colour preferences, a fixed simulated start.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "JOBBRIDGE_SIMULATOR_START": simulatedStart]
        if let home = ProcessInfo.processInfo.environment["HOME"] { environment["HOME"] = home }
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs `jobbridge` with arguments and an environment, in a directory.
    static func run(
        _ arguments: [String], environment: [String: String] = environment(), directory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe never blocks the child.
        let errorData = ReadAll(error.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }
}

/// Reads a file handle to its end on another thread.
final class ReadAll: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A failure of the test harness itself.
struct ToolProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A temporary directory for one test, removed at the end.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jobbridge-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
