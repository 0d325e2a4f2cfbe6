import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct CredentialTests {
    private static func request() -> HTTPRequest {
        HTTPRequest(method: .get, url: HTTPTest.base)
    }

    /// A provider handing out `t1`, `t2`, ... each valid for `lifetime` seconds from `now`.
    private static func tokenProvider(
        calls: HTTPTestBox<Int>, now: HTTPTestBox<Date>, lifetime: TimeInterval? = 100
    ) -> @Sendable () async throws -> AccessToken {
        {
            let number = calls.update { value -> Int in
                value += 1
                return value
            }
            return AccessToken(
                token: Secret("t\(number)"), expiresAt: lifetime.map { now.value.addingTimeInterval($0) })
        }
    }

    @Test func bearerTokenIsCachedAndRenewedBeforeExpiry() async throws {
        let calls = HTTPTestBox(0)
        let now = HTTPTestBox(Date(timeIntervalSince1970: 1_000_000))
        let credentials = BearerTokenCredentials(
            now: { now.value }, provider: Self.tokenProvider(calls: calls, now: now))
        var request = Self.request()
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer t1")
        now.update { $0.addTimeInterval(60) }  // 40 s left: more than the 30 s leeway.
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer t1")
        now.update { $0.addTimeInterval(11) }  // 29 s left: inside the leeway.
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer t2")
        #expect(calls.value == 2)
    }

    @Test func tokenWithoutExpiryIsFetchedOnce() async throws {
        let calls = HTTPTestBox(0)
        let now = HTTPTestBox(Date(timeIntervalSince1970: 0))
        let credentials = BearerTokenCredentials(provider: Self.tokenProvider(calls: calls, now: now, lifetime: nil))
        for _ in 0..<5 {
            var request = Self.request()
            try await credentials.authorize(&request)
        }
        #expect(calls.value == 1)
    }

    /// A router that accepts only `Bearer <accepted>`.
    private static func router(accepting accepted: String) -> SimulatorRouter {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        router.on(.get, "/jobs") { request in
            guard request.headers["authorization"] == "Bearer \(accepted)" else {
                return .error(401, code: "UNAUTHORIZED", message: "token expired")
            }
            return .json(200, ["value": []])
        }
        return router
    }

    @Test func exactlyOneRefreshOnOne401() async throws {
        let calls = HTTPTestBox(0)
        let now = HTTPTestBox(Date(timeIntervalSince1970: 0))
        let credentials = BearerTokenCredentials(
            now: { now.value }, provider: Self.tokenProvider(calls: calls, now: now))
        let router = Self.router(accepting: "t2")
        let response = try await HTTPTest.client(router, credentials: credentials).send(.get, ["jobs"])
        #expect(response.status == 200)
        #expect(calls.value == 2)
        #expect(router.receivedRequests.count == 2)
    }

    @Test func persistent401IsNotRetriedForever() async throws {
        let calls = HTTPTestBox(0)
        let now = HTTPTestBox(Date(timeIntervalSince1970: 0))
        let credentials = BearerTokenCredentials(
            now: { now.value }, provider: Self.tokenProvider(calls: calls, now: now))
        let router = Self.router(accepting: "never")
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router, credentials: credentials).send(.get, ["jobs"], operation: .listJobs)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.providerCode == "UNAUTHORIZED")
        #expect(calls.value == 2)
        #expect(router.receivedRequests.count == 2)
    }

    @Test func concurrentWaitersShareOneRefresh() async throws {
        let calls = HTTPTestBox(0)
        let gate = HTTPTestGate()
        let credentials = BearerTokenCredentials {
            calls.update { $0 += 1 }
            await gate.wait()
            return AccessToken(token: "shared-token", expiresAt: nil)
        }
        let waiters = 25
        let headers = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<waiters {
                group.addTask {
                    var request = Self.request()
                    try await credentials.authorize(&request)
                    return request.headers["Authorization"]
                }
            }
            // Open the gate only once every waiter is waiting on the one renewal.
            while await credentials.cache.waiting < waiters { await Task.yield() }
            await gate.open()
            var all: [String?] = []
            for try await header in group { all.append(header) }
            return all
        }
        #expect(calls.value == 1)
        #expect(await credentials.cache.fetches == 1)
        #expect(headers.count == waiters)
        #expect(headers.allSatisfy { $0 == "Bearer shared-token" })
    }

    @Test func concurrent401sShareOneRefresh() async throws {
        let calls = HTTPTestBox(0)
        let now = HTTPTestBox(Date(timeIntervalSince1970: 0))
        let credentials = BearerTokenCredentials(
            now: { now.value }, provider: Self.tokenProvider(calls: calls, now: now))
        let router = Self.router(accepting: "t2")
        let client = try HTTPTest.client(router, credentials: credentials)
        var warm = Self.request()
        try await credentials.authorize(&warm)  // Everyone starts with t1.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<10 { group.addTask { try await client.send(.get, ["jobs"]).status } }
            for try await status in group { #expect(status == 200) }
        }
        #expect(calls.value == 2)
    }

    @Test func failingProviderBecomesUnauthorizedError() async throws {
        struct Boom: Error {}
        let credentials = BearerTokenCredentials { throw Boom() }
        let error = await #expect(throws: JobBridgeError.self) {
            var request = Self.request()
            try await credentials.authorize(&request)
        }
        #expect(error?.code == .unauthorized)
    }

    @Test func staticCredentialsSetTheirHeaders() async throws {
        var request = Self.request()
        try await HeaderTokenCredentials(token: "sync-token").authorize(&request)
        #expect(request.headers["x-cdata-authtoken"] == "sync-token")
        try await HeaderTokenCredentials.preSharedKey("psk-value").authorize(&request)
        #expect(request.headers["Authorization-PSK"] == "psk-value")
        try await BasicCredentials(user: "alice", password: "open sesame").authorize(&request)
        #expect(request.headers["Authorization"] == "Basic YWxpY2U6b3BlbiBzZXNhbWU=")
        #expect(try await BasicCredentials(user: "a", password: "b").refreshAfterUnauthorized(request) == false)
    }

    @Test func staticCredentials401IsFinal() async throws {
        let router = Self.router(accepting: "x")
        let error = await #expect(throws: JobBridgeError.self) {
            try await HTTPTest.client(router, credentials: HeaderTokenCredentials(token: "bad")).send(.get, ["jobs"])
        }
        #expect(error?.code == .unauthorized)
        #expect(router.receivedRequests.count == 1)
    }
}

@Suite struct OAuthClientCredentialTests {
    private static let tokenURL = HTTPTest.url("https://login.example.com/oauth2/token")

    /// A token endpoint that records requests and answers `token-<n>` valid for `expiresIn` seconds.
    private static func endpoint(
        requests: HTTPTestBox<[HTTPRequest]>, expiresIn: Int = 3600, status: Int = 200
    ) -> HTTPStubTransport {
        HTTPStubTransport { request in
            let number = requests.update { value -> Int in
                value.append(request)
                return value.count
            }
            guard status == 200 else {
                let body = #"{"error":{"code":"invalid_client","message":"bad client_secret=s3cr3t!"}}"#
                return HTTPResponse(status: status, body: Data(body.utf8))
            }
            let body = #"{"access_token":"token-\#(number)","expires_in":\#(expiresIn),"token_type":"Bearer"}"#
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        }
    }

    @Test func formBodyIsExact() async throws {
        let requests = HTTPTestBox<[HTTPRequest]>([])
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "my client", clientSecret: "s&cret+=/", scope: "jobs.read jobs.write",
            transport: Self.endpoint(requests: requests))
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer token-1")
        let sent = try #require(requests.value.first)
        #expect(sent.method == .post)
        #expect(sent.url == Self.tokenURL)
        #expect(sent.headers["content-type"] == "application/x-www-form-urlencoded")
        let body = String(decoding: sent.body ?? Data(), as: UTF8.self)
        #expect(
            body
                == "grant_type=client_credentials&scope=jobs.read%20jobs.write&client_id=my%20client&client_secret=s%26cret%2B%3D%2F"
        )
    }

    @Test func noScopeMeansNoScopeField() async throws {
        let requests = HTTPTestBox<[HTTPRequest]>([])
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "id", clientSecret: "secret",
            transport: Self.endpoint(requests: requests))
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        try await credentials.authorize(&request)
        let body = String(decoding: requests.value.first?.body ?? Data(), as: UTF8.self)
        #expect(body == "grant_type=client_credentials&client_id=id&client_secret=secret")
    }

    @Test func tokenIsCachedUntilShortlyBeforeExpiry() async throws {
        let requests = HTTPTestBox<[HTTPRequest]>([])
        let now = HTTPTestBox(Date(timeIntervalSince1970: 2_000_000))
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "id", clientSecret: "secret",
            transport: Self.endpoint(requests: requests),
            now: { now.value })
        var request = HTTPRequest(method: .get, url: HTTPTest.base)
        for _ in 0..<3 { try await credentials.authorize(&request) }
        #expect(requests.value.count == 1)
        now.update { $0.addTimeInterval(3569) }  // 31 s left.
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer token-1")
        now.update { $0.addTimeInterval(2) }  // 29 s left.
        try await credentials.authorize(&request)
        #expect(request.headers["Authorization"] == "Bearer token-2")
        #expect(requests.value.count == 2)
    }

    @Test func refusedClientCredentialsGiveUnauthorizedWithoutSecret() async throws {
        let requests = HTTPTestBox<[HTTPRequest]>([])
        let credentials = try OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "id", clientSecret: "s3cr3t!",
            transport: Self.endpoint(requests: requests, status: 401))
        let error = await #expect(throws: JobBridgeError.self) {
            var request = HTTPRequest(method: .get, url: HTTPTest.base)
            try await credentials.authorize(&request)
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.providerCode == "invalid_client")
        #expect(error.map { !String(describing: $0).contains("s3cr3t!") } ?? false)
    }

    @Test func insecureTokenURLIsRefused() async {
        let error = #expect(throws: JobBridgeError.self) {
            _ = try OAuth2ClientCredentials(
                tokenURL: HTTPTest.url("http://login.example.com/token"), clientID: "id", clientSecret: "s",
                transport: SimulatorRouter())
        }
        #expect(error?.code == .configuration)
    }
}
