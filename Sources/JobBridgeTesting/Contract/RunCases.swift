import JobBridge

/// Cases for running, cancelling, status and history.
enum RunCases {
    /// Runs the job (all tasks, or the chosen ones) and waits for the run to finish.
    static func runToEnd(
        _ provider: any JobProvider, _ jobID: JobID, tasks: [TaskID]? = nil, harness: any ContractHarness
    ) async throws -> JobRun {
        let run = try await provider.runJob(jobID, tasks: tasks)
        try Check.equal(run.jobID, jobID, "job id of the run returned by runJob")
        let finished = try await provider.waitForCompletion(
            of: run, pollInterval: .seconds(1), timeout: harness.runTimeout, clock: harness.clock)
        try Check.that(finished.status.isFinished, "run ended in \(finished.status), which is not an end state")
        return finished
    }

    static let run: [Requirement] = [
        Requirement("run.completes", .runJob, requires: [.createJob, .status]) { harness in
            let provider = try await harness.makeProvider()
            let job = try await provider.createJob(harness.definition(0))
            let finished = try await runToEnd(provider, job.id, harness: harness)
            try Check.equal(finished.status.phase, .succeeded, "phase of a run in a fresh state")
        }
    ]

    static let runTasks: [Requirement] = [
        Requirement("run.chosenTasks", .runTasks, requires: [.createJob, .listTasks, .status]) { harness in
            let provider = try await harness.makeProvider()
            var definition = harness.definition(0)
            definition.tasks = TaskCases.sampleTasks(harness)
            let job = try await provider.createJob(definition)
            let tasks = try await provider.tasks(of: job.id)
            // Choose the last task: with two or more, a run of all tasks would not pass.
            guard let last = tasks.last else {
                throw ContractFailure("job created with \(definition.tasks.count) tasks has none")
            }
            let chosen = [last.id]
            let run = try await provider.runJob(job.id, tasks: chosen)
            if let covered = run.taskIDs { try Check.equal(covered, chosen, "tasks covered by the run") }
            let finished = try await provider.waitForCompletion(
                of: run, pollInterval: .seconds(1), timeout: harness.runTimeout, clock: harness.clock)
            try Check.equal(finished.status.phase, .succeeded, "phase of a run of chosen tasks")
        }
    ]

    static let cancel: [Requirement] = [
        Requirement("cancel.stopsRun", .cancelRun, requires: [.createJob, .runJob, .status]) { harness in
            let provider = try await harness.makeProvider()
            let job = try await provider.createJob(harness.definition(0))
            let run = try await provider.runJob(job.id, tasks: nil)
            try await provider.cancelRun(of: job.id)
            let finished = try await provider.waitForCompletion(
                of: run, pollInterval: .seconds(1), timeout: harness.runTimeout, clock: harness.clock)
            try Check.equal(
                finished.status.phase, harness.fields.cancelledRunPhase,
                "phase of a cancelled run (declared cancelledRunPhase)")
        }
    ]

    static let status: [Requirement] = [
        Requirement("status.neverRun", .status, requires: .createJob) { harness in
            let provider = try await harness.makeProvider()
            let job = try await provider.createJob(harness.definition(0))
            let status = try await provider.status(of: job.id)
            try Check.that(status == nil, "a job that never ran reports a run: \(String(describing: status))")
        }
    ]

    static let history: [Requirement] = [
        Requirement("history.newestFirst", .runHistory, requires: [.createJob, .runJob, .status]) { harness in
            let provider = try await harness.makeProvider()
            let job = try await provider.createJob(harness.definition(0))
            let first = try await runToEnd(provider, job.id, harness: harness)
            let second = try await runToEnd(provider, job.id, harness: harness)
            let runs = try await provider.runs(of: job.id).collect()
            try Check.that(runs.count >= 2, "history after two runs has \(runs.count) entries")
            let starts = runs.compactMap { $0.startedAt ?? $0.requestedAt }
            try Check.equal(starts.count, runs.count, "history entries with a start date")
            try Check.equal(starts, starts.sorted(by: >), "history order (newest first)")
            if let newest = runs[0].runID, let secondID = second.runID, let firstID = first.runID {
                try Check.equal(newest, secondID, "newest history entry")
                try Check.that(runs.contains { $0.runID == firstID }, "first run \(firstID) missing from history")
            }
        }
    ]

    static let getRun: [Requirement] = [
        Requirement("getRun.matchesHistory", .getRun, requires: [.createJob, .runJob, .status, .runHistory]) {
            harness in
            let provider = try await harness.makeProvider()
            let job = try await provider.createJob(harness.definition(0))
            _ = try await runToEnd(provider, job.id, harness: harness)
            let listed = try await provider.runs(of: job.id).collect()
            guard let entry = listed.first, let runID = entry.runID else {
                throw ContractFailure("history entry without a run id, though getRun is declared: \(listed)")
            }
            let read = try await provider.run(runID, of: job.id)
            try Check.equal(read.runID, runID, "run id read back")
            try Check.equal(read.status, entry.status, "status read back")
            try await Check.throwsError(.notFound, "reading a run that does not exist") {
                try await provider.run("jobbridge-contract-run", of: job.id)
            }
        }
    ]
}
