// jobbridge-sync-bench: what listing 10,000 CData Sync jobs costs, beside what other
// decoders take for the same bytes.
//
// The simulator writes one answer of GET /workspaces/{id}/jobs holding 10,000 jobs. On
// those bytes, median of several runs:
//   decode + map:   SyncProvider.jobs().collect() over a transport that answers with the
//                   bytes (RESTClient, decoding, the mapping of every job to a portable Job);
//   native decode:  SyncClient.jobs(inWorkspace:).collect(), the native SyncJob values only;
//   JSONValue:      JSONValue(data:), the whole answer as one tree;
//   references:     JSONDecoder into a plain struct of the fields the mapping uses,
//                   JSONSerialization, and Python's json.loads (when python3 is there).
// Goals: decode + map ≤ 1.5 × the plain-struct decode and ≤ 2 × json.loads.
//
// Run: swift run -c release jobbridge-sync-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeSyncSimulator

let jobCount = 10_000
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
let client = try SyncClient(
    baseURL: baseURL, credentials: SyncClient.tokenCredentials(Secret(token)), transport: CannedTransport(body: bytes),
    serverTimeZone: TimeZone(identifier: "America/New_York") ?? .gmt)
let provider = SyncProvider(client: client, workspaceID: workspace)

// 3. The reference: a plain struct of the fields the mapping uses.
struct PlainJob: Decodable {
    struct Schedule: Decodable {
        var enabled: Bool?
        var cron: String?
    }
    var id: String
    var workspaceID: String?
    var name: String?
    var type: String?
    var sourceConnectionID: String?
    var destinationConnectionID: String?
    var schedule: Schedule?
    var verbosity: Int?
    var tableNamePrefix: String?
    var truncateTableData: Bool?
    var batchSize: Int?
    var useGmtDatetime: Bool?
    var labels: [String]?
    var emailTo: String?
    var createdAt: String?
    var modifiedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, workspaceID = "workspace_id", name, type, sourceConnectionID = "source_connection_id",
            destinationConnectionID = "destination_connection_id", schedule, verbosity, tableNamePrefix =
            "table_name_prefix", truncateTableData = "truncate_table_data", batchSize = "batch_size", useGmtDatetime =
            "use_gmt_datetime", labels, emailTo = "email_to", createdAt = "created_at", modifiedAt = "modified_at"
    }
}
struct PlainPage: Decodable { var value: [PlainJob] }

// `JOBBRIDGE_PROFILE=1`: only decode + map, 30 times, for a profiler (prints nothing).
if ProcessInfo.processInfo.environment["JOBBRIDGE_PROFILE"] != nil {
    for _ in 0..<30 { _ = try await provider.jobs().collect().count }
    exit(0)
}

try await ListingComparison(name: "sync-listing", bytes: bytes, jobCount: jobCount).run(
    decodeAndMap: { try await provider.jobs().collect().count },
    nativeDecode: { try await client.jobs(inWorkspace: workspace).collect().count },
    typedDecode: { try JSONDecoder().decode(PlainPage.self, from: $0).value.count }, listMember: "value")

// Where the native decode's time goes: the whole answer read as one tree, then each job
// built from its tree node (what SyncJob(json:) costs without the decoder's plumbing).
if !CommandLine.arguments.contains("--json") {
    let tree = try JSONValue(data: bytes)
    let nodes = tree["value"]?.arrayValue ?? []
    let zone = TimeZone(identifier: "America/New_York") ?? .gmt
    let fromTree = try await Timing.medianMilliseconds(runs: 9) {
        var count = 0
        for node in nodes { count += try SyncJob(json: node, timeZone: zone).id.isEmpty ? 0 : 1 }
        guard count == jobCount else { throw JobBridgeError(.badResponse, "built \(count) jobs") }
    }
    print(String(format: "  (of which: SyncJob(json:) over the parsed nodes: %.1f ms)", fromTree))
}
