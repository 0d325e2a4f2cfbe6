import Foundation
import JobBridge
import Testing

@testable import JobBridgeNX1

/// `NX1Provider.jobs()` maps each job as it is read from the answer (`NX1ListedJobs`): it
/// must list exactly what mapping the client's native jobs gives, whatever the answer's
/// shape, and name the element that is not a job.
@Suite struct NX1ListingTests {
    /// A transport answering every request with `body`.
    struct Answer: HTTPTransport {
        let body: String
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    static func client(_ body: String) throws -> NX1Client {
        try NX1Client(
            baseURL: URL(string: "https://aiapi.acme.nx1cloud.com") ?? URL(fileURLWithPath: "/"),
            credentials: BearerTokenCredentials(token: Secret("t")), transport: Answer(body: body),
            retry: RetryPolicy(maxAttempts: 1))
    }

    static let jobs = """
        {"id": "a", "job_name": "A", "job_type": "mirror", "schedule": "0 * * * *", "status": "running",
         "last_started_at": "2024-01-01T00:00:00Z", "properties_json": "{\\"k\\": 1}", "x": [1]},
        {"id": "b", "job_name": "B", "job_type": "airflow.nlp", "is_deleted": true},
        {"id": "c", "job_name": "C", "job_type": "future.type", "owner_id": 7, "last_failed_at": null}
        """

    @Test(arguments: ["[\(jobs)]", "{\"jobs\": [\(jobs)]}", "{\"items\": [\(jobs)], \"total\": 3}"])
    func aListingIsTheMappingOfTheNativeJobs(_ body: String) async throws {
        let client = try Self.client(body)
        let listed = try await NX1Provider(client: client).jobs().collect()
        let natives = try await client.listJobs()
        #expect(listed.map(\.id) == ["a", "c"])
        #expect(listed == natives.filter { !$0.isDeleted }.map(NX1Mapping.job(from:)))
    }

    @Test func anElementThatIsNotAJobIsNamed() async throws {
        let client = try Self.client(#"[{"id": "a", "job_name": "A", "job_type": "mirror"}, {"id": 5}]"#)
        let error = await #expect(throws: JobBridgeError.self) {
            try await NX1Provider(client: client).jobs().collect()
        }
        #expect(error?.code == .badResponse)
        #expect(error?.field == "[1].id")
    }
}
