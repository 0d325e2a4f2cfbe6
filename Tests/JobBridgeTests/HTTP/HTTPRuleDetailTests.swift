import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// Details of the HTTP rules that no other test pinned: base URLs, path segments, which
/// requests are retried and how long a client waits. Found by mutation testing (#15).
@Suite struct HTTPRuleDetailTests {
    static func url(_ text: String) throws -> URL { try #require(URL(string: text)) }

    @Test(arguments: [
        "https://admin@sync.example.com/api.rsc/v2", "https://admin:pw@sync.example.com/api.rsc/v2",
        "https://sync.example.com/api.rsc/v2?token=1", "http://sync.example.com/api.rsc/v2", "ftp://sync.example.com",
    ])
    func baseURLsThatAreRefused(_ text: String) throws {
        let error = #expect(throws: JobBridgeError.self) { try URLBuilder.validateBaseURL(try Self.url(text)) }
        #expect(error?.code == .configuration)
        #expect(error?.field == "baseURL")
    }

    @Test(arguments: ["https://sync.example.com/api.rsc/v2", "http://127.0.0.1:8181/api", "http://localhost:8181"])
    func baseURLsThatAreAccepted(_ text: String) throws {
        try URLBuilder.validateBaseURL(try Self.url(text))
    }

    @Test(arguments: ["", ".", ".."])
    func pathSegmentsThatAreRefused(_ segment: String) throws {
        let error = #expect(throws: JobBridgeError.self) {
            try URLBuilder.url(base: try Self.url("https://x.example.com/api"), segments: ["jobs", segment])
        }
        #expect(error?.field == "path[1]")
    }

    @Test func segmentsAndQueriesAreEncoded() throws {
        let url = try URLBuilder.url(
            base: try Self.url("https://x.example.com/api/"), segments: ["jobs", "a/b c", "..x"],
            query: [URLQueryItem(name: "$filter", value: "name eq 'a&b'"), URLQueryItem(name: "flag", value: nil)])
        #expect(
            url.absoluteString == "https://x.example.com/api/jobs/a%2Fb%20c/..x?%24filter=name%20eq%20%27a%26b%27&flag")
    }

    @Test func aJSONBodyIsSentWithItsContentType() async throws {
        let seen = SeenRequests()
        let transport = HTTPStubTransport { request in
            seen.append(request)
            return HTTPResponse(status: 200, body: Data("{}".utf8))
        }
        let client = try HTTPTest.client(transport, retry: .never)
        try await client.send(.post, ["jobs"], json: ["name": "a"])
        let request = try #require(seen.all.first)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.headers["Accept"] == "application/json")
    }

    @Test(arguments: [301, 302, 304, 307])
    func aRedirectIsNotASuccess(_ status: Int) async throws {
        #expect(!HTTPResponse(status: status).isSuccess)
        let transport = HTTPStubTransport { _ in HTTPResponse(status: status, headers: ["Location": "/elsewhere"]) }
        let client = try HTTPTest.client(transport, retry: .never)
        await #expect(throws: JobBridgeError.self) { try await client.send(.get, ["jobs"]) }
    }

    @Test func aNegativeRetryAfterIsIgnored() {
        #expect(RetryPolicy.parseRetryAfter("-5", now: Date(timeIntervalSince1970: 0)) == nil)
        #expect(RetryPolicy.parseRetryAfter("5", now: Date(timeIntervalSince1970: 0)) == .seconds(5))
    }
}

/// Requests a stub transport saw.
private final class SeenRequests: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var requests: [HTTPRequest] = []

    func append(_ request: HTTPRequest) { lock.withLock { requests.append(request) } }

    var all: [HTTPRequest] { lock.withLock { requests } }
}
