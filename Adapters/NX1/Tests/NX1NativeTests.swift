import Foundation
import JobBridge
import JobBridgeNX1
import JobBridgeTesting
import Testing

/// `native(_:)`: the NX1 job behind a portable one, from its provider data alone.
@Suite struct NX1NativeTests {
    @Test func theNativeJobIsTheOneTheClientReads() async throws {
        let fixture = try NX1Fixture()
        let created = try await fixture.provider.createJob(
            JobDefinition(
                name: "Topics", kind: JobKind(.mirror), source: ConnectionRef(name: "ftp"),
                destination: ConnectionRef(name: "lake"), schedule: NX1Mapping.schedule(from: "30 2 * * 1-5"),
                settings: ["model": "topic-v3"]))
        let job = try await fixture.provider.job(created.id)
        let native = try fixture.provider.native(job)
        #expect(native == (try await fixture.client.job(created.id.rawValue)))
        #expect(native.jobName == "Topics")
        #expect(native.schedule == "30 2 * * 1-5")
    }

    @Test func aJobWithoutNX1JSONIsABadResponseNamingIt() async throws {
        let fixture = try NX1Fixture()
        var job = try await fixture.provider.createJob(JobDefinition(name: "Live", kind: JobKind(.mirror)))
        for data: JSONValue? in [nil, .array([]), ["dag_id": "orders_ingest"]] {
            job.providerData = data
            let error = try #require(throws: JobBridgeError.self) { try fixture.provider.native(job) }
            #expect(error.code == .badResponse)
            #expect(error.message.contains("job \(job.id)"))
            #expect(error.provider == fixture.provider.descriptor.name)
        }
    }
}
