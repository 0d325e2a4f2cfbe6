import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// A provider that forwards to an in-memory one but gets one field or one effect subtly
/// wrong: each defect is one that the contract suite must notice, so that a suite that
/// stopped checking it (found by mutation testing, #15) fails here.
struct FieldBreakingProvider: JobProvider {
    enum Defect: String, CaseIterable {
        /// Reads report every job as enabled.
        case losesIsEnabled
        /// Reads keep the kind's category but drop the provider's own kind.
        case losesKindProviderValue
        /// Updates ignore a change of `isEnabled`.
        case ignoresIsEnabledInUpdates
        /// Reads return the right number of tasks with their queries in the wrong places.
        case scramblesTaskQueries
        /// Deleting a job deletes every other job too.
        case deleteRemovesEveryJob
        /// Task history of a job that does not exist is an empty list, not "not found".
        case emptyHistoryForMissingJobs
    }

    let base: InMemoryProvider
    let defect: Defect

    var descriptor: ProviderDescriptor { base.descriptor }

    private func damaged(_ job: Job) -> Job {
        var job = job
        switch defect {
        case .losesIsEnabled: job.isEnabled = true
        case .losesKindProviderValue: job.kind = JobKind(job.kind.category)
        case .scramblesTaskQueries:
            let queries = job.tasks.map(\.query)
            for position in job.tasks.indices {
                job.tasks[position].query = queries[(position + 1) % queries.count]
            }
        case .ignoresIsEnabledInUpdates, .deleteRemovesEveryJob, .emptyHistoryForMissingJobs: break
        }
        return job
    }

    func jobs() -> PagedSequence<Job> {
        let base = base
        let damage = damaged
        // Page by page, as the provider underneath pages: only the defect differs.
        return PagedSequence { token in
            let page = try await base.jobs().page(token)
            return Page(page.elements.map(damage), nextToken: page.nextToken)
        }
    }
    func job(_ id: JobID) async throws -> Job { damaged(try await base.job(id)) }
    func createJob(_ definition: JobDefinition) async throws -> Job { damaged(try await base.createJob(definition)) }
    func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        var update = update
        if defect == .ignoresIsEnabledInUpdates { update.isEnabled = nil }
        return damaged(try await base.updateJob(id, with: update))
    }
    func deleteJob(_ id: JobID) async throws {
        try await base.deleteJob(id)
        guard defect == .deleteRemovesEveryJob else { return }
        for other in try await base.jobs().collect() { try await base.deleteJob(other.id) }
    }
    func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun { try await base.runJob(id, tasks: tasks) }
    func cancelRun(of id: JobID) async throws { try await base.cancelRun(of: id) }
    func status(of id: JobID) async throws -> JobRun? { try await base.status(of: id) }
    func runs(of id: JobID) -> PagedSequence<JobRun> { base.runs(of: id) }
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
        try await base.moveTask(taskID, of: jobID, to: index)
    }
    func taskRuns(of taskID: TaskID, job jobID: JobID) async throws -> [JobRun] {
        do {
            return try await base.taskRuns(of: taskID, job: jobID)
        } catch let error as JobBridgeError where error.code == .notFound && defect == .emptyHistoryForMissingJobs {
            return []
        }
    }
}

/// The contract suite must catch each defect, in the cases about it and in no others.
@Suite struct BrokenProviderFieldTests {
    private static func harness(_ defect: FieldBreakingProvider.Defect) -> InMemoryHarness {
        var harness = InMemoryHarness()
        harness.wrap = { FieldBreakingProvider(base: $0, defect: defect) }
        return harness
    }

    private static let expectedFailures: [FieldBreakingProvider.Defect: Set<String>] = [
        // The seeded cases read the same fields back from jobs the harness seeded.
        .losesIsEnabled: ["create.roundTrip", "update.roundTrip", "get.seeded", "list.seeded"],
        .losesKindProviderValue: ["create.roundTrip", "update.roundTrip", "get.seeded", "list.seeded"],
        .ignoresIsEnabledInUpdates: ["update.roundTrip"],
        .scramblesTaskQueries: ["create.roundTrip", "update.roundTrip", "get.seeded"],
        .deleteRemovesEveryJob: ["delete.removes"],
        .emptyHistoryForMissingJobs: ["notFound.taskHistory"],
    ]

    @Test(arguments: FieldBreakingProvider.Defect.allCases)
    func theSuiteCatchesTheDefect(_ defect: FieldBreakingProvider.Defect) async throws {
        let harness = Self.harness(defect)
        let failed = await ContractMetaTesting.failingCases(ContractSuite.cases(for: harness), harness: harness)
        #expect(failed == Self.expectedFailures[defect])
    }

    @Test(arguments: FieldBreakingProvider.Defect.allCases)
    func eachExpectedFailureIsAKnownIssue(_ defect: FieldBreakingProvider.Defect) async throws {
        let harness = Self.harness(defect)
        await ContractMetaTesting.expectKnownIssues(
            Self.expectedFailures[defect] ?? [], in: ContractSuite.cases(for: harness), harness: harness,
            label: "\(defect)")
    }
}
