import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// Secrets in the shapes a review found leaking: JSON inside a JSON string, quoted and
/// spaced connection-string values, dumps of JSON values, requests and headers, and error
/// messages changed after creation.
@Suite struct RedactionTests {
    private func expectClean(_ text: String, of secrets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "\(secret) leaked in: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func jsonHeldInAJSONString() throws {
        let body =
            #"{"properties_json":"{\"password\":\"hunter2\",\"client_secret\":\"s3cr\\\"et\",\"db\":\"sales\"}"}"#
        let redacted = Redactor.redact(body)
        expectClean(redacted, of: ["hunter2", "s3cr"])
        #expect(redacted.contains(#"\"db\":\"sales\""#))
    }

    @Test(arguments: [
        ("Server=db;Password='a;b c';User=u", "a;b c"), (#"Server=db;Password="x y";User=u"#, "x y"),
        ("Server=db;Password=hunter 2;User=u", "hunter 2"), ("https://h/x?token=abc&page=2", "abc"),
    ])
    func connectionStringValues(_ text: String, _ secret: String) {
        let redacted = Redactor.redact(text)
        expectClean(redacted, of: [secret])
        #expect(redacted.contains(Redactor.placeholder))
    }

    @Test func dumpsOfJSONValuesShowNoSecret() throws {
        let value: JSONValue = ["settings": ["password": "hunter2", "user": "u"], "token": "tok-SECRET-123"]
        var dumped = ""
        dump(value, to: &dumped)
        expectClean(dumped, of: ["hunter2", "tok-SECRET-123"])
        #expect(dumped.contains("\"user\":\"u\""))
        let job = Job(id: "1", name: "n", kind: JobKind(.other), settings: ["password": "hunter2"], providerData: value)
        var dumpedJob = ""
        dump(job, to: &dumpedJob)
        expectClean(dumpedJob + String(describing: job) + String(reflecting: job), of: ["hunter2", "tok-SECRET-123"])
    }

    @Test func requestsAndResponsesShowNoSecret() throws {
        let url = try #require(URL(string: "https://sync.example/api.rsc/v2/jobs?access_token=tok-SECRET-123"))
        let request = HTTPRequest(
            method: .post, url: url,
            headers: [
                "Authorization": "Bearer tok-SECRET-123", "x-cdata-authtoken": "tok-SECRET-123", "Accept": "*/*",
            ],
            body: Data(#"{"connectionString":"Server=db;Password=hunter2;"}"#.utf8))
        let response = HTTPResponse(status: 200, headers: ["Set-Cookie": "session=tok-SECRET-123"], body: Data())
        var dumped = ""
        dump(request, to: &dumped)
        dump(response, to: &dumped)
        dump(request.headers, to: &dumped)
        let printed = "\(request) \(response) \(request.headers) \(String(reflecting: request))"
        expectClean(dumped + printed, of: ["tok-SECRET-123", "hunter2"])
        #expect(printed.contains("Accept: */*"))
    }

    @Test func anErrorMessageChangedLaterIsRedactedToo() {
        var error = JobBridgeError(.badResponse, "first")
        error.message += " while sending Password=hunter2;"
        expectClean(error.message + error.description, of: ["hunter2"])
    }

    @Test func anAppsCredentialsFailureArrivesTyped() async throws {
        struct AppFailure: Error {}
        struct FailingCredentials: Credentials {
            func authorize(_ request: inout HTTPRequest) async throws { throw AppFailure() }
        }
        let router = SimulatorRouter()
        router.on(.get, "/jobs") { _ in .json(200, []) }
        let client = try RESTClient(
            provider: "P", baseURL: try #require(URL(string: "https://p.example")), transport: router,
            credentials: FailingCredentials())
        let error = await #expect(throws: JobBridgeError.self) { try await client.send(.get, ["jobs"]) }
        #expect(error?.code == .unauthorized)
        #expect(error?.provider == "P")
    }
}
