import Foundation
import JobBridge
import JobBridgeTesting

/// A minimal HTTP adapter for the benchmark: `GET /jobs?page=N` answers
/// `{"jobs":[{"id","name"}], "next": "N+1" | null}`, served by a router behind a
/// transport that adds a fixed latency to every request.
struct PagedHTTPProvider: JobProvider {
    private struct WirePage: Decodable {
        struct WireJob: Decodable {
            let id: String
            let name: String
        }
        let jobs: [WireJob]
        let next: String?
    }

    let descriptor: ProviderDescriptor
    private let client: RESTClient

    init(name: String, latency: Duration, jobCount: Int, pageSize: Int) throws {
        descriptor = ProviderDescriptor(name: name, capabilities: [.listJobs])
        let router = SimulatorRouter()
        router.on(.get, "/jobs") { request in
            let page = Int(request.queryValue("page") ?? "0") ?? 0
            let start = page * pageSize
            let end = min(start + pageSize, jobCount)
            let jobs: [JSONValue] = (start..<max(start, end)).map {
                ["id": .string("\(name)-\($0)"), "name": .string("Job \($0)")]
            }
            let next: JSONValue = end < jobCount ? .string(String(page + 1)) : .null
            return .json(200, ["jobs": .array(jobs), "next": next])
        }
        let transport = FaultInjectingTransport(
            wrapping: router, plan: .probabilities([(fault: .latency(latency), probability: 1)]),
            clock: ContinuousClock())
        guard let baseURL = URL(string: "https://\(name).example") else {
            throw JobBridgeError(.configuration, "no URL can be made from the name '\(name)'")
        }
        client = try RESTClient(provider: name, baseURL: baseURL, transport: transport)
    }

    func jobs() -> PagedSequence<Job> {
        PagedSequence { [client] token in
            let page = try await client.get(
                WirePage.self, ["jobs"], query: [URLQueryItem(name: "page", value: token ?? "0")],
                operation: .listJobs)
            return Page(
                page.jobs.map { Job(id: JobID($0.id), name: $0.name, kind: JobKind(.other)) }, nextToken: page.next)
        }
    }
}
