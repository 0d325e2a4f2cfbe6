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

    /// Runs `jobbridge` with arguments and an environment, in a directory, and waits for
    /// its end without blocking a thread of Swift's concurrency pool (in-process servers
    /// answer on that pool while the child runs).
    static func run(
        _ arguments: [String], environment: [String: String] = environment(), directory: URL? = nil
    ) async throws -> Result {
        try await launch(arguments, environment: environment, directory: directory).result()
    }

    /// Starts `jobbridge` and returns at once: its pid is known, its result comes later.
    static func launch(
        _ arguments: [String], environment: [String: String] = environment(), directory: URL? = nil
    ) throws -> Running {
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
        let ended = Ended()
        process.terminationHandler = { ended.signal($0.terminationStatus) }
        try process.run()
        // Both pipes are read to their end on threads of their own, so a full pipe never
        // blocks the child.
        return Running(
            pid: process.processIdentifier, output: ReadAll(output.fileHandleForReading),
            error: ReadAll(error.fileHandleForReading), ended: ended)
    }

    /// A child process that was started.
    struct Running: Sendable {
        let pid: Int32
        let output: ReadAll
        let error: ReadAll
        let ended: Ended

        /// Waits for the end and collects what it printed.
        func result() async -> Result {
            let status = await ended.wait()
            let standardOutput = await output.value()
            let standardError = await error.value()
            return Result(
                status: status, standardOutput: String(decoding: standardOutput, as: UTF8.self),
                standardError: String(decoding: standardError, as: UTF8.self))
        }
    }
}

/// A process's end, awaited without blocking a thread.
final class Ended: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var status: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    func signal(_ value: Int32) {
        let resumed = lock.withLock {
            status = value
            defer { waiters = [] }
            return waiters
        }
        for waiter in resumed { waiter.resume(returning: value) }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let ready = lock.withLock { () -> Int32? in
                if let status { return status }
                waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Reads a file handle to its end on a thread of its own.
final class ReadAll: @unchecked Sendable {
    private let ended = Ended()
    private let lock = NSLock()
    // Guarded by `lock`.
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let read = handle.readDataToEndOfFile()
            lock.withLock { data = read }
            ended.signal(0)
        }
    }

    /// Everything read, once the other end closed.
    func value() async -> Data {
        _ = await ended.wait()
        return lock.withLock { data }
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
