import JobBridge

/// Cases for a job's tasks.
enum TaskCases {
    /// The sample tasks a job on this provider can hold (all of them unless the harness
    /// declares a limit).
    static func sampleTasks(_ harness: any ContractHarness) -> [TaskDefinition] {
        Array(harness.sampleTasks.prefix(harness.maximumTasksPerJob ?? harness.sampleTasks.count))
    }

    /// A fresh provider and a job with the harness's sample tasks.
    private static func jobWithTasks(_ harness: any ContractHarness) async throws -> (any JobProvider, Job) {
        let provider = try await harness.makeProvider()
        var definition = harness.definition(0)
        definition.tasks = sampleTasks(harness)
        return (provider, try await provider.createJob(definition))
    }

    /// Checks that the tasks are dense from 0 and run the given queries in order.
    private static func checkOrder(_ tasks: [JobTask], _ queries: [String?], _ what: String) throws {
        try Check.equal(tasks.map(\.index), Array(0..<tasks.count), "\(what): indexes")
        try Check.equal(tasks.map(\.query), queries, "\(what): order")
    }

    static let list: [Requirement] = [
        Requirement("tasks.orderKept", .listTasks, requires: .createJob) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            let tasks = try await provider.tasks(of: job.id)
            let expected = sampleTasks(harness)
            try checkOrder(tasks, expected.map(\.query), "tasks of a new job")
            try Check.equal(tasks.map(\.isActive), expected.map(\.isActive), "active flags")
            guard let second = tasks.dropFirst().first ?? tasks.first else {
                throw ContractFailure("a job created with \(expected.count) tasks has none")
            }
            let one = try await provider.task(second.id, of: job.id)
            try Check.equal(one, second, "task read by id")
        },
        Requirement("tasks.notFound", .listTasks, requires: .createJob) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            try await Check.throwsError(.notFound, "reading a task that does not exist") {
                try await provider.task("jobbridge-contract-task", of: job.id)
            }
        },
    ]

    static let add: [Requirement] = [
        Requirement("tasks.addAppends", .addTask, requires: [.createJob, .listTasks]) { harness in
            let provider = try await harness.makeProvider()
            let all = sampleTasks(harness)
            try Check.that(all.count >= 1, "the harness has no sample task a job can hold")
            var definition = harness.definition(0)
            definition.tasks = Array(all.dropLast())
            let job = try await provider.createJob(definition)
            let added = try await provider.addTask(try Check.element(all, all.count - 1, "sample tasks"), to: job.id)
            try Check.equal(added.index, all.count - 1, "index of a task added to \(all.count - 1)")
            try checkOrder(try await provider.tasks(of: job.id), all.map(\.query), "after add")
        },
        Requirement("tasks.addRejectsBlank", .addTask, requires: [.createJob, .listTasks]) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            try await Check.throwsError(.invalidDefinition, "adding a task with no query or table") {
                try await provider.addTask(TaskDefinition(query: " "), to: job.id)
            }
            try Check.equal(try await provider.tasks(of: job.id).count, sampleTasks(harness).count, "tasks after")
        },
    ]

    static let update: [Requirement] = [
        Requirement("tasks.update", .updateTask, requires: [.createJob, .listTasks]) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            let first = try Check.element(try await provider.tasks(of: job.id), 0, "tasks of a job made with tasks")
            let query = "REPLICATE [Opportunities] SELECT * FROM [Opportunities]"
            _ = try await provider.updateTask(first.id, of: job.id, with: TaskUpdate(query: query, isActive: false))
            let read = try await provider.task(first.id, of: job.id)
            try Check.equal(read.query, query, "query after update")
            try Check.equal(read.isActive, false, "active flag after update")
            try Check.equal(read.index, 0, "index after update")
        }
    ]

    static let delete: [Requirement] = [
        Requirement("tasks.deleteReindexes", .deleteTask, requires: [.createJob, .listTasks]) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            let tasks = try await provider.tasks(of: job.id)
            try await provider.deleteTask(try Check.element(tasks, 1, "tasks of a new job").id, of: job.id)
            var expected = tasks.map(\.query)
            expected.remove(at: 1)
            try checkOrder(try await provider.tasks(of: job.id), expected, "after deleting the second task")
        }
    ]

    static let move: [Requirement] = [
        Requirement("tasks.moveOrder", .moveTask, requires: [.createJob, .listTasks]) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            let tasks = try await provider.tasks(of: job.id)
            guard let last = tasks.last else { throw ContractFailure("job created with tasks has none") }
            var expected = tasks.map(\.query)
            expected.insert(expected.removeLast(), at: 0)
            let returned = try await provider.moveTask(last.id, of: job.id, to: 0)
            try checkOrder(returned, expected, "order returned by move")
            try checkOrder(try await provider.tasks(of: job.id), expected, "order read after move")
        },
        Requirement("tasks.moveRejectsBadIndex", .moveTask, requires: [.createJob, .listTasks]) { harness in
            let (provider, job) = try await jobWithTasks(harness)
            let first = try Check.element(try await provider.tasks(of: job.id), 0, "tasks of a job made with tasks")
            try await Check.throwsError(.invalidRequest, "moving a task past the end") {
                try await provider.moveTask(first.id, of: job.id, to: harness.sampleTasks.count + 5)
            }
        },
    ]

    static let history: [Requirement] = [
        Requirement("tasks.history", .taskHistory, requires: [.createJob, .listTasks, .runJob, .status]) {
            harness in
            let (provider, job) = try await jobWithTasks(harness)
            let first = try Check.element(try await provider.tasks(of: job.id), 0, "tasks of a job made with tasks")
            _ = try await RunCases.runToEnd(provider, job.id, harness: harness)
            _ = try await RunCases.runToEnd(provider, job.id, harness: harness)
            let runs = try await provider.taskRuns(of: first.id, job: job.id)
            try Check.that(runs.count >= 2, "task history after two runs has \(runs.count) entries")
            let starts = runs.compactMap { $0.startedAt ?? $0.requestedAt }
            try Check.equal(starts, starts.sorted(by: >), "task history order (newest first)")
        }
    ]
}
