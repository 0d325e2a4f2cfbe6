import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct HTTPRedactionTests {
    static let token = "tok-SECRET-123"
    static let connectionString = "Server=db;User=u;Password=hunter2;"
    static let secrets = [token, "hunter2"]

    private static func assertClean(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "secret \(secret) leaked in: \(text)", sourceLocation: sourceLocation)
        }
    }

    private static func dumped(_ value: Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    @Test func credentialsNeverShowTheirSecrets() throws {
        let all: [any Credentials] = [
            BearerTokenCredentials(token: Secret(Self.token)),
            HeaderTokenCredentials(token: Secret(Self.token)),
            HeaderTokenCredentials.preSharedKey(Secret(Self.token)),
            BasicCredentials(user: "u", password: "hunter2"),
            try OAuth2ClientCredentials(
                tokenURL: HTTPTest.url("https://login.example.com/token"), clientID: "id",
                clientSecret: Secret(Self.token), transport: SimulatorRouter()),
        ]
        for credentials in all {
            Self.assertClean(String(describing: credentials))
            Self.assertClean(String(reflecting: credentials))
            Self.assertClean("\(credentials)")
            Self.assertClean(Self.dumped(credentials))
        }
        for credentials in all {
            let client = try HTTPTest.client(SimulatorRouter(), credentials: credentials)
            Self.assertClean(String(reflecting: client))
            Self.assertClean(Self.dumped(client))
        }
        let accessToken = AccessToken(token: Secret(Self.token), expiresAt: nil)
        Self.assertClean(String(reflecting: accessToken))
        Self.assertClean(Self.dumped(accessToken))
    }

    @Test func observersAndErrorsSeeNoSecrets() async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        router.on(.post, "/connections") { request in
            let echoed = String(decoding: request.body, as: UTF8.self)
            return .json(
                400,
                [
                    "error": [
                        "code": "BAD_CONNECTION", "message": .string("cannot open \(Self.connectionString)"),
                    ],
                    "echo": .string(echoed), "access_token": .string(Self.token),
                ],
                headers: ["Set-Cookie": "session=\(Self.token)", "X-Request-Id": "42"])
        }
        let recorder = HTTPEventRecorder()
        let client = try HTTPTest.client(
            router, credentials: BearerTokenCredentials(token: Secret(Self.token)), observers: [recorder])
        let body = try JSONValue.object(["connectionString": .string(Self.connectionString), "name": "x"]).data()
        let error = await #expect(throws: JobBridgeError.self) {
            try await client.send(
                .post, ["connections"], query: [URLQueryItem(name: "access_token", value: Self.token)], body: body,
                headers: ["x-cdata-authtoken": Self.token, "Content-Type": "application/json"],
                operation: .createJob)
        }
        let failure = try #require(error)
        #expect(failure.code == .invalidRequest)
        #expect(failure.providerCode == "BAD_CONNECTION")
        Self.assertClean(String(describing: failure))
        Self.assertClean(String(reflecting: failure))
        Self.assertClean(failure.localizedDescription)
        #expect(recorder.events.count == 2)
        Self.assertClean(recorder.allText)
        let sent = try #require(recorder.events.first?.request)
        #expect(sent.headers["Authorization"] == Redactor.placeholder)
        #expect(sent.headers["x-cdata-authtoken"] == Redactor.placeholder)
        #expect(sent.headers["Content-Type"] == "application/json")
        #expect(sent.url.contains("access_token=\(Redactor.placeholder)"))
        #expect(sent.body?.contains("\"name\":\"x\"") == true)
        if case .responseReceived(_, let response)? = recorder.events.last {
            #expect(response.headers["Set-Cookie"] == Redactor.placeholder)
            #expect(response.headers["X-Request-Id"] == "42")
        } else {
            Issue.record("expected a response event")
        }
        // What actually went on the wire carried the real values.
        let wire = try #require(router.receivedRequests.first)
        #expect(wire.headers["Authorization"] == "Bearer \(Self.token)")
    }

    @Test func observedBodiesAreTruncated() async throws {
        let router = SimulatorRouter()
        let large = String(repeating: "abcdefgh", count: 1000)
        router.on(.get, "/big") { _ in .json(200, ["data": .string(large)]) }
        let recorder = HTTPEventRecorder()
        let client = try RESTClient(
            provider: "P", baseURL: HTTPTest.url("https://h.example.com"), transport: router, observers: [recorder])
        _ = try await client.send(.get, ["big"])
        guard case .responseReceived(_, let response)? = recorder.events.last else {
            Issue.record("expected a response event")
            return
        }
        #expect(response.body.count < 2100)
        #expect(response.body.hasSuffix("(truncated)"))
    }

    @Test func transportFailureEventsAreClean() async throws {
        let transport = HTTPStubTransport { _ in throw URLError(.timedOut) }
        let recorder = HTTPEventRecorder()
        let client = try HTTPTest.client(
            transport, credentials: HeaderTokenCredentials(token: Secret(Self.token)), retry: .never,
            observers: [recorder])
        let error = await #expect(throws: JobBridgeError.self) {
            try await client.send(.get, ["jobs"], query: [URLQueryItem(name: "token", value: Self.token)])
        }
        #expect(error?.code == .transport)
        Self.assertClean(error.map { String(describing: $0) } ?? "")
        Self.assertClean(recorder.allText)
    }

    @Test func decodingErrorsRedactTheBody() async throws {
        struct Connection: Decodable { var id: Int }
        let router = SimulatorRouter()
        router.on(.get, "/c") { _ in
            .json(200, ["id": "not a number", "connectionString": .string(Self.connectionString)])
        }
        let client = try RESTClient(provider: "P", baseURL: HTTPTest.url("https://h.example.com"), transport: router)
        let error = await #expect(throws: JobBridgeError.self) { _ = try await client.get(Connection.self, ["c"]) }
        #expect(error?.code == .badResponse)
        Self.assertClean(error.map { String(describing: $0) } ?? "")
    }
}
