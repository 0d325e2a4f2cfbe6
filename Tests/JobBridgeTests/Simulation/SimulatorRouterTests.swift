import Foundation
import JobBridgeTesting
import Testing

@testable import JobBridge

@Suite struct SimulatorRouterTests {
    private static let base = HTTPTest.url("https://sync.example.com/api.rsc/v2")

    private static func request(_ method: HTTPMethod, _ path: String, body: Data? = nil) -> HTTPRequest {
        HTTPRequest(method: method, url: HTTPTest.url("https://sync.example.com" + path), body: body)
    }

    @Test func matchesParametersPercentDecoded() async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        let seen = HTTPTestBox<[String: String]>([:])
        router.on(.get, "/jobs/:jobID/tasks/:taskID") { request in
            seen.value = request.params
            return .json(200, ["job": .string(request.param("jobID"))])
        }
        let url = try URLBuilder.url(base: Self.base, segments: ["jobs", "a/b ../é", "tasks", "%41"])
        let response = try await router.send(HTTPRequest(method: .get, url: url))
        #expect(response.status == 200)
        #expect(seen.value == ["jobID": "a/b ../é", "taskID": "%41"])
        #expect(try JSONValue(data: response.body)["job"] == "a/b ../é")
    }

    @Test func unknownPathIs404WithEnvelope() async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        router.on(.get, "/jobs") { _ in .json(200, []) }
        for path in ["/api.rsc/v2/nothing", "/api.rsc/v2/jobs/1/extra", "/other/jobs"] {
            let response = try await router.send(Self.request(.get, path))
            #expect(response.status == 404)
            #expect(try JSONValue(data: response.body)["error"]?["code"] == "NOT_FOUND")
        }
    }

    @Test func wrongMethodIs405() async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        router.on(.get, "/jobs/:id") { _ in .json(200, [:]) }
        let response = try await router.send(Self.request(.delete, "/api.rsc/v2/jobs/1"))
        #expect(response.status == 405)
        #expect(try JSONValue(data: response.body)["error"]?["code"] == "METHOD_NOT_ALLOWED")
    }

    @Test func literalRouteWinsOverParameter() async throws {
        let router = SimulatorRouter()
        router.on(.get, "/jobs/:id") { _ in .json(200, "param") }
        router.on(.get, "/jobs/search") { _ in .json(200, "literal") }
        let literal = try await router.send(Self.request(.get, "/jobs/search"))
        #expect(try JSONValue(data: literal.body) == "literal")
        let param = try await router.send(Self.request(.get, "/jobs/7"))
        #expect(try JSONValue(data: param.body) == "param")
    }

    @Test func handlerSeesQueryHeadersAndJSONBody() async throws {
        let router = SimulatorRouter(basePath: "/api.rsc/v2")
        let captured = HTTPTestBox<JSONValue>(.null)
        router.on(.post, "/jobs") { request in
            captured.value = [
                "filter": .string(request.queryValue("filter") ?? ""),
                "header": .string(request.headers["x-test"] ?? ""),
                "body": try request.json(),
            ]
            return .empty(201)
        }
        let client = try RESTClient(provider: "Sim", baseURL: Self.base, transport: router)
        let response = try await client.send(
            .post, ["jobs"], json: ["name": "nightly"] as JSONValue,
            query: [URLQueryItem(name: "filter", value: "a+b&c")],
            headers: ["X-Test": "yes"])
        #expect(response.status == 201)
        #expect(captured.value == ["filter": "a+b&c", "header": "yes", "body": ["name": "nightly"]])
        #expect(router.count(.post, "/jobs") == 1)
        #expect(router.count(.get, "/jobs") == 0)
    }

    @Test func throwingHandlerIs500() async throws {
        struct Boom: Error {}
        let router = SimulatorRouter()
        router.on(.get, "/x") { _ in throw Boom() }
        let response = try await router.send(Self.request(.get, "/x"))
        #expect(response.status == 500)
    }

    @Test func responseConveniences() throws {
        let error = SimulatorResponse.error(409, code: "JOB_RUNNING", message: "busy")
        #expect(error.status == 409)
        #expect(try JSONValue(data: error.body) == ["error": ["code": "JOB_RUNNING", "message": "busy"]])
        #expect(error.headers["content-type"] == "application/json")
        #expect(SimulatorResponse.empty().status == 204)
        #expect(SimulatorResponse.empty().body.isEmpty)
    }
}
