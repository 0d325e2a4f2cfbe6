import Foundation
import JobBridge

/// The native client of the CData Sync REST API v2: every endpoint of the Job Management
/// API, plus workspaces and connections, with the wire's own types.
///
/// ```swift
/// let sync = try SyncClient(
///     baseURL: URL(string: "https://sync.example.com:8181/api.rsc/v2")!,
///     credentials: SyncClient.tokenCredentials("…"))
/// for try await job in sync.jobs(inWorkspace: "default") { print(job.settings.name ?? job.id) }
/// ```
///
/// Requests go through ``RESTClient``: credentials, retries of idempotent requests
/// (`GET`, `PUT`, `DELETE`), percent-encoded ids, the `http://` rule, error mapping and
/// redacted observation. `POST` requests (create, execute, cancel, add and move a task)
/// are sent once; ``SyncProvider`` checks whether an ambiguous failure took effect before
/// it sends again.
///
/// Sync refuses to update or delete a running job (and to delete a running task). Which
/// status carries the refusal is not documented: a `409`, or a `400` whose message says
/// the job is running, both arrive as ``JobBridgeError/Code/conflict``.
public struct SyncClient: Sendable {
    /// The provider name put on errors: `"CData Sync"`.
    public static let providerName = "CData Sync"

    /// The HTTP client, with the API's base URL (`…/api.rsc/v2`).
    public let rest: RESTClient
    /// The server's time zone: dates sent without an offset are read in it, and so is a
    /// job's cron unless the job uses GMT (see ``SyncProvider``).
    public let serverTimeZone: TimeZone

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - baseURL: The API's base URL, such as `https://sync.example.com:8181/api.rsc/v2`.
    ///   - credentials: ``tokenCredentials(_:)`` (`x-cdata-authtoken`) or
    ///     ``basicCredentials(user:token:)`` (the token as the Basic password).
    ///   - transport: How requests are sent (URLSession by default, a simulator in tests).
    ///   - serverTimeZone: The server's time zone (see ``serverTimeZone``).
    ///   - requestTimeout: How long one request may wait for its answer (30 s by default,
    ///     ``RESTClient/defaultRequestTimeout``).
    /// - Throws: ``JobBridgeError/Code/configuration`` if the URL breaks the `http://` rule.
    public init(
        baseURL: URL, credentials: any Credentials, transport: any HTTPTransport = URLSessionTransport(),
        serverTimeZone: TimeZone = .gmt, retry: RetryPolicy = .default, observers: [any HTTPObserver] = [],
        allowsInsecureHTTP: Bool = false, requestTimeout: Duration = RESTClient.defaultRequestTimeout,
        clock: any Clock<Duration> = ContinuousClock()
    ) throws {
        let rest = try RESTClient(
            provider: Self.providerName, baseURL: baseURL, transport: transport, credentials: credentials,
            retry: retry, observers: observers, allowsInsecureHTTP: allowsInsecureHTTP,
            requestTimeout: requestTimeout, clock: clock)
        self.init(rest: rest, serverTimeZone: serverTimeZone)
    }

    /// Creates a client over a configured ``RESTClient``.
    public init(rest: RESTClient, serverTimeZone: TimeZone = .gmt) {
        self.rest = rest
        self.serverTimeZone = serverTimeZone
    }

    /// `x-cdata-authtoken: <token>`.
    public static func tokenCredentials(_ token: Secret) -> HeaderTokenCredentials {
        HeaderTokenCredentials(headerName: "x-cdata-authtoken", token: token)
    }

    /// HTTP Basic with the auth token as the password; Sync ignores the user name.
    public static func basicCredentials(user: String = "jobbridge", token: Secret) -> BasicCredentials {
        BasicCredentials(user: user, password: token)
    }

    // MARK: Workspaces and connections

    /// `GET /workspaces`.
    public func workspaces() -> PagedSequence<SyncWorkspace> { list(["workspaces"], operation: nil) }

    /// `GET /workspaces/{workspace_id}`.
    public func workspace(_ id: String) async throws -> SyncWorkspace {
        try await get(SyncWorkspace.self, ["workspaces", id], operation: nil)
    }

    /// `GET /workspaces/{workspace_id}/connections`.
    public func connections(inWorkspace workspaceID: String) -> PagedSequence<SyncConnection> {
        list(["workspaces", workspaceID, "connections"], operation: nil)
    }

    /// `GET /connections/{connection_id}`.
    public func connection(_ id: String) async throws -> SyncConnection {
        try await get(SyncConnection.self, ["connections", id], operation: nil)
    }

    // MARK: Jobs

    /// `GET /workspaces/{workspace_id}/jobs`: every job of the workspace, following next links.
    public func jobs(inWorkspace workspaceID: String) -> PagedSequence<SyncJob> {
        list(["workspaces", workspaceID, "jobs"], operation: .listJobs)
    }

    /// The workspace's jobs as portable jobs, each mapped as its page is read (what
    /// ``SyncProvider/jobs()`` lists; see `SyncListedJob`).
    func listedJobs(inWorkspace workspaceID: String) -> PagedSequence<Job> {
        list(["workspaces", workspaceID, "jobs"], operation: .listJobs) { (listed: SyncListedJob) in listed.job }
    }

    /// `GET /jobs/{job_id}`.
    ///
    /// Not in the Job Management document, which lists `PUT` and `DELETE` on this path
    /// only; ``SyncProvider`` falls back to the workspace's list when the server answers
    /// `405` or `501`.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the answer is about another job.
    public func job(_ id: String) async throws -> SyncJob {
        let job = try await get(SyncJob.self, ["jobs", id], operation: .getJob)
        guard job.id == id else {
            throw JobBridgeError.answerIsAboutAnother(
                "job", asked: id, answered: job.id, provider: rest.provider, operation: .getJob)
        }
        return job
    }

    /// `POST /workspaces/{workspace_id}/jobs`: creates a job and returns it as the server
    /// answered. Sent once, never retried.
    public func createJob(_ settings: SyncJobSettings, inWorkspace workspaceID: String) async throws -> SyncJob {
        let response = try await send(
            .post, ["workspaces", workspaceID, "jobs"], body: settings.json, operation: .createJob)
        return try decode(SyncJob.self, response, operation: .createJob)
    }

    /// `PUT /jobs/{job_id}`: sends the settings as given (`nil` properties are not sent).
    /// Refused while the job runs (``JobBridgeError/Code/conflict``).
    ///
    /// - Returns: The job, when the answer holds one.
    @discardableResult
    public func updateJob(_ id: String, _ settings: SyncJobSettings) async throws -> SyncJob? {
        try await updateJob(id, json: settings.json)
    }

    /// `PUT /jobs/{job_id}` with a body built by the caller (``SyncJobSettings/updateJSON``
    /// for a read-modify-write).
    @discardableResult
    public func updateJob(_ id: String, json body: JSONValue) async throws -> SyncJob? {
        let response = try await send(.put, ["jobs", id], body: body, operation: .updateJob)
        return decodeIfPresent(SyncJob.self, response)
    }

    /// `DELETE /jobs/{job_id}`. Refused while the job runs (``JobBridgeError/Code/conflict``).
    ///
    /// - Parameter retrying: Whether the client may send it again after a failure; a
    ///   second `DELETE` of a deleted job answers `404`, so ``SyncProvider`` passes
    ///   `false` and checks instead.
    public func deleteJob(_ id: String, retrying: Bool = true) async throws {
        try await send(.delete, ["jobs", id], operation: .deleteJob, idempotent: retrying)
    }

    /// `POST /jobs/{job_id}/execute`: runs every active task, or the chosen ones
    /// (`{"tasks": [ids]}`). Sent once, never retried.
    ///
    /// - Returns: The run, when the answer describes one.
    @discardableResult
    public func execute(_ jobID: String, tasks: [String]? = nil) async throws -> SyncRun? {
        let operation: JobOperation = tasks == nil ? .runJob : .runTasks
        let body: JSONValue = tasks.map { ["tasks": .array($0.map(JSONValue.string))] } ?? [:]
        let response = try await send(.post, ["jobs", jobID, "execute"], body: body, operation: operation)
        return decodeIfPresent(SyncRun.self, response)
    }

    /// `POST /jobs/{job_id}/cancel`: cancels the running job. Sent once.
    public func cancel(_ jobID: String) async throws {
        try await send(.post, ["jobs", jobID, "cancel"], operation: .cancelRun)
    }

    /// `GET /jobs/{job_id}/history`: every run of the job, in the server's order.
    public func history(of jobID: String) -> PagedSequence<SyncRun> {
        list(["jobs", jobID, "history"], operation: .runHistory)
    }

    /// `GET /jobs/{job_id}/history/{history_id}`.
    public func history(_ historyID: String, of jobID: String) async throws -> SyncRun {
        try await get(SyncRun.self, ["jobs", jobID, "history", historyID], operation: .getRun)
    }

    /// `GET /jobs/{job_id}/status`. For a job that never ran the answer may carry no run
    /// at all (see ``SyncRun/isEmpty``).
    public func status(of jobID: String) async throws -> SyncRun {
        try await rest.read {
            let response = try await send(.get, ["jobs", jobID, "status"], operation: .status)
            if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return SyncRun() }
            return try decode(SyncRun.self, response, operation: .status)
        }
    }

    // MARK: Tasks

    /// `GET /jobs/{job_id}/tasks`, following next links.
    public func tasks(of jobID: String) -> PagedSequence<SyncTask> {
        list(["jobs", jobID, "tasks"], operation: .listTasks)
    }

    /// `GET /jobs/{job_id}/tasks/{task_id}`.
    public func task(_ taskID: String, of jobID: String) async throws -> SyncTask {
        try await get(SyncTask.self, ["jobs", jobID, "tasks", taskID], operation: .listTasks)
    }

    /// `POST /jobs/{job_id}/tasks`: `{"query", "is_active"}`. Sent once, never retried.
    ///
    /// - Returns: The new task, when the answer holds one.
    @discardableResult
    public func addTask(_ settings: SyncTaskSettings, to jobID: String) async throws -> SyncTask? {
        let response = try await send(.post, ["jobs", jobID, "tasks"], body: settings.json, operation: .addTask)
        return decodeIfPresent(SyncTask.self, response)
    }

    /// `PUT /jobs/{job_id}/tasks/{task_id}`: `{"query", "is_active", "index"}`.
    @discardableResult
    public func updateTask(_ taskID: String, of jobID: String, _ settings: SyncTaskSettings) async throws -> SyncTask? {
        let response = try await send(
            .put, ["jobs", jobID, "tasks", taskID], body: settings.json, operation: .updateTask)
        return decodeIfPresent(SyncTask.self, response)
    }

    /// `DELETE /jobs/{job_id}/tasks/{task_id}`. Refused while the task runs.
    ///
    /// - Parameter retrying: As for ``deleteJob(_:retrying:)``.
    public func deleteTask(_ taskID: String, of jobID: String, retrying: Bool = true) async throws {
        try await send(.delete, ["jobs", jobID, "tasks", taskID], operation: .deleteTask, idempotent: retrying)
    }

    /// `POST /jobs/{job_id}/tasks/{task_id}/move`: `{"from_index", "to_index"}`. Sent once.
    public func moveTask(_ taskID: String, of jobID: String, from: Int, to: Int) async throws {
        let body: JSONValue = ["from_index": .int(Int64(from)), "to_index": .int(Int64(to))]
        try await send(.post, ["jobs", jobID, "tasks", taskID, "move"], body: body, operation: .moveTask)
    }

    /// `GET /jobs/{job_id}/tasks/last-run`: the last run of every task of the job.
    public func lastRunOfTasks(of jobID: String) async throws -> [SyncRun] {
        try await list(["jobs", jobID, "tasks", "last-run"], operation: .taskHistory).collect()
    }

    /// `GET /jobs/{job_id}/tasks/{task_id}/history`: the task's runs, in the server's order.
    public func taskHistory(of taskID: String, job jobID: String) -> PagedSequence<SyncRun> {
        list(["jobs", jobID, "tasks", taskID, "history"], operation: .taskHistory)
    }

    // MARK: Plumbing

    /// The decoder for answers: zone-less dates in ``serverTimeZone``.
    public var decoder: JSONDecoder { .sync(serverTimeZone: serverTimeZone) }

    private func list<Element: Decodable & Sendable>(_ segments: [String], operation: JobOperation?)
        -> PagedSequence<Element>
    {
        list(segments, operation: operation) { $0 }
    }

    private func list<Element: Decodable & Sendable, Output: Sendable>(
        _ segments: [String], operation: JobOperation?, _ transform: @escaping @Sendable (Element) -> Output
    ) -> PagedSequence<Output> {
        PagedSequence { [self] link in
            let page: SyncPage<Element>
            if let link {
                let url: URL
                do {
                    url = try rest.url(forLink: link)
                } catch let error as JobBridgeError {
                    throw error.context(provider: Self.providerName, operation: operation)
                }
                page = try await rest.get(SyncPage<Element>.self, url: url, operation: operation, decoder: decoder)
            } else {
                page = try await get(SyncPage<Element>.self, segments, operation: operation)
            }
            return Page(page.elements.map(transform), nextToken: page.nextLink)
        }
    }

    private func get<T: Decodable>(_ type: T.Type, _ segments: [String], operation: JobOperation?) async throws -> T {
        try await rest.read {
            let response = try await send(.get, segments, operation: operation)
            return try decode(type, response, operation: operation)
        }
    }

    @discardableResult
    private func send(
        _ method: HTTPMethod, _ segments: [String], body: JSONValue? = nil, operation: JobOperation?,
        idempotent: Bool? = nil
    ) async throws -> HTTPResponse {
        do {
            if let body {
                return try await rest.send(
                    method, segments, json: body, operation: operation, idempotent: idempotent)
            }
            var headers = HTTPHeaders()
            headers["Accept"] = "application/json"
            return try await rest.send(method, segments, headers: headers, operation: operation, idempotent: idempotent)
        } catch let error as JobBridgeError {
            throw Self.runningRefusalAsConflict(error)
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, operation: JobOperation?) throws -> T {
        try rest.decode(type, from: response, operation: operation, decoder: decoder)
    }

    /// The answer decoded as `type`, or `nil` when it is empty or is something else
    /// (Sync's answers to updates and to execute are not documented).
    private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ response: HTTPResponse) -> T? {
        guard !response.body.isEmpty else { return nil }
        return try? decoder.decode(type, from: response.body)
    }

    /// A `400` whose message says the job or task is running, as ``JobBridgeError/Code/conflict``.
    static func runningRefusalAsConflict(_ error: JobBridgeError) -> JobBridgeError {
        guard error.code == .invalidRequest, error.httpStatus == 400, saysRunning(error.message) else { return error }
        var conflict = error
        conflict.code = .conflict
        return conflict
    }

    /// Whether a message says that something is running: "is running", "already running",
    /// "currently running", "still running", "is in progress".
    static func saysRunning(_ message: String) -> Bool {
        let words = message.lowercased().split { !$0.isLetter }.map(String.init)
        for (index, word) in words.enumerated() where index > 0 {
            let before = words[index - 1]
            let qualifies = ["is", "are", "already", "currently", "still", "being"].contains(before)
            if word == "running" && qualifies { return true }
            if word == "in", index + 1 < words.count, words[index + 1] == "progress", qualifies { return true }
        }
        return false
    }
}
