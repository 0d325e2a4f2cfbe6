import Foundation

/// Python's `json.loads` of the same bytes, one run at a time on request, so that a
/// benchmark can interleave it with its own runs: on a shared machine the load then
/// weighs on both figures alike, and their ratio is what the load disturbs least.
///
/// `python3` runs a small script in a child process that holds the bytes (from a
/// temporary file) and answers each line on its standard input with the milliseconds of
/// one `json.loads` (on `time.perf_counter`). `nil` from ``init(bytes:)`` when `python3`
/// is not there.
public final class PythonJSONLoads {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let file: URL
    private var pending = Data()

    /// Starts `python3` on `bytes` and runs `json.loads` once to warm it up; `nil` when
    /// `python3` cannot be started or cannot read the bytes.
    public init?(bytes: Data) {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("jobbridge-bench-\(getpid()).json")
        guard (try? bytes.write(to: file)) != nil else { return nil }
        let script = """
            import json, sys, time
            data = open(sys.argv[1], 'rb').read()
            for _ in sys.stdin:
                start = time.perf_counter(); json.loads(data); elapsed = time.perf_counter() - start
                print(elapsed * 1000, flush=True)
            """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            try? FileManager.default.removeItem(at: file)
            return nil
        }
        guard measure() != nil else {
            finish()
            return nil
        }
    }

    deinit { finish() }

    /// The milliseconds of one `json.loads` of the bytes; `nil` if Python stopped answering.
    public func measure() -> Double? {
        guard process.isRunning else { return nil }
        input.fileHandleForWriting.write(Data("\n".utf8))
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return Double(line.trimmingCharacters(in: .whitespaces))
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }

    /// Stops Python and removes the bytes' file.
    private func finish() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.waitUntilExit() }
        try? FileManager.default.removeItem(at: file)
    }
}
