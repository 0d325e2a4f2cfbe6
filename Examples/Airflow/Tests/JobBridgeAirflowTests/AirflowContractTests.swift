import Foundation
import JobBridge
import JobBridgeAirflow
import JobBridgeAirflowSimulator
import JobBridgeTesting
import Testing

/// The contract suite's harness for Airflow: a provider that cannot create, so every
/// behaviour case runs on DAGs seeded straight into a fresh simulator, four of them over
/// pages of three.
struct AirflowHarness: ContractHarness {
    let simulatedClock = SimulatedClock()

    func makeProvider() async throws -> any JobProvider {
        try AirflowFixture(clock: simulatedClock).provider
    }

    var capabilities: ProviderCapabilities { AirflowProvider.capabilities }
    var fields: FieldCapabilities { AirflowProvider.fieldCapabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { nil }
    var pageSize: Int? { 3 }
    var seedsJobs: Bool { true }
    var nonexistentJobID: JobID { "no_such_dag" }

    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt
    static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    /// Four DAGs: a weekday cron in New York with three tasks and two past runs (the one
    /// the run cases use), a paused six-hourly time delta with one run, a manual DAG that
    /// never ran, and a daily preset in Berlin written as pendulum writes zones.
    func makeSeededProvider() async throws -> SeededState {
        let fixture = try AirflowFixture(clock: simulatedClock)
        let simulator = fixture.simulator
        let now = simulatedClock.date
        let day: TimeInterval = 86_400
        await simulator.insertDAG(
            AirflowSeeds.dag(
                "orders_ingest", display: "Orders ingest", schedule: AirflowSeeds.cron("30 2 * * 1-5"),
                description: "Nightly orders", owners: ["data-eng"], tags: ["orders", "nightly"],
                timetable: "At 02:30, Monday through Friday"),
            timezone: "America/New_York",
            tasks: [
                AirflowSeeds.task("extract", downstream: ["transform"]),
                AirflowSeeds.task("transform", downstream: ["load"]),
                AirflowSeeds.task("load", operator: "SQLExecuteQueryOperator"),
            ])
        await simulator.insertRun(
            AirflowSeeds.run(
                "scheduled__a", dag: "orders_ingest", state: "failed", start: now.addingTimeInterval(-2 * day)))
        await simulator.insertRun(
            AirflowSeeds.run(
                "scheduled__b", dag: "orders_ingest", state: "success", start: now.addingTimeInterval(-day)))
        await simulator.insertDAG(
            AirflowSeeds.dag("support_classify", schedule: AirflowSeeds.timeDelta(seconds: 21_600), isPaused: true),
            timezone: "UTC", tasks: [AirflowSeeds.task("classify", operator: "PythonOperator")])
        await simulator.insertRun(
            AirflowSeeds.run(
                "manual__c", dag: "support_classify", state: "success", start: now.addingTimeInterval(-3 * day)))
        await simulator.insertDAG(
            AirflowSeeds.dag("warehouse_models", display: "Warehouse models", schedule: nil, description: "dbt"),
            timezone: "Europe/Paris")
        await simulator.insertDAG(
            AirflowSeeds.dag("zz_daily_report", schedule: AirflowSeeds.cron("@daily"), tags: ["reports"]),
            timezone: "Timezone('Europe/Berlin')",
            tasks: [AirflowSeeds.task("render"), AirflowSeeds.task("email", operator: "EmailOperator")])
        let kind = JobKind(.workflow, providerValue: "dag")
        return SeededState(
            provider: fixture.provider,
            jobs: [
                SeededJob(
                    id: "orders_ingest",
                    expected: JobDefinition(
                        name: "Orders ingest", kind: kind,
                        schedule: .cron(try CronSchedule("30 2 * * 1-5", dialect: .airflow, timeZone: Self.newYork)),
                        tasks: ["extract", "load", "transform"].map { TaskDefinition(query: $0) },
                        settings: [
                            "description": "Nightly orders", "owners": ["data-eng"], "tags": ["orders", "nightly"],
                        ]),
                    pastRuns: [
                        SeededRun(id: "scheduled__b", startedAt: now.addingTimeInterval(-day), phase: .succeeded),
                        SeededRun(id: "scheduled__a", startedAt: now.addingTimeInterval(-2 * day), phase: .failed),
                    ]),
                SeededJob(
                    id: "support_classify",
                    expected: JobDefinition(
                        name: "support_classify", kind: kind, schedule: .interval(IntervalSchedule(every: 6, .hour)),
                        isEnabled: false, tasks: [TaskDefinition(query: "classify")], settings: ["owners": ["airflow"]]),
                    pastRuns: [
                        SeededRun(id: "manual__c", startedAt: now.addingTimeInterval(-3 * day), phase: .succeeded)
                    ]),
                SeededJob(
                    id: "warehouse_models",
                    expected: JobDefinition(name: "Warehouse models", kind: kind, settings: ["description": "dbt"])),
                SeededJob(
                    id: "zz_daily_report",
                    expected: JobDefinition(
                        name: "zz_daily_report", kind: kind,
                        schedule: .cron(try CronSchedule("@daily", dialect: .airflow, timeZone: Self.berlin)),
                        tasks: [TaskDefinition(query: "email"), TaskDefinition(query: "render")],
                        settings: ["tags": ["reports"]])),
            ])
    }

    /// Airflow cannot create a DAG; the suite never creates with this harness.
    func definition(_ number: Int) -> JobDefinition {
        JobDefinition(name: "dag_\(number)", kind: JobKind(.workflow, providerValue: "dag"))
    }

    var richDefinition: JobDefinition { definition(0) }
}

@Suite struct AirflowContractTests {
    /// The root README's matrix has an Airflow column that says what the provider declares.
    /// This package has a README of its own, so the search starts above it: at the folder
    /// that holds `Examples/`, the JobBridge package.
    @Test func theREADMEMatrixSaysWhatIsDeclared() async throws {
        let examplePackage = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // JobBridgeAirflowTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // Examples/Airflow
        let readme = try CapabilityMatrix.readme(near: examplePackage.path)
        #expect(readme.hasPrefix("# JobBridge\n"))
        let descriptor = try await AirflowHarness().makeProvider().descriptor
        let problems = CapabilityMatrix.mismatches(
            in: readme, column: "Apache Airflow (example)", descriptor: descriptor)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: ContractSuite.cases(for: AirflowHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(AirflowHarness())
    }

    /// Every seeded case applies, and every undeclared operation is checked unsupported.
    @Test func theSeededCasesAndTheUnsupportedOnesAllApply() {
        let names = Set(ContractSuite.cases(for: AirflowHarness()).map(\.name))
        for name in [
            "list.seeded", "list.seededPages", "get.seeded", "get.seededScheduleTimeZone", "tasks.seededOrder",
            "status.seeded", "run.seededCompletes", "cancel.seededStopsRun", "history.seededNewestFirst",
            "getRun.seeded",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        for operation: JobOperation in [
            .createJob, .deleteJob, .runTasks, .addTask, .updateTask, .deleteTask, .moveTask, .taskHistory,
        ] {
            #expect(names.contains("unsupported.\(operation.rawValue)"))
        }
        #expect(!names.contains("seeded.required"))
    }
}
