import Foundation
import JobBridge

/// The native client of CData Connect AI: every documented endpoint of the Job API, the
/// cache connection and Embed ("poweredby"), with the provider's own wire types.
///
/// Every call carries `Authorization: Bearer <JWT>`. The app signs its JWTs with its own
/// key (the library never holds one) and hands the client an async token provider, which
/// is called again shortly before a token expires and once after a `401`:
/// ```swift
/// let client = try ConnectClient { try await myTokenSigner.token() }   // -> AccessToken
/// let jobs = try await client.jobs()
/// ```
public struct ConnectClient: Sendable {
    /// The provider's name on errors: `"CData Connect AI"`.
    public static let providerName = "CData Connect AI"
    /// `https://cloud.cdata.com/api`.
    public static let defaultBaseURL: URL = {
        var components = URLComponents()
        components.scheme = "https"
        components.host = "cloud.cdata.com"
        components.path = "/api"
        return components.url ?? URL(fileURLWithPath: "/api")
    }()

    /// The HTTP client every request goes through.
    public let rest: RESTClient

    /// Creates a client over a prepared ``RESTClient``.
    public init(rest: RESTClient) { self.rest = rest }

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - baseURL: The API's base URL (default `https://cloud.cdata.com/api`).
    ///   - transport: How requests are sent (a simulator in tests).
    ///   - retry: Retries of idempotent requests.
    ///   - observers: Receive a redacted event for every request.
    ///   - clock: The clock retries wait on.
    ///   - now: The wall clock used to tell when a token is about to expire.
    ///   - requestTimeout: How long one request may wait for its answer (30 s by default,
    ///     ``RESTClient/defaultRequestTimeout``).
    ///   - tokenProvider: Returns a fresh signed JWT and its expiry.
    /// - Throws: ``JobBridgeError/Code/configuration`` for a base URL that is not `https`.
    public init(
        baseURL: URL = ConnectClient.defaultBaseURL,
        transport: any HTTPTransport = URLSessionTransport(),
        retry: RetryPolicy = .default,
        observers: [any HTTPObserver] = [],
        requestTimeout: Duration = RESTClient.defaultRequestTimeout,
        clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() },
        tokenProvider: @escaping @Sendable () async throws -> AccessToken
    ) throws {
        let credentials = BearerTokenCredentials(now: now, provider: tokenProvider)
        self.rest = try RESTClient(
            provider: Self.providerName, baseURL: baseURL, transport: transport, credentials: credentials,
            retry: retry, observers: observers, requestTimeout: requestTimeout, clock: clock)
    }

    // MARK: Job API

    /// `GET /job/list`: every job of the account (the API does not page).
    public func jobs() async throws -> [ConnectJob] {
        try await rest.get(JobListAnswer.self, ["job", "list"], operation: .listJobs).jobs
    }

    /// The jobs of `GET /job/list` as portable jobs, each mapped as it is read (what
    /// ``ConnectProvider/jobs()`` lists; see `ConnectListedJobs`).
    func listedJobs(cacheConnection: ConnectionRef?) async throws -> [Job] {
        let decoder = JSONDecoder()
        if let key = ConnectListedJobs.cacheConnectionKey { decoder.userInfo[key] = cacheConnection }
        return try await rest.get(ConnectListedJobs.self, ["job", "list"], operation: .listJobs, decoder: decoder).jobs
    }

    /// `GET /job/{jobId}`: one job (bare or wrapped in `{"jobs":[…]}`; from a wrapper, the
    /// element with the id asked for).
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the answer is about another job.
    public func job(_ id: String) async throws -> ConnectJob {
        let response = try await rest.read { () -> (HTTPResponse, JobAnswer) in
            let response = try await rest.send(
                .get, ["job", id], headers: ["Accept": "application/json"], operation: .getJob)
            return (response, try rest.decode(JobAnswer.self, from: response, operation: .getJob))
        }
        let listed = try? JSONDecoder().decode(JobListAnswer.self, from: response.0.body).jobs
        if let listed, listed.count > 1 {
            guard let job = listed.first(where: { $0.id == id }) else {
                throw JobBridgeError.answerIsAboutAnother(
                    "job", asked: id, answered: listed.map(\.id).joined(separator: ", "), provider: rest.provider,
                    operation: .getJob, field: "jobs")
            }
            return job
        }
        let job = response.1.job
        guard job.id == id else {
            throw JobBridgeError.answerIsAboutAnother(
                "job", asked: id, answered: job.id, provider: rest.provider, operation: .getJob)
        }
        return job
    }

    /// `POST /job/create`. Never retried: a create that failed ambiguously is not repeated.
    public func createJob(_ request: ConnectJobRequest) async throws -> ConnectJob {
        try await rest.send(.post, ["job", "create"], json: request, as: JobAnswer.self, operation: .createJob).job
    }

    /// `PUT /job/{jobId}/update`: replaces the job with the request.
    public func updateJob(_ id: String, with request: ConnectJobRequest) async throws -> ConnectJob {
        try await rest.send(.put, ["job", id, "update"], json: request, as: JobAnswer.self, operation: .updateJob).job
    }

    /// `DELETE /job/{jobId}/delete`.
    ///
    /// - Parameter retrying: Whether the client may send it again after a failure; a
    ///   second `DELETE` of a deleted job answers `404`, so ``ConnectProvider`` passes
    ///   `false` and checks instead.
    public func deleteJob(_ id: String, retrying: Bool = true) async throws {
        try await rest.send(.delete, ["job", id, "delete"], operation: .deleteJob, idempotent: retrying)
    }

    /// `POST /job/{jobId}/run`: queues a run. A job that is already running answers
    /// `409 CACHE_JOB_RUNNING`, thrown as ``JobBridgeError/Code/conflict``.
    public func runJob(_ id: String) async throws {
        try await rest.send(.post, ["job", id, "run"], operation: .runJob)
    }

    /// `POST /job/{jobId}/stop`: stops the job's current run.
    public func stopJob(_ id: String) async throws {
        try await rest.send(.post, ["job", id, "stop"], operation: .cancelRun)
    }

    // MARK: Cache connection

    /// `POST /job/cacheConnection`: creates or replaces the account's cache connection.
    public func setCacheConnection(_ connectionString: ConnectCacheConnectionString) async throws
        -> ConnectCacheConnection
    {
        try await rest.send(
            .post, ["job", "cacheConnection"], json: CacheConnectionRequest(connectionString: connectionString),
            as: CacheConnectionAnswer.self, idempotent: true
        ).connection
    }

    /// `POST /job/cacheConnection/formLink`: a hosted form where the user enters the cache
    /// connection themselves.
    public func cacheConnectionFormLink(_ request: ConnectCacheConnectionFormRequest) async throws
        -> ConnectRedirectLink
    {
        try await rest.send(.post, ["job", "cacheConnection", "formLink"], json: request, as: ConnectRedirectLink.self)
    }

    // MARK: Embed ("poweredby")

    /// `POST /poweredby/jobs`: the hosted jobs page.
    public func jobsPageLink() async throws -> ConnectRedirectLink {
        let response = try await rest.send(.post, ["poweredby", "jobs"], headers: ["Accept": "application/json"])
        return try rest.decode(ConnectRedirectLink.self, from: response)
    }

    /// `POST /poweredby/connection/create`: the hosted add-connection page. When the user
    /// comes back, read the URL with ``ConnectConnectionReturn``.
    public func createConnectionLink(_ request: ConnectEmbedCreateConnectionRequest) async throws -> ConnectRedirectLink
    {
        try await rest.send(.post, ["poweredby", "connection", "create"], json: request, as: ConnectRedirectLink.self)
    }

    /// `POST /poweredby/connection/edit/{connectionId}`: the hosted edit-connection page.
    public func editConnectionLink(_ connectionID: String, _ request: ConnectEmbedEditConnectionRequest) async throws
        -> ConnectRedirectLink
    {
        try await rest.send(
            .post, ["poweredby", "connection", "edit", connectionID], json: request, as: ConnectRedirectLink.self)
    }

    /// `GET /poweredby/connection/list?driver=&externalId=`: the account's connections,
    /// optionally only those of one driver (data source) or one external id.
    public func connections(driver: String? = nil, externalID: String? = nil) async throws -> [ConnectEmbedConnection] {
        var query: [URLQueryItem] = []
        if let driver { query.append(URLQueryItem(name: "driver", value: driver)) }
        if let externalID { query.append(URLQueryItem(name: "externalId", value: externalID)) }
        return try await rest.get(ConnectEmbedConnectionList.self, ["poweredby", "connection", "list"], query: query)
            .connections
    }

    /// `DELETE /poweredby/connection/delete/{id}`.
    public func deleteConnection(_ connectionID: String) async throws {
        try await rest.send(.delete, ["poweredby", "connection", "delete", connectionID])
    }

    /// `GET /poweredby/sources/list`: the data sources a connection can be made to.
    public func dataSources() async throws -> [String] {
        try await rest.get(EmbedDataSourceList.self, ["poweredby", "sources", "list"]).dataSources.map(\.dataSource)
    }
}
