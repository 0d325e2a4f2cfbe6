// jobbridge-connect-bench: what listing 10,000 CData Connect AI jobs costs
// (GET /job/list, `{"jobs": [ConnectJob]}`), beside other decoders of the same bytes.
// See BenchmarkSupport/ListingComparison.swift for the figures and goals.
//
// Run: swift run -c release jobbridge-connect-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeConnect

let jobCount = 10_000
let units = ["Hour", "Day", "Week", "Month"]
var jobs: [[String: Any]] = []
for number in 0..<jobCount {
    jobs.append([
        "id": "b3a0c1de-0000-4000-8000-\(String(format: "%012d", number))", "name": "Job \(number)",
        "jobType": "Caching", "enabled": number % 3 != 0, "created": "2025-03-0\(1 + number % 9)T10:15:30.123Z",
        "lastModified": "2025-04-01T08:00:00Z", "nextRunTime": "2025-06-01T00:00:00Z",
        "intervalUnit": units[number % units.count], "intervalValue": 1 + number % 6, "logVerbosity": 1 + number % 5,
        "lastRun": [
            "dateTime": "0001-01-01T00:00:00Z", "duration": 63_894_847_975, "status": "JOB_QUEUED", "rowsAffected": 0,
            "nextRunTime": "0001-01-01T00:00:00Z",
        ],
        "params": [
            "timeCheckColumn": "", "autoTruncateStrings": "false",
            "sourceConnection": "f6f3cfe6-72e2-4edb-914f-\(String(format: "%012d", number % 40))",
            "sourceName": "MailChimp\(number % 40)", "sourceSchema": "MailChimp", "sourceTable": "Conversations",
        ],
    ])
}
let bytes = try JSONSerialization.data(withJSONObject: ["jobs": jobs], options: [.sortedKeys])

guard let baseURL = URL(string: "https://cloud.example.com/api") else {
    throw JobBridgeError(.configuration, "the benchmark's base URL is invalid")
}
let client = try ConnectClient(
    baseURL: baseURL, transport: CannedTransport(body: bytes),
    tokenProvider: { AccessToken(token: Secret("bench-token"), expiresAt: nil) })
let provider = ConnectProvider(client: client)

/// The reference: a plain struct of the fields the mapping uses.
struct PlainJob: Decodable {
    struct ConnectLastRun: Decodable {
        var dateTime: String?
        var duration: Int64?
        var status: String?
        var rowsAffected: Int64?
        var nextRunTime: String?
    }
    var id: String
    var name: String?
    var jobType: String?
    var enabled: Bool?
    var created: String?
    var lastModified: String?
    var nextRunTime: String?
    var intervalUnit: String?
    var intervalValue: Int?
    var logVerbosity: Int?
    var lastRun: ConnectLastRun?
    var params: [String: String]?
}
struct PlainList: Decodable { var jobs: [PlainJob] }

// `JOBBRIDGE_PROFILE=1`: only decode + map, 30 times, for a profiler (prints nothing).
if ProcessInfo.processInfo.environment["JOBBRIDGE_PROFILE"] != nil {
    for _ in 0..<30 { _ = try await provider.jobs().collect().count }
    exit(0)
}

try await ListingComparison(name: "connect-listing", bytes: bytes, jobCount: jobCount).run(
    decodeAndMap: { try await provider.jobs().collect().count },
    nativeDecode: { try await client.jobs().count },
    typedDecode: { try JSONDecoder().decode(PlainList.self, from: $0).jobs.count }, listMember: "jobs")
