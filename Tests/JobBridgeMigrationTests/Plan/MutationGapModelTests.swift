import Foundation
import JobBridge
import JobBridgeMigration
import Testing

/// The model's behaviours that mutation testing found unpinned (catalogue
/// `Scripts/mutation/catalogue-migration.json`, area `migration-model`): bounded loss lines,
/// zero-padded fingerprints, what a source fingerprint covers, the provenance key's parts,
/// plan totals of a split job, and a cron's DST policy kept in a plan.
@Suite struct MutationGapModelTests {
    @Test func aLossMessageIsOneBoundedLine() {
        let loss = Loss(.fieldUnknown, field: "providerData.x", "first line\nsecond line", remedy: "do\nthis")
        #expect(loss.message == "first line second line")
        #expect(loss.remedy == "do this")
        let long = Loss(.fieldUnknown, String(repeating: "x", count: 5_000))
        #expect(long.message.count == Loss.messageLimit + 1)
        #expect(long.message.hasSuffix("…"))
        let fits = Loss(.fieldUnknown, String(repeating: "y", count: Loss.messageLimit))
        #expect(fits.message.count == Loss.messageLimit)
    }

    @Test func aFingerprintAlwaysHasSixteenDigits() {
        // FNV-1a 64 of this text is 0x0c702bd8fda80b05: the leading zero is kept.
        let print = Fingerprint(text: "jobbridge-1800")
        #expect(print.rawValue == "0c702bd8fda80b05")
        #expect(print.rawValue.count == 16)
    }

    static func job(isEnabled: Bool = true, secondActive: Bool = true) throws -> Job {
        Job(
            id: "42", name: "Orders", kind: JobKind(.replication, providerValue: "Standard"),
            source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-sn"),
            schedule: .cron(try CronSchedule("0 6 * * *")), isEnabled: isEnabled,
            tasks: [
                JobTask(id: "1", index: 0, table: TableRef(name: "A")),
                JobTask(id: "2", index: 1, table: TableRef(name: "B"), isActive: secondActive),
            ], settings: ["verbosity": 3])
    }

    @Test func theSourceFingerprintCoversTheEnabledFlagAndEachTasksActiveFlag() throws {
        let base = JobSnapshot(try Self.job()).fingerprint
        #expect(JobSnapshot(try Self.job(isEnabled: false)).fingerprint != base)
        #expect(JobSnapshot(try Self.job(secondActive: false)).fingerprint != base)
        // Run state is not content: a job that merely ran is not changed.
        var ran = try Self.job()
        ran.nextRunAt = Date(timeIntervalSince1970: 1_800_000_000)
        ran.providerData = ["last_run": "2027-01-15T06:00:00Z"]
        #expect(JobSnapshot(ran).fingerprint == base)
    }

    @Test func theProvenanceKeyDependsOnProviderScopeJobAndSplitIndex() {
        let key = ProvenanceKey(sourceProvider: "CData Sync", sourceScope: "ws-1", sourceJobID: "7", splitIndex: 0)
        #expect(key.rawValue.count == 16)
        #expect(
            key != ProvenanceKey(sourceProvider: "CData Sync", sourceScope: "ws-2", sourceJobID: "7", splitIndex: 0))
        #expect(key != ProvenanceKey(sourceProvider: "NX1", sourceScope: "ws-1", sourceJobID: "7", splitIndex: 0))
        #expect(
            key != ProvenanceKey(sourceProvider: "CData Sync", sourceScope: "ws-1", sourceJobID: "8", splitIndex: 0))
    }

    @Test func planTotalsCountEachTargetOfASplitJob() async throws {
        let sync = try await SyncSide()
        await sync.seed(
            syncJob("Split", queries: ["REPLICATE [Account]", "REPLICATE [Contact]", "REPLICATE [Lead]"]).objectValue
                ?? [:])
        await sync.seed(syncJob("Single").objectValue ?? [:])
        let connect = try await ConnectSide()
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: connect.provider,
            mapping: ConnectionMapping(connections: ["c-sf": try #require(connect.connections["Salesforce"])]))
        #expect(plan.jobs.map(\.targets.count).sorted() == [1, 3])
        #expect(plan.totals.jobs == 2)
        #expect(plan.totals.targets == 4)
        #expect(plan.totals.byAction["create"] == 2)
    }

    @Test func aCronsNonDefaultDSTPolicyIsKeptInThePlan() throws {
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        for policy in [DSTPolicy.kubernetes, .quartz, .airflow] {
            let cron = try CronSchedule("30 2 * * *", dialect: .standard, timeZone: newYork, dstPolicy: policy)
            let snapshot = ScheduleSnapshot(.cron(cron))
            #expect(snapshot.dstPolicy != nil)
            #expect(try snapshot.schedule() == .cron(cron))
        }
        // The dialect's own default is left out (and comes back).
        let plain = try CronSchedule("30 2 * * *", dialect: .standard, timeZone: newYork)
        #expect(ScheduleSnapshot(.cron(plain)).dstPolicy == nil)
        #expect(try ScheduleSnapshot(.cron(plain)).schedule() == .cron(plain))
    }
}
