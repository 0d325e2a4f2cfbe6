import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// The harness for the in-memory reference provider: small pages, a simulated clock.
struct InMemoryHarness: ContractHarness {
    let simulatedClock = SimulatedClock()
    var configuration = InMemoryProvider.Configuration(name: "In-Memory", pageSize: 3)
    /// Wraps each fresh provider (meta-tests use it to break one on purpose).
    var wrap: @Sendable (InMemoryProvider) -> any JobProvider = { $0 }
    var capabilitiesOverride: ProviderCapabilities?

    func makeProvider() async throws -> any JobProvider {
        wrap(InMemoryProvider(configuration: configuration, now: simulatedClock.dateSource))
    }

    var capabilities: ProviderCapabilities { capabilitiesOverride ?? configuration.capabilities }
    var clock: any Clock<Duration> { simulatedClock }
    var jobsSpanningPages: Int? { configuration.pageSize * 2 + 1 }
    var roundTripFields: Set<JobField> { Set(JobField.allCases) }
    var seedsJobs: Bool { true }
    var pageSize: Int? { configuration.pageSize }

    /// Seven jobs (pages of three): the first with a weekday cron in New York, three tasks
    /// (the second inactive) and two past runs; the others plain, one task each.
    func makeSeededProvider() async throws -> SeededState {
        let base = InMemoryProvider(configuration: configuration, now: simulatedClock.dateSource)
        var jobs: [SeededJob] = []
        let now = simulatedClock.date
        let runs = [
            InMemoryProvider.PastRun(requestedAt: now.addingTimeInterval(-3600), phase: .failed),
            InMemoryProvider.PastRun(requestedAt: now.addingTimeInterval(-7200), phase: .succeeded),
        ]
        let (first, runIDs) = try await base.seedJob(Self.seededDefinition(0), pastRuns: runs)
        let queueDelay = TimeInterval(configuration.queueDelay.components.seconds)
        jobs.append(
            SeededJob(
                id: first.id, expected: Self.seededDefinition(0),
                pastRuns: zip(runs, runIDs).map { run, id in
                    SeededRun(id: id, startedAt: run.requestedAt.addingTimeInterval(queueDelay), phase: run.phase)
                }))
        for number in 1..<7 {
            let (job, _) = try await base.seedJob(Self.seededDefinition(number))
            jobs.append(SeededJob(id: job.id, expected: Self.seededDefinition(number)))
        }
        return SeededState(provider: wrap(base), jobs: jobs)
    }

    static let newYork = TimeZone(identifier: "America/New_York") ?? .gmt

    static func seededDefinition(_ number: Int) -> JobDefinition {
        guard number == 0 else {
            return JobDefinition(
                name: "Seeded \(number)", kind: JobKind(.replication),
                source: ConnectionRef(id: "src-1", name: "Salesforce"), destination: ConnectionRef(id: "dst-1"),
                tasks: [TaskDefinition(query: "REPLICATE [T\(number)]")])
        }
        let cron = try? CronSchedule("0 9 * * 1-5", dialect: .standard, timeZone: newYork)
        return JobDefinition(
            name: "Seeded weekdays", kind: JobKind(.replication, providerValue: "Standard"),
            source: ConnectionRef(id: "src-2", name: "Snowflake"), destination: ConnectionRef(id: "dst-2"),
            schedule: cron.map(Schedule.cron) ?? .manual, isEnabled: false,
            tasks: [
                TaskDefinition(query: "REPLICATE [A]"), TaskDefinition(query: "REPLICATE [B]", isActive: false),
                TaskDefinition(query: "REPLICATE [C]"),
            ],
            settings: ["verbosity": 2])
    }

    func definition(_ number: Int) -> JobDefinition {
        JobDefinition(
            name: "Job \(number)", kind: JobKind(.replication),
            source: ConnectionRef(id: "src-1", name: "Salesforce"),
            destination: ConnectionRef(id: "dst-1", name: "Warehouse"))
    }

    var richDefinition: JobDefinition {
        JobDefinition(
            name: "Rich job", kind: JobKind(.reverseETL, providerValue: "ReverseETL"),
            source: ConnectionRef(id: "src-2", name: "Snowflake"),
            destination: ConnectionRef(id: "dst-2", name: "HubSpot"),
            schedule: .interval(
                IntervalSchedule(every: 6, .hour, firstRun: Date(timeIntervalSince1970: 1_767_225_600))),
            isEnabled: false, tasks: sampleTasks, settings: ["verbosity": 3, "table_name_prefix": "sf_"])
    }
}

@Suite struct InMemoryContractTests {

    @Test func theREADMEMatrixSaysWhatIsDeclared() async throws {
        let readme = try CapabilityMatrix.readme(near: #filePath)
        let descriptor = try await InMemoryHarness().makeProvider().descriptor
        let problems = CapabilityMatrix.mismatches(in: readme, column: "In-memory (reference)", descriptor: descriptor)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(arguments: ContractSuite.cases(for: InMemoryHarness()))
    func contract(_ contractCase: ContractCase) async throws {
        try await contractCase.run(InMemoryHarness())
    }

    @Test func everyCaseApplies() {
        // The reference provider declares everything, so it meets every behaviour case and
        // no "unsupported" case.
        let names = ContractSuite.cases(for: InMemoryHarness()).map(\.name)
        #expect(Set(names).count == names.count)
        #expect(!names.contains { $0.hasPrefix("unsupported.") })
        // Every field is settable and it can create: no refusal of an unsettable field, no
        // demand for seeds.
        let behaviour = ContractSuite.allCaseNames.filter {
            !$0.hasPrefix("unsupported.") && $0 != "update.refusesUnsettableFields" && $0 != "seeded.required"
        }
        #expect(Set(names) == Set(behaviour))
    }

    @Test func aProviderWithoutCapabilitiesGetsOnlyUnsupportedCases() async throws {
        var harness = InMemoryHarness()
        harness.configuration.capabilities = []
        let cases = ContractSuite.cases(for: harness)
        #expect(cases.map(\.name) == ["descriptor.matchesHarness"] + JobOperation.allCases.map { "unsupported.\($0)" })
        for contractCase in cases { try await contractCase.run(harness) }
    }

    @Test func aReadOnlyProviderPassesItsCases() async throws {
        var harness = InMemoryHarness()
        harness.configuration.capabilities = [.listJobs, .getJob, .createJob, .runJob, .status]
        for contractCase in ContractSuite.cases(for: harness) { try await contractCase.run(harness) }
    }

    @Test func aProviderThatCannotCreateRunsItsBehaviourCasesOnSeededJobs() async throws {
        var harness = InMemoryHarness()
        harness.configuration.capabilities = [
            .listJobs, .getJob, .runJob, .cancelRun, .status, .runHistory, .getRun, .listTasks,
        ]
        let names = ContractSuite.cases(for: harness).map(\.name)
        let seeded = [
            "list.seeded", "list.seededPages", "get.seeded", "get.seededScheduleTimeZone", "tasks.seededOrder",
            "status.seeded", "run.seededCompletes", "cancel.seededStopsRun", "history.seededNewestFirst",
            "getRun.seeded",
        ]
        #expect(Set(seeded).isSubset(of: Set(names)))
        for contractCase in ContractSuite.cases(for: harness) { try await contractCase.run(harness) }
    }

    @Test func aProviderThatCannotCreateAndSeedsNothingFails() async throws {
        struct Unseeded: ContractHarness {
            var base = InMemoryHarness()
            func makeProvider() async throws -> any JobProvider { try await base.makeProvider() }
            var capabilities: ProviderCapabilities { [.listJobs, .getJob] }
            var clock: any Clock<Duration> { base.clock }
            var jobsSpanningPages: Int? { nil }
            func definition(_ number: Int) -> JobDefinition { base.definition(number) }
            var richDefinition: JobDefinition { base.richDefinition }
        }
        let cases = ContractSuite.cases(for: Unseeded())
        let required = try #require(cases.first { $0.name == "seeded.required" })
        await #expect(throws: ContractFailure.self) { try await required.run(Unseeded()) }
    }
}
