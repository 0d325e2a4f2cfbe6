import Foundation
import JobBridge
import JobBridgeSync
import JobBridgeTesting
import Testing

/// `native(_:)`: the Sync job behind a portable one, from its provider data alone.
@Suite struct SyncNativeTests {
    @Test func theNativeJobIsTheOneTheClientReads() async throws {
        let fixture = try await SyncFixture()
        let created = try await fixture.provider.createJob(
            JobDefinition(
                name: "Accounts", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
                destination: ConnectionRef(id: "c-pg"),
                schedule: .cron(try CronSchedule("0 6 * * *", dialect: .sync, timeZone: SyncFixture.newYork))))
        let job = try await fixture.provider.job(created.id)
        let native = try fixture.provider.native(job)
        let read = try await fixture.client.job(created.id.rawValue)
        #expect(native.id == created.id.rawValue)
        #expect(native.settings == read.settings)
        #expect(native.settings.name == "Accounts")
        #expect(native.settings.sourceConnectionID == "c-sf")
    }

    @Test func aJobWithoutSyncJSONIsABadResponseNamingIt() async throws {
        let fixture = try await SyncFixture()
        var job = try await fixture.provider.createJob(SyncFixture.definition())
        for data: JSONValue? in [nil, .array([]), ["name": "no id"]] {
            job.providerData = data
            let error = try #require(throws: JobBridgeError.self) { try fixture.provider.native(job) }
            #expect(error.code == .badResponse)
            #expect(error.message.contains("job \(job.id)"))
            #expect(error.provider == fixture.provider.descriptor.name)
        }
    }

    @Test func zoneLessDatesAreReadInTheServersZone() async throws {
        // The fixture's server runs in New York: 10:00 there is 15:00 UTC in January.
        let fixture = try await SyncFixture()
        var job = try await fixture.provider.createJob(SyncFixture.definition())
        job.providerData = ["id": .string(job.id.rawValue), "name": "A", "created_at": "2026-01-05T10:00:00"]
        let native = try fixture.provider.native(job)
        #expect(native.createdAt == Date(timeIntervalSince1970: 1_767_625_200))
    }
}
