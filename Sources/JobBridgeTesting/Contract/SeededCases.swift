import Foundation
import JobBridge

/// Cases that run on jobs the harness seeded (``ContractHarness/makeSeededProvider()``),
/// so that a provider that cannot create jobs is tested as fully as one that can.
enum SeededCases {
    /// The seeded cases that apply to the harness, in a stable order.
    static func cases(for harness: any ContractHarness) -> [ContractCase] {
        let capabilities = harness.capabilities
        let fields = harness.fields
        guard harness.seedsJobs else {
            // A provider that cannot create must be given jobs, or its behaviour cases
            // would have nothing to act on.
            let readsJobs = capabilities.supports(.getJob) || capabilities.supports(.listJobs)
            return !capabilities.supports(.createJob) && readsJobs ? [required] : []
        }
        var result: [ContractCase] = []
        if capabilities.supports(.listJobs) {
            result.append(list)
            if harness.pageSize != nil || harness.jobsSpanningPages != nil { result.append(listPages) }
        }
        if capabilities.supports(.getJob) {
            result.append(get)
            if fields.readable.contains(.schedule) && fields.scheduleKindsRead.contains(.cron) {
                result.append(scheduleTimeZone)
            }
        }
        if capabilities.supports(.listTasks) && fields.readable.contains(.tasks) { result.append(taskOrder) }
        if capabilities.supports(.status) {
            result.append(status)
            if capabilities.supports(.runJob) {
                result.append(runCompletes)
                if capabilities.supports(.cancelRun) { result.append(cancel) }
            }
        }
        if capabilities.supports(.runHistory) {
            result.append(history)
            if capabilities.supports(.getRun) { result.append(getRun) }
        }
        return result
    }

    /// Every name ``cases(for:)`` can produce.
    static var allNames: [String] {
        [required, list, listPages, get, scheduleTimeZone, taskOrder, status, runCompletes, cancel, history, getRun]
            .map(\.name)
    }

    /// The seeded state, checked to hold jobs.
    static func seeded(_ harness: any ContractHarness) async throws -> SeededState {
        let state = try await harness.makeSeededProvider()
        try Check.that(!state.jobs.isEmpty, "the harness declares seeded jobs but seeded none")
        return state
    }

    static let required = ContractCase("seeded.required") { harness in
        throw ContractFailure(
            "the provider cannot create jobs, so its harness must seed some (seedsJobs, makeSeededProvider) "
                + "for the behaviour cases to act on")
    }

    static let list = ContractCase("list.seeded", operation: .listJobs) { harness in
        let state = try await seeded(harness)
        let listed = try await state.provider.jobs().collect()
        for job in state.jobs {
            let matches = listed.filter { $0.id == job.id }
            try Check.equal(matches.count, 1, "times seeded job \(job.id) appears in the list")
            try JobCases.compare(
                matches.first?.definition, job.expected,
                fields: harness.fields.readable.subtracting([.tasks]), what: "listed seeded job \(job.id)")
        }
    }

    static let listPages = ContractCase("list.seededPages", operation: .listJobs) { harness in
        let state = try await seeded(harness)
        let needed = harness.pageSize.map { $0 + 1 } ?? harness.jobsSpanningPages ?? 2
        try Check.that(
            state.jobs.count >= needed,
            "the harness pages (\(harness.pageSize.map { "pages of \($0)" } ?? "jobsSpanningPages")) "
                + "but seeds \(state.jobs.count) jobs; it needs at least \(needed) to span pages")
        let listing = state.provider.jobs()
        var pages: [[JobID]] = []
        var token: String?
        repeat {
            let page = try await listing.page(token)
            pages.append(page.elements.map(\.id))
            token = page.nextToken
            try Check.that(pages.count <= state.jobs.count + 1, "the listing names a next page after every page")
        } while token != nil
        let sizes = pages.map(\.count)
        try Check.that(pages.count >= 2, "\(state.jobs.count) seeded jobs came in one page")
        if let size = harness.pageSize {
            try Check.equal(sizes[0], size, "size of the first page (the harness's page size)")
            try Check.that(sizes.allSatisfy { $0 <= size }, "a page holds more than \(size) jobs: \(sizes)")
        }
        let ids = pages.flatMap { $0 }
        try Check.equal(ids.count, Set(ids).count, "jobs listed more than once across pages")
        let missing = Set(state.jobs.map(\.id)).subtracting(ids)
        try Check.that(
            missing.isEmpty, "seeded jobs missing from the pages: \(missing.sorted { $0.rawValue < $1.rawValue })")
    }

    static let get = ContractCase("get.seeded", operation: .getJob) { harness in
        let state = try await seeded(harness)
        for job in state.jobs {
            let read = try await state.provider.job(job.id)
            try Check.equal(read.id, job.id, "id of seeded job read back")
            try JobCases.compare(
                read.definition, job.expected, fields: harness.fields.readable, what: "seeded job \(job.id)")
        }
    }

    static let scheduleTimeZone = ContractCase("get.seededScheduleTimeZone", operation: .getJob) { harness in
        let state = try await seeded(harness)
        var checked = 0
        for job in state.jobs {
            guard case .cron(let expected) = job.expected.schedule else { continue }
            let read = try await state.provider.job(job.id)
            guard case .cron(let actual) = read.schedule else {
                throw ContractFailure("seeded job \(job.id): expected a cron schedule, read \(read.schedule)")
            }
            try Check.equal(actual.text, expected.text, "seeded job \(job.id): cron text")
            try Check.equal(
                actual.timeZone.identifier, expected.timeZone.identifier, "seeded job \(job.id): schedule's time zone")
            checked += 1
        }
        try Check.that(checked > 0, "the provider reads cron schedules but no seeded job has one")
    }

    static let taskOrder = ContractCase("tasks.seededOrder", operation: .listTasks) { harness in
        let state = try await seeded(harness)
        let wanted = min(2, harness.maximumTasksPerJob ?? 2)
        var most = 0
        for job in state.jobs {
            let tasks = try await state.provider.tasks(of: job.id)
            let what = "tasks of seeded job \(job.id)"
            try Check.equal(tasks.map(\.index), Array(0..<tasks.count), "\(what): indexes")
            try Check.equal(
                tasks.map { TaskDefinition(query: $0.query, table: $0.table, isActive: $0.isActive) },
                job.expected.tasks, "\(what): order and content")
            most = max(most, tasks.count)
        }
        try Check.that(most >= wanted, "no seeded job has \(wanted) tasks, so task order is not tested")
    }

    static let status = ContractCase("status.seeded", operation: .status) { harness in
        let state = try await seeded(harness)
        try Check.that(state.jobs.contains { !$0.pastRuns.isEmpty }, "no seeded job has a past run")
        for job in state.jobs {
            let status = try await state.provider.status(of: job.id)
            let what = "status of seeded job \(job.id)"
            guard let newest = job.pastRuns.first else {
                try Check.that(
                    status == nil, "\(what): a job that never ran reports a run: \(String(describing: status))")
                continue
            }
            guard let status else { throw ContractFailure("\(what): nil, but the job ran") }
            try check(status, against: newest, what)
        }
    }

    static let history = ContractCase("history.seededNewestFirst", operation: .runHistory) { harness in
        let state = try await seeded(harness)
        try Check.that(state.jobs.contains { $0.pastRuns.count >= 2 }, "no seeded job has two past runs")
        for job in state.jobs {
            let runs = try await state.provider.runs(of: job.id).collect()
            let what = "history of seeded job \(job.id)"
            try Check.equal(runs.count, job.pastRuns.count, "\(what): runs")
            let starts = runs.compactMap { $0.startedAt ?? $0.requestedAt }
            try Check.equal(starts.count, runs.count, "\(what): runs with a start date")
            try Check.equal(starts, starts.sorted(by: >), "\(what): order (newest first)")
            for (index, (run, expected)) in zip(runs, job.pastRuns).enumerated() {
                try check(run, against: expected, "\(what), entry \(index)")
            }
        }
    }

    static let getRun = ContractCase("getRun.seeded", operation: .getRun) { harness in
        let state = try await seeded(harness)
        var read = 0
        for job in state.jobs {
            for entry in try await state.provider.runs(of: job.id).collect() {
                guard let runID = entry.runID else {
                    throw ContractFailure("history entry of \(job.id) without a run id, though getRun is declared")
                }
                let run = try await state.provider.run(runID, of: job.id)
                try Check.equal(run.runID, runID, "run id read back")
                try Check.equal(run.status, entry.status, "status of run \(runID) read back")
                read += 1
            }
        }
        try Check.that(read > 0, "no seeded job has a past run to read")
    }

    static let runCompletes = ContractCase("run.seededCompletes", operation: .runJob) { harness in
        let state = try await seeded(harness)
        let job = try Check.element(state.jobs, 0, "seeded jobs")
        let finished = try await RunCases.runToEnd(state.provider, job.id, harness: harness)
        try Check.equal(finished.status.phase, .succeeded, "phase of a run of seeded job \(job.id)")
        let status = try await state.provider.status(of: job.id)
        if let runID = finished.runID {
            try Check.equal(status?.runID, runID, "the run status reports after the run")
        }
        try Check.equal(status?.status.phase, .succeeded, "phase status reports after the run")
    }

    static let cancel = ContractCase("cancel.seededStopsRun", operation: .cancelRun) { harness in
        let state = try await seeded(harness)
        let job = try Check.element(state.jobs, 0, "seeded jobs")
        let run = try await state.provider.runJob(job.id, tasks: nil)
        try await state.provider.cancelRun(of: job.id)
        let finished = try await state.provider.waitForCompletion(
            of: run, pollInterval: .seconds(1), timeout: harness.runTimeout, clock: harness.clock)
        try Check.equal(
            finished.status.phase, harness.fields.cancelledRunPhase,
            "phase of a cancelled run (declared cancelledRunPhase)")
    }

    /// Compares a run the provider read with a seeded run's expectations.
    private static func check(_ run: JobRun, against expected: SeededRun, _ what: String) throws {
        try Check.equal(run.status.phase, expected.phase, "\(what): phase")
        if let id = expected.id { try Check.equal(run.runID, id, "\(what): run id") }
        if let start = expected.startedAt {
            try Check.equal(run.startedAt ?? run.requestedAt, start, "\(what): start")
        }
    }
}
