import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeNX1
import JobBridgeNX1Simulator
import JobBridgeSync
import JobBridgeSyncSimulator
import JobBridgeTesting

/// The providers the demo lists, seeded with a few jobs each.
enum DemoProviders {
    static func make(clock: SimulatedClock) async throws -> [any JobProvider] {
        let warehouse = InMemoryProvider(
            configuration: .init(name: "In-Memory (warehouse)", runDuration: .seconds(95)), now: clock.dateSource)
        let crm = InMemoryProvider(
            configuration: .init(name: "In-Memory (crm)", outcome: { _, _ in .failed }), now: clock.dateSource)
        let salesforce = ConnectionRef(id: "c-sf", name: "Salesforce")
        let postgres = ConnectionRef(id: "c-pg", name: "PostgreSQL cache")
        _ = try await warehouse.createJob(
            JobDefinition(
                name: "Accounts to warehouse", kind: JobKind(.replication, providerValue: "Standard"),
                source: salesforce, destination: postgres,
                schedule: .cron(try CronSchedule("0 */6 * * *", timeZone: .gmt)),
                tasks: [
                    TaskDefinition(query: "REPLICATE [Accounts] SELECT * FROM [Accounts]"),
                    TaskDefinition(query: "REPLICATE [Contacts] SELECT * FROM [Contacts]"),
                ]))
        _ = try await warehouse.createJob(
            JobDefinition(
                name: "Cache MailChimp conversations", kind: JobKind(.replication, providerValue: "Caching"),
                source: ConnectionRef(id: "c-mc", name: "MailChimp1"), destination: postgres,
                schedule: .interval(IntervalSchedule(every: 1, .hour, firstRun: clock.date.addingTimeInterval(-600))),
                tasks: [TaskDefinition(table: TableRef(schema: "MailChimp", name: "Conversations"))]))
        let crmJob = try await crm.createJob(
            JobDefinition(
                name: "Warehouse to HubSpot", kind: JobKind(.reverseETL, providerValue: "ReverseETL"),
                source: postgres, destination: ConnectionRef(id: "c-hs", name: "HubSpot"), isEnabled: false,
                tasks: [TaskDefinition(query: "UPSERT INTO [Contacts] SELECT * FROM [dim_contacts]")]))
        // Give the CRM job a history: one run that failed.
        let run = try await crm.runJob(crmJob.id)
        _ = try await crm.waitForCompletion(of: run, pollInterval: .seconds(5), clock: clock)
        // NX1, against its simulator seeded with a few jobs (one run completed, one failed).
        let nx1Simulator = await NX1Simulator.demo(clock: clock)
        let nx1Credentials = try NX1Auth.clientCredentials(
            client: "acme", clientID: "jobbridge", clientSecret: "simulator-secret", transport: nx1Simulator,
            now: clock.dateSource)
        let nx1 = NX1Provider(
            client: try NX1Client(client: "acme", credentials: nx1Credentials, transport: nx1Simulator, clock: clock),
            now: clock.dateSource)
        // CData Connect AI, against its simulator seeded with three jobs (one ran and
        // succeeded, one never ran, one disabled query whose last run failed).
        let connectSimulator = try await ConnectSimulator.demo(clock: clock)
        let connect = ConnectProvider(
            client: try ConnectClient(
                transport: connectSimulator, clock: clock, now: clock.dateSource,
                tokenProvider: { AccessToken(token: Secret(ConnectSimulator.defaultToken)) }),
            cacheConnection: ConnectionRef(
                id: ConnectionID(ConnectSimulator.demoCacheConnectionID), name: "CacheConnection"))
        // CData Sync, against its simulator seeded with four jobs and one past run.
        guard let syncURL = URL(string: "https://sync.example.com:8181/api.rsc/v2") else {
            throw JobBridgeError(.configuration, "the demo's Sync URL is invalid")
        }
        let sync = SyncProvider(
            client: try SyncClient(
                baseURL: syncURL, credentials: SyncClient.tokenCredentials(Secret(SyncSimulator.demoToken)),
                transport: await SyncSimulator.demo(clock: clock), clock: clock),
            workspaceID: SyncSimulator.demoWorkspaceID, name: "CData Sync")
        return [warehouse, crm, sync, connect, nx1]
    }
}
