import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct LinkTests {
    static func client() throws -> RESTClient { try HTTPTest.client(SimulatorRouter()) }

    @Test func linksResolveOnTheProvidersOrigin() throws {
        let client = try Self.client()
        let base = "https://jobs.example.com/api.rsc/v2"
        #expect(try client.url(forLink: base + "/jobs?$skip=2").absoluteString == base + "/jobs?$skip=2")
        #expect(try client.url(forLink: "jobs?page=2").absoluteString == base + "/jobs?page=2")
        #expect(try client.url(forLink: "/api.rsc/v2/jobs").absoluteString == base + "/jobs")
        #expect(try client.url(forLink: "/api.rsc/v2").absoluteString == base)
        #expect(try client.url(forLink: "jobs/a%2Fb?x=..").absoluteString == base + "/jobs/a%2Fb?x=..")
        #expect(try client.url(forLink: "https://JOBS.example.com:443/api.rsc/v2/x").host == "JOBS.example.com")
    }

    @Test(arguments: [
        "https://evil.example/api.rsc/v2/jobs", "http://jobs.example.com/api.rsc/v2/jobs",
        "https://jobs.example.com:8443/jobs", "https://jobs.example.com:8443/api.rsc/v2/jobs",
        "https://user:pw@jobs.example.com/jobs", "//evil.example/jobs", "",
    ])
    func linksElsewhereAreRefused(_ link: String) throws {
        let client = try Self.client()
        #expect {
            _ = try client.url(forLink: link, field: "next")
        } throws: { error in
            let error = error as? JobBridgeError
            return error?.code == .badResponse && error?.field == "next" && error?.message.contains("pw") == false
        }
    }

    @Test func aLinkIsFetchedWithCredentials() async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        router.on(.get, "/jobs") { request in .json(200, ["page": .string(request.queryValue("page") ?? "")]) }
        let client = try HTTPTest.client(router, credentials: HeaderTokenCredentials(token: "s"))
        let answer = try await client.get(JSONValue.self, url: client.url(forLink: "jobs?page=3"), operation: .listJobs)
        #expect(answer == ["page": "3"])
        #expect(router.receivedRequests.first?.headers["x-cdata-authtoken"] == "s")
    }
}
