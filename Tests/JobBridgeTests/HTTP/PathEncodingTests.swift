import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct PathEncodingTests {
    @Test(arguments: [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("%", "%25"),
        ("%2e%2e", "%252e%252e"),
        ("a b?c#d", "a%20b%3Fc%23d"),
        ("é", "%C3%A9"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("A-z_0.9~", "A-z_0.9~"),
        ("x+y&z=1;", "x%2By%26z%3D1%3B"),
    ])
    func segmentIsPercentEncoded(segment: String, expected: String) throws {
        #expect(try URLBuilder.encodeSegment(segment) == expected)
        let url = try URLBuilder.url(base: HTTPTest.base, segments: ["jobs", segment])
        #expect(url.absoluteString == "https://jobs.example.com/api.rsc/v2/jobs/" + expected)
    }

    @Test(arguments: ["", ".", ".."])
    func dotAndEmptySegmentsAreRefused(segment: String) async throws {
        let error = #expect(throws: JobBridgeError.self) {
            _ = try URLBuilder.url(base: HTTPTest.base, segments: ["jobs", segment, "tasks"])
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.field == "path[1]")
    }

    @Test func clientRefusesDotDotBeforeSending() async throws {
        let calls = HTTPTestBox(0)
        let transport = HTTPStubTransport { _ in
            calls.update { $0 += 1 }
            return HTTPResponse(status: 200)
        }
        let client = try HTTPTest.client(transport)
        let error = await #expect(throws: JobBridgeError.self) {
            try await client.send(.get, ["jobs", ".."], operation: .getJob)
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.provider == "TestProvider")
        #expect(error?.operation == .getJob)
        #expect(calls.value == 0)
    }

    @Test func queryItemsAreEncoded() throws {
        let url = try URLBuilder.url(
            base: HTTPTest.base, segments: ["jobs"],
            query: [
                URLQueryItem(name: "filter", value: "a+b&c=d"), URLQueryItem(name: "q", value: "x y/z"),
                URLQueryItem(name: "flag", value: nil),
            ])
        #expect(url.absoluteString == "https://jobs.example.com/api.rsc/v2/jobs?filter=a%2Bb%26c%3Dd&q=x%20y%2Fz&flag")
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems
        #expect(items?.first?.value == "a+b&c=d")
    }

    @Test func trailingSlashOfBaseIsNotDoubled() throws {
        let url = try URLBuilder.url(base: HTTPTest.url("https://h.example.com/v1/"), segments: ["a"])
        #expect(url.absoluteString == "https://h.example.com/v1/a")
    }

    @Test func formEncodingEncodesEverythingReserved() {
        #expect(URLBuilder.formEncode([("a", "1 2"), ("b", "x&y=z+")]) == "a=1%202&b=x%26y%3Dz%2B")
    }
}

@Suite struct InsecureHTTPRuleTests {
    @Test(arguments: [
        "https://example.com", "http://localhost", "http://localhost:8080/api", "http://LOCALHOST",
        "http://127.0.0.1:9000", "http://127.1.2.3", "http://[::1]:8080",
    ])
    func accepted(url: String) throws {
        try URLBuilder.validateBaseURL(HTTPTest.url(url))
        _ = try RESTClient(provider: "P", baseURL: HTTPTest.url(url), transport: SimulatorRouter())
    }

    @Test(arguments: [
        "http://example.com", "http://10.0.0.1", "http://128.0.0.1", "http://127.0.0.1.evil.example",
        "http://localhost.evil.example", "ftp://example.com", "file:///etc/passwd", "ws://localhost",
    ])
    func refused(url: String) async throws {
        let error = #expect(throws: JobBridgeError.self) {
            _ = try RESTClient(provider: "P", baseURL: HTTPTest.url(url), transport: SimulatorRouter())
        }
        #expect(error?.code == .configuration)
        #expect(error?.provider == "P")
    }

    @Test func remoteHTTPAllowedWhenOptedIn() throws {
        _ = try RESTClient(
            provider: "P", baseURL: HTTPTest.url("http://example.com/api"), transport: SimulatorRouter(),
            allowsInsecureHTTP: true)
    }

    @Test func otherSchemesRefusedEvenWhenOptedIn() async {
        let error = #expect(throws: JobBridgeError.self) {
            try URLBuilder.validateBaseURL(HTTPTest.url("ftp://example.com"), allowsInsecureHTTP: true)
        }
        #expect(error?.code == .configuration)
    }

    @Test func userInfoInBaseURLRefused() async {
        let error = #expect(throws: JobBridgeError.self) {
            try URLBuilder.validateBaseURL(HTTPTest.url("https://u:hunter2@example.com"))
        }
        #expect(error?.code == .configuration)
        #expect(error.map { !String(describing: $0).contains("hunter2") } ?? false)
    }
}
