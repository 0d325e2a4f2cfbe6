// jobbridge-sync-bench: what the Sync adapter's mapping costs on top of decoding.
//
// The simulator produces one answer of GET /workspaces/{id}/jobs holding 10,000 jobs.
// Measured on those same bytes, median of several runs:
//   decode only: JSONDecoder().decode(SyncPage<SyncJob>.self, from: bytes), the native types;
//   decode + map: SyncProvider.jobs().collect() over a transport that answers with the
//                 bytes (RESTClient, decode, and the mapping of every job to a portable Job).
// Goal: decode + map ≤ 1.25 × decode only.
//
// Run: swift run -c release jobbridge-sync-bench
import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting

let jobCount = 10_000
let iterations = 9
let token = "bench-token"
let workspace = "ws-bench"

guard let baseURL = URL(string: "https://sync.example.com/api.rsc/v2") else {
    throw JobBridgeError(.configuration, "the benchmark's base URL is invalid")
}

// 1. The bytes, as the simulator writes them.
let simulator = SyncSimulator(configuration: .init(token: token, pageSize: jobCount))
await simulator.addWorkspace(id: workspace, name: "Benchmark")
let types = ["Standard", "SyncAll", "LoadFolder", "ChangeDataCapture", "ReverseETL"]
for number in 0..<jobCount {
    await simulator.seedJob(
        [
            "name": .string("Job \(number)"), "type": .string(types[number % types.count]),
            "source_connection_id": .string("c-src-\(number % 40)"), "destination_connection_id": "c-warehouse",
            "schedule": ["enabled": .bool(number % 3 != 0), "cron": .string("\(number % 60) */6 * * ?")],
            "verbosity": .int(Int64(1 + number % 3)), "table_name_prefix": "sf_", "truncate_table_data": false,
            "batch_size": 5000, "use_gmt_datetime": .bool(number % 2 == 0), "labels": ["nightly", "crm"],
            "email_to": "ops@example.com", "x_custom": ["level": .int(Int64(number % 5))],
        ], workspace: workspace)
}
var request = HTTPRequest(method: .get, url: baseURL.appendingPathComponent("workspaces/\(workspace)/jobs"))
request.headers["x-cdata-authtoken"] = token
let bytes = try await simulator.send(request).body

// 2. A provider whose transport answers the listing with those bytes.
struct CannedTransport: HTTPTransport {
    let body: Data
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
    }
}
let client = try SyncClient(
    baseURL: baseURL, credentials: SyncClient.tokenCredentials(Secret(token)), transport: CannedTransport(body: bytes),
    serverTimeZone: TimeZone(identifier: "America/New_York") ?? .gmt)
let provider = SyncProvider(client: client, workspaceID: workspace)

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func median(_ body: () async throws -> Int) async throws -> Duration {
    let clock = ContinuousClock()
    var times: [Duration] = []
    for _ in 0..<iterations {
        let start = clock.now
        let count = try await body()
        times.append(start.duration(to: clock.now))
        guard count == jobCount else {
            throw JobBridgeError(.badResponse, "benchmark read \(count) jobs, expected \(jobCount)")
        }
    }
    return times.sorted()[times.count / 2]
}

// Warm up both paths once.
_ = try JSONDecoder().decode(SyncPage<SyncJob>.self, from: bytes)
_ = try await provider.jobs().collect()

let decodeOnly = try await median { try JSONDecoder().decode(SyncPage<SyncJob>.self, from: bytes).elements.count }
let decodeAndMap = try await median { try await provider.jobs().collect().count }

let megabytes = Double(bytes.count) / 1_048_576
print(
    String(
        format: "Sync mapping: %d jobs, %.1f MB of JSON from the simulator, median of %d runs", jobCount, megabytes,
        iterations))
print(String(format: "  decode only (JSONDecoder → SyncPage<SyncJob>):   %8.1f ms", seconds(decodeOnly) * 1000))
print(String(format: "  decode + map (SyncProvider.jobs() → [Job]):      %8.1f ms", seconds(decodeAndMap) * 1000))
print(String(format: "  ratio: %.3f× (goal ≤ 1.25×)", seconds(decodeAndMap) / seconds(decodeOnly)))
