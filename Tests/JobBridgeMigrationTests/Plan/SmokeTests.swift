import Foundation
import JobBridge
import JobBridgeMigration
import Testing

@Suite struct PlanSmokeTests {
    @Test func syncToConnectPlansAndPrints() async throws {
        let sync = try await SyncSide()
        let connect = try await ConnectSide()
        await sync.seed([
            "name": "Accounts", "type": "Standard", "source_connection_id": "c-sf",
            "destination_connection_id": "c-sn", "schedule": ["enabled": true, "cron": "0 */6 * * ?"],
            "use_gmt_datetime": true, "queries": ["REPLICATE [Account]", "REPLICATE [Contact]"],
        ])
        let mapping = ConnectionMapping(connections: ["c-sf": try #require(connect.connections["Salesforce"])])
        let plan = try await JobBridgeMigration.plan(from: sync.provider, to: connect.provider, mapping: mapping)
        let text = String(decoding: try plan.encoded(), as: UTF8.self)
        print(text)
        #expect(plan.jobs.count == 1)
    }
}
