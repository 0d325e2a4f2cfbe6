import Foundation

/// Timing helpers shared by the benchmarks: medians of repeated runs on the continuous
/// clock, and the reference figures of other tools measured on the same bytes.
public enum Timing {
    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The median time of `runs` runs of `body`, in milliseconds (after one warm-up run).
    public static func medianMilliseconds(runs: Int, _ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        try await body()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            try await body()
            times.append(seconds(start.duration(to: clock.now)) * 1000)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// The median time per call of `body`, in microseconds: `rounds` rounds of `calls`
    /// calls each (after one warm-up round).
    public static func medianMicrosecondsPerCall(
        rounds: Int, calls: Int, _ body: () async throws -> Void
    ) async rethrows -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for round in 0...rounds {
            let start = clock.now
            for _ in 0..<calls { try await body() }
            if round > 0 { times.append(seconds(start.duration(to: clock.now)) * 1e6 / Double(calls)) }
        }
        times.sort()
        return times[times.count / 2]
    }

    /// ``medianMicrosecondsPerCall(rounds:calls:_:)`` for synchronous work.
    public static func medianMicrosecondsPerCallSync(rounds: Int, calls: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var times: [Double] = []
        for round in 0...rounds {
            let start = clock.now
            for _ in 0..<calls { body() }
            if round > 0 { times.append(seconds(start.duration(to: clock.now)) * 1e6 / Double(calls)) }
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Python's `json.loads` of `bytes` (median of `runs`, in milliseconds), run by
    /// `python3` on a file holding the bytes; `nil` when `python3` is not there.
    public static func pythonJSONLoadsMilliseconds(_ bytes: Data, runs: Int) -> Double? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jobbridge-bench-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? bytes.write(to: file)) != nil else { return nil }
        let script = """
            import json, sys, time
            data = open(sys.argv[1], 'rb').read()
            json.loads(data)
            times = []
            for _ in range(int(sys.argv[2])):
                start = time.perf_counter(); json.loads(data); times.append(time.perf_counter() - start)
            times.sort()
            print(times[len(times) // 2] * 1000)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path, String(runs)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).doubleValue
    }
}

extension String {
    fileprivate var doubleValue: Double? { Double(self) }
}
