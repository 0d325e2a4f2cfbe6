import Foundation
import JobBridge
import JobBridgeSimulation

/// The faults a ``SimulatorServer`` injects, read from a short text such as
/// `seed=7,latency=0.2:250ms,server-error=0.05,drop-after=0.02` (`jobbridge simulate --faults`).
///
/// Items are separated by commas; each is `name=probability` with a probability in
/// `0...1`, except `seed=N` (default 0) and `latency=P:DURATION` (a duration in `ms` or
/// `s`). Names: `latency`, `rate-limit` (a `429` with `Retry-After: 1`), `server-error`
/// (a `503`), `drop-before` (the connection closes before the simulator sees the
/// request), `drop-after` (it closes after the simulator acted), `malformed` (the body
/// is not JSON), `truncated` (the body is cut in half). The same text always gives the
/// same faults in the same order of requests.
public struct FaultSpecification: Sendable, Hashable, CustomStringConvertible {
    /// The seed of the generator that draws the faults.
    public var seed: UInt64
    /// Each fault with its probability, in the order given.
    public var faults: [WeightedFault]

    /// One fault and how likely it is on each request.
    public struct WeightedFault: Sendable, Hashable {
        /// The fault.
        public var fault: Fault
        /// Its probability, in `0...1`.
        public var probability: Double
    }

    /// Creates a specification.
    public init(seed: UInt64 = 0, faults: [WeightedFault] = []) {
        self.seed = seed
        self.faults = faults
    }

    /// The plan for ``FaultInjectingTransport``.
    public var plan: FaultPlan { .probabilities(faults.map { ($0.fault, $0.probability) }) }

    /// The text this specification is read from.
    public var description: String {
        (["seed=\(seed)"]
            + faults.map { item in
                let probability = String(item.probability)
                switch item.fault {
                case .latency(let duration): return "latency=\(probability):\(milliseconds(duration))ms"
                case .rateLimited: return "rate-limit=\(probability)"
                case .serverError: return "server-error=\(probability)"
                case .dropBeforeServer: return "drop-before=\(probability)"
                case .dropAfterServer: return "drop-after=\(probability)"
                case .malformedBody: return "malformed=\(probability)"
                case .truncatedBody: return "truncated=\(probability)"
                case .none: return "none=\(probability)"
                }
            }).joined(separator: ",")
    }

    /// Reads a specification.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` (field `faults`) naming the item
    ///   that is not understood.
    public init(parsing text: String) throws {
        self.init()
        guard text.utf8.count <= 1_000 else { throw Self.bad("the specification is longer than 1000 characters") }
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Self.bad("'\(item)' is not name=value") }
            let (name, value) = (parts[0].lowercased(), parts[1])
            if name == "seed" {
                guard let seed = UInt64(value) else { throw Self.bad("seed '\(value)' is not a whole number") }
                self.seed = seed
                continue
            }
            var probabilityText = value
            var fault: Fault
            switch name {
            case "latency":
                let pieces = value.split(separator: ":", maxSplits: 1).map(String.init)
                guard pieces.count == 2, let duration = Self.duration(pieces[1]) else {
                    throw Self.bad("latency '\(value)' is not PROBABILITY:DURATION such as 0.2:250ms")
                }
                probabilityText = pieces[0]
                fault = .latency(duration)
            case "rate-limit": fault = .rateLimited(retryAfterSeconds: 1)
            case "server-error": fault = .serverError(status: 503)
            case "drop-before": fault = .dropBeforeServer
            case "drop-after": fault = .dropAfterServer
            case "malformed": fault = .malformedBody
            case "truncated": fault = .truncatedBody
            default:
                throw Self.bad(
                    "unknown fault '\(name)'; known: seed, latency, rate-limit, server-error, drop-before, "
                        + "drop-after, malformed, truncated")
            }
            guard let probability = Double(probabilityText), (0...1).contains(probability) else {
                throw Self.bad("the probability of \(name) ('\(probabilityText)') is not a number in 0...1")
            }
            faults.append(WeightedFault(fault: fault, probability: probability))
        }
        let total = faults.filter { if case .latency = $0.fault { false } else { true } }.map(\.probability)
            .reduce(0, +)
        guard total <= 1 else {
            throw Self.bad("the probabilities of the faults other than latency add up to more than 1")
        }
    }

    private static func duration(_ text: String) -> Duration? {
        if text.hasSuffix("ms"), let value = Int(text.dropLast(2)), (0...600_000).contains(value) {
            return .milliseconds(value)
        }
        if text.hasSuffix("s"), let value = Int(text.dropLast()), (0...600).contains(value) { return .seconds(value) }
        return nil
    }

    private static func bad(_ message: String) -> JobBridgeError {
        JobBridgeError(.configuration, "--faults: \(message)", field: "faults")
    }
}

private func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}
