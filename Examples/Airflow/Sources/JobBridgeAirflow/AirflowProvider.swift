import Foundation
import JobBridge

/// Apache Airflow behind ``JobProvider``: list, get, pause and unpause (the only update),
/// run (trigger), cancel (mark the run failed), status, run history, one run, tasks.
///
/// Airflow's API cannot create, delete or edit a DAG (DAGs are Python files), nor add,
/// change or move a task, nor run chosen tasks, so those operations keep the protocol's
/// defaults and throw ``JobBridgeError/Code/unsupported``. An update may set
/// ``JobUpdate/isEnabled`` only (paused is disabled); any other field is refused before
/// a request. Airflow has no "cancel": a run is stopped by marking it `failed`, so a
/// cancelled run reads back failed (``FieldCapabilities/cancelledRunPhase``). A run of a
/// paused DAG stays queued until the DAG is unpaused. The mapping is ``AirflowMapping``;
/// the escape hatches are ``client`` (the native client, for everything else) and
/// ``native(_:)`` (the ``AirflowDAG`` behind a portable job).
///
/// ```swift
/// let provider = AirflowProvider(client: try AirflowClient(baseURL: url, credentials: basic))
/// let run = try await provider.runJob("orders_ingest")
/// let finished = try await provider.waitForCompletion(of: run, timeout: .seconds(3600))
/// ```
public struct AirflowProvider: JobProvider {
    /// The operations Airflow's stable API supports.
    public static let capabilities: ProviderCapabilities = [
        .listJobs, .getJob, .updateJob, .runJob, .cancelRun, .status, .runHistory, .getRun, .listTasks,
    ]

    /// What Airflow does with each field: it reads name, kind, schedule (manual, cron or
    /// interval, in the DAG's time zone), enabled (not paused), tasks and settings; it
    /// creates nothing; an update can only pause or unpause; a cancelled run reads failed.
    public static let fieldCapabilities = FieldCapabilities(
        readable: [.name, .kind, .schedule, .isEnabled, .tasks, .settings], creatable: [], updatable: [.isEnabled],
        scheduleKindsRead: [.manual, .cron, .interval], cancelledRunPhase: .failed)

    /// The native client, for everything the portable model does not cover.
    public let client: AirflowClient
    /// Name `Airflow` (or the one given), ``capabilities``, ``fieldCapabilities``; no
    /// schedule kind is written (Airflow's API cannot change a schedule).
    public let descriptor: ProviderDescriptor
    private let makeRunID: @Sendable () -> String

    /// Creates the provider.
    ///
    /// - Parameters:
    ///   - name: The provider's name in errors and listings (default the client's).
    ///   - makeRunID: The `dag_run_id` of each triggered run (default `jobbridge__` and a
    ///     random UUID): chosen here so that a trigger whose answer was lost is found by id.
    public init(
        client: AirflowClient, name: String? = nil,
        makeRunID: @escaping @Sendable () -> String = { "jobbridge__" + UUID().uuidString.lowercased() }
    ) {
        self.client = client
        self.makeRunID = makeRunID
        self.descriptor = ProviderDescriptor(
            name: name ?? client.rest.provider, capabilities: Self.capabilities, scheduleKinds: [],
            fields: Self.fieldCapabilities)
    }

    /// Every DAG, a page of ``AirflowClient/pageSize`` at a time. A DAG whose schedule is
    /// read in its time zone (cron, time delta) is read with its details too, since
    /// `GET /dags` does not give the zone; a DAG without a schedule costs no extra request.
    public func jobs() -> PagedSequence<Job> {
        let client = client
        let dags = client.dags(operation: .listJobs)
        return stamping(
            .listJobs,
            PagedSequence { token in
                let page = try await dags.page(token)
                var jobs: [Job] = []
                for dag in page.elements {
                    let needsZone = dag.scheduleInterval != nil && dag.timezone == nil
                    let read = needsZone ? try await client.dagDetails(dag.dagID, operation: .listJobs) : dag
                    jobs.append(AirflowMapping.job(from: read))
                }
                return Page(jobs, nextToken: page.nextToken)
            })
    }

    /// One DAG with its details (time zone) and tasks.
    public func job(_ id: JobID) async throws -> Job {
        try await stamping(.getJob) { try await readJob(id, operation: .getJob) }
    }

    /// Pauses (`isEnabled: false`) or unpauses a DAG, and returns it as read afterwards.
    ///
    /// - Throws: ``JobBridgeError/Code/unsupported`` naming the field for any change but
    ///   ``JobUpdate/isEnabled``, before any request.
    public func updateJob(_ id: JobID, with update: JobUpdate) async throws -> Job {
        try await stamping(.updateJob) {
            try update.validate(for: descriptor)
            guard let isEnabled = update.isEnabled else { return try await readJob(id, operation: .updateJob) }
            let dag = try await client.setPaused(id.rawValue, !isEnabled, operation: .updateJob)
            let read = try await client.rest.writeRecovery.readAfterWrite {
                try await readJob(id, operation: .updateJob)
            }
            return read ?? AirflowMapping.job(from: dag)
        }
    }

    /// Triggers a run (`POST /dags/{dag_id}/dagRuns`) with a `dag_run_id` of its own and
    /// returns it as Airflow answered (queued). A trigger whose answer was lost is looked up
    /// by that id: found, it took effect; not found, it is sent again (a repeat that reaches
    /// a run already made is refused by Airflow, never doubled). Airflow cannot run chosen
    /// tasks.
    public func runJob(_ id: JobID, tasks: [TaskID]?) async throws -> JobRun {
        if tasks != nil { throw unsupported(.runTasks) }
        return try await stamping(.runJob) {
            let request = AirflowTriggerRequest(dagRunID: makeRunID())
            let runID = request.dagRunID ?? ""
            let run = try await client.rest.writeRecovery.perform(
                .runJob, provider: descriptor.name, checking: "run \(runID) of DAG \(id)"
            ) {
                try await client.trigger(id.rawValue, request, operation: .runJob)
            } check: { () -> WriteCheck<AirflowDAGRun> in
                do {
                    return .tookEffect(try await client.dagRun(runID, of: id.rawValue, operation: .runJob))
                } catch let error as JobBridgeError where error.code == .notFound {
                    return .didNotTakeEffect
                }
            }
            return AirflowMapping.run(from: run)
        }
    }

    /// Stops the DAG's current run by marking it `failed` (Airflow's only way); it reads
    /// back failed.
    ///
    /// - Throws: ``JobBridgeError/Code/conflict`` when no run is queued or running.
    public func cancelRun(of id: JobID) async throws {
        try await stamping(.cancelRun) {
            guard let latest = try await latestRun(id, operation: .cancelRun),
                latest.state == .queued || latest.state == .running
            else {
                throw JobBridgeError(.conflict, "DAG \(id) has no queued or running run", outcome: .answered)
            }
            _ = try await client.setState(.failed, ofRun: latest.dagRunID, dag: id.rawValue, operation: .cancelRun)
        }
    }

    /// The DAG's newest run (by logical date), or `nil` when it never ran.
    public func status(of id: JobID) async throws -> JobRun? {
        try await stamping(.status) { try await latestRun(id, operation: .status).map(AirflowMapping.run(from:)) }
    }

    /// The DAG's runs, newest first, a page at a time.
    public func runs(of id: JobID) -> PagedSequence<JobRun> {
        let client = client
        let runs = client.dagRuns(of: id.rawValue, operation: .runHistory)
        return stamping(
            .runHistory,
            PagedSequence { token in
                let page = try await runs.page(token)
                // Airflow lists no runs, rather than 404, for a DAG that does not exist.
                if token == nil, page.elements.isEmpty { _ = try await client.dag(id.rawValue, operation: .runHistory) }
                return Page(page.elements.map(AirflowMapping.run(from:)), nextToken: page.nextToken)
            })
    }

    /// One run of the DAG.
    public func run(_ runID: RunID, of jobID: JobID) async throws -> JobRun {
        try await stamping(.getRun) {
            let run = try await client.dagRun(runID.rawValue, of: jobID.rawValue, operation: .getRun)
            guard run.dagID == jobID.rawValue, run.dagRunID == runID.rawValue else {
                throw JobBridgeError(
                    .badResponse, "asked for run \(runID) of DAG \(jobID), got run \(run.dagRunID) of \(run.dagID)")
            }
            return AirflowMapping.run(from: run)
        }
    }

    /// The DAG's tasks in Airflow's order.
    public func tasks(of jobID: JobID) async throws -> [JobTask] {
        try await stamping(.listTasks) {
            try await client.tasks(of: jobID.rawValue, operation: .listTasks).enumerated().map {
                AirflowMapping.task(from: $1, index: $0)
            }
        }
    }

    /// One task of the DAG (its index is its place in ``tasks(of:)``).
    public func task(_ taskID: TaskID, of jobID: JobID) async throws -> JobTask {
        try await stamping(.listTasks) {
            let tasks = try await client.tasks(of: jobID.rawValue, operation: .listTasks)
            guard let index = tasks.firstIndex(where: { $0.taskID == taskID.rawValue }) else {
                throw JobBridgeError(.notFound, "DAG \(jobID) has no task \(taskID)", outcome: .answered)
            }
            return AirflowMapping.task(from: tasks[index], index: index)
        }
    }

    // MARK: Helpers

    private func readJob(_ id: JobID, operation: JobOperation) async throws -> Job {
        let dag = try await client.dagDetails(id.rawValue, operation: operation)
        let tasks = try await client.tasks(of: id.rawValue, operation: operation)
        return AirflowMapping.job(from: dag, tasks: tasks)
    }

    /// The newest run; when there is none, the DAG is read so that a missing DAG is
    /// not found rather than "never ran".
    private func latestRun(_ id: JobID, operation: JobOperation) async throws -> AirflowDAGRun? {
        if let run = try await client.latestDagRun(of: id.rawValue, operation: operation) { return run }
        _ = try await client.dag(id.rawValue, operation: operation)
        return nil
    }
}
