import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

/// A next link is followed with credentials: its path must stay under the base URL's path.
@Suite struct LinkPathTests {
    static func client(base: String) throws -> RESTClient {
        try RESTClient(provider: "TestProvider", baseURL: HTTPTest.url(base), transport: SimulatorRouter())
    }

    @Test(arguments: [
        "../../../etc/passwd", "../../etc/passwd", "../v1/jobs", "/etc/passwd", "/api/v2x/jobs", "/api/v2/../../etc",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "%2E%2E/etc", "jobs/%2e%2e/%2e%2e/%2e%2e/etc", "jobs/..%2f..%2f..%2fetc",
        "jobs/..%5c..%5cetc", "./%2e/jobs", "https://h/etc/passwd", "https://h/api/v2/jobs/../../../etc",
    ])
    func aLinkThatLeavesTheBasePathIsRefused(_ link: String) throws {
        let client = try Self.client(base: "https://h/api/v2/")
        let error = #expect(throws: JobBridgeError.self) { _ = try client.url(forLink: link, field: "next") }
        #expect(error?.code == .badResponse)
        #expect(error?.field == "next")
    }

    @Test(arguments: ["https://h/api/v2/", "https://h/api/v2"])
    func linksUnderTheBasePathAreFollowed(_ base: String) throws {
        let client = try Self.client(base: base)
        #expect(try client.url(forLink: "jobs?page=2").absoluteString == "https://h/api/v2/jobs?page=2")
        #expect(try client.url(forLink: "/api/v2/jobs?$skip=50").absoluteString == "https://h/api/v2/jobs?$skip=50")
        #expect(try client.url(forLink: "https://h/api/v2/jobs/j%2F1").absoluteString == "https://h/api/v2/jobs/j%2F1")
        #expect(try client.url(forLink: "/api/%76%32/jobs").path.hasSuffix("/jobs"))  // encoded, same segments
        #expect(try client.url(forLink: "jobs/v1..v2").absoluteString == "https://h/api/v2/jobs/v1..v2")
    }

    @Test func aRootBaseAcceptsAnyPathWithoutDotSegments() throws {
        let client = try Self.client(base: "https://h")
        #expect(try client.url(forLink: "/jobs?page=2").absoluteString == "https://h/jobs?page=2")
        #expect(throws: JobBridgeError.self) { _ = try client.url(forLink: "/jobs/%2e%2e/admin") }
    }
}
