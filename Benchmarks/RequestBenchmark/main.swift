// jobbridge-request-bench: what RESTClient adds to each request over the bare transport,
// with an in-process transport that answers at once (so only the library is measured).
//
//   bare transport:        transport.send(request), the floor;
//   RESTClient, no observer: rest.send(.get, ["jobs", id]) with credentials, as adapters call it;
//   RESTClient, one observer: the same with one observer, on a 1 KB answer (redacted copies built);
//   SyncClient.job(id):    a native client's GET + decode of one 245-byte job, beside the bare
//                          transport + JSONSerialization of the same bytes.
// Goals: ≤ 10 µs overhead per call with no observer; ≤ 50 µs with one observer on 1 KB.
//
// Run: swift run -c release jobbridge-request-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeSync

guard let baseURL = URL(string: "https://sync.example.com/api.rsc/v2") else {
    throw JobBridgeError(.configuration, "the benchmark's base URL is invalid")
}
let job = Data(
    #"""
    {"id":"j-1","name":"Accounts to warehouse","type":"Standard","source_connection_id":"c-sf","destination_connection_id":"c-pg","schedule":{"enabled":true,"cron":"0 */6 * * ?"},"verbosity":2,"labels":["crm"],"x":1}
    """#.utf8)
var kilobyte = "{\"password\":\"hunter2\",\"rows\":["
while kilobyte.utf8.count < 1000 { kilobyte += "{\"name\":\"row\",\"value\":12345}," }
kilobyte += "{}]}"
let kilobyteBody = Data(kilobyte.utf8)

let credentials = HeaderTokenCredentials(token: Secret("bench-token"))
func client(_ body: Data, observers: [any HTTPObserver]) throws -> RESTClient {
    try RESTClient(
        provider: "CData Sync", baseURL: baseURL, transport: CannedTransport(body: body), credentials: credentials,
        observers: observers)
}
let quiet = try client(kilobyteBody, observers: [])
let observed = try client(kilobyteBody, observers: [ClosureHTTPObserver { _ in }])
let bare = CannedTransport(body: kilobyteBody)
let request = HTTPRequest(method: .get, url: baseURL.appendingPathComponent("jobs/j-1"))
let rounds = 9
let calls = 20_000

let bareMicros = try await Timing.medianMicrosecondsPerCall(rounds: rounds, calls: calls) {
    _ = try await bare.send(request)
}
let quietMicros = try await Timing.medianMicrosecondsPerCall(rounds: rounds, calls: calls) {
    try await quiet.send(.get, ["jobs", "j-1"], operation: .getJob)
}
let observedMicros = try await Timing.medianMicrosecondsPerCall(rounds: rounds, calls: calls / 4) {
    try await observed.send(.get, ["jobs", "j-1"], operation: .getJob)
}

let sync = try SyncClient(
    baseURL: baseURL, credentials: SyncClient.tokenCredentials(Secret("bench-token")),
    transport: CannedTransport(body: job))
let jobTransport = CannedTransport(body: job)
let syncMicros = try await Timing.medianMicrosecondsPerCall(rounds: rounds, calls: calls / 4) {
    _ = try await sync.job("j-1")
}
let bareDecodeMicros = try await Timing.medianMicrosecondsPerCall(rounds: rounds, calls: calls / 4) {
    _ = try JSONSerialization.jsonObject(with: try await jobTransport.send(request).body)
}

// What an observed attempt costs, piece by piece: the redacted copies of the request (its
// description shows the same redacted URL and headers) and of a body.
let jobText = String(decoding: job, as: UTF8.self)
let redactJob = Timing.medianMicrosecondsPerCallSync(rounds: rounds, calls: calls / 4) {
    _ = Redactor.redact(jobText)
}
let redactKilobyte = Timing.medianMicrosecondsPerCallSync(rounds: rounds, calls: calls / 20) {
    _ = Redactor.redact(kilobyte)
}
var authorized = request
authorized.headers["x-cdata-authtoken"] = "bench-token"
let redactRequest = Timing.medianMicrosecondsPerCallSync(rounds: rounds, calls: calls / 4) {
    _ = authorized.description
}

var report = BenchReport(name: "request-overhead")
report.note("observed_body_bytes", String(kilobyteBody.count))
report.note("job_body_bytes", String(job.count))
report.add("bare_transport_us", bareMicros, "bare transport.send, µs/call")
report.add("restclient_us_no_observer", quietMicros, "RESTClient.send, no observer, µs/call")
report.add("restclient_us_one_observer_1kb", observedMicros, "RESTClient.send, one observer, 1 KB answer, µs/call")
report.add(
    "overhead_us_no_observer", quietMicros - bareMicros, "overhead over the transport, no observer, µs", goalMax: 10)
report.add(
    "overhead_us_one_observer_1kb", observedMicros - bareMicros, "overhead over the transport, one observer, µs",
    goalMax: 50)
report.add("sync_get_decode_us", syncMicros, "SyncClient.job(id): GET + decode of one job, µs/call")
report.add("bare_get_jsonserialization_us", bareDecodeMicros, "reference: transport + JSONSerialization, µs/call")
report.add("native_get_overhead_us", syncMicros - bareDecodeMicros, "SyncClient.job over the reference, µs")
report.add("redact_job_body_us", redactJob, "Redactor.redact of the job body, µs")
report.add("redact_1kb_body_us", redactKilobyte, "Redactor.redact of the 1 KB body, µs")
report.add("redacted_request_us", redactRequest, "redacted URL and headers of a request, µs")
report.print()
