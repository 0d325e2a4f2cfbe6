import Foundation
import JobBridge

/// A native client of Apache Airflow's stable REST API v1 (`/api/v1`): DAGs, DAG runs and
/// tasks, with Airflow's own types. Built on the core's ``RESTClient`` (credentials,
/// retries of idempotent requests, percent-encoded path segments, the `http://` rule) and
/// its kit: limit/offset paging (``PagedSequence/offsetPaged(pageSize:fetch:)``) and RFC
/// 9457 problem-details errors (``ErrorBodyDecoder/standard``).
///
/// ```swift
/// let client = try AirflowClient(
///     baseURL: URL(string: "https://airflow.example.com/api/v1")!,
///     credentials: BasicCredentials(user: "admin", password: Secret(password)))
/// for try await dag in client.dags() { print(dag.dagID, dag.isPaused ?? false) }
/// ```
public struct AirflowClient: Sendable {
    /// The provider name put on errors: `Airflow`.
    public static let providerName = "Airflow"
    /// The HTTP client.
    public let rest: RESTClient
    /// How many objects a page of a listing asks for (`limit`); Airflow's default maximum
    /// is 100 (`maximum_page_limit`).
    public let pageSize: Int

    /// Creates a client for the API at `baseURL` (ending in `/api/v1`).
    ///
    /// - Parameters:
    ///   - credentials: Basic credentials (`auth_backends = …basic_auth`), or any other.
    ///   - pageSize: The `limit` of each page (1 or more; default 100).
    /// - Throws: ``JobBridgeError/Code/configuration`` for a base URL that is not `https`
    ///   (plain `http` only for loopback or with `allowsInsecureHTTP`), or a page size below 1.
    public init(
        baseURL: URL, credentials: (any Credentials)?, transport: any HTTPTransport = URLSessionTransport(),
        name: String = AirflowClient.providerName, pageSize: Int = 100, retry: RetryPolicy = .default,
        allowsInsecureHTTP: Bool = false, clock: any Clock<Duration> = ContinuousClock()
    ) throws {
        guard pageSize >= 1 else {
            throw JobBridgeError(
                .configuration, "a page size must be 1 or more, not \(pageSize)", provider: name, field: "pageSize",
                outcome: .notSent)
        }
        rest = try RESTClient(
            provider: name, baseURL: baseURL, transport: transport, credentials: credentials, retry: retry,
            allowsInsecureHTTP: allowsInsecureHTTP, clock: clock)
        self.pageSize = pageSize
    }

    // MARK: DAGs

    /// `GET /dags?limit=&offset=`: every DAG, a page at a time (`total_entries` ends it).
    public func dags(operation: JobOperation? = nil) -> PagedSequence<AirflowDAG> {
        let rest = rest
        return .offsetPaged(pageSize: pageSize) { offset, limit in
            let page = try await rest.get(
                AirflowDAGCollection.self, ["dags"], query: Self.page(limit: limit, offset: offset),
                operation: operation)
            return OffsetPage(page.dags, total: page.totalEntries)
        }
    }

    /// `GET /dags/{dag_id}`.
    public func dag(_ id: String, operation: JobOperation? = nil) async throws -> AirflowDAG {
        try await rest.get(AirflowDAG.self, ["dags", try Self.dagSegment(id)], operation: operation)
    }

    /// `GET /dags/{dag_id}/details`: the DAG with its `timezone`, `start_date` and more.
    public func dagDetails(_ id: String, operation: JobOperation? = nil) async throws -> AirflowDAG {
        try await rest.get(AirflowDAG.self, ["dags", try Self.dagSegment(id), "details"], operation: operation)
    }

    /// `PATCH /dags/{dag_id}?update_mask=is_paused` with `{"is_paused": …}`: pauses or
    /// unpauses a DAG (the only change the API makes to a DAG).
    public func setPaused(_ id: String, _ isPaused: Bool, operation: JobOperation? = nil) async throws -> AirflowDAG {
        let response = try await rest.send(
            .patch, ["dags", try Self.dagSegment(id)], json: ["is_paused": isPaused],
            query: [URLQueryItem(name: "update_mask", value: "is_paused")], operation: operation, idempotent: true)
        return try rest.decode(AirflowDAG.self, from: response, operation: operation)
    }

    // MARK: DAG runs

    /// `GET /dags/{dag_id}/dagRuns?order_by=-execution_date`: the DAG's runs, newest first,
    /// a page at a time. (Airflow's own default order is oldest first.)
    public func dagRuns(of dagID: String, operation: JobOperation? = nil) -> PagedSequence<AirflowDAGRun> {
        let rest = rest
        let segment: String
        do {
            segment = try Self.dagSegment(dagID)
        } catch {
            return .failing(error)
        }
        return .offsetPaged(pageSize: pageSize) { offset, limit in
            let page = try await rest.get(
                AirflowDAGRunCollection.self, ["dags", segment, "dagRuns"],
                query: Self.page(limit: limit, offset: offset)
                    + [URLQueryItem(name: "order_by", value: "-execution_date")],
                operation: operation)
            return OffsetPage(page.dagRuns, total: page.totalEntries)
        }
    }

    /// The DAG's newest run (`limit=1`, newest first), or `nil` when it never ran.
    public func latestDagRun(of dagID: String, operation: JobOperation? = nil) async throws -> AirflowDAGRun? {
        let page = try await rest.get(
            AirflowDAGRunCollection.self, ["dags", try Self.dagSegment(dagID), "dagRuns"],
            query: Self.page(limit: 1, offset: 0) + [URLQueryItem(name: "order_by", value: "-execution_date")],
            operation: operation)
        return page.dagRuns.first
    }

    /// `GET /dags/{dag_id}/dagRuns/{dag_run_id}`.
    public func dagRun(_ runID: String, of dagID: String, operation: JobOperation? = nil) async throws
        -> AirflowDAGRun
    {
        try await rest.get(
            AirflowDAGRun.self, ["dags", try Self.dagSegment(dagID), "dagRuns", runID], operation: operation)
    }

    /// `POST /dags/{dag_id}/dagRuns`: triggers a run. Sent once, never retried (a `POST`).
    public func trigger(_ dagID: String, _ request: AirflowTriggerRequest, operation: JobOperation? = nil)
        async throws -> AirflowDAGRun
    {
        try await rest.send(
            .post, ["dags", try Self.dagSegment(dagID), "dagRuns"], json: request, as: AirflowDAGRun.self,
            operation: operation)
    }

    /// `PATCH /dags/{dag_id}/dagRuns/{dag_run_id}` with `{"state": …}`: marks a run
    /// `success`, `failed` or `queued` (marking it failed is how a run is stopped).
    public func setState(
        _ state: AirflowRunState, ofRun runID: String, dag dagID: String, operation: JobOperation? = nil
    ) async throws -> AirflowDAGRun {
        try await rest.send(
            .patch, ["dags", try Self.dagSegment(dagID), "dagRuns", runID], json: ["state": state.rawValue],
            as: AirflowDAGRun.self, operation: operation, idempotent: true)
    }

    // MARK: Tasks

    /// `GET /dags/{dag_id}/tasks`: the DAG's tasks, in Airflow's order (by `task_id`).
    public func tasks(of dagID: String, operation: JobOperation? = nil) async throws -> [AirflowTask] {
        try await rest.get(
            AirflowTaskCollection.self, ["dags", try Self.dagSegment(dagID), "tasks"], operation: operation
        ).tasks
    }

    /// `GET /dags/{dag_id}/tasks/{task_id}`.
    public func task(_ taskID: String, of dagID: String, operation: JobOperation? = nil) async throws -> AirflowTask {
        try await rest.get(
            AirflowTask.self, ["dags", try Self.dagSegment(dagID), "tasks", taskID], operation: operation)
    }

    // MARK: Helpers

    static func page(limit: Int, offset: Int) -> [URLQueryItem] {
        [URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "offset", value: String(offset))]
    }

    /// A DAG id as a path segment. `~` is refused: Airflow reads it as "every DAG"
    /// (`/dags/~/dagRuns` lists the runs of all of them), never as a DAG.
    static func dagSegment(_ id: String) throws -> String {
        guard id != "~" else {
            throw JobBridgeError(
                .invalidRequest, "'~' is not a DAG id (Airflow reads it as every DAG)", provider: providerName,
                field: "dag_id", outcome: .notSent)
        }
        return id
    }
}
