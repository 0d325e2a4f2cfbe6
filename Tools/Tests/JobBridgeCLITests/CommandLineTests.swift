import Foundation
import Testing

/// Every command end to end, as a child process of the built `jobbridge`, on the embedded
/// simulators (no configuration): exit codes, `--json` shapes, colour rules.
@Suite(.serialized) struct CommandLineTests {
    @Test func jobsListsEveryProviderOnAFreshClone() async throws {
        let result = try await ToolProcess.run(["jobs"])
        #expect(result.status == 0, "\(result)")
        for name in ["Salesforce to Snowflake", "MailChimp conversations", "Classify support tickets"] {
            #expect(result.standardOutput.contains(name), "\(result)")
        }
        #expect(result.standardOutput.contains("* computed from the schedule"))
        // Not a terminal: no colour codes.
        #expect(!result.standardOutput.contains("\u{1B}["))
    }

    @Test func jobsJSONHasTheDocumentedFields() async throws {
        let result = try await ToolProcess.run(["jobs", "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try result.json()
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        #expect(jobs.count == 11)
        let fields: Set<String> = [
            "provider", "provider_name", "id", "name", "kind", "kind_provider", "schedule", "schedule_words",
            "enabled", "next_run", "next_run_computed", "last_run_status", "last_run_at",
        ]
        for job in jobs { #expect(Set(job.keys) == fields, "\(job.keys.sorted())") }
        #expect(Set(jobs.compactMap { $0["provider"] as? String }) == ["sync", "connect", "nx1"])
        let sync = try #require(jobs.first { $0["name"] as? String == "Salesforce to Snowflake" })
        #expect(sync["next_run"] as? String == "2026-11-23T18:00:00Z")
        #expect(sync["next_run_computed"] as? Bool == true)
        let nx1 = try #require(jobs.first { $0["name"] as? String == "Classify support tickets" })
        #expect(nx1["last_run_status"] as? String == "failed")
        let connect = try #require(jobs.first { $0["name"] as? String == "MailChimp conversations" })
        #expect(connect["last_run_status"] as? String == "succeeded")
        #expect(connect["next_run_computed"] as? Bool == false)
        #expect((object["failures"] as? [Any])?.isEmpty == true)
    }

    @Test func jobsOfOneProvider() async throws {
        let result = try await ToolProcess.run(["jobs", "--provider", "nx1", "--json"])
        #expect(result.status == 0, "\(result)")
        let jobs = try #require(try result.json()["jobs"] as? [[String: Any]])
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { $0["provider"] as? String == "nx1" })
    }

    @Test func anUnknownProviderIsAUsageError() async throws {
        let result = try await ToolProcess.run(["jobs", "--provider", "airflow"])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("no provider named 'airflow'"))
    }

    @Test func providersShowsTheCapabilityMatrix() async throws {
        let table = try await ToolProcess.run(["providers"])
        #expect(table.status == 0, "\(table)")
        #expect(table.standardOutput.contains("runTasks"))
        let result = try await ToolProcess.run(["providers", "--json"])
        let providers = try #require(try result.json()["providers"] as? [[String: Any]])
        #expect(providers.map { $0["handle"] as? String } == ["sync", "connect", "nx1"])
        let nx1 = try #require(providers.last?["operations"] as? [String: Bool])
        #expect(nx1["cancelRun"] == false)
        #expect(nx1["createJob"] == true)
        #expect(providers.first?["cancelled_run_reads_as"] as? String == "cancelled")
    }

    @Test func showByNameAndByID() async throws {
        let byName = try await ToolProcess.run(["show", "sync", "Salesforce to Snowflake", "--json"])
        #expect(byName.status == 0, "\(byName)")
        let job = try byName.json()
        #expect((job["tasks"] as? [Any])?.count == 2)
        #expect((job["next_runs"] as? [String])?.first == "2026-11-23T18:00:00Z")
        let id = try #require(job["id"] as? String)
        let byID = try await ToolProcess.run(["show", "sync", id])
        #expect(byID.status == 0, "\(byID)")
        #expect(byID.standardOutput.contains("REPLICATE [Account] SELECT * FROM [Account]"))
        let missing = try await ToolProcess.run(["show", "sync", "No such job"])
        #expect(missing.status == 1, "\(missing)")
        #expect(missing.standardError.contains("no job 'No such job' on sync"))
    }

    @Test func runAndWaitEndsWithTheRunsStatus() async throws {
        let result = try await ToolProcess.run(["run", "sync", "Salesforce to Snowflake", "--wait", "--json"])
        #expect(result.status == 0, "\(result)")
        let run = try result.json()
        #expect(run["status"] as? String == "succeeded")
        let plain = try await ToolProcess.run(["run", "connect", "MailChimp conversations", "--wait"])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.standardOutput.contains("succeeded"))
    }

    @Test func runChosenTasksWhereTheProviderCan() async throws {
        let chosen = try await ToolProcess.run([
            "run", "sync", "Salesforce to Snowflake", "--tasks", "870237973789151201", "--wait", "--json",
        ])
        #expect(chosen.status == 0, "\(chosen)")
        #expect(try chosen.json()["status"] as? String == "succeeded")
        let refused = try await ToolProcess.run(["run", "connect", "MailChimp conversations", "--tasks", "1"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.standardError.contains("runTasks"), "\(refused)")
    }

    @Test func cancelOnAProviderThatCannotIsAFailureNamingIt() async throws {
        let result = try await ToolProcess.run(["cancel", "nx1", "Classify support tickets"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("unsupported"))
        #expect(result.standardError.contains("cancelRun"))
    }

    @Test func historyListsPastRuns() async throws {
        let result = try await ToolProcess.run(["history", "sync", "Salesforce to Snowflake", "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try result.json()
        #expect(object["source"] as? String == "history")
        #expect((object["runs"] as? [Any])?.count == 1)
        let status = try await ToolProcess.run(["history", "nx1", "Classify support tickets", "--json"])
        #expect(try status.json()["source"] as? String == "status")
    }

    @Test func cronExplainNextAndConvert() async throws {
        let explain = try await ToolProcess.run(["cron", "explain", "0 9 * * 1-5", "--time-zone", "America/New_York"])
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.standardOutput.contains("Monday through Friday"))
        let next = try await ToolProcess.run([
            "cron", "next", "30 2 * * *", "--count", "3", "--after", "2026-03-28T00:00:00Z", "--time-zone",
            "Europe/Berlin", "--json",
        ])
        #expect(next.status == 0, "\(next)")
        #expect(
            try next.json()["runs"] as? [String] == [
                "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z",
            ])
        let exact = try await ToolProcess.run(["cron", "convert", "0 */6 * * *", "--to", "interval", "--json"])
        #expect(exact.status == 0, "\(exact)")
        #expect(try exact.json()["verdict"] as? String == "exact")
        let approximate = try await ToolProcess.run(["cron", "convert", "every 5 hours", "--to", "standard", "--json"])
        #expect(approximate.status == 3, "\(approximate)")
        let object = try approximate.json()
        #expect(object["verdict"] as? String == "approximate")
        #expect((object["differences"] as? [String])?.isEmpty == false)
        let impossible = try await ToolProcess.run(["cron", "convert", "every 2 weeks", "--to", "standard"])
        #expect(impossible.status == 1, "\(impossible)")
        #expect(impossible.standardOutput.contains("impossible"))
        let invalid = try await ToolProcess.run(["cron", "explain", "61 * * * *"])
        #expect(invalid.status == 2, "\(invalid)")
        #expect(invalid.standardError.contains("minute"))
    }

    @Test func anUnknownOptionIsAUsageErrorThatDoesNothing() async throws {
        for arguments in [
            ["jobs", "--frobnicate"], ["run", "sync", "Salesforce to Snowflake", "--wiat"], ["migrate", "apply"],
            ["nonsense"],
        ] {
            let result = try await ToolProcess.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.standardOutput.isEmpty, "\(arguments): \(result)")
        }
    }

    @Test func everyCommandHasHelpWithExamples() async throws {
        for command in [
            [], ["providers"], ["jobs"], ["show"], ["run"], ["cancel"], ["history"], ["cron"], ["cron", "explain"],
            ["cron", "next"], ["cron", "convert"], ["simulate"], ["migrate"], ["migrate", "plan"],
            ["migrate", "apply"],
            ["migrate", "resume"], ["migrate", "verify"], ["migrate", "cutover"], ["migrate", "rollback"],
            ["migrate", "report"],
        ] {
            let result = try await ToolProcess.run(command + ["--help"])
            #expect(result.status == 0, "\(command): \(result)")
            #expect(result.standardOutput.contains("Example"), "\(command): \(result.standardOutput)")
        }
    }

    @Test func colourOnlyOnATerminalAndNeverWithNOCOLOR() async throws {
        let terminal = try await ToolProcess.run(
            ["cron", "convert", "0 */6 * * *", "--to", "interval"],
            environment: ToolProcess.environment(["JOBBRIDGE_FORCE_TTY": "100"]))
        #expect(terminal.standardOutput.contains("\u{1B}[32mexact"), "\(terminal)")
        let noColor = try await ToolProcess.run(
            ["cron", "convert", "0 */6 * * *", "--to", "interval"],
            environment: ToolProcess.environment(["JOBBRIDGE_FORCE_TTY": "100", "NO_COLOR": "1"]))
        #expect(noColor.status == 0)
        #expect(!noColor.standardOutput.contains("\u{1B}["), "\(noColor)")
        let pipe = try await ToolProcess.run(["cron", "convert", "0 */6 * * *", "--to", "interval"])
        #expect(!pipe.standardOutput.contains("\u{1B}["), "\(pipe)")
    }

    @Test func tablesFitTheTerminal() async throws {
        let narrow = try await ToolProcess.run(["jobs"], environment: ToolProcess.environment(["COLUMNS": "90"]))
        #expect(narrow.status == 0, "\(narrow)")
        let table = narrow.standardOutput.split(separator: "\n").prefix { !$0.hasPrefix("*") }
        for line in table { #expect(line.count <= 90, "\(line.count): \(line)") }
        let wide = try await ToolProcess.run(["jobs"])
        #expect(wide.standardOutput.split(separator: "\n").contains { $0.count > 90 })
    }

    @Test func aConfigurationWithAnInlineSecretIsRefusedBeforeAnything() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "jobbridge.toml",
            """
            [providers.sync]
            kind = "sync"
            base_url = "https://sync.example.com/api.rsc/v2"
            token = "canary-inline-secret"
            """)
        let result = try await ToolProcess.run(
            ["jobs"], environment: ToolProcess.environment(["JOBBRIDGE_CONFIG": path]))
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("jobbridge.toml:4: 'token' holds a secret inline"), "\(result)")
        #expect(!result.standardError.contains("canary-inline-secret"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func aMissingEnvironmentVariableIsNamed() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "jobbridge.toml",
            """
            [providers.sync]
            kind = "sync"
            base_url = "https://sync.example.com/api.rsc/v2"
            token_env = "JOBBRIDGE_TEST_SYNC_TOKEN"
            """)
        let result = try await ToolProcess.run(["jobs", "--config", path])
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("JOBBRIDGE_TEST_SYNC_TOKEN is not set"), "\(result)")
    }

    @Test func aProviderThatCannotBeReachedFailsTheListing() async throws {
        let directory = try TemporaryDirectory()
        // Port 9 on loopback (discard) is closed: the connection is refused at once.
        let path = try directory.write(
            "jobbridge.toml",
            """
            [providers.down]
            kind = "sync"
            base_url = "http://127.0.0.1:9/api.rsc/v2"
            token_env = "T"
            timeout = 5
            """)
        let result = try await ToolProcess.run(
            ["jobs", "--config", path, "--json"], environment: ToolProcess.environment(["T": "canary-env-token"]))
        #expect(result.status == 1, "\(result)")
        let failures = try #require(try result.json()["failures"] as? [[String: Any]])
        #expect(failures.first?["provider"] as? String == "down")
        #expect(!result.standardOutput.contains("canary-env-token"))
        #expect(!result.standardError.contains("canary-env-token"))
    }

    @Test func runWaitShowsALiveStatusLineOnATerminalOnly() async throws {
        let terminal = try await ToolProcess.run(
            ["run", "sync", "Salesforce to Snowflake", "--wait"],
            environment: ToolProcess.environment(["JOBBRIDGE_FORCE_TTY": "120"]))
        #expect(terminal.status == 0, "\(terminal)")
        // One line rewritten in place: carriage return and erase-line, no newline per state.
        #expect(terminal.standardError.contains("\r\u{1B}[Kqueued"), "\(terminal)")
        #expect(terminal.standardError.contains("\r\u{1B}[Krunning"), "\(terminal)")
        let pipe = try await ToolProcess.run(["run", "sync", "Salesforce to Snowflake", "--wait"])
        #expect(pipe.status == 0, "\(pipe)")
        #expect(!pipe.standardError.contains("\r"), "\(pipe)")
        #expect(pipe.standardError.contains("running"), "\(pipe)")
    }

    /// The README's quick start: a migration in three commands on the embedded simulators,
    /// whose state is kept beside the plan.
    @Test func theQuickStartMigrationInThreeCommands() async throws {
        let directory = try TemporaryDirectory()
        let plan = try await ToolProcess.run(
            [
                "migrate", "plan", "--from", "sync", "--to", "nx1", "--connection", "c-salesforce=salesforce://crm",
                "--connection", "c-snowflake=snowflake://warehouse", "--select", "Salesforce to Snowflake", "--out",
                "plan.json",
            ], directory: directory.url)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.standardOutput.contains("approximate"), "\(plan)")
        let apply = try await ToolProcess.run(
            ["migrate", "apply", "plan.json"], environment: ToolProcess.environment(["JOBBRIDGE_FORCE_TTY": "100"]),
            directory: directory.url)
        #expect(apply.status == 0, "\(apply)")
        // A progress bar on a terminal.
        #expect(apply.standardError.contains("apply [##############################] 1/1"), "\(apply)")
        let report = try await ToolProcess.run(["migrate", "report", "plan.json", "--json"], directory: directory.url)
        #expect(report.status == 0, "\(report)")
        let jobs = try #require(try report.json()["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["outcome"] as? String } == ["migrated"])
        // The embedded NX1 simulator kept the target: it is listed by the next command.
        let listed = try await ToolProcess.run(
            ["jobs", "--provider", "nx1", "--state", "plan.json.simulators.json", "--json"], directory: directory.url)
        let names = try #require(try listed.json()["jobs"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(names.contains("Salesforce to Snowflake"), "\(names)")
    }

    @Test func aMappingThatHoldsASecretIsRefusedAndNothingIsWritten() async throws {
        let directory = try TemporaryDirectory()
        let result = try await ToolProcess.run(
            [
                "migrate", "plan", "--from", "sync", "--to", "nx1", "--connection",
                "c-salesforce=postgres://admin:canary-password@db", "--out", "plan.json",
            ], directory: directory.url)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("the mapping holds a secret (connection 'c-salesforce')"), "\(result)")
        #expect(!result.standardError.contains("canary-password"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
