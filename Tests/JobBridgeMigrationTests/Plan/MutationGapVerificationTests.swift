import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeTesting
import Testing

/// Plan verification behaviours that mutation testing found unpinned (catalogue
/// `Scripts/mutation/catalogue-migration.json`, area `migration-plan`): Booleans read back as
/// text, tasks listed out of order, the enabled flag left out when a target is found again,
/// and what a disabled source's NX1 target looks like after cutover.
@Suite struct MutationGapVerificationTests {
    /// A Connect job planned into Sync, created there and read back.
    static func syncTarget(enabled: Bool = true) async throws -> (PlannedTarget, Job) {
        let connect = try await ConnectSide()
        let sf = try #require(connect.connections["Salesforce"])
        let id = try await connect.seed(connectJob("Verified", source: sf, unit: "Hour", value: 6, enabled: enabled))
        let sync = try await SyncSide()
        let plan = try await JobBridgeMigration.plan(
            from: connect.provider, to: sync.provider,
            mapping: ConnectionMapping(connections: [sf: "c-sf"], cacheDestination: "c-sn"))
        let target = try #require(plan.job(sourceID: id)?.targets.first)
        let created = try await sync.provider.createJob(try target.definition.definition())
        return (target, try await sync.provider.job(created.id))
    }

    @Test func aBooleanReadBackAsTextIsTheSameValue() async throws {
        let (target, readBack) = try await Self.syncTarget()
        #expect(target.definition.settings["use_gmt_datetime"] == true)
        #expect(PlanVerification.compare(planned: target, readBack: readBack) == [])
        var text = readBack
        text.settings["use_gmt_datetime"] = "TRUE"
        #expect(PlanVerification.compare(planned: target, readBack: text) == [])
        text.settings["use_gmt_datetime"] = "false"
        #expect(PlanVerification.compare(planned: target, readBack: text).map(\.field) == ["settings.use_gmt_datetime"])
    }

    @Test func aFoundTargetIsMigratedWhateverItsEnabledFlag() async throws {
        // The source is disabled: the target stays disabled at cutover, and one enabled by hand
        // since is still this job's target (the planner adopts it, it does not update it).
        let (target, readBack) = try await Self.syncTarget(enabled: false)
        #expect(!target.enableAtCutover)
        var enabled = readBack
        enabled.isEnabled = true
        #expect(PlanVerification.differences(planned: target, readBack: enabled) == [])
        #expect(PlanVerification.differences(planned: target, readBack: readBack) == [])
        #expect(
            PlanVerification.compare(planned: target, readBack: enabled, stage: .cutOver).map(\.field) == ["isEnabled"])
    }

    @Test func tasksReadBackInAnotherListingOrderAreComparedByIndex() async throws {
        let memory = InMemoryProvider()
        let source = try await memory.createJob(
            JobDefinition(
                name: "Two tables", kind: JobKind(.replication), source: ConnectionRef(id: "c-sf"),
                destination: ConnectionRef(id: "c-sn"), schedule: .cron(try CronSchedule("0 6 * * *")),
                tasks: [TaskDefinition(table: TableRef(name: "A")), TaskDefinition(table: TableRef(name: "B"))]))
        let sync = try await SyncSide()
        let plan = try await JobBridgeMigration.plan(
            from: memory, to: sync.provider, mapping: ConnectionMapping(connections: ["c-sf": "c-sf", "c-sn": "c-sn"]))
        let target = try #require(plan.job(sourceID: source.id.rawValue)?.targets.first)
        let created = try await sync.provider.createJob(try target.definition.definition())
        let readBack = try await sync.provider.job(created.id)
        #expect(readBack.tasks.count == 2)
        #expect(PlanVerification.compare(planned: target, readBack: readBack) == [])
        var listed = readBack
        listed.tasks.reverse()
        #expect(PlanVerification.compare(planned: target, readBack: listed) == [])
        // Really swapped (indexes too): a difference.
        var swapped = readBack
        swapped.tasks = readBack.tasks.enumerated().map { offset, task in
            var task = task
            task.index = readBack.tasks.count - 1 - offset
            return task
        }
        #expect(PlanVerification.compare(planned: target, readBack: swapped).map(\.field) == ["tasks"])
    }

    @Test func aDisabledSourcesNX1TargetStaysTheStagedJobAfterCutover() async throws {
        let sync = try await SyncSide()
        let off = await sync.seed(syncJob("Off", enabled: false).objectValue ?? [:])
        let on = await sync.seed(syncJob("On").objectValue ?? [:])
        let plan = try await JobBridgeMigration.plan(
            from: sync.provider, to: try NX1Side().provider, mapping: PlanDryRunTests.nx1Mapping())
        let offTarget = try #require(plan.job(sourceID: off)?.targets.first)
        let onTarget = try #require(plan.job(sourceID: on)?.targets.first)
        #expect(offTarget.staging == .stagedManualRecreate && offTarget.cutoverDefinition != nil)
        #expect(PlanVerification.cutOverDefinition(offTarget) == offTarget.definition)
        #expect(PlanVerification.cutOverDefinition(offTarget).schedule == .manual)
        #expect(PlanVerification.cutOverDefinition(onTarget) == onTarget.cutoverDefinition)
        #expect(PlanVerification.cutOverDefinition(onTarget).schedule.kind == .cron)
    }
}
