import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// Error bodies: RFC 9457 problem details and the CData envelope are read by default; an
/// adapter can give the client its own decoder; the simulator router's own errors take the
/// configured form.
@Suite struct ErrorBodyTests {
    static let base = URL(string: "https://airflow.example.com/api/v1") ?? URL(fileURLWithPath: "/")

    static func error(status: Int = 404, body: String, decoder: ErrorBodyDecoder? = nil) throws -> JobBridgeError {
        var client = try RESTClient(provider: "P", baseURL: base, transport: SimulatorRouter(), clock: SimulatedClock())
        if let decoder { client.errorBodyDecoder = decoder }
        return client.error(for: HTTPResponse(status: status, body: Data(body.utf8)), operation: .getJob)
    }

    @Test func problemDetailsGiveTheCodeAndMessage() throws {
        let error = try Self.error(
            body: #"""
                {"type": "https://airflow.apache.org/docs/stable-rest-api-ref.html#section/Errors/NotFound",
                 "title": "DAG not found", "status": 404, "detail": "DAG with dag_id: 'x' not found",
                 "instance": "/api/v1/dags/x"}
                """#)
        #expect(error.code == .notFound)
        #expect(
            error.providerCode == "https://airflow.apache.org/docs/stable-rest-api-ref.html#section/Errors/NotFound")
        #expect(error.message == "DAG not found: DAG with dag_id: 'x' not found (/api/v1/dags/x)")
    }

    @Test func anAboutBlankProblemIsCodedByItsTitle() throws {
        let error = try Self.error(
            status: 400, body: #"{"type": "about:blank", "title": "Bad Request", "status": 400}"#)
        #expect(error.providerCode == "Bad Request")
        #expect(error.message == "Bad Request")
    }

    @Test func theCDataEnvelopeStillWins() throws {
        let error = try Self.error(body: #"{"error": {"code": "NOT_FOUND", "message": "no job"}, "title": "x"}"#)
        #expect(error.providerCode == "NOT_FOUND")
        #expect(error.message == "no job")
    }

    @Test func aProblemWithoutTitleOrDetailIsShownAsTheBody() throws {
        let error = try Self.error(body: #"{"type": "urn:x", "status": 404}"#)
        #expect(error.providerCode == nil)
        #expect(error.message.hasPrefix("unexpected answer: "))
    }

    @Test func anAdaptersOwnDecoderIsUsed() throws {
        let decoder = ErrorBodyDecoder { body in
            guard let value = try? JSONValue(data: body), let fault = value["fault"]?.stringValue else {
                return ErrorBodyDecoder.standard.decode(body)
            }
            return ProviderErrorBody(code: "FAULT", message: fault)
        }
        let error = try Self.error(body: #"{"fault": "the DAG is locked"}"#, decoder: decoder)
        #expect(error.providerCode == "FAULT")
        #expect(error.message == "the DAG is locked")
        let fallback = try Self.error(body: #"{"title": "Gone", "detail": "moved"}"#, decoder: decoder)
        #expect(fallback.message == "Gone: moved")
    }

    @Test func aSecretInAProblemIsRedacted() throws {
        let error = try Self.error(status: 400, body: #"{"title": "Bad", "detail": "Password=hunter2 refused"}"#)
        #expect(!error.message.contains("hunter2"))
    }

    @Test func theRoutersOwnErrorsTakeTheConfiguredForm() async throws {
        let router = SimulatorRouter(basePath: "/api/v1", errorBody: .problemDetails(typeBase: "urn:errors:"))
        router.on(.get, "/dags") { _ in .json(200, [:]) }
        let url = Self.base.appendingPathComponent("nope")
        let missing = try await router.send(HTTPRequest(method: .get, url: url))
        #expect(missing.status == 404)
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        #expect(
            try JSONValue(data: missing.body)
                == ["type": "urn:errors:NOT_FOUND", "title": "NOT_FOUND", "status": 404, "detail": "no such resource"])
        let wrong = try await router.send(HTTPRequest(method: .post, url: Self.base.appendingPathComponent("dags")))
        #expect(wrong.status == 405)
        #expect(try JSONValue(data: wrong.body)["title"] == "METHOD_NOT_ALLOWED")
        let envelope = try await SimulatorRouter(basePath: "/api/v1").send(HTTPRequest(method: .get, url: url))
        #expect(try JSONValue(data: envelope.body) == ["error": ["code": "NOT_FOUND", "message": "no such resource"]])
    }
}
