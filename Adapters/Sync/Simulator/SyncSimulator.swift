import Foundation
import JobBridge
import JobBridgeSimulation

/// A stateful fake of the CData Sync REST API v2 (`/api.rsc/v2`), written against raw
/// JSON from the Job Management document and the provider notes, independently of the
/// adapter (it never imports `JobBridgeSync`), so that a field the adapter misreads is
/// caught rather than mirrored.
///
/// ```swift
/// let clock = SimulatedClock()
/// let sync = SyncSimulator(configuration: .init(token: "secret"), now: clock.dateSource)
/// await sync.addWorkspace(id: "default", name: "Default")
/// await sync.addConnection(id: "c-sf", name: "Salesforce", workspace: "default")
/// // Use `sync` as the HTTPTransport of a SyncClient whose base URL ends in /api.rsc/v2.
/// ```
///
/// What it does, and the choices it makes where the documents are silent (each marked
/// *choice*):
/// - Every request needs `x-cdata-authtoken: <token>` or HTTP Basic with the token as the
///   password (any user); otherwise `401`. Errors carry `{"error":{"code","message"}}`.
/// - Jobs live in workspaces: listed and created under `/workspaces/{id}/jobs`, addressed
///   as `/jobs/{id}`. *Choice*: `GET /jobs/{id}` exists; lists answer
///   `{"value": [...], "@odata.nextLink": "<absolute URL>"}` (OData, as v1 did), paged by
///   `$top`/`$skip` with ``Configuration/pageSize``; job names are unique in a workspace;
///   a job's JSON is what was sent (unknown members kept) plus `id`, `workspace_id`,
///   `created_at` and `modified_at`; `queries` become tasks.
/// - Task ids are 18-digit numbers as strings; indexes stay dense from 0 on add, delete
///   and move. A move must name the task's current `from_index`. *Choice*: an update
///   whose `index` differs from the task's moves it.
/// - `execute` creates a run that is `Starting` for ``Configuration/queueDelay``, then
///   `Running` for ``Configuration/runDuration``, then `Successful` or `Failed` as
///   ``Configuration/outcome`` says; `cancel` makes it `Cancelled` (*choice*: the word).
///   Its history entry: `id`, `job_id`, `status`, `run_start_date` (RFC 3339 UTC),
///   `runtime` (milliseconds, *choice*), `records_affected`, `details`, `tasks`; the
///   execute answer, `status` and `history/{id}` use the same object. A job that never
///   ran has the status `{"job_id": …, "status": null}`.
/// - A running job refuses update and delete, and a running task delete, with
///   ``Configuration/runningRefusalStatus`` (`409`, or `400` with a message saying it is
///   running: the document does not say which).
public final class SyncSimulator: HTTPTransport, Sendable {
    /// How a run ends.
    public enum RunOutcome: Sendable, Hashable {
        /// `Successful`, with this many records affected per task.
        case succeeded(recordsPerTask: Int64)
        /// `Failed`, with this message in `details`.
        case failed(String)

        /// Succeeded with 100 records per task.
        public static let succeeded = RunOutcome.succeeded(recordsPerTask: 100)
    }

    /// How the simulator behaves.
    public struct Configuration: Sendable {
        /// The auth token every request must carry.
        public var token: String
        /// Elements per page of a list.
        public var pageSize: Int
        /// How long a run stays `Starting`.
        public var queueDelay: Duration
        /// How long a run stays `Running`.
        public var runDuration: Duration
        /// How the run ends, given the job id and the run's number for that job (from 1).
        public var outcome: @Sendable (_ jobID: String, _ runNumber: Int) -> RunOutcome
        /// The status of a refusal because a job or task is running: `409` or `400`.
        public var runningRefusalStatus: Int
        /// The first task id handed out (later ones count up).
        public var firstTaskID: UInt64

        /// Creates a configuration; every parameter has a default.
        public init(
            token: String = "sync-simulator-token", pageSize: Int = 100, queueDelay: Duration = .seconds(2),
            runDuration: Duration = .seconds(30),
            outcome: @escaping @Sendable (_ jobID: String, _ runNumber: Int) -> RunOutcome = { _, _ in .succeeded },
            runningRefusalStatus: Int = 409, firstTaskID: UInt64 = 870_237_973_789_151_200
        ) {
            self.token = token
            self.pageSize = max(1, pageSize)
            self.queueDelay = queueDelay
            self.runDuration = runDuration
            self.outcome = outcome
            self.runningRefusalStatus = runningRefusalStatus
            self.firstTaskID = firstTaskID
        }
    }

    /// The API's base path.
    public static let basePath = "/api.rsc/v2"

    /// The router that answers requests; its ``SimulatorRouter/receivedRequests`` are every
    /// request that passed authentication.
    public let router: SimulatorRouter
    /// The configuration.
    public let configuration: Configuration
    let state: SyncSimulatorState

    /// Creates an empty simulator (no workspace, no connection, no job).
    ///
    /// - Parameter now: Where it reads the time (a ``SimulatedClock/dateSource`` in tests).
    public init(configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.state = SyncSimulatorState(configuration: configuration, now: now)
        self.router = SimulatorRouter(basePath: Self.basePath)
        registerRoutes()
    }

    /// Answers a request: `401` without the token, else the route's answer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard isAuthorized(request) else {
            return .error(401, code: "UNAUTHORIZED", message: "missing or invalid x-cdata-authtoken")
        }
        return try await router.send(request)
    }

    // MARK: Seeding and inspection

    /// Adds a workspace.
    public func addWorkspace(id: String, name: String) async {
        await state.addWorkspace(id: id, name: name)
    }

    /// Adds a connection to a workspace.
    public func addConnection(id: String, name: String, workspace: String) async {
        await state.addConnection(id: id, name: name, workspace: workspace)
    }

    /// Stores a job as given (unknown members included), bypassing validation; returns its
    /// id (the object's `id`, or a new one).
    @discardableResult
    public func seedJob(_ json: [String: JSONValue], workspace: String) async -> String {
        await state.seedJob(json, workspace: workspace)
    }

    /// Records a run of every active task of the job, requested at `requestedAt` (which may
    /// be in the past, so that the run has already ended); returns its id, or `nil` when
    /// there is no such job.
    @discardableResult
    public func seedRun(of jobID: String, requestedAt: Date, outcome: RunOutcome = .succeeded) async -> String? {
        await state.seedRun(of: jobID, requestedAt: requestedAt, outcome: outcome)
    }

    /// A job's JSON as the API would return it, or `nil`.
    public func jobJSON(_ id: String) async -> JSONValue? {
        await state.jobJSON(id)
    }

    /// How many jobs the workspace has.
    public func jobCount(inWorkspace workspace: String) async -> Int {
        await state.jobCount(workspace)
    }

    /// How many runs the job has had.
    public func runCount(of jobID: String) async -> Int {
        await state.runCount(jobID)
    }

    // MARK: Plumbing

    private func isAuthorized(_ request: HTTPRequest) -> Bool {
        if let token = request.headers["x-cdata-authtoken"] { return token == configuration.token }
        guard let value = request.headers["Authorization"], value.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(value.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }
            ),
            let colon = decoded.firstIndex(of: ":")
        else { return false }
        return decoded[decoded.index(after: colon)...] == configuration.token
    }

    private func registerRoutes() {
        let state = self.state
        router.on(.get, "/workspaces") { await state.listWorkspaces($0) }
        router.on(.get, "/workspaces/:ws") { await state.workspace($0.param("ws")) }
        router.on(.get, "/workspaces/:ws/connections") { await state.listConnections($0) }
        router.on(.get, "/connections/:id") { await state.connection($0.param("id")) }
        router.on(.get, "/workspaces/:ws/jobs") { await state.listJobs($0) }
        router.on(.post, "/workspaces/:ws/jobs") { await state.createJob($0) }
        router.on(.get, "/jobs/:job") { await state.getJob($0.param("job")) }
        router.on(.put, "/jobs/:job") { await state.updateJob($0) }
        router.on(.delete, "/jobs/:job") { await state.deleteJob($0.param("job")) }
        router.on(.post, "/jobs/:job/execute") { await state.execute($0) }
        router.on(.post, "/jobs/:job/cancel") { await state.cancel($0.param("job")) }
        router.on(.get, "/jobs/:job/history") { await state.history($0) }
        router.on(.get, "/jobs/:job/history/:run") { await state.historyEntry($0.param("job"), $0.param("run")) }
        router.on(.get, "/jobs/:job/status") { await state.status($0.param("job")) }
        router.on(.get, "/jobs/:job/tasks") { await state.listTasks($0) }
        router.on(.post, "/jobs/:job/tasks") { await state.addTask($0) }
        router.on(.get, "/jobs/:job/tasks/last-run") { await state.lastRuns($0.param("job")) }
        router.on(.get, "/jobs/:job/tasks/:task") { await state.getTask($0.param("job"), $0.param("task")) }
        router.on(.put, "/jobs/:job/tasks/:task") { await state.updateTask($0) }
        router.on(.delete, "/jobs/:job/tasks/:task") { await state.deleteTask($0.param("job"), $0.param("task")) }
        router.on(.post, "/jobs/:job/tasks/:task/move") { await state.moveTask($0) }
        router.on(.get, "/jobs/:job/tasks/:task/history") { await state.taskHistory($0) }
    }
}
