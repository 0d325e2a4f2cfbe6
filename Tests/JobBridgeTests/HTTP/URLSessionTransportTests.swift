import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the stub protocol answers for one host: a response, or an error.
enum StubAnswer: Sendable {
    case response(status: Int, headers: [String: String], body: Data)
    case failure(URLError.Code)
}

/// What the stub protocol saw.
struct StubSeen: Sendable {
    var method: String?
    var url: URL?
    var headers: [String: String]
    var body: Data?
}

/// Answers for each test host, so that parallel tests do not interfere.
final class StubRegistry: @unchecked Sendable {
    static let shared = StubRegistry()
    private let lock = NSLock()
    private var answers: [String: StubAnswer] = [:]
    private var seen: [String: [StubSeen]] = [:]

    func set(_ answer: StubAnswer, for host: String) { lock.withLock { answers[host] = answer } }
    func answer(for host: String) -> StubAnswer? { lock.withLock { answers[host] } }
    func record(_ request: StubSeen, host: String) { lock.withLock { seen[host, default: []].append(request) } }
    func requests(for host: String) -> [StubSeen] { lock.withLock { seen[host] ?? [] } }
}

/// A URLProtocol that answers from ``StubRegistry`` without any socket.
final class StubURLProtocol: URLProtocol {
    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        let host = request.url?.host ?? ""
        var body = request.httpBody
        if body == nil, let stream = request.httpBodyStream {
            var data = Data()
            stream.open()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while stream.hasBytesAvailable {
                let read = stream.read(&buffer, maxLength: buffer.count)
                if read <= 0 { break }
                data.append(buffer, count: read)
            }
            stream.close()
            body = data
        }
        StubRegistry.shared.record(
            StubSeen(
                method: request.httpMethod, url: request.url, headers: request.allHTTPHeaderFields ?? [:], body: body),
            host: host)
        guard let url = request.url else { return }
        switch StubRegistry.shared.answer(for: host) {
        case .response(let status, let headers, let data)?:
            if let response = HTTPURLResponse(
                url: url, statusCode: status, httpVersion: "HTTP/1.1", headerFields: headers)
            {
                client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
            }
            client?.urlProtocol(self, didLoad: data)
            client?.urlProtocolDidFinishLoading(self)
        case .failure(let code)?:
            client?.urlProtocol(self, didFailWithError: URLError(code))
        case nil:
            client?.urlProtocol(self, didFailWithError: URLError(.cannotFindHost))
        }
    }

    override func stopLoading() {}
}

@Suite struct URLSessionTransportTests {
    private static func transport() -> URLSessionTransport {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [StubURLProtocol.self]
        return URLSessionTransport(session: URLSessionTransport.makeSession(configuration: configuration))
    }

    // swift-corelibs-foundation traps when a URLProtocol reports a redirect, so the
    // refusal is tested at the delegate that decides it (real HTTP answers reach it).
    @Test func redirectsAreNotFollowed() throws {
        let url = HTTPTest.url("https://redirect.stub.example/api/jobs")
        let response = try #require(
            HTTPURLResponse(url: url, statusCode: 302, httpVersion: "HTTP/1.1", headerFields: ["Location": "http://x"]))
        let task = URLSessionTransport.defaultSession.dataTask(with: url)  // never resumed: no request is made
        let decision = Decision()
        RedirectRefusal().urlSession(
            URLSessionTransport.defaultSession, task: task, willPerformHTTPRedirection: response,
            newRequest: URLRequest(url: HTTPTest.url("http://elsewhere.example/steal")),
            completionHandler: { decision.set($0) })
        #expect(decision.called)
        #expect(decision.request == nil)
        #expect(URLSessionTransport.defaultSession.delegate is RedirectRefusal)
    }

    @Test func sendsRequestAndReadsResponse() async throws {
        let host = "send.stub.example"
        StubRegistry.shared.set(
            .response(
                status: 201, headers: ["Content-Type": "application/json", "X-Id": "7"],
                body: Data(#"{"ok":true}"#.utf8)),
            for: host)
        let request = HTTPRequest(
            method: .post, url: HTTPTest.url("https://\(host)/api/jobs?x=1"),
            headers: ["Content-Type": "application/json", "X-Custom": "yes"], body: Data(#"{"name":"n"}"#.utf8))
        let response = try await Self.transport().send(request)
        #expect(response.status == 201)
        #expect(response.headers["x-id"] == "7")
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.body == Data(#"{"ok":true}"#.utf8))
        let seen = try #require(StubRegistry.shared.requests(for: host).first)
        #expect(seen.method == "POST")
        #expect(seen.url?.absoluteString == "https://\(host)/api/jobs?x=1")
        #expect(seen.headers.first { $0.key.lowercased() == "x-custom" }?.value == "yes")
        #expect(seen.body == Data(#"{"name":"n"}"#.utf8))
    }

    @Test func urlErrorsBecomeTransportErrorsWithoutTheURL() async throws {
        let host = "timeout.stub.example"
        StubRegistry.shared.set(.failure(.timedOut), for: host)
        let request = HTTPRequest(method: .get, url: HTTPTest.url("https://\(host)/jobs?token=tok-SECRET-123"))
        let error = await #expect(throws: JobBridgeError.self) { _ = try await Self.transport().send(request) }
        #expect(error?.code == .transport)
        #expect(error?.isRetryable == true)
        let text = error.map { String(describing: $0) } ?? ""
        #expect(!text.contains("tok-SECRET-123"))
        #expect(!text.contains(host))
        #expect(text.contains("timed out"))
    }

    @Test func worksUnderRESTClient() async throws {
        let host = "client.stub.example"
        StubRegistry.shared.set(
            .response(
                status: 404, headers: [:], body: Data(#"{"error":{"code":"NOT_FOUND","message":"no job"}}"#.utf8)),
            for: host)
        let client = try RESTClient(
            provider: "Stub", baseURL: HTTPTest.url("https://\(host)/v1"), transport: Self.transport(),
            credentials: HeaderTokenCredentials(token: "abc"))
        let error = await #expect(throws: JobBridgeError.self) {
            try await client.send(.get, ["jobs", "a/b"], operation: .getJob)
        }
        #expect(error?.code == .notFound)
        #expect(error?.providerCode == "NOT_FOUND")
        let seen = try #require(StubRegistry.shared.requests(for: host).first)
        #expect(seen.url?.absoluteString == "https://\(host)/v1/jobs/a%2Fb")
        #expect(seen.headers.first { $0.key.lowercased() == "x-cdata-authtoken" }?.value == "abc")
    }

    @Test func mapsURLErrorCodes() {
        let refused = URLSessionTransport.map(URLError(.cannotConnectToHost))
        #expect(refused.code == .transport)
        #expect(refused.outcome == .notSent)
        #expect(refused.cause?.code == URLError.Code.cannotConnectToHost.rawValue)
        for code in [URLError.Code.networkConnectionLost, .unknown] {
            let lost = URLSessionTransport.map(URLError(code))
            #expect(lost.message.hasPrefix("the connection closed before the answer was complete"))
            #expect(lost.outcome == .maybeActed)
        }
        let timedOut = URLSessionTransport.map(URLError(.timedOut))
        #expect(timedOut.message.contains("timed out"))
        #expect(timedOut.outcome == .maybeActed)
        #expect(URLSessionTransport.map(URLError(.cannotFindHost)).outcome == .notSent)
    }
}

/// What a redirect delegate answered.
private final class Decision: @unchecked Sendable {
    private let lock = NSLock()
    private var answer: (called: Bool, request: URLRequest?) = (false, nil)
    func set(_ request: URLRequest?) { lock.withLock { answer = (true, request) } }
    var called: Bool { lock.withLock { answer.called } }
    var request: URLRequest? { lock.withLock { answer.request } }
}
