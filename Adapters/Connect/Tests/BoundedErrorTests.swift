import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// Errors about a provider's answer stay short, whatever the answer holds.
@Suite struct BoundedErrorTests {
    @Test func aHugeCreatedValueIsQuotedShort() async throws {
        let huge = String(repeating: "2", count: 100_000)
        let fixture = FixedAnswer(#"{"id": "j1", "jobType": "Caching", "params": {}, "created": "\#(huge)"}"#)
        let provider = ConnectProvider(client: try fixture.client(), name: "Connect (test)")
        let error = try await #require(throws: JobBridgeError.self) { try await provider.job("j1") }
        #expect(error.code == .badResponse)
        #expect(error.provider == "Connect (test)")
        #expect(error.operation == .getJob)
        #expect(error.message.count <= ErrorText.messageLimit + 10, "\(error.message.count) characters")
        #expect(error.description.count < 1_300)
        // The value is quoted cut to 200 characters; the body snippet after it is bounded too.
        let quoted = try #require(error.message.firstRange(of: "date-time: '").map { error.message[$0.upperBound...] })
        #expect(quoted.prefix { $0 == "2" }.count == ErrorText.quotedValueLimit)
    }

    @Test func anAnswerAboutAnotherJobIsABadResponse() async throws {
        let fixture = FixedAnswer(#"{"id": "other", "jobType": "Caching", "params": {}}"#)
        let error = try await #require(throws: JobBridgeError.self) { try await fixture.client().job("j1") }
        #expect(error.code == .badResponse)
        #expect(error.field == "id")
        #expect(error.message.contains("'j1'"))
        #expect(error.message.contains("'other'"))
    }

    @Test func aWrappedAnswerGivesTheJobAskedFor() async throws {
        let fixture = FixedAnswer(
            #"{"jobs": [{"id": "a", "jobType": "Caching", "params": {}}, {"id": "j1", "jobType": "Caching", "params": {}}]}"#
        )
        #expect(try await fixture.client().job("j1").id == "j1")
        let none = FixedAnswer(#"{"jobs": [{"id": "a", "jobType": "Caching", "params": {}}]}"#)
        let error = try await #require(throws: JobBridgeError.self) { try await none.client().job("j1") }
        #expect(error.code == .badResponse)
    }
}
