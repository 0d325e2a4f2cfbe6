import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// A provider that forwards to an in-memory one but breaks the contract in one way.
struct BrokenProvider: JobProvider {
    enum Defect: String, CaseIterable {
        /// Reads lose the job's destination.
        case losesDestination
        /// Moving a task changes nothing.
        case ignoresTaskOrder
        /// Task history is not declared, yet returns an empty list instead of throwing.
        case emptyListForUnsupported
        /// Reads turn a cron schedule's time zone into UTC (its text kept).
        case dropsScheduleTimeZone
        /// Run history comes oldest first.
        case listsRunsOldestFirst
        /// The listing comes in one page, whatever page size the provider was given.
        case ignoresPageSize
    }

    let base: InMemoryProvider
    let defect: Defect

    var descriptor: ProviderDescriptor {
        var descriptor = base.descriptor
        if defect == .emptyListForUnsupported { descriptor.capabilities.remove(.taskHistory) }
        return descriptor
    }

    private func damaged(_ job: Job) -> Job {
        var job = job
        if defect == .losesDestination { job.destination = nil }
        if defect == .dropsScheduleTimeZone, case .cron(let cron) = job.schedule,
            let utc = try? CronSchedule(cron.text, dialect: cron.dialect, timeZone: .gmt)
        {
            job.schedule = .cron(utc)
        }
        return job
    }

    func jobs() -> PagedSequence<Job> {
        let base = base
        if defect == .ignoresPageSize { return PagedSequence.single { try await base.jobs().collect() } }
        return PagedSequence { [self] token in
            let page = try await base.jobs().page(token)
            return Page(page.elements.map(damaged), nextToken: page.nextToken)
        }
    }
    func job(_ id: JobID) async throws -> Job { damaged(try await base.job(id)) }
    func createJob(_ definition: JobDefinition) async throws -> Job { damaged(try await base.createJob(definition)) }
    func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        damaged(try await base.updateJob(id, with: update))
    }
    func deleteJob(_ id: JobID) async throws { try await base.deleteJob(id) }
    func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun { try await base.runJob(id, tasks: tasks) }
    func cancelRun(of id: JobID) async throws { try await base.cancelRun(of: id) }
    func status(of id: JobID) async throws -> JobRun? { try await base.status(of: id) }
    func runs(of id: JobID) -> PagedSequence<JobRun> {
        guard defect == .listsRunsOldestFirst else { return base.runs(of: id) }
        let base = base
        return PagedSequence.single { try await base.runs(of: id).collect().reversed() }
    }
    func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun { try await base.run(runID, of: jobID) }
    func tasks(of jobID: JobID) async throws -> [JobTask] { try await base.tasks(of: jobID) }
    func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask { try await base.task(taskID, of: jobID) }
    func addTask(_ definition: TaskDefinition, to jobID: JobID) async throws -> JobTask {
        try await base.addTask(definition, to: jobID)
    }
    func updateTask(_ taskID: TaskID, of jobID: JobID, with update: TaskUpdate) async throws -> JobTask {
        try await base.updateTask(taskID, of: jobID, with: update)
    }
    func deleteTask(_ taskID: TaskID, of jobID: JobID) async throws { try await base.deleteTask(taskID, of: jobID) }
    func moveTask(_ taskID: TaskID, of jobID: JobID, to index: Int) async throws -> [JobTask] {
        if defect == .ignoresTaskOrder { return try await base.tasks(of: jobID) }
        return try await base.moveTask(taskID, of: jobID, to: index)
    }
    func taskRuns(of taskID: TaskID, job jobID: JobID) async throws -> [JobRun] {
        if defect == .emptyListForUnsupported { return [] }
        return try await base.taskRuns(of: taskID, job: jobID)
    }
}

/// The contract suite must catch each broken provider, in the cases about its defect and
/// in no others.
@Suite struct BrokenProviderTests {
    private static func harness(_ defect: BrokenProvider.Defect) -> InMemoryHarness {
        var harness = InMemoryHarness()
        harness.wrap = { BrokenProvider(base: $0, defect: defect) }
        if defect == .emptyListForUnsupported {
            harness.capabilitiesOverride = ProviderCapabilities.all.subtracting(.taskHistory)
        }
        return harness
    }

    private static let expectedFailures: [BrokenProvider.Defect: Set<String>] = [
        .losesDestination: ["create.roundTrip", "update.roundTrip", "get.seeded", "list.seeded"],
        // Its move answers with a listing: a missing job fails as listTasks, not moveTask.
        .ignoresTaskOrder: ["tasks.moveOrder", "tasks.moveRejectsBadIndex", "notFound.moveTask"],
        .emptyListForUnsupported: ["unsupported.taskHistory"],
        // Only jobs that already exist carry a cron schedule in New York: the seeded cases
        // catch it, the dedicated one saying what was lost.
        .dropsScheduleTimeZone: ["get.seeded", "list.seeded", "get.seededScheduleTimeZone"],
        .listsRunsOldestFirst: ["history.newestFirst", "history.seededNewestFirst"],
        .ignoresPageSize: ["list.seededPages"],
    ]

    @Test(arguments: BrokenProvider.Defect.allCases)
    func theSuiteCatchesTheDefect(_ defect: BrokenProvider.Defect) async throws {
        let harness = Self.harness(defect)
        let failed = await ContractMetaTesting.failingCases(ContractSuite.cases(for: harness), harness: harness)
        #expect(failed == Self.expectedFailures[defect])
    }

    @Test(arguments: BrokenProvider.Defect.allCases)
    func eachExpectedFailureIsAKnownIssue(_ defect: BrokenProvider.Defect) async throws {
        let harness = Self.harness(defect)
        await ContractMetaTesting.expectKnownIssues(
            Self.expectedFailures[defect] ?? [], in: ContractSuite.cases(for: harness), harness: harness,
            label: "\(defect)")
    }

    /// A provider that cannot create (as Apache Airflow cannot create DAGs): before seeded
    /// jobs, the suite had no behaviour case for it to fail. Now the seeded cases catch a
    /// time zone dropped on read and a history listed oldest first.
    private static let cannotCreate: ProviderCapabilities = [
        .listJobs, .getJob, .runJob, .cancelRun, .status, .runHistory, .getRun, .listTasks,
    ]

    private static let expectedWithoutCreate: [BrokenProvider.Defect: Set<String>] = [
        .dropsScheduleTimeZone: ["get.seeded", "list.seeded", "get.seededScheduleTimeZone"],
        .listsRunsOldestFirst: ["history.seededNewestFirst"],
    ]

    @Test(arguments: [BrokenProvider.Defect.dropsScheduleTimeZone, .listsRunsOldestFirst])
    func theSuiteCatchesTheDefectOnAProviderThatCannotCreate(_ defect: BrokenProvider.Defect) async throws {
        var harness = Self.harness(defect)
        harness.configuration.capabilities = Self.cannotCreate
        let cases = ContractSuite.cases(for: harness)
        #expect(!cases.contains { $0.name.hasPrefix("create.") })
        let failed = await ContractMetaTesting.failingCases(cases, harness: harness)
        #expect(failed == Self.expectedWithoutCreate[defect])
        await ContractMetaTesting.expectKnownIssues(
            failed, in: cases, harness: harness, label: "\(defect) without create")
    }
}
