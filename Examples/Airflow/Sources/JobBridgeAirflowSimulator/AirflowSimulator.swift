import Foundation
import JobBridge
import JobBridgeSimulation

/// A fake of Apache Airflow's stable REST API v1 (`/api/v1`) over raw JSON: a second,
/// independent reading of Airflow's documents that never imports the adapter.
///
/// DAGs, their tasks and runs are seeded (``insertDAG(_:timezone:tasks:)``,
/// ``insertRun(_:)``): Airflow's API cannot create a DAG. It answers `GET /dags`
/// (`limit`/`offset`, `total_entries`, by `dag_id`), `GET /dags/{id}` and `/details`
/// (with `timezone`), `PATCH /dags/{id}?update_mask=is_paused`, `GET`/`POST
/// /dags/{id}/dagRuns` (`order_by`, `limit`, `offset`; oldest first by default; no `404` for
/// an unknown DAG, as Airflow), `GET`/`PATCH /dags/{id}/dagRuns/{run}` (state), `GET
/// /dags/{id}/tasks` (by `task_id`) and `/tasks/{task}`. Errors are RFC 9457 problem
/// details; every request needs HTTP Basic credentials. A triggered run is queued, runs
/// after ``Configuration/queueDelay`` (only while its DAG is unpaused) and succeeds after
/// ``Configuration/runDuration``, on the injected clock.
public final class AirflowSimulator: HTTPTransport, Sendable {
    /// The simulator's settings.
    public struct Configuration: Sendable {
        /// The Basic user name accepted.
        public var user: String
        /// The Basic password accepted.
        public var password: String
        /// How long a triggered run of an unpaused DAG stays queued.
        public var queueDelay: Duration
        /// How long a run runs before it succeeds.
        public var runDuration: Duration
        /// Airflow's `maximum_page_limit`: a larger `limit` is cut to it.
        public var maximumPageLimit: Int

        /// Creates settings (defaults: `admin`/`admin`, 5 s queued, 60 s running, pages of 100 at most).
        public init(
            user: String = "admin", password: String = "admin", queueDelay: Duration = .seconds(5),
            runDuration: Duration = .seconds(60), maximumPageLimit: Int = 100
        ) {
            self.user = user
            self.password = password
            self.queueDelay = queueDelay
            self.runDuration = runDuration
            self.maximumPageLimit = maximumPageLimit
        }
    }

    /// The problem `type` prefix Airflow uses.
    public static let problemTypeBase =
        "https://airflow.apache.org/docs/apache-airflow/2.9.0/stable-rest-api-ref.html#section/Errors/"

    /// The router that answers requests once authenticated (its log is every request).
    public let router = SimulatorRouter(
        basePath: "/api/v1", errorBody: .problemDetails(typeBase: AirflowSimulator.problemTypeBase))
    let state: AirflowSimulatorState
    private let configuration: Configuration

    /// Creates an empty Airflow whose time is `now` (a `SimulatedClock`'s date source).
    public init(configuration: Configuration = Configuration(), now: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        state = AirflowSimulatorState(configuration: configuration, now: now, errors: router.errorBody)
        routes()
    }

    /// Seeds a DAG (the `DAG` object, raw), the zone `GET …/details` reports, and its tasks
    /// (`Task` objects, raw).
    public func insertDAG(_ dag: JSONValue, timezone: String = "UTC", tasks: [JSONValue] = []) async {
        await state.insertDAG(dag, timezone: timezone, tasks: tasks)
    }

    /// Seeds a past run (a `DAGRun` object, raw, with its `dag_id`, `state` and dates).
    public func insertRun(_ run: JSONValue) async { await state.insertRun(run) }

    /// Answers a request: `401` without the configured Basic credentials, else the route's answer.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let expected = "Basic " + Data("\(configuration.user):\(configuration.password)".utf8).base64EncodedString()
        guard request.headers["Authorization"] == expected else {
            return router.errorBody.response(401, "Unauthenticated", "the request has no valid credentials")
        }
        return try await router.send(request)
    }

    private func routes() {
        let state = state
        router.on(.get, "/dags") { await state.listDAGs($0) }
        router.on(.get, "/dags/:dag") { await state.dag($0.param("dag"), details: false) }
        router.on(.get, "/dags/:dag/details") { await state.dag($0.param("dag"), details: true) }
        router.on(.patch, "/dags/:dag") { try await state.patchDAG($0) }
        router.on(.get, "/dags/:dag/dagRuns") { try await state.listRuns($0) }
        router.on(.post, "/dags/:dag/dagRuns") { try await state.trigger($0) }
        router.on(.get, "/dags/:dag/dagRuns/:run") { await state.run($0.param("run"), of: $0.param("dag")) }
        router.on(.patch, "/dags/:dag/dagRuns/:run") { try await state.patchRun($0) }
        router.on(.get, "/dags/:dag/tasks") { await state.tasks(of: $0.param("dag")) }
        router.on(.get, "/dags/:dag/tasks/:task") { await state.task($0.param("task"), of: $0.param("dag")) }
    }
}
