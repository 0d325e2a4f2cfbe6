import Foundation
import JobBridge

/// The comparison every listing benchmark prints: the library's decode + map and native
/// decode of one listing answer, beside the whole answer as one ``JSONValue``, a
/// `JSONDecoder` decode into a plain struct of the fields the mapping uses,
/// `JSONSerialization` and Python's `json.loads`, all on the same bytes.
///
/// Goals: decode + map ≤ 1.5 × the plain-struct decode (`ratio_vs_typed_decode`) and
/// ≤ 2 × `json.loads` (`ratio_vs_python`). Decode + map and `json.loads` are run in
/// turns (see ``PythonJSONLoads``), so that the load of a shared machine weighs on both.
public struct ListingComparison {
    /// The benchmark's name, such as `sync-listing`.
    public var name: String
    /// The listing answer's bytes.
    public var bytes: Data
    /// How many jobs the answer holds; every measured step must read exactly these.
    public var jobCount: Int
    /// Runs per figure (the median is printed).
    public var runs = 9

    /// Creates a comparison.
    public init(name: String, bytes: Data, jobCount: Int) {
        self.name = name
        self.bytes = bytes
        self.jobCount = jobCount
    }

    /// Measures each step (each returns how many jobs it read) and prints the report.
    public func run(
        decodeAndMap: () async throws -> Int, nativeDecode: () async throws -> Int,
        typedDecode: (Data) throws -> Int, listMember: String?
    ) async throws {
        let expected = jobCount
        func expect(_ count: Int) throws {
            guard count == expected else {
                throw JobBridgeError(.badResponse, "read \(count) jobs, expected \(expected)")
            }
        }
        let bytes = bytes
        // Decode + map and Python's json.loads run in turns, so that both see the same load.
        let reference = PythonJSONLoads(bytes: bytes)
        let clock = ContinuousClock()
        try expect(try await decodeAndMap())
        var mappedTimes: [Double] = []
        var pythonTimes: [Double] = []
        for _ in 0..<runs {
            let start = clock.now
            try expect(try await decodeAndMap())
            mappedTimes.append(Timing.seconds(start.duration(to: clock.now)) * 1000)
            if let time = reference?.measure() { pythonTimes.append(time) }
        }
        let mapped = Timing.median(mappedTimes)
        let python = pythonTimes.count == runs ? Timing.median(pythonTimes) : nil
        let native = try await Timing.medianMilliseconds(runs: runs) { try expect(try await nativeDecode()) }
        let tree = try await Timing.medianMilliseconds(runs: runs) {
            let value = try JSONValue(data: bytes)
            try expect((listMember.map { value[$0] } ?? value)?.arrayValue?.count ?? 0)
        }
        let typed = try await Timing.medianMilliseconds(runs: runs) { try expect(try typedDecode(bytes)) }
        let serialization = try await Timing.medianMilliseconds(runs: runs) {
            let object = try JSONSerialization.jsonObject(with: bytes)
            let list: Any? = if let listMember { (object as? [String: Any])?[listMember] } else { object }
            try expect((list as? [Any])?.count ?? 0)
        }

        var report = BenchReport(name: name)
        report.note("jobs", String(jobCount))
        report.note("bytes", String(bytes.count))
        report.note("runs", "median of \(runs)")
        report.add("decode_map_ms", mapped, "decode + map (provider.jobs() → [Job]), ms")
        report.add("native_decode_ms", native, "decode into the native wire type (client), ms")
        report.add("jsonvalue_decode_ms", tree, "JSONValue(data:) of the whole answer, ms")
        report.add("typed_decode_ms", typed, "reference: JSONDecoder → plain struct of used fields, ms")
        report.add("jsonserialization_ms", serialization, "reference: JSONSerialization, ms")
        if let python { report.add("python_json_loads_ms", python, "reference: Python json.loads, ms") }
        report.add("ratio_vs_typed_decode", mapped / typed, "decode + map ÷ plain-struct decode", goalMax: 1.5)
        if let python { report.add("ratio_vs_python", mapped / python, "decode + map ÷ Python json.loads", goalMax: 2) }
        report.print()
    }
}

/// A transport that answers every request with the same body, in process: what the
/// benchmarks put under a client to measure the library and nothing else.
public struct CannedTransport: HTTPTransport {
    /// The answer's body.
    public let body: Data

    /// Creates a transport answering `body` with status 200.
    public init(body: Data) { self.body = body }

    /// Answers `200` with ``body``.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }
}
