import Foundation
import JobBridge
import JobBridgeSimulation

/// A stateful fake of NX1's API, written against raw JSON from the documents (it does
/// not import the adapter, so a field the adapter misreads is caught, not mirrored).
///
/// It serves, on any host:
/// - `POST /realms/<client>/protocol/openid-connect/token` (Keycloak, client credentials);
/// - `POST /api/jobs`, `GET /api/jobs`, `GET /api/jobs/{id}`, `DELETE /api/jobs/{id}`,
///   `POST /api/jobs/{id}/trigger`, `PUT /api/jobs/{id}/status`.
///
/// Time comes from a ``SimulatedClock``. Where the documents are silent it picks one
/// behaviour, noted where it is implemented (``NX1SimulatorState``):
/// - errors use the envelope `{"error":{"code":"…","message":"…"}}` (no error body is
///   documented); a bad body is `400`, an unknown or deleted job `404`, a missing,
///   wrong or expired token `401`, a trigger of a pending or running job `409`;
/// - `GET /api/jobs` answers a bare array (or an object wrapping it, see
///   ``Configuration/listEnvelope``) and includes soft-deleted jobs with `is_deleted: true`;
///   `GET /api/jobs/{id}` of a soft-deleted job answers it with `is_deleted: true`;
/// - `DELETE` answers `204`, `PUT …/status` `204`, a trigger `202` with the job.
public final class NX1Simulator: HTTPTransport, Sendable {
    /// How the simulator behaves.
    public struct Configuration: Sendable {
        /// The NX1 client (tenant) name, which is also the Keycloak realm.
        public var client: String
        /// The OAuth client id it accepts.
        public var clientID: String
        /// The OAuth client secret it accepts.
        public var clientSecret: String
        /// The pre-shared key it accepts in `Authorization-PSK`; `nil` accepts none.
        public var preSharedKey: String?
        /// `expires_in` of the tokens it issues, in seconds.
        public var tokenLifetime: Int
        /// Time from a trigger to the run's start (`pending` → `running`).
        public var queueDelay: Duration
        /// Time from a run's start to its end (`running` → `completed`/`failed`).
        public var runDuration: Duration
        /// When set, `GET /api/jobs` wraps the array in an object under this key.
        public var listEnvelope: String?
        /// Seeds the generator of job ids and tokens.
        public var seed: UInt64

        /// Creates a configuration; every parameter has a default.
        public init(
            client: String = "acme", clientID: String = "jobbridge", clientSecret: String = "simulator-secret",
            preSharedKey: String? = "simulator-psk", tokenLifetime: Int = 600, queueDelay: Duration = .seconds(5),
            runDuration: Duration = .seconds(60), listEnvelope: String? = nil, seed: UInt64 = 6
        ) {
            self.client = client
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.preSharedKey = preSharedKey
            self.tokenLifetime = tokenLifetime
            self.queueDelay = queueDelay
            self.runDuration = runDuration
            self.listEnvelope = listEnvelope
            self.seed = seed
        }
    }

    /// How a simulated run ends.
    public enum RunOutcome: Sendable, Hashable {
        /// `completed`, setting `last_completed_at`.
        case completed
        /// `failed` with this `status_message`, setting `last_failed_at`.
        case failed(message: String)
    }

    /// The configuration it was made with.
    public let configuration: Configuration
    /// The router that answers requests; its ``SimulatorRouter/receivedRequests`` logs them.
    public let router: SimulatorRouter
    let state: NX1SimulatorState

    /// Creates an empty simulator whose time is `clock`'s.
    public init(configuration: Configuration = Configuration(), clock: SimulatedClock) {
        self.configuration = configuration
        self.state = NX1SimulatorState(configuration: configuration, now: clock.dateSource)
        self.router = SimulatorRouter()
        registerRoutes()
    }

    /// Answers a request as NX1 would.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await router.send(request)
    }

    // MARK: Test hooks

    /// How many requests reached the token endpoint (refused ones included).
    public var tokenRequestCount: Int { get async { await state.tokenRequests } }

    /// Makes every issued token invalid, as a key rotation would: the next request with
    /// one is answered `401`.
    public func revokeTokens() async { await state.revokeTokens() }

    /// Sets how the next runs of a job end (default ``RunOutcome/completed``).
    public func setOutcome(_ outcome: RunOutcome, forJob id: String) async {
        await state.setOutcome(outcome, forJob: id)
    }

    /// Stores a job exactly as given (a JSON object with at least an `id`), for tests that
    /// need what the API would not create: unknown types, deleted jobs, odd dates.
    public func insert(rawJob: JSONValue) async { await state.insert(rawJob) }

    /// A job as stored, deleted or not, with its run state brought up to date.
    public func rawJob(_ id: String) async -> JSONValue? { await state.job(id) }

    // MARK: Routes

    private func registerRoutes() {
        let state = self.state
        router.on(.post, "/realms/:realm/protocol/openid-connect/token") { request in
            await state.issueToken(realm: request.param("realm"), form: request.body)
        }
        router.on(.post, "/api/jobs") { request in
            if let refusal = await state.refusal(request) { return refusal }
            return await state.create(body: request.body)
        }
        router.on(.get, "/api/jobs") { request in
            if let refusal = await state.refusal(request) { return refusal }
            return await state.list()
        }
        router.on(.get, "/api/jobs/:id") { request in
            if let refusal = await state.refusal(request) { return refusal }
            return await state.get(request.param("id"))
        }
        router.on(.delete, "/api/jobs/:id") { request in
            if let refusal = await state.refusal(request) { return refusal }
            return await state.delete(request.param("id"))
        }
        router.on(.post, "/api/jobs/:id/trigger") { request in
            if let refusal = await state.refusal(request) { return refusal }
            return await state.trigger(request.param("id"))
        }
        router.on(.put, "/api/jobs/:id/status") { request in
            if let refusal = await state.refusal(request) { return refusal }
            return await state.setStatus(request.param("id"), body: request.body)
        }
    }
}
