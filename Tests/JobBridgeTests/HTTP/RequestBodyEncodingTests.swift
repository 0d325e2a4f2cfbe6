import Foundation
import Testing

@testable import JobBridge

/// Request bodies are the same bytes every time: `RESTClient` writes JSON with sorted
/// members and unescaped slashes unless the caller gives its own encoder.
@Suite struct RequestBodyEncodingTests {
    /// A client whose transport keeps every request body and answers `{}`.
    static func recordingClient() throws -> (RESTClient, HTTPTestBox<[Data]>) {
        let bodies = HTTPTestBox<[Data]>([])
        let transport = HTTPStubTransport { request in
            bodies.update { $0.append(request.body ?? Data()) }
            return HTTPResponse(status: 200, headers: [:], body: Data("{}".utf8))
        }
        return (try HTTPTest.client(transport), bodies)
    }

    @Test func theSameBodyIsTheSameBytesEveryTime() async throws {
        let (client, bodies) = try Self.recordingClient()
        // A dictionary's order differs between instances; the bytes must not.
        var members: [String: JSONValue] = [:]
        for index in (0..<40).reversed() { members["member_\(index)"] = .string("s3://bucket/\(index)") }
        for _ in 0..<3 {
            try await client.send(.post, ["jobs"], json: JSONValue.object(members), operation: .createJob)
            try await client.send(.post, ["jobs"], json: Dictionary(uniqueKeysWithValues: members.shuffled()))
        }
        let sent = bodies.update { $0 }
        #expect(sent.count == 6)
        #expect(Set(sent).count == 1)
        let text = String(decoding: try #require(sent.first), as: UTF8.self)
        #expect(text.hasPrefix(#"{"member_0":"s3://bucket/0","member_1":"#))
        #expect(!text.contains(#"\/"#))
    }

    @Test func aCallersEncoderIsUsedAsGiven() async throws {
        let (client, bodies) = try Self.recordingClient()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try await client.send(.post, ["jobs"], json: ["b": 1, "a": 2] as [String: Int], encoder: encoder)
        let text = String(decoding: try #require(bodies.update { $0 }.first), as: UTF8.self)
        #expect(text.contains("\n"))
    }
}
