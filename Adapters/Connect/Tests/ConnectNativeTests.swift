import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// `native(_:)`: the Connect job behind a portable one, from its provider data alone; the
/// same shape as Sync's, NX1's and Airflow's.
@Suite struct ConnectNativeTests {
    @Test func theNativeJobIsTheOneTheClientReads() async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        let job = try await provider.createJob(
            JobDefinition(
                name: "Accounts", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf", name: "Salesforce"),
                schedule: .interval(IntervalSchedule(every: 6, .hour)),
                tasks: [TaskDefinition(table: TableRef(name: "Account"))]))
        let native = try provider.native(try await provider.job(job.id))
        let read = try await provider.client.job(job.id.rawValue)
        #expect(native.id == read.id)
        #expect(native.params.sourceTable == "Account")
    }

    @Test func aJobWithoutConnectJSONIsABadResponseNamingIt() async throws {
        let provider = try TestSupport.provider(ConnectSimulator())
        var job = Job(id: "j-1", name: "Accounts", kind: JobKind(.replication))
        for data: JSONValue? in [nil, .array([]), ["dag_id": "orders_ingest"]] {
            job.providerData = data
            let error = try #require(throws: JobBridgeError.self) { try provider.native(job) }
            #expect(error.code == .badResponse)
            #expect(error.message.contains("job j-1"))
            #expect(error.provider == provider.descriptor.name)
        }
    }
}
