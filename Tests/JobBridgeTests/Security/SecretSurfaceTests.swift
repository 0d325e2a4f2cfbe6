import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

/// Every shape of secret, planted in every surface of the core that shows text: the
/// redactor itself, an error's message, description and dump, the events an observer
/// receives and the error a client throws (the text in a 500 body, in a response header,
/// in the request's URL query), and a `Secret`.
@Suite struct SecretSurfaceTests {
    @Test(arguments: PlantedSecret.all)
    func noSurfaceShowsThePlantedSecret(_ planted: PlantedSecret) async throws {
        let redacted = Redactor.redact(planted.text)
        expectClean(redacted, planted, surface: "Redactor.redact")
        for kept in planted.keeps {
            #expect(redacted.contains(kept), "\(planted.shape): \"\(kept)\" was lost: \(redacted)")
        }
        #expect(redacted.contains(Redactor.placeholder), "\(planted.shape): nothing replaced in \(redacted)")
        #expect(Redactor.redact(redacted) == redacted, "\(planted.shape): redacting twice changes \(redacted)")

        let error = JobBridgeError(.badResponse, planted.text)
        expectClean(error.message, planted, surface: "JobBridgeError.message")
        expectClean(String(describing: error), planted, surface: "JobBridgeError.description")
        expectClean(String(reflecting: error), planted, surface: "String(reflecting: JobBridgeError)")
        expectClean(dumped(error), planted, surface: "dump(JobBridgeError)")

        let (events, thrown) = try await exchange(planted.text)
        expectClean(events, planted, surface: "HTTPObserver events")
        expectClean(thrown, planted, surface: "RESTClient error")

        let secret = Secret(planted.text)
        expectClean("\(secret) \(String(reflecting: secret)) \(dumped(secret))", planted, surface: "Secret")

        let providerCode = try await providerCodeError(planted.text)
        expectClean(providerCode, planted, surface: "JobBridgeError.providerCode")
    }

    private func expectClean(
        _ text: String, _ planted: PlantedSecret, surface: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for secret in planted.secrets {
            #expect(
                !text.contains(secret), "\(planted.shape): \(secret) leaked in \(surface): \(text)",
                sourceLocation: sourceLocation)
        }
    }

    private func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    /// Sends a request with the text in its URL query to a transport that answers 500 with
    /// the text as its body and in a header; returns what the observer saw and the error.
    private func exchange(_ text: String) async throws -> (events: String, error: String) {
        let transport = HTTPStubTransport { _ in
            HTTPResponse(status: 500, headers: ["X-Detail": text, "Content-Type": "text/plain"], body: Data(text.utf8))
        }
        let recorder = HTTPEventRecorder()
        let client = try HTTPTest.client(transport, retry: .never, observers: [recorder])
        var thrown = ""
        do {
            try await client.send(.get, ["jobs"], query: [URLQueryItem(name: "filter", value: text)])
            Issue.record("a 500 answer was accepted")
        } catch {
            thrown = String(describing: error) + "\n" + String(reflecting: error) + "\n" + dumped(error)
        }
        #expect(recorder.events.count == 2)
        let events = recorder.allText + "\n" + recorder.events.map { dumped($0) }.joined(separator: "\n")
        return (events, thrown)
    }

    /// The description of the error for a 400 whose envelope carries the text as its code.
    private func providerCodeError(_ text: String) async throws -> String {
        let body = try JSONEncoder().encode(["error": ["code": text, "message": "refused"]])
        let client = try HTTPTest.client(
            HTTPStubTransport { _ in HTTPResponse(status: 400, body: body) }, retry: .never)
        do {
            try await client.send(.get, ["jobs"])
        } catch {
            return String(describing: error)
        }
        return ""
    }
}
