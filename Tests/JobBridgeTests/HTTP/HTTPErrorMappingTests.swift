import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct HTTPErrorMappingTests {
    @Test(arguments: [
        (400, JobBridgeError.Code.invalidRequest), (401, .unauthorized), (403, .forbidden), (404, .notFound),
        (405, .invalidRequest), (409, .conflict), (429, .rateLimited), (500, .serviceUnavailable),
        (501, .unsupported), (502, .serviceUnavailable), (503, .serviceUnavailable), (504, .serviceUnavailable),
    ])
    func statusMapsToCodeWithEnvelope(status: Int, code: JobBridgeError.Code) async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        for method in HTTPMethod.allCases {
            router.on(method, "/jobs/:id") { _ in .error(status, code: "E_\(status)", message: "failure \(status)") }
        }
        let client = try HTTPTest.client(router, retry: .never)
        let error = await #expect(throws: JobBridgeError.self) {
            try await client.send(.get, ["jobs", "42"], operation: .getJob)
        }
        let failure = try #require(error)
        #expect(failure.code == code)
        #expect(failure.httpStatus == status)
        #expect(failure.provider == "TestProvider")
        #expect(failure.operation == .getJob)
        #expect(failure.providerCode == "E_\(status)")
        #expect(failure.message == "failure \(status)")
    }

    @Test func bodyWithoutEnvelopeGivesRedactedSnippet() async throws {
        let transport = HTTPStubTransport { _ in
            HTTPResponse(status: 502, body: Data("<html>Bad gateway Password=hunter2;</html>".utf8))
        }
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(transport, retry: .never).send(.get, ["jobs"])
        }
        #expect(error?.code == .serviceUnavailable)
        #expect(error?.providerCode == nil)
        // An HTML page is summed up, never pasted.
        #expect(error?.message == "unexpected answer: an HTML page (42 bytes)")
        #expect(error?.message.contains("hunter2") == false)
    }

    @Test func simpleErrorEnvelopesAreParsed() async throws {
        let bodies = [#"{"error":"job is running"}"#, #"{"code":"JOB_RUNNING","message":"job is running"}"#]
        for body in bodies {
            let transport = HTTPStubTransport { _ in HTTPResponse(status: 409, body: Data(body.utf8)) }
            let error = await #expect(throws: JobBridgeError.self) {
                try await HTTPTest.client(transport).send(.post, ["jobs", "1", "run"])
            }
            #expect(error?.code == .conflict)
            #expect(error?.message == "job is running")
        }
    }

    @Test func redirectStatusIsBadResponse() async throws {
        let transport = HTTPStubTransport { _ in HTTPResponse(status: 302, headers: ["Location": "/elsewhere"]) }
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(transport).send(.get, ["jobs"])
        }
        #expect(error?.code == .badResponse)
        #expect(error?.httpStatus == 302)
    }

    private struct Listing: Decodable, Equatable {
        struct Item: Decodable, Equatable {
            var id: Int
            var name: String
        }
        var items: [Item]
    }

    @Test func decodingFailureNamesTypeAndPath() async throws {
        let router = SimulatorRouter()
        router.on(.get, "/list") { _ in
            .json(200, ["items": [["id": 1, "name": "a"], ["id": "two", "name": "b"]]])
        }
        let client = try RESTClient(provider: "P", baseURL: HTTPTest.url("https://h.example.com"), transport: router)
        let error = await #expect(throws: JobBridgeError.self) {
            _ = try await client.get(Listing.self, ["list"], operation: .listJobs)
        }
        let failure = try #require(error)
        #expect(failure.code == .badResponse)
        #expect(failure.field == "items[1].id")
        #expect(failure.operation == .listJobs)
        #expect(failure.message.contains("Listing"))
        #expect(failure.message.contains("items[1].id"))
        #expect(failure.message.contains("\"two\""))
    }

    @Test func missingKeyIsNamed() async throws {
        let router = SimulatorRouter()
        router.on(.get, "/list") { _ in .json(200, ["items": [["id": 1]]]) }
        let client = try RESTClient(provider: "P", baseURL: HTTPTest.url("https://h.example.com"), transport: router)
        let error = await #expect(throws: JobBridgeError.self) { _ = try await client.get(Listing.self, ["list"]) }
        #expect(error?.field == "items[0].name")
    }

    @Test func notJSONIsBadResponseWithTruncatedSnippet() async throws {
        let long = String(repeating: "x", count: 5000)
        let transport = HTTPStubTransport { _ in HTTPResponse(status: 200, body: Data("<html>\(long)".utf8)) }
        let client = try HTTPTest.client(transport)
        let error = await #expect(throws: JobBridgeError.self) { _ = try await client.get(Listing.self, ["list"]) }
        #expect(error?.code == .badResponse)
        #expect((error?.message.count ?? .max) < 1500)
        #expect(error?.message.hasSuffix("body: an HTML page (5006 bytes)") == true)
    }

    @Test func customCodersAreUsed() async throws {
        struct Payload: Codable, Equatable { var jobName: String }
        let router = SimulatorRouter()
        router.on(.put, "/echo") { request in
            SimulatorResponse(status: 200, headers: ["Content-Type": "application/json"], body: request.body)
        }
        let client = try RESTClient(provider: "P", baseURL: HTTPTest.url("https://h.example.com"), transport: router)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let answer = try await client.send(
            .put, ["echo"], json: Payload(jobName: "nightly"), as: Payload.self, encoder: encoder, decoder: decoder)
        #expect(answer == Payload(jobName: "nightly"))
        let sent = try #require(router.receivedRequests.first)
        #expect(String(decoding: sent.body ?? Data(), as: UTF8.self) == #"{"job_name":"nightly"}"#)
        #expect(sent.headers["Content-Type"] == "application/json")
    }
}

@Suite struct HTTPTypesTests {
    @Test func methodIdempotence() {
        #expect(HTTPMethod.allCases.filter(\.isIdempotent) == [.get, .put, .delete, .head, .options])
        #expect(HTTPRequest(method: .post, url: HTTPTest.base).isIdempotent == false)
        #expect(HTTPRequest(method: .post, url: HTTPTest.base, isIdempotent: true).isIdempotent)
        #expect(HTTPRequest(method: .get, url: HTTPTest.base).isIdempotent)
    }

    @Test func headersAreOrderedAndCaseInsensitive() {
        var headers: HTTPHeaders = ["Accept": "application/json", "X-One": "1"]
        headers.add(name: "x-one", value: "2")
        #expect(headers["ACCEPT"] == "application/json")
        #expect(headers.values(for: "X-ONE") == ["1", "2"])
        headers["x-ONE"] = "3"
        #expect(headers.values(for: "x-one") == ["3"])
        headers["Content-Type"] = "text/plain"
        #expect(headers.map { $0.name } == ["Accept", "X-One", "Content-Type"])
        headers["accept"] = nil
        #expect(!headers.contains("Accept"))
        #expect(headers.count == 2)
        let lower: HTTPHeaders = ["x-one": "3", "content-type": "text/plain"]
        #expect(headers == lower)
        #expect(headers.hashValue == lower.hashValue)
        let reordered: HTTPHeaders = ["content-type": "text/plain", "x-one": "3"]
        #expect(headers != reordered)
    }
}
