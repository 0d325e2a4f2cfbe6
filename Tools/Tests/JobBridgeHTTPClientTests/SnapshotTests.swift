import Foundation
import JobBridge
import JobBridgeConnectSimulator
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSyncSimulator
import Testing

/// The simulators' snapshots: what a state file holds must give back the same answers.
@Suite struct SnapshotTests {
    static let root = "http://127.0.0.1:9"

    static func request(
        _ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, body: String? = nil
    ) throws -> HTTPRequest {
        var headers = headers
        if body != nil { headers["Content-Type"] = "application/json" }
        return HTTPRequest(
            method: method, url: try #require(URL(string: root + path)), headers: headers,
            body: body.map { Data($0.utf8) })
    }

    static let sync: HTTPHeaders = ["x-cdata-authtoken": SyncSimulator.demoToken]
    static let connect: HTTPHeaders = ["Authorization": "Bearer \(ConnectSimulator.defaultToken)"]
    static let nx1: HTTPHeaders = ["Authorization-PSK": "simulator-psk"]

    /// The listings of the three simulators, as bytes.
    static func listings(_ services: SimulatedServices) async throws -> [Data] {
        [
            try await services.send(request(.get, "/api.rsc/v2/workspaces/default/jobs", sync)).body,
            try await services.send(request(.get, "/api/job/list", connect)).body,
            try await services.send(request(.get, "/api/jobs", nx1)).body,
        ]
    }

    @Test func aRestoredSnapshotAnswersAsTheOriginal() async throws {
        let clock = SimulatedClock()
        let original = try await SimulatedServices.demo(clock: clock)
        let created = try await original.send(
            Self.request(
                .post, "/api.rsc/v2/workspaces/default/jobs", Self.sync,
                body:
                    #"{"name":"Extra","type":"Standard","source_connection_id":"c-salesforce","destination_connection_id":"c-snowflake","queries":["REPLICATE [X]"],"x_unknown":{"kept":true}}"#
            ))
        #expect(created.status == 201)
        let syncID = try #require(try JSONValue(data: created.body)["id"]?.stringValue)
        #expect(try await original.send(Self.request(.post, "/api.rsc/v2/jobs/\(syncID)/execute", Self.sync)).isSuccess)
        let connectJobs = try JSONValue(
            data: try await original.send(Self.request(.get, "/api/job/list", Self.connect)).body)
        let connectID = try #require(connectJobs["jobs"]?[0]?["id"]?.stringValue)
        #expect(try await original.send(Self.request(.post, "/api/job/\(connectID)/run", Self.connect)).isSuccess)
        let nx1Created = try await original.send(
            Self.request(.post, "/api/jobs", Self.nx1, body: #"{"job_type":"airflow.ingest","job_name":"Extra"}"#))
        #expect(nx1Created.status == 201)
        let nx1ID = try #require(try JSONValue(data: nx1Created.body)["id"]?.stringValue)
        #expect(try await original.send(Self.request(.post, "/api/jobs/\(nx1ID)/trigger", Self.nx1)).isSuccess)
        clock.advance(by: .seconds(10))

        let snapshot = try await original.snapshot()
        let restored = try await SimulatedServices.demo(clock: clock)
        try await restored.restore(snapshot)
        #expect(try await restored.snapshot() == snapshot)
        #expect(try await Self.listings(restored) == Self.listings(original))

        // Both go on the same way: the runs end at the same time, new ids do not collide.
        clock.advance(by: .seconds(120))
        #expect(try await Self.listings(restored) == Self.listings(original))
        let again = try await restored.send(
            Self.request(.post, "/api/jobs", Self.nx1, body: #"{"job_type":"airflow.ingest","job_name":"Another"}"#))
        let newID = try #require(try JSONValue(data: again.body)["id"]?.stringValue)
        let listed = try JSONValue(data: try await restored.send(Self.request(.get, "/api/jobs", Self.nx1)).body)
        #expect(listed.arrayValue?.compactMap { $0["id"]?.stringValue }.filter { $0 == newID }.count == 1)
    }

    @Test func aValueThatIsNotASnapshotIsRefused() async throws {
        let services = try await SimulatedServices.demo(clock: SimulatedClock())
        await #expect(throws: JobBridgeError.self) { try await services.restore(["version": 2]) }
        await #expect(throws: JobBridgeError.self) {
            try await services.restore(["version": 1, "sync": ["jobs": "not a list"]])
        }
    }
}
