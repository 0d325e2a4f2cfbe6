import Foundation
import JobBridge
import JobBridgeConnect
import JobBridgeConnectSimulator
import JobBridgeTesting
import Testing

/// The Connect simulator's rules and the provider's account of a lost create, against
/// the simulator. Found by mutation testing (#15).
@Suite struct ConnectSimulatorAndRecoveryTests {
    static func definition(table: String, isEnabled: Bool = true) -> JobDefinition {
        JobDefinition(
            name: "Orders", kind: JobKind(.replication), source: ConnectionRef(id: "c1", name: "SF"),
            schedule: .interval(IntervalSchedule(every: 1, .day)), isEnabled: isEnabled,
            tasks: [TaskDefinition(table: TableRef(name: table))])
    }

    @Test func aLostCreateIsNotTakenForAJobOnAnotherTable() async throws {
        let simulator = ConnectSimulator()
        _ = try await TestSupport.provider(simulator).createJob(Self.definition(table: "Accounts"))
        // The create never reached the server (a 500 before it); the check finds only the
        // job on another table, so the create is sent again and made once.
        let faults = FaultInjectingTransport(wrapping: simulator, plan: .script([.serverError(status: 500)]))
        let client = try ConnectClient(
            transport: faults, clock: simulator.clock, now: simulator.clock.dateSource,
            tokenProvider: { AccessToken(token: Secret(ConnectSimulator.defaultToken)) })
        let provider = ConnectProvider(
            client: client, cacheConnection: TestSupport.cacheConnection, now: simulator.clock.dateSource)
        let job = try await provider.createJob(Self.definition(table: "Contacts"))
        #expect(faults.records.map(\.method) == [.post, .get, .post])
        #expect(try await client.jobs().count == 2)
        #expect(try await provider.tasks(of: job.id).map(\.table?.name) == ["Contacts"])
    }

    @Test(arguments: [0, 6])
    func theSimulatorRefusesALogVerbosityOutsideOneToFive(_ level: Int) async throws {
        let client = try TestSupport.client(ConnectSimulator())
        var params = ConnectJobParams()
        params.sourceConnection = "c1"
        params.sourceTable = "T"
        let request = ConnectJobRequest(
            jobType: .caching, name: "n", intervalUnit: .hour, intervalValue: 1, logVerbosity: level, params: params)
        let error = await #expect(throws: JobBridgeError.self) { try await client.createJob(request) }
        #expect(error?.httpStatus == 400)
    }

    @Test func aDisabledJobHasNoNextRun() async throws {
        let provider = try TestSupport.provider(ConnectSimulator())
        let disabled = try await provider.createJob(Self.definition(table: "Accounts", isEnabled: false))
        #expect(try await provider.job(disabled.id).nextRunAt == nil)
        let enabled = try await provider.createJob(Self.definition(table: "Contacts"))
        #expect(try await provider.job(enabled.id).nextRunAt != nil)
    }

    @Test(arguments: [true, false])
    func autoTruncateStringsIsSentAsItsWireString(_ flag: Bool) async throws {
        let simulator = ConnectSimulator()
        let provider = try TestSupport.provider(simulator)
        var definition = Self.definition(table: "Accounts")
        definition.settings = ["autoTruncateStrings": .bool(flag), "timeCheckColumn": "ModifiedAt"]
        let job = try await provider.createJob(definition)
        #expect(job.settings["autoTruncateStrings"] == .string(flag ? "true" : "false"))
        let cleared = try await provider.updateJob(job.id, with: JobUpdate(settings: ["timeCheckColumn": nil]))
        #expect(cleared.settings["timeCheckColumn"] == nil)
        #expect(try provider.native(cleared).params.values["timeCheckColumn"] == nil)
    }
}
