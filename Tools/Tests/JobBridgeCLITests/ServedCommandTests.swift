import Foundation
import JobBridge
import JobBridgeCLI
import JobBridgeSimulatorServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The commands end to end as child processes against simulators served over HTTP (the
/// same adapters, through real sockets and the AsyncHTTPClient transport).
@Suite(.serialized) struct ServedCommandTests {
    @Test func simulateServesAndPrintsAConfigurationTheToolReads() async throws {
        let simulate = try LiveProcess(["simulate", "--port", "0"])
        let printed = try await simulate.waitForOutput(containing: SimulatorConfiguration.readyLine)
        #expect(printed.contains("[providers.sync]"), "\(printed)")
        // The printed text is the configuration; its comments say what to export.
        let directory = try TemporaryDirectory()
        let path = try directory.write("simulators.toml", printed)
        var environment = ToolProcess.environment(["JOBBRIDGE_CONFIG": path])
        for line in printed.split(separator: "\n") where line.hasPrefix("#   export ") {
            let pair = line.dropFirst("#   export ".count).split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { environment[pair[0]] = pair[1] }
        }
        let jobs = try await ToolProcess.run(["jobs", "--json"], environment: environment)
        #expect(jobs.status == 0, "\(jobs)")
        #expect((try jobs.json()["jobs"] as? [Any])?.count == 11)
        simulate.signal(SIGTERM)
        let ended = await simulate.result()
        #expect(ended.status == 0, "\(ended)")
        #expect(ended.standardError.contains("stopped"))
    }

    @Test func simulateKeepsItsStateInAFileAcrossRestarts() async throws {
        let directory = try TemporaryDirectory()
        let state = directory.url.appendingPathComponent("simulators.json").path
        for round in 1...2 {
            let simulate = try LiveProcess(["simulate", "--state", state])
            let printed = try await simulate.waitForOutput(containing: SimulatorConfiguration.readyLine)
            let path = try directory.write("simulators-\(round).toml", printed)
            // Only sync's variable: the commands below use sync alone.
            let environment = ToolProcess.environment(
                ["JOBBRIDGE_CONFIG": path, "JOBBRIDGE_SIM_SYNC_TOKEN": "sync-demo-token"])
            if round == 1 {
                let run = try await ToolProcess.run(
                    ["run", "sync", "Snowflake to HubSpot", "--json"], environment: environment)
                #expect(run.status == 0, "\(run)")
            }
            // The run of the first server is in the history the second one serves.
            let history = try await ToolProcess.run(
                ["history", "sync", "Snowflake to HubSpot", "--json"], environment: environment)
            #expect((try history.json()["runs"] as? [Any])?.count == 1, "round \(round): \(history)")
            simulate.signal(SIGTERM)
            #expect(await simulate.result().status == 0)
        }
    }

    @Test func simulateRefusesABadFaultSpecification() async throws {
        let result = try await ToolProcess.run(["simulate", "--faults", "seed=1,explode=0.5"])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("explode"), "\(result)")
    }

    @Test func jobsShowRunHistoryOverSockets() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 3))
        defer { Task { await served.stop() } }
        let jobs = try await served.run(["jobs", "--json"])
        #expect(jobs.status == 0, "\(jobs)")
        let listed = try #require(try jobs.json()["jobs"] as? [[String: Any]])
        #expect(listed.count == 3)
        #expect(listed.allSatisfy { $0["provider"] as? String == "sync" })
        let show = try await served.run(["show", "sync", "Job 2"])
        #expect(show.status == 0, "\(show)")
        #expect(show.standardOutput.contains("REPLICATE [T2] SELECT * FROM [T2]"))
        let run = try await served.run(["run", "sync", "Job 2", "--wait", "--json"])
        #expect(run.status == 0, "\(run)")
        #expect(try run.json()["status"] as? String == "succeeded")
        let history = try await served.run(["history", "sync", "Job 2", "--json"])
        #expect((try history.json()["runs"] as? [Any])?.count == 1, "\(history)")
        let providers = try await served.run(["providers", "--json"])
        #expect((try providers.json()["providers"] as? [Any])?.count == 2, "\(providers)")
    }

    @Test func aProviderDownBesideOthersIsPartlyDone() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 2))
        defer { Task { await served.stop() } }
        let configuration =
            SimulatorConfiguration.toml(served.server.endpoints) + """

                [providers.down]
                kind = "sync"
                base_url = "http://127.0.0.1:9/api.rsc/v2"
                token_env = "JOBBRIDGE_SIM_SYNC_TOKEN"
                timeout = 5
                """
        let path = try served.directory.write("with-down.toml", configuration)
        let result = try await served.run(["jobs", "--json"], ["JOBBRIDGE_CONFIG": path])
        #expect(result.status == 3, "\(result)")
        let object = try result.json()
        #expect((object["jobs"] as? [Any])?.count == 2)
        let failures = try #require(object["failures"] as? [[String: Any]])
        #expect(failures.map { $0["provider"] as? String } == ["down"])
        #expect(result.standardError.contains("1 of 3 providers could not list their jobs"))
    }

    @Test func aProviderThatHangsIsReportedBesideTheOthers() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 2))
        let hanging = try await SimulatorServer.start(
            SimulatorServer.Options(faults: try FaultSpecification(parsing: "seed=1,latency=1:30s")))
        defer {
            Task {
                await served.stop()
                await hanging.stop()
            }
        }
        let slow = SimulatorConfiguration.toml(hanging.endpoints).replacingOccurrences(
            of: "[providers.sync]", with: "[providers.slow]"
        ).replacingOccurrences(of: "sync (served simulator)", with: "slow Sync")
        let onlySlow = slow.components(separatedBy: "[providers.connect]").first ?? slow
        let path = try served.directory.write(
            "with-slow.toml", SimulatorConfiguration.toml(served.server.endpoints) + "\n" + onlySlow)
        let result = try await served.run(["jobs", "--json", "--timeout", "2"], ["JOBBRIDGE_CONFIG": path])
        #expect(result.status == 3, "\(result)")
        let object = try result.json()
        #expect((object["jobs"] as? [Any])?.count == 2)
        let failures = try #require(object["failures"] as? [[String: Any]])
        #expect(failures.map { $0["provider"] as? String } == ["slow"], "\(failures)")
        #expect(failures.first?["code"] as? String == "timeout")
    }

    @Test func verboseLogsEveryRequestWithoutItsSecret() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 1))
        defer { Task { await served.stop() } }
        let result = try await served.run(["jobs", "--provider", "sync", "--verbose"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("GET"), "\(result)")
        #expect(result.standardError.contains("/api.rsc/v2/"), "\(result)")
        let token = try #require(served.server.endpoints.environment["JOBBRIDGE_SIM_SYNC_TOKEN"])
        #expect(!result.standardError.contains(token))
        #expect(!result.standardOutput.contains(token))
    }

    @Test func aMigrationFromPlanToRollbackOverSockets() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 5))
        defer { Task { await served.stop() } }
        let plan = try await served.run([
            "migrate", "plan", "--from", "sync", "--to", "nx1", "--connection", "c-src=src://crm",
            "--connection", "c-dst=dst://warehouse", "--out", "plan.json",
        ])
        #expect(plan.status == 0, "\(plan)")
        let apply = try await served.run(["migrate", "apply", "plan.json", "--json"])
        #expect(apply.status == 0, "\(apply)")
        let totals = try #require(try apply.json()["totals"] as? [String: Any])
        #expect(totals["migrated"] as? Int == 5)
        let again = try await served.run(["migrate", "apply", "plan.json", "--json"])
        #expect((try again.json()["totals"] as? [String: Any])?["alreadyMigrated"] as? Int == 5, "\(again)")
        #expect(try await served.nx1Jobs().count == 5)
        let verify = try await served.run(["migrate", "verify", "plan.json"])
        #expect(verify.status == 0, "\(verify)")
        let cutover = try await served.run(["migrate", "cutover", "plan.json"])
        #expect(cutover.status == 0, "\(cutover)")
        #expect(try await served.syncJobs().allSatisfy { !$0.isEnabled })
        let report = try await served.run(["migrate", "report", "plan.json", "--json"])
        #expect((try report.json()["totals"] as? [String: Any])?["cutOver"] as? Int == 5, "\(report)")
        let rollback = try await served.run(["migrate", "rollback", "plan.json"])
        #expect(rollback.status == 0, "\(rollback)")
        #expect(try await served.syncJobs().allSatisfy(\.isEnabled))
    }

    @Test func aStalePlanFailsBeforeAnyWrite() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 3))
        defer { Task { await served.stop() } }
        let plan = try await served.planSyncToNX1()
        #expect(plan.status == 0, "\(plan)")
        // Someone changes a planned job after the plan was made.
        let sync = try served.syncProvider()
        let job = try #require(try await served.syncJobs().first { $0.name == "Job 2" })
        _ = try await sync.updateJob(job.id, with: JobUpdate(name: "Job 2 (renamed)"))
        let apply = try await served.run(["migrate", "apply", "plan.json"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.standardError.contains("PLAN_STALE"), "\(apply)")
        #expect(await served.server.mutatingRequestCount == 0)
        #expect(try await served.nx1Jobs().isEmpty)
    }

    @Test func anUnknownOptionOnApplyWritesNothing() async throws {
        let served = try await ServedSimulators(await ServedSimulators.syncAndNX1(jobs: 2))
        defer { Task { await served.stop() } }
        let plan = try await served.planSyncToNX1()
        #expect(plan.status == 0, "\(plan)")
        for arguments in [
            ["migrate", "apply", "plan.json", "--dry-run"], ["migrate", "apply", "plan.json", "--concurency", "2"],
            ["migrate", "apply"], ["migrate", "rollback", "plan.json", "--confirm-delete", "x"],
        ] {
            let result = try await served.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
        }
        #expect(await served.server.mutatingRequestCount == 0)
        #expect(
            !FileManager.default.fileExists(
                atPath: served.directory.url.appendingPathComponent("plan.json.journal").path))
    }
}

/// A child process whose output is read as it comes (for `jobbridge simulate`, which runs
/// until signalled).
final class LiveProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    // Guarded by `lock`.
    private var output = ""
    private var waiters: [(String, CheckedContinuation<String, any Error>)] = []
    private var closed = false
    private let error: ReadAll
    private let ended = Ended()

    init(_ arguments: [String], environment: [String: String] = ToolProcess.environment()) throws {
        process.executableURL = try ToolProcess.executable
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let ended = self.ended
        process.terminationHandler = { ended.signal($0.terminationStatus) }
        try process.run()
        error = ReadAll(err.fileHandleForReading)
        let handle = out.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                append(String(decoding: chunk, as: UTF8.self))
            }
            finishReading()
        }
    }

    private func append(_ text: String) {
        let ready = lock.withLock { () -> [(CheckedContinuation<String, any Error>, String)] in
            output += text
            let done = waiters.filter { output.contains($0.0) }
            waiters.removeAll { output.contains($0.0) }
            return done.map { ($0.1, output) }
        }
        for (waiter, text) in ready { waiter.resume(returning: text) }
    }

    private func finishReading() {
        let left = lock.withLock { () -> [(String, CheckedContinuation<String, any Error>)] in
            closed = true
            defer { waiters = [] }
            return waiters
        }
        for (_, waiter) in left { waiter.resume(throwing: ToolProcessError("the process closed its output")) }
    }

    /// The output so far, once it contains `text`.
    func waitForOutput(containing text: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let state = lock.withLock { () -> (String?, Bool) in
                if output.contains(text) { return (output, false) }
                if closed { return (nil, true) }
                waiters.append((text, continuation))
                return (nil, false)
            }
            if let ready = state.0 {
                continuation.resume(returning: ready)
            } else if state.1 {
                continuation.resume(throwing: ToolProcessError("the process closed its output"))
            }
        }
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    func result() async -> ToolProcess.Result {
        let status = await ended.wait()
        let errorText = await error.value()
        return ToolProcess.Result(
            status: status, standardOutput: lock.withLock { output },
            standardError: String(decoding: errorText, as: UTF8.self))
    }
}
