// jobbridge-nx1-bench: what listing 10,000 NX1 jobs costs (GET /api/jobs, a bare array of
// jobs), beside other decoders of the same bytes.
// See BenchmarkSupport/ListingComparison.swift for the figures and goals.
//
// Run: swift run -c release jobbridge-nx1-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeNX1

let jobCount = 10_000
let types = ["airflow.dataeng", "airflow.ingest", "airflow.nlp", "mirror"]
let statuses = ["new", "pending", "running", "completed", "error"]
var jobs: [[String: Any]] = []
for number in 0..<jobCount {
    jobs.append([
        "id": "3c90c3cc-0d44-4b50-8888-\(String(format: "%012d", number))", "job_name": "Job \(number)",
        "job_type": types[number % types.count], "status": statuses[number % statuses.count],
        "status_message": number % 5 == 4 ? "upstream missing" : NSNull(),
        "created_at": "2023-11-07T05:31:56Z", "last_started_at": "2024-01-0\(1 + number % 9)T05:31:56.250Z",
        "last_completed_at": NSNull(), "last_failed_at": NSNull(), "source": "s3://bucket/in/\(number % 40)",
        "destination": "warehouse.public.t\(number % 40)",
        "properties_json": "{\"retries\": \(number % 4), \"pool\": \"default\"}",
        "schedule": number % 4 == 0 ? NSNull() : "\(number % 60) */6 * * *", "owner_id": "u-\(number % 7)",
        "is_deleted": false, "deleted_at": NSNull(),
    ])
}
let bytes = try JSONSerialization.data(withJSONObject: jobs, options: [.sortedKeys])

guard let baseURL = URL(string: "https://aiapi.bench.nx1cloud.com") else {
    throw JobBridgeError(.configuration, "the benchmark's base URL is invalid")
}
let client = try NX1Client(
    baseURL: baseURL, credentials: BearerTokenCredentials(token: Secret("bench-token")),
    transport: CannedTransport(body: bytes))
let provider = NX1Provider(client: client)

/// The reference: a plain struct of the fields the mapping uses.
struct PlainJob: Decodable {
    var id: String
    var jobName: String
    var jobType: String
    var status: String?
    var statusMessage: String?
    var createdAt: String?
    var lastStartedAt: String?
    var lastCompletedAt: String?
    var lastFailedAt: String?
    var source: String?
    var destination: String?
    var propertiesJSON: String?
    var schedule: String?
    var ownerID: String?
    var isDeleted: Bool?
    var deletedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, jobName = "job_name", jobType = "job_type", status, statusMessage = "status_message", createdAt =
            "created_at", lastStartedAt = "last_started_at", lastCompletedAt = "last_completed_at", lastFailedAt =
            "last_failed_at", source, destination, propertiesJSON = "properties_json", schedule, ownerID = "owner_id",
            isDeleted = "is_deleted", deletedAt = "deleted_at"
    }
}

// `JOBBRIDGE_PROFILE=1`: only decode + map, 30 times, for a profiler (prints nothing).
if ProcessInfo.processInfo.environment["JOBBRIDGE_PROFILE"] != nil {
    for _ in 0..<30 { _ = try await provider.jobs().collect().count }
    exit(0)
}

try await ListingComparison(name: "nx1-listing", bytes: bytes, jobCount: jobCount).run(
    decodeAndMap: { try await provider.jobs().collect().count },
    nativeDecode: { try await client.listJobs().count },
    typedDecode: { try JSONDecoder().decode([PlainJob].self, from: $0).count }, listMember: nil)

// Where decode + map's time goes: the mapping alone, over jobs already decoded.
if !CommandLine.arguments.contains("--json") {
    let natives = try await client.listJobs()
    let mapping = try await Timing.medianMilliseconds(runs: 9) {
        var count = 0
        for native in natives { count += NX1Mapping.job(from: native).id.rawValue.isEmpty ? 0 : 1 }
        guard count == jobCount else { throw JobBridgeError(.badResponse, "mapped \(count) jobs") }
    }
    let data = try await Timing.medianMilliseconds(runs: 9) {
        var count = 0
        for native in natives { count += native.json.objectValue?.count ?? 0 }
        guard count > 0 else { throw JobBridgeError(.badResponse, "no JSON") }
    }
    // The same work as decode + map without the listing around it (PagedSequence hands
    // the jobs over one by one, copying each).
    let direct = try await Timing.medianMilliseconds(runs: 9) {
        let jobs = try await client.listJobs().filter { !$0.isDeleted }.map(NX1Mapping.job(from:))
        guard jobs.count == jobCount else { throw JobBridgeError(.badResponse, "mapped \(jobs.count) jobs") }
    }
    print(
        String(
            format: "  (of which: NX1Mapping.job(from:) over decoded jobs: %.1f ms; their JSON alone: %.1f ms;\n"
                + "   client.listJobs() + mapping, without PagedSequence.collect(): %.1f ms)", mapping, data, direct))
}
