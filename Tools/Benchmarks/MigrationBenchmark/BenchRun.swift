import Foundation
import JobBridge
import JobBridgeMigration

/// One size measured: the simulator process started, the plan and apply processes run
/// against it one after the other, the simulator's peak read, the simulator stopped.
struct BenchRun {
    var plan: BenchChild.PlanFigures
    var apply: BenchChild.ApplyFigures
    var simulatorPeakMB: Double

    /// The bound: calls × 20 ms ÷ the engine's default concurrency.
    var boundSeconds: Double {
        Double(apply.calls) * 0.020 / Double(ExecutionOptions.defaultConcurrency)
    }

    static func measure(jobs: Int) throws -> BenchRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jobbridge-migration-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plan.jsonl").path

        let server = Process()
        server.executableURL = executable
        server.arguments = ["--serve", String(jobs)]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        defer {
            if server.isRunning {
                server.terminate()
                server.waitUntilExit()
            }
        }
        let lines = try readUntilReady(output.fileHandleForReading)
        guard let plain = lines["plain"], let slow = lines["slow"] else {
            throw JobBridgeError(.configuration, "the simulator process did not print its URLs")
        }
        let plan = try child(["--plan", plain, "--file", file], as: BenchChild.PlanFigures.self)
        let apply = try child(["--apply", slow, "--file", file], as: BenchChild.ApplyFigures.self)
        let simulatorPeak = ProcessMemory.peakMB(pid: server.processIdentifier)
        return BenchRun(plan: plan, apply: apply, simulatorPeakMB: simulatorPeak)
    }

    /// This executable.
    static var executable: URL { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath() }

    /// Reads `name value` lines until the ready line.
    static func readUntilReady(_ handle: FileHandle) throws -> [String: String] {
        var text = ""
        while !text.split(separator: "\n").contains(Substring(BenchServer.readyLine)) {
            let chunk = handle.availableData
            guard !chunk.isEmpty, text.utf8.count < 4_096 else {
                throw JobBridgeError(.configuration, "the simulator process stopped before it served")
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    /// Runs this executable with `arguments` and decodes the last line it prints.
    static func child<Figures: Decodable>(_ arguments: [String], as type: Figures.Type) throws -> Figures {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let line = data.split(separator: 0x0A).last else {
            throw JobBridgeError(
                .configuration, "the child run \(arguments.first ?? "") failed (status \(process.terminationStatus))")
        }
        return try JSONDecoder().decode(Figures.self, from: Data(line))
    }
}
