import Foundation
import Testing

@testable import JobBridge

/// `RESTClient.decode` reads answers with the JSON reader and the tree decoder when the
/// `JSONDecoder` it is given has the default strategies: the result, and the errors, must
/// be those of `JSONDecoder`.
@Suite struct JSONValueDecoderTests {
    struct Item: Codable, Equatable {
        var id: String
        var count: Int
        var ratio: Double
        var flag: Bool
        var note: String?
        var small: UInt8
        var when: Date
        var blob: Data
        var link: URL
        var tags: [String]
        var nested: [String: [Int]]
        var raw: JSONValue
        var level: Float
    }

    struct Page: Codable, Equatable {
        var items: [Item]
        var next: String?
    }

    func makeClient() throws -> RESTClient {
        try RESTClient(
            provider: "Test", baseURL: try #require(URL(string: "https://api.example.com/v1")),
            transport: UnusedTransport())
    }

    struct UnusedTransport: HTTPTransport {
        func send(_ request: HTTPRequest) async throws -> HTTPResponse { HTTPResponse(status: 500) }
    }

    static let page = #"""
        {"items": [
          {"id": "a", "count": 3, "ratio": 0.5, "flag": true, "note": null, "small": 255, "when": 12.5,
           "blob": "aGVsbG8=", "link": "https://example.com/x?y=1", "tags": ["p", "q"], "nested": {"k": [1, 2.0, 3e0]},
           "raw": {"any": [1, "two", null, {"x": false}]}, "level": 1.25, "unknown": "kept in raw only"},
          {"id": "b", "count": 1.0, "ratio": 2, "flag": false, "small": 0, "when": -1, "blob": "", "link": "/rel",
           "tags": [], "nested": {}, "raw": 7, "level": 0}
        ]}
        """#

    @Test func decodesAsJSONDecoderDoes() throws {
        #expect(RESTClient.readsWithJSONReader(JSONDecoder()))
        let response = HTTPResponse(status: 200, body: Data(Self.page.utf8))
        let ours = try makeClient().decode(Page.self, from: response)
        let reference = try JSONDecoder().decode(Page.self, from: response.body)
        #expect(ours == reference)
        #expect(ours.items[0].raw == ["any": [1, "two", nil, ["x": false]]])
    }

    @Test func usesJSONDecoderWhenAStrategyIsSet() {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(!RESTClient.readsWithJSONReader(decoder))
        let dates = JSONDecoder()
        dates.dateDecodingStrategy = .iso8601
        #expect(!RESTClient.readsWithJSONReader(dates))
    }

    @Test(arguments: [
        (#"{"items": [{"id": 5}]}"#, "items[0].id"),
        (#"{"items": [{"id": "a", "count": 1.5}]}"#, "items[0].count"),
        (#"{"items": [{"id": "a", "count": 1, "ratio": 1, "flag": true, "small": 300}]}"#, "items[0].small"),
        (#"{"items": {}}"#, "items"),
        (#"{"items": [null]}"#, "items[0]"),
    ])
    func failsWhereJSONDecoderFails(body: String, path: String) throws {
        let response = HTTPResponse(status: 200, body: Data(body.utf8))
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Page.self, from: response.body) }
        do {
            _ = try makeClient().decode(Page.self, from: response)
            Issue.record("decoded \(body)")
        } catch let error as JobBridgeError {
            #expect(error.code == .badResponse)
            #expect(error.field == path || error.field?.hasPrefix(path) == true, "\(error.message)")
        }
    }

    @Test func namesTheByteWhereAnAnswerIsNotJSON() throws {
        let response = HTTPResponse(status: 200, body: Data(#"{"items": [1 2]}"#.utf8))
        do {
            _ = try makeClient().decode(Page.self, from: response)
            Issue.record("decoded a broken answer")
        } catch let error as JobBridgeError {
            #expect(error.code == .badResponse)
            #expect(error.message.contains("not valid JSON") && error.message.contains("byte 13"), "\(error.message)")
            #expect(error.message.components(separatedBy: "body:").count == 2, "\(error.message)")
        }
    }
}
