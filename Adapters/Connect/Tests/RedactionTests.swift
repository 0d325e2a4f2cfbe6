import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// The cache connection's password and the hosted pages' tokens never show: not in a
/// description, a dump, an error, or what observers see.
@Suite struct RedactionTests {
    static let planted = "Planted-P4ssw0rd-7731"

    static func connectionString() throws -> ConnectCacheConnectionString {
        try ConnectCacheConnectionString(
            server: "cache.example.com", user: "cache_user", password: Secret(planted), database: "cache")
    }

    @Test func theConnectionStringNeverDescribesItself() throws {
        let string = try Self.connectionString()
        #expect(string.value.revealed.contains(Self.planted))
        var dumped = ""
        dump(string, to: &dumped)
        for text in ["\(string)", String(describing: string), String(reflecting: string), dumped] {
            #expect(!text.contains(Self.planted), "\(text)")
        }
    }

    @Test func thePasswordStaysHiddenThroughTheWholeRequest() async throws {
        let simulator = ConnectSimulator()
        let observer = RecordingObserver()
        let client = try TestSupport.client(simulator, observers: [observer])
        let connection = try await client.setCacheConnection(try Self.connectionString())
        // The simulator echoes the password, as the provider's sample does.
        #expect(connection.connectionString?.revealed.contains(Self.planted) == true)
        var dumped = ""
        dump(connection, to: &dumped)
        for text in ["\(connection)", String(reflecting: connection), dumped, observer.transcript] {
            #expect(!text.contains(Self.planted), "\(text)")
        }
        #expect(observer.transcript.contains("/job/cacheConnection"))
        let sent = try #require(simulator.router.receivedRequests.last?.body)
        #expect(String(decoding: sent, as: UTF8.self).contains(Self.planted))
    }

    @Test func aRefusedConnectionStringIsNotInTheError() async throws {
        let simulator = ConnectSimulator()
        let observer = RecordingObserver()
        let client = try TestSupport.client(simulator, observers: [observer])
        // No server part: the simulator refuses it with 400.
        let string = ConnectCacheConnectionString(Secret("Port=5432;User=u;Password=\(Self.planted);Database=d"))
        let error = try await #require(throws: JobBridgeError.self) { try await client.setCacheConnection(string) }
        #expect(error.code == .invalidRequest)
        #expect(!"\(error)".contains(Self.planted))
        #expect(!observer.transcript.contains(Self.planted))
    }

    @Test func anErrorEchoingTheConnectionStringIsRedacted() async throws {
        let echo = FixedAnswer(
            #"{"error":{"code":"CONNECTION_TEST_FAILED","message":"could not connect with Server=db;Password=\#(Self.planted);"}}"#,
            status: 400)
        let observer = RecordingObserver()
        let client = try ConnectClient(transport: echo, observers: [observer]) { AccessToken(token: "t") }
        let error = try await #require(throws: JobBridgeError.self) {
            try await client.setCacheConnection(try Self.connectionString())
        }
        #expect(error.providerCode == "CONNECTION_TEST_FAILED")
        #expect(!"\(error)".contains(Self.planted))
        #expect(!observer.transcript.contains(Self.planted))
    }

    @Test func hostedPageTokensAreRedactedInDescriptions() async throws {
        let simulator = ConnectSimulator()
        let observer = RecordingObserver()
        let client = try TestSupport.client(simulator, observers: [observer])
        let links = [
            try await client.jobsPageLink(),
            try await client.createConnectionLink(
                ConnectEmbedCreateConnectionRequest(redirectURL: "https://app.example/back")),
            try await client.cacheConnectionFormLink(
                ConnectCacheConnectionFormRequest(redirectURL: "https://app.example/back")),
        ]
        for link in links {
            let token = try #require(
                URLComponents(url: link.url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "token" }?
                    .value)
            var dumped = ""
            dump(link, to: &dumped)
            for text in ["\(link)", dumped, observer.transcript] {
                #expect(!text.contains(token), "\(text)")
            }
            #expect("\(link)".contains("token=<redacted>"))
        }
    }

    @Test func theBearerTokenIsNeverObserved() async throws {
        let simulator = ConnectSimulator()
        let observer = RecordingObserver()
        _ = try await TestSupport.client(simulator, observers: [observer]).jobs()
        #expect(!observer.transcript.contains(ConnectSimulator.defaultToken))
        #expect(
            simulator.router.receivedRequests.first?.headers["Authorization"]
                == "Bearer \(ConnectSimulator.defaultToken)")
    }
}
