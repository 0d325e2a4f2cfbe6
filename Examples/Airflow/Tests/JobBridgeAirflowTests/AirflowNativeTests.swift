import Foundation
import JobBridge
import JobBridgeAirflow
import JobBridgeTesting
import Testing

/// `native(_:)`: the DAG behind a portable job, from its provider data alone.
@Suite struct AirflowNativeTests {
    @Test func theNativeDAGIsTheOneTheClientReads() async throws {
        let seeded = try await AirflowHarness().makeSeededProvider()
        let provider = try #require(seeded.provider as? AirflowProvider)
        let job = try await provider.job("orders_ingest")
        let dag = try provider.native(job)
        #expect(dag == (try await provider.client.dagDetails("orders_ingest")))
        #expect(dag.tags == ["orders", "nightly"])
        #expect(dag.timezone == "America/New_York")
    }

    @Test func aJobWithoutAirflowJSONIsABadResponseNamingIt() async throws {
        let seeded = try await AirflowHarness().makeSeededProvider()
        let provider = try #require(seeded.provider as? AirflowProvider)
        var job = try await provider.job("orders_ingest")
        for data: JSONValue? in [nil, .array([]), ["job_name": "not a DAG"]] {
            job.providerData = data
            let error = try #require(throws: JobBridgeError.self) { try provider.native(job) }
            #expect(error.code == .badResponse)
            #expect(error.message.contains("job \(job.id)"))
            #expect(error.provider == provider.descriptor.name)
        }
    }
}
