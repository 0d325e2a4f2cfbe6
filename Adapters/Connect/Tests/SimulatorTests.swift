import Foundation
import JobBridge
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// The simulator on its own, spoken to in raw JSON as the documents write it.
@Suite struct SimulatorTests {
    static func send(
        _ simulator: ConnectSimulator, _ method: HTTPMethod, _ path: String, body: String? = nil,
        token: String = ConnectSimulator.defaultToken
    ) async throws -> (Int, JSONValue?) {
        let url = try #require(URL(string: "https://cloud.cdata.com/api" + path))
        let request = HTTPRequest(
            method: method, url: url, headers: ["Authorization": "Bearer \(token)"], body: body.map { Data($0.utf8) })
        let response = try await simulator.send(request)
        return (response.status, response.body.isEmpty ? nil : try JSONValue(data: response.body))
    }

    @Test func theDocumentsCreateExampleIsAcceptedAndAnsweredWithNumbers() async throws {
        let simulator = ConnectSimulator()
        let (status, answer) = try await Self.send(simulator, .post, "/job/create", body: Seeds.createRequest)
        #expect(status == 200)
        let job = try #require(answer?["jobs"]?[0])
        #expect(job["intervalValue"] == 1)
        #expect(job["logVerbosity"] == 1)
        #expect(job["enabled"] == true)
        #expect(job["params"] == (try TestSupport.json(Seeds.createRequest))["params"])
        #expect(job["lastRun"]?["dateTime"] == "0001-01-01T00:00:00Z")
        #expect(job["lastRun"]?["status"] == "JOB_QUEUED")
        let id = try #require(job["id"]?.stringValue)
        let (_, described) = try await Self.send(simulator, .get, "/job/\(id)")
        #expect(described?["id"]?.stringValue == id)
        #expect(described?["jobs"] == nil)
        let (_, listed) = try await Self.send(simulator, .get, "/job/list")
        #expect(listed?["jobs"]?.arrayValue?.count == 1)
    }

    @Test func theUpdateExampleReplacesTheJob() async throws {
        let simulator = ConnectSimulator()
        let (_, created) = try await Self.send(simulator, .post, "/job/create", body: Seeds.createRequest)
        let id = try #require(created?["jobs"]?[0]?["id"]?.stringValue)
        let (status, updated) = try await Self.send(simulator, .put, "/job/\(id)/update", body: Seeds.updateRequest)
        #expect(status == 200)
        #expect(updated?["jobs"]?[0]?["params"]?["sourceTable"] == "Conversations")
        #expect(updated?["jobs"]?[0]?["created"] == created?["jobs"]?[0]?["created"])
    }

    @Test(arguments: [
        (#"{"intervalUnit":"Hour","intervalValue":1,"params":{"sourceConnection":"c","sourceTable":"t"}}"#, "jobType"),
        (
            #"{"jobType":"Caching","intervalUnit":"Minute","intervalValue":1,"params":{"sourceConnection":"c","sourceTable":"t"}}"#,
            "intervalUnit"
        ),
        (
            #"{"jobType":"Caching","intervalUnit":"Hour","intervalValue":"0","params":{"sourceConnection":"c","sourceTable":"t"}}"#,
            "intervalValue"
        ),
        (
            #"{"jobType":"Caching","intervalUnit":"Hour","intervalValue":1,"params":{"sourceConnection":"c"}}"#,
            "sourceTable"
        ),
        (
            #"{"jobType":"Caching","intervalUnit":"Hour","intervalValue":1,"logVerbosity":7,"params":{"sourceConnection":"c","sourceTable":"t"}}"#,
            "logVerbosity"
        ),
        ("not json", "JSON object"),
    ])
    func badBodiesAreRefusedWithTheEnvelope(_ body: String, _ named: String) async throws {
        let simulator = ConnectSimulator()
        let (status, answer) = try await Self.send(simulator, .post, "/job/create", body: body)
        #expect(status == 400)
        #expect(answer?["error"]?["code"] == "INVALID_REQUEST")
        #expect(answer?["error"]?["message"]?.stringValue?.contains(named) == true)
    }

    @Test func everyEndpointNeedsTheBearerToken() async throws {
        let simulator = ConnectSimulator()
        for (method, path) in [
            (HTTPMethod.get, "/job/list"), (.post, "/job/create"), (.post, "/job/cacheConnection"),
            (.post, "/poweredby/jobs"), (.get, "/poweredby/connection/list"), (.get, "/poweredby/sources/list"),
            (.delete, "/poweredby/connection/delete/x"),
        ] {
            let (status, answer) = try await Self.send(simulator, method, path, body: "{}", token: "forged")
            #expect(status == 401, "\(method) \(path)")
            #expect(answer?["error"]?["code"] == "INVALID_AUTHORIZATION")
        }
        #expect(try await Self.send(simulator, .get, "/job/list").0 == 200)
    }

    @Test func seedingAJobTheAPIWouldRefuseSaysWhy() async throws {
        let error = await #expect(throws: JobBridgeError.self) {
            try await ConnectSimulator().addJob(["jobType": "Caching", "intervalUnit": "Hour", "intervalValue": 1])
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("needs params.sourceConnection and params.sourceTable") == true)
    }

    @Test func anEmptyAccountListsNullJobs() async throws {
        let (status, answer) = try await Self.send(ConnectSimulator(), .get, "/job/list")
        #expect(status == 200)
        #expect(answer?["jobs"] == .null)
    }
}
