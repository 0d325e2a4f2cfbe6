import JobBridge

/// The shared contract every ``JobProvider`` must keep, as a list of named cases.
///
/// The list is derived from the provider's declarations: each declared operation brings
/// its behaviour cases (a case that needs other operations too is included when all of
/// them are declared, and a case about a field when the field capabilities,
/// ``ProviderDescriptor/fields``, allow it), and each undeclared operation brings one case
/// that checks that it throws ``JobBridgeError/Code/unsupported`` naming the operation.
/// When the harness seeds jobs, the `*.seeded*` cases run every read, run, cancel, status,
/// history and task-order check on them, so a provider that cannot create is tested too.
/// A case never passes by returning early: every case checks something.
public enum ContractSuite {
    /// The cases that apply to the harness's provider.
    public static func cases(for harness: any ContractHarness) -> [ContractCase] {
        var result = cases(for: harness.capabilities, fields: harness.fields)
        if harness.jobsSpanningPages != nil, harness.capabilities.isSuperset(of: [.listJobs, .createJob]) {
            result.insert(JobCases.paging, at: 1)
        }
        return result + SeededCases.cases(for: harness)
    }

    /// The cases that apply to a provider with these capabilities and every field
    /// capability (without the paging and seeded cases, which need the harness: see
    /// ``cases(for:)-(any ContractHarness)``).
    public static func cases(for capabilities: ProviderCapabilities) -> [ContractCase] {
        cases(for: capabilities, fields: .all)
    }

    /// The cases that apply to a provider with these capabilities and field capabilities
    /// (without the paging and seeded cases, which need the harness).
    public static func cases(for capabilities: ProviderCapabilities, fields: FieldCapabilities) -> [ContractCase] {
        var result = [descriptorMatches]
        for operation in JobOperation.allCases {
            if capabilities.supports(operation) {
                if let notFound = notFound(operation) { result.append(notFound) }
                let applicable = behaviour(of: operation).filter {
                    capabilities.isSuperset(of: $0.requires) && $0.applies(fields)
                }
                result += applicable.map(\.contractCase)
            } else {
                result.append(unsupported(operation))
            }
        }
        return result
    }

    /// Every case name the suite can produce, for documentation and meta-tests.
    public static var allCaseNames: [String] {
        [descriptorMatches.name, JobCases.paging.name]
            + JobOperation.allCases.flatMap { operation in
                [notFound(operation)?.name, unsupported(operation).name].compactMap { $0 }
                    + behaviour(of: operation).map(\.contractCase.name)
            } + SeededCases.allNames
    }

    static let descriptorMatches = ContractCase("descriptor.matchesHarness") { harness in
        let provider = try await harness.makeProvider()
        try Check.equal(provider.descriptor.capabilities, harness.capabilities, "declared capabilities")
        try Check.equal(provider.descriptor.fields, harness.fields, "declared field capabilities")
        try Check.that(!provider.descriptor.name.isEmpty, "the provider's name is empty")
    }

    private static func behaviour(of operation: JobOperation) -> [Requirement] {
        switch operation {
        case .listJobs: return JobCases.list
        case .getJob: return JobCases.get
        case .createJob: return JobCases.create
        case .updateJob: return JobCases.update
        case .deleteJob: return JobCases.delete
        case .runJob: return RunCases.run
        case .runTasks: return RunCases.runTasks
        case .cancelRun: return RunCases.cancel
        case .status: return RunCases.status
        case .runHistory: return RunCases.history
        case .getRun: return RunCases.getRun
        case .listTasks: return TaskCases.list
        case .addTask: return TaskCases.add
        case .updateTask: return TaskCases.update
        case .deleteTask: return TaskCases.delete
        case .moveTask: return TaskCases.move
        case .taskHistory: return TaskCases.history
        }
    }

    /// The case that checks an undeclared operation throws "unsupported" naming itself.
    static func unsupported(_ operation: JobOperation) -> ContractCase {
        ContractCase("unsupported.\(operation.rawValue)", operation: operation) { harness in
            // Act on a real job (a seeded one, else one created), so that a provider that
            // quietly does the operation anyway is caught, not only one that fails on a
            // missing job.
            let provider: any JobProvider
            let jobID: JobID
            if harness.seedsJobs {
                let state = try await SeededCases.seeded(harness)
                provider = state.provider
                jobID = try Check.element(state.jobs, 0, "seeded jobs").id
            } else if harness.capabilities.supports(.createJob) {
                provider = try await harness.makeProvider()
                jobID = try await provider.createJob(harness.definition(0)).id
            } else {
                provider = try await harness.makeProvider()
                jobID = harness.nonexistentJobID
            }
            let what = "\(operation.rawValue) is not declared"
            try await Check.throwsError(.unsupported, operation: operation, what) {
                try await perform(operation, on: provider, job: jobID, harness: harness)
            }
        }
    }

    /// The case that checks a declared operation on a job that does not exist throws
    /// "not found" (every operation but listing and creating, which name no job), naming
    /// the provider instance and the operation the caller invoked (not a read it made inside).
    static func notFound(_ operation: JobOperation) -> ContractCase? {
        guard operation != .listJobs, operation != .createJob else { return nil }
        return ContractCase("notFound.\(operation.rawValue)", operation: operation) { harness in
            let provider = try await harness.makeProvider()
            let what = "\(operation.rawValue) on a job that does not exist"
            let error = try await Check.throwsError(.notFound, operation: operation, what) {
                try await perform(operation, on: provider, job: harness.nonexistentJobID, harness: harness)
            }
            try Check.equal(error.provider, provider.descriptor.name, "\(what): the error's provider")
        }
    }

    /// Calls the operation with plausible arguments and describes what it returned.
    private static func perform(
        _ operation: JobOperation, on provider: any JobProvider, job jobID: JobID, harness: any ContractHarness
    ) async throws -> String {
        let taskID: TaskID = "jobbridge-contract-task"
        switch operation {
        case .listJobs: return "\(try await provider.jobs().collect())"
        case .getJob: return "\(try await provider.job(jobID))"
        case .createJob: return "\(try await provider.createJob(harness.definition(1)))"
        case .updateJob:
            // A change the provider can make (a field it cannot set is refused before the job
            // is looked up).
            let updatable = harness.fields.updatable
            var change = JobUpdate(name: "renamed")
            if !updatable.contains(.name), updatable.contains(.isEnabled) { change = JobUpdate(isEnabled: false) }
            return "\(try await provider.updateJob(jobID, with: change))"
        case .deleteJob: return "\(try await provider.deleteJob(jobID))"
        case .runJob: return "\(try await provider.runJob(jobID, tasks: nil))"
        case .runTasks: return "\(try await provider.runJob(jobID, tasks: [taskID]))"
        case .cancelRun: return "\(try await provider.cancelRun(of: jobID))"
        case .status: return "\(String(describing: try await provider.status(of: jobID)))"
        case .runHistory: return "\(try await provider.runs(of: jobID).collect())"
        case .getRun: return "\(try await provider.run("jobbridge-contract-run", of: jobID))"
        case .listTasks: return "\(try await provider.tasks(of: jobID))"
        case .addTask:
            return "\(try await provider.addTask(try Check.element(harness.sampleTasks, 0, "sample tasks"), to: jobID))"
        case .updateTask:
            return "\(try await provider.updateTask(taskID, of: jobID, with: TaskUpdate(isActive: false)))"
        case .deleteTask: return "\(try await provider.deleteTask(taskID, of: jobID))"
        case .moveTask: return "\(try await provider.moveTask(taskID, of: jobID, to: 0))"
        case .taskHistory: return "\(try await provider.taskRuns(of: taskID, job: jobID))"
        }
    }
}

/// A behaviour case and every operation it needs.
struct Requirement {
    let contractCase: ContractCase
    let requires: ProviderCapabilities
    /// Whether the case applies to a provider with these field capabilities.
    let applies: @Sendable (FieldCapabilities) -> Bool

    init(
        _ name: String, _ operation: JobOperation, requires: ProviderCapabilities = [],
        when applies: @escaping @Sendable (FieldCapabilities) -> Bool = { _ in true },
        body: @escaping @Sendable (any ContractHarness) async throws -> Void
    ) {
        self.contractCase = ContractCase(name, operation: operation, body: body)
        self.requires = requires.union(operation.capability)
        self.applies = applies
    }
}
