import Foundation
import JobBridge
import JobBridgeSimulation

extension SyncSimulator {
    /// The token of ``demo(clock:)``'s simulator.
    public static let demoToken = "sync-demo-token"
    /// The workspace of ``demo(clock:)``'s simulator.
    public static let demoWorkspaceID = "default"

    /// A simulator with a few realistic jobs, for demos and for trying an app without a
    /// server: workspace ``demoWorkspaceID`` (token ``demoToken``) with four connections
    /// and four jobs (one of each kind but LoadFolder, cron and manual, enabled and not),
    /// the first of which ran successfully an hour before the clock's current time.
    public static func demo(clock: SimulatedClock) async -> SyncSimulator {
        let simulator = SyncSimulator(configuration: Configuration(token: demoToken), now: clock.dateSource)
        await simulator.addWorkspace(id: demoWorkspaceID, name: "Default")
        for (id, name) in [
            ("c-salesforce", "Salesforce"), ("c-snowflake", "Snowflake"), ("c-postgres", "PostgreSQL"),
            ("c-hubspot", "HubSpot"),
        ] {
            await simulator.addConnection(id: id, name: name, workspace: demoWorkspaceID)
        }
        let accounts = await simulator.seedJob(
            [
                "name": "Salesforce to Snowflake", "type": "Standard", "source_connection_id": "c-salesforce",
                "destination_connection_id": "c-snowflake", "schedule": ["enabled": true, "cron": "0 */6 * * ?"],
                "use_gmt_datetime": true, "verbosity": 2, "table_name_prefix": "sf_",
                "queries": [
                    "REPLICATE [Account] SELECT * FROM [Account]",
                    "REPLICATE [Opportunity] SELECT * FROM [Opportunity]",
                ],
            ], workspace: demoWorkspaceID)
        await simulator.seedJob(
            [
                "name": "PostgreSQL, every table", "type": "SyncAll", "source_connection_id": "c-postgres",
                "destination_connection_id": "c-snowflake", "schedule": ["enabled": true, "cron": "30 2 ? * MON-FRI"],
                "use_gmt_datetime": true, "truncate_table_data": true,
            ], workspace: demoWorkspaceID)
        await simulator.seedJob(
            [
                "name": "Orders change stream", "type": "ChangeDataCapture", "source_connection_id": "c-postgres",
                "destination_connection_id": "c-snowflake",
                "cdc_engine_settings": ["Name": "pgoutput", "Schema": "cdc"],
                "queries": ["REPLICATE [orders]"],
            ], workspace: demoWorkspaceID)
        await simulator.seedJob(
            [
                "name": "Snowflake to HubSpot", "type": "ReverseETL", "source_connection_id": "c-snowflake",
                "destination_connection_id": "c-hubspot", "schedule": ["enabled": false, "cron": ""],
                "queries": ["UPSERT INTO [Contacts] SELECT * FROM [dim_contacts]"],
            ], workspace: demoWorkspaceID)
        await simulator.seedRun(of: accounts, requestedAt: clock.date.addingTimeInterval(-3600))
        return simulator
    }
}
