import Foundation
import JobBridge
import JobBridgeSimulation

extension ConnectSimulator {
    /// The id of the cache connection in ``demo(clock:)``.
    public static let demoCacheConnectionID = "1c9b0ae6-3a6f-417a-8460-4ce5b5528540"

    /// A simulator seeded for demonstrations: a cache connection (id
    /// ``demoCacheConnectionID``, name `CacheConnection`), three source connections and
    /// three jobs: an hourly Caching job whose last run succeeded 20 minutes ago, a daily
    /// Caching job that never ran, and a disabled weekly ScheduledQuery whose last run
    /// failed. It accepts ``defaultToken``.
    public static func demo(clock: SimulatedClock) async throws -> ConnectSimulator {
        let simulator = ConnectSimulator(clock: clock)
        await simulator.state.setCacheConnection([
            "id": .string(demoCacheConnectionID), "name": "CacheConnection", "driver": "PostgreSQL",
            "connectionString": "server=cache.example.com;port=5432;user=cache;password=demo-password;database=cache",
        ])
        let mailChimp = await simulator.addConnection(name: "MailChimp1", dataSource: "MailChimp")
        let salesforce = await simulator.addConnection(name: "Salesforce1", dataSource: "Salesforce", externalID: "crm")
        await simulator.addConnection(name: "Snowflake1", dataSource: "Snowflake", status: "NotAuthenticated")
        try await simulator.addJob(
            [
                "jobType": "Caching", "name": "MailChimp conversations", "intervalUnit": "Hour", "intervalValue": 1,
                "logVerbosity": 2, "enabled": true,
                "params": [
                    "timeCheckColumn": "", "autoTruncateStrings": "false", "sourceConnection": .string(mailChimp),
                    "sourceName": "MailChimp1", "sourceSchema": "MailChimp", "sourceTable": "Conversations",
                ],
            ], lastRunAgo: 1_200)
        try await simulator.addJob(
            [
                "jobType": "Caching", "name": "Salesforce accounts", "intervalUnit": "Day", "intervalValue": 1,
                "params": [
                    "timeCheckColumn": "SystemModstamp", "autoTruncateStrings": "true",
                    "sourceConnection": .string(salesforce), "sourceName": "Salesforce1",
                    "sourceSchema": "Salesforce", "sourceTable": "Account",
                    "mergeKeys": [["colName": "Id", "colType": "varchar", "isPrimaryKey": true]],
                ],
            ], createdAgo: 3_600)
        try await simulator.addJob(
            [
                "jobType": "ScheduledQuery", "name": "Weekly revenue", "intervalUnit": "Week", "intervalValue": 1,
                "enabled": false,
                "params": [
                    "query": "SELECT SUM(Amount) AS Revenue FROM [Salesforce1].[Salesforce].[Opportunity]",
                    "destinationWriteScheme": "Overwrite", "destinationConnectionName": "CacheConnection",
                    "destinationSchema": "public", "destinationTable": "weekly_revenue",
                ],
            ], createdAgo: 864_000, lastRunAgo: 259_200, lastRunStatus: "JOB_FAILED")
        return simulator
    }
}
