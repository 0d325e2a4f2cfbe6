import Foundation
import JobBridge
import JobBridgeMigration
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting

/// A source CData Sync simulator with seeded jobs, a target (NX1 or a second Sync), one
/// simulated clock, a ledger of what the target server did, and the journal in a
/// temporary folder shared by successive engines.
struct ExecutionWorld {
    static let workspace = "ws-main"
    static let canary = "CANARY-7d41-do-not-leak"
    static let syncURL = URL(string: "https://sync.example.com/api.rsc/v2") ?? URL(fileURLWithPath: "/")

    enum TargetKind { case nx1, sync }

    let clock: SimulatedClock
    let sourceSimulator: SyncSimulator
    let nx1: NX1Simulator
    let targetSync: SyncSimulator
    let ledger: ServerLedger
    let sourceLedger: ServerLedger
    let folder: TemporaryFolder
    let targetKind: TargetKind
    let sourceIDs: [String]

    var journalURL: URL { folder.file("plan.journal") }

    /// Seeds `jobs` Sync jobs; every third is disabled. Each carries a canary secret in a
    /// setting and in a task's query comment.
    static func make(jobs count: Int, target: TargetKind = .nx1, runDuration: Duration = .seconds(30)) async throws
        -> ExecutionWorld
    {
        let clock = SimulatedClock()
        let configuration = SyncSimulator.Configuration(token: "src-token", pageSize: 100, runDuration: runDuration)
        let source = SyncSimulator(configuration: configuration, now: clock.dateSource)
        await source.addWorkspace(id: workspace, name: "Main")
        await source.addConnection(id: "c-sf", name: "Salesforce", workspace: workspace)
        await source.addConnection(id: "c-pg", name: "Warehouse", workspace: workspace)
        var ids: [String] = []
        for index in 0..<count {
            let name = String(format: "Job %04d", index)
            let id = await source.seedJob(
                [
                    "name": .string(name), "type": "Standard", "source_connection_id": "c-sf",
                    "destination_connection_id": "c-pg",
                    "schedule": ["enabled": .bool(index % 3 != 2), "cron": "0 * * * ?"], "use_gmt_datetime": true,
                    "queries": ["REPLICATE [Account]"],
                    "other_cache_options": .string("Password=\(canary);"),
                ], workspace: workspace)
            ids.append(id)
        }
        let targetSync = SyncSimulator(configuration: .init(token: "dst-token", pageSize: 100), now: clock.dateSource)
        await targetSync.addWorkspace(id: workspace, name: "Main")
        await targetSync.addConnection(id: "c-sf", name: "Salesforce", workspace: workspace)
        await targetSync.addConnection(id: "c-pg", name: "Warehouse", workspace: workspace)
        let nx1 = NX1Simulator(clock: clock)
        let ledger = ServerLedger(wrapping: target == .nx1 ? nx1 : targetSync)
        return ExecutionWorld(
            clock: clock, sourceSimulator: source, nx1: nx1, targetSync: targetSync, ledger: ledger,
            sourceLedger: ServerLedger(wrapping: source), folder: try TemporaryFolder("exec"), targetKind: target,
            sourceIDs: ids)
    }

    /// The same source (and plan inputs) with a fresh, empty target and a fresh journal folder.
    func withFreshTarget() throws -> ExecutionWorld {
        let nx1 = NX1Simulator(clock: clock)
        let targetSync = SyncSimulator(configuration: .init(token: "dst-token", pageSize: 100), now: clock.dateSource)
        return ExecutionWorld(
            clock: clock, sourceSimulator: sourceSimulator, nx1: nx1, targetSync: targetSync,
            ledger: ServerLedger(wrapping: targetKind == .nx1 ? nx1 : targetSync), sourceLedger: sourceLedger,
            folder: try TemporaryFolder("exec"), targetKind: targetKind, sourceIDs: sourceIDs)
    }

    /// A retry policy that waits its full backoff (deterministic).
    static let retry = RetryPolicy(maxAttempts: 3, random: { $0.upperBound })

    /// The source provider, through `wrap`.
    func source(_ wrap: (any HTTPTransport) -> any HTTPTransport = { $0 }) throws -> SyncProvider {
        let client = try SyncClient(
            baseURL: Self.syncURL, credentials: SyncClient.tokenCredentials(Secret("src-token")),
            transport: wrap(sourceLedger), retry: Self.retry, clock: clock)
        return SyncProvider(client: client, workspaceID: Self.workspace)
    }

    /// The target provider, through `wrap` (in front of the ledger).
    func target(_ wrap: (any HTTPTransport) -> any HTTPTransport = { $0 }) throws -> any JobProvider {
        switch targetKind {
        case .nx1:
            let client = try NX1Client(
                client: "acme", credentials: NX1Auth.preSharedKey("simulator-psk"), transport: wrap(ledger),
                retry: Self.retry, clock: clock)
            return NX1Provider(client: client, now: clock.dateSource)
        case .sync:
            let client = try SyncClient(
                baseURL: Self.syncURL, credentials: SyncClient.tokenCredentials(Secret("dst-token")),
                transport: wrap(ledger), retry: Self.retry, clock: clock)
            return SyncProvider(client: client, workspaceID: Self.workspace)
        }
    }

    /// Engine options on the world's clock.
    func options(concurrency: Int = 4, hook: (@Sendable (JournalRecord) throws -> Void)? = nil) -> ExecutionOptions {
        ExecutionOptions(
            concurrency: concurrency, retry: Self.retry, clock: clock, now: clock.dateSource,
            synchronizesJournal: false,
            journalHook: hook)
    }

    /// An engine between fresh providers (a new "process").
    func engine(
        concurrency: Int = 4, hook: (@Sendable (JournalRecord) throws -> Void)? = nil,
        wrapTarget: (any HTTPTransport) -> any HTTPTransport = { $0 }
    ) throws -> MigrationEngine {
        MigrationEngine(
            source: try source(), target: try target(wrapTarget), options: options(concurrency: concurrency, hook: hook)
        )
    }

    /// Every target job.
    func targetJobs() async throws -> [Job] { try await target().jobs().collect() }

    /// Mutating calls the target server carried out.
    var targetCreates: Int { ledger.acted { $0.method == .post && $0.path.hasSuffix("/jobs") } }

    /// The plan: read every source job and plan it by hand (see ``TestPlans``).
    func plan() async throws -> MigrationPlan {
        let provider = try source()
        var jobs: [Job] = []
        for id in sourceIDs { jobs.append(try await provider.job(JobID(id))) }
        return TestPlans.plan(jobs, sourceProvider: provider.descriptor.name, target: targetKind)
    }
}

/// Plans made by hand for execution tests, independent of the planner: Sync → NX1 (staged
/// manual, provenance in a `jobbridge` settings member) and Sync → Sync (created disabled,
/// provenance in a name suffix).
enum TestPlans {
    static func plan(_ jobs: [Job], sourceProvider: String, target: ExecutionWorld.TargetKind) -> MigrationPlan {
        let planned = jobs.sorted { $0.id.rawValue < $1.id.rawValue }.map { job -> PlannedJob in
            let key = ProvenanceKey(
                sourceProvider: sourceProvider, sourceScope: ExecutionWorld.workspace, sourceJobID: job.id.rawValue,
                splitIndex: 0)
            let snapshot = JobSnapshot(job)
            let plannedTarget: PlannedTarget
            var losses: [Loss] = []
            switch target {
            case .nx1:
                let marker: JSONValue = ["key": .string(key.rawValue), "sourceJobID": .string(job.id.rawValue)]
                let staged = DefinitionSnapshot(
                    name: job.name, kind: KindSnapshot(category: .workflow, providerValue: "airflow.ingest"),
                    source: ConnectionRef(name: "salesforce"), destination: ConnectionRef(name: "warehouse"),
                    schedule: .manual, isEnabled: true, settings: ["jobbridge": marker])
                var live = staged
                live.schedule = hourly.map { ScheduleSnapshot(.cron($0)) } ?? .manual
                plannedTarget = PlannedTarget(
                    splitIndex: 0, provenanceKey: key, definition: staged, cutoverDefinition: live,
                    expectedName: job.name,
                    lookup: TargetLookup(strategy: .settingsMember, key: key, member: "jobbridge", name: job.name),
                    enableAtCutover: job.isEnabled, staging: .stagedManualRecreate)
                losses.append(Loss(.cutoverRecreate, field: "isEnabled", "staged manual, re-created at cutover"))
            case .sync:
                let name = job.name + key.nameSuffix
                let definition = DefinitionSnapshot(
                    name: name, kind: KindSnapshot(category: .replication, providerValue: "Standard"),
                    source: ConnectionRef(id: "c-sf"), destination: ConnectionRef(id: "c-pg"),
                    schedule: ScheduleSnapshot(job.schedule), isEnabled: false,
                    tasks: [TaskDefinitionSnapshot(query: "REPLICATE [Account]")])
                plannedTarget = PlannedTarget(
                    splitIndex: 0, provenanceKey: key, definition: definition, expectedName: name,
                    lookup: TargetLookup(strategy: .nameSuffix, key: key, nameSuffix: key.nameSuffix, name: name),
                    enableAtCutover: job.isEnabled, staging: .createdDisabled)
            }
            if !job.isEnabled { losses.append(Loss(.sourceDisabled, "the source is disabled")) }
            return PlannedJob(
                sourceID: job.id.rawValue, sourceName: job.name, source: snapshot,
                sourceFingerprint: snapshot.fingerprint, action: .create, verdict: .approximate, losses: losses,
                connections: [], targets: [plannedTarget])
        }
        return MigrationPlan(
            planID: "test-plan-\(jobs.count)", sourceProvider: sourceProvider, sourceScope: ExecutionWorld.workspace,
            targetProvider: target == .nx1 ? "NX1" : "CData Sync", targetScope: "",
            mappingFingerprint: ConnectionMapping().fingerprint,
            targetNamesFingerprint: (try? Fingerprint(of: [String]())) ?? Fingerprint(text: ""),
            options: MigrationOptions(), jobs: planned)
    }

    static let hourly: CronSchedule? = try? CronSchedule("0 * * * *", dialect: .standard, timeZone: .gmt)
}
