import Foundation

/// Timing helpers shared by the benchmarks: medians of repeated runs on the continuous
/// clock.
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

    /// The median of `times` (the upper one of an even count); 0 for none.
    public static func median(_ times: [Double]) -> Double {
        guard !times.isEmpty else { return 0 }
        return times.sorted()[times.count / 2]
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
}
