import Foundation
import JobBridge
import JobBridgeNX1Simulator
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSyncSimulator

/// The simulator process (`--serve N`): CData Sync seeded with N jobs and an empty NX1,
/// served twice over one set of simulators: as they are (for planning) and with 20 ms
/// added to every call by the served simulators' latency fault (for apply).
enum BenchServer {
    static let workspace = "ws-main"
    static let token = "bench"
    /// The line that ends what the process prints once it serves.
    static let readyLine = "ready"

    /// Seeds, serves, prints `plain <url>`, `slow <url>` and `ready`, then serves until killed.
    static func serve(jobs: Int) async throws {
        let clock = SimulatedClock(startDate: Date())
        let sync = SyncSimulator(configuration: .init(token: token, pageSize: 500), now: clock.dateSource)
        await sync.addWorkspace(id: workspace, name: "Main")
        await sync.addConnection(id: "c-sf", name: "Salesforce", workspace: workspace)
        await sync.addConnection(id: "c-pg", name: "Warehouse", workspace: workspace)
        for index in 0..<jobs {
            await sync.seedJob(
                [
                    "name": .string(String(format: "Job %05d", index)), "type": "Standard",
                    "source_connection_id": "c-sf", "destination_connection_id": "c-pg",
                    "schedule": ["enabled": .bool(index % 3 != 2), "cron": "0 * * * ?"], "use_gmt_datetime": true,
                    "queries": ["REPLICATE [Account]"],
                ], workspace: workspace)
        }
        let services = SimulatedServices(
            sync: sync, nx1: NX1Simulator(clock: clock), clock: clock, syncWorkspace: workspace)
        let plain = try await SimulatorServer.start(SimulatorServer.Options(services: services))
        let slow = try await SimulatorServer.start(
            SimulatorServer.Options(services: services, faults: try FaultSpecification(parsing: "latency=1:20ms")))
        // Written unbuffered: the parent reads these lines while this process keeps serving.
        let lines = "plain \(plain.rootURL.absoluteString)\nslow \(slow.rootURL.absoluteString)\n\(readyLine)\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
        await slow.waitUntilStopped()
        await plain.stop()
    }
}
