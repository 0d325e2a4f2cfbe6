import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// `PagedSequence.linkPaged`: next links are resolved against the client and checked
/// before they are followed.
@Suite struct LinkPagingTests {
    static let base = URL(string: "https://jobs.example.com/api/v2") ?? URL(fileURLWithPath: "/")

    static func client() throws -> RESTClient {
        try RESTClient(provider: "Links", baseURL: base, transport: SimulatorRouter(), clock: SimulatedClock())
    }

    @Test func linksAreResolvedAndFollowedToTheLastPage() async throws {
        let client = try Self.client()
        let seen = Box()
        let listing = PagedSequence<String>.linkPaged(client: client) { url in
            seen.append(url?.absoluteString ?? "first")
            switch url?.query {
            case nil: return LinkedPage(["a", "b"], nextLink: "items?page=2")
            case "page=2"?: return LinkedPage(["c"], nextLink: "/api/v2/items?page=3")
            default: return LinkedPage(["d"], nextLink: "  ")
            }
        }
        #expect(try await listing.collect() == ["a", "b", "c", "d"])
        #expect(
            seen.values == [
                "first", "https://jobs.example.com/api/v2/items?page=2", "https://jobs.example.com/api/v2/items?page=3",
            ])
    }

    @Test func aLinkToAnotherOriginOrOutOfTheAPIIsNeverFollowed() async throws {
        let client = try Self.client()
        for link in ["https://evil.example.com/api/v2/items", "../../admin", "/admin/items"] {
            let seen = Box()
            let listing = PagedSequence<String>.linkPaged(client: client, field: "@odata.nextLink") { url in
                seen.append(url?.absoluteString ?? "first")
                return LinkedPage(["a"], nextLink: link)
            }
            do {
                _ = try await listing.collect()
                Issue.record("followed \(link)")
            } catch let error as JobBridgeError {
                #expect(error.code == .badResponse)
                #expect(error.field == "@odata.nextLink")
            }
            #expect(seen.values == ["first"], "\(link)")
        }
    }

    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var values: [String] { lock.withLock { stored } }
        func append(_ value: String) { lock.withLock { stored.append(value) } }
    }
}
