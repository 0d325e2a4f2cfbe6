import Foundation
import JobBridge

/// The native client of NX1's jobs API (`https://aiapi.<client>.nx1cloud.com`): every
/// documented endpoint, with exact wire types.
///
/// | call | request | source |
/// |---|---|---|
/// | ``createJob(_:)`` | `POST /api/jobs` | doc |
/// | ``job(_:)`` | `GET /api/jobs/{job_id}` | doc |
/// | ``listJobs()`` | `GET /api/jobs` | sdk |
/// | ``deleteJob(_:)`` | `DELETE /api/jobs/{job_id}` | sdk |
/// | ``triggerJob(_:)`` | `POST /api/jobs/{job_id}/trigger` | sdk |
/// | ``setStatus(of:to:)`` | `PUT /api/jobs/{job_id}/status` | sdk |
///
/// Requests go through ``RESTClient``: credentials (``OAuth2ClientCredentials`` via
/// ``NX1Auth``, or ``HeaderTokenCredentials/preSharedKey(_:headerName:)``), percent-encoded ids, retries of
/// idempotent requests only (a create or a trigger is never repeated by the client), and
/// errors as ``JobBridgeError``.
public struct NX1Client: Sendable {
    /// The provider name put on errors: `"NX1"`.
    public static let providerName = "NX1"

    /// The HTTP client every request goes through.
    public let rest: RESTClient

    /// Creates a client for a base URL (a simulator's, a proxy's).
    ///
    /// - Parameter requestTimeout: How long one request may wait for its answer (30 s by
    ///   default, ``RESTClient/defaultRequestTimeout``).
    /// - Throws: ``JobBridgeError/Code/configuration`` for a plain `http://` URL to a
    ///   remote host unless `allowsInsecureHTTP`.
    public init(
        baseURL: URL, credentials: any Credentials, transport: any HTTPTransport = URLSessionTransport(),
        retry: RetryPolicy = .default, observers: [any HTTPObserver] = [], allowsInsecureHTTP: Bool = false,
        requestTimeout: Duration = RESTClient.defaultRequestTimeout, clock: any Clock<Duration> = ContinuousClock()
    ) throws {
        rest = try RESTClient(
            provider: Self.providerName, baseURL: baseURL, transport: transport, credentials: credentials,
            retry: retry, observers: observers, allowsInsecureHTTP: allowsInsecureHTTP,
            requestTimeout: requestTimeout, clock: clock)
    }

    /// Creates a client for an NX1 client (tenant) by name: `https://aiapi.<client>.nx1cloud.com`.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` with `field` `client` when the name
    ///   is not a DNS label.
    public init(
        client: String, credentials: any Credentials, transport: any HTTPTransport = URLSessionTransport(),
        retry: RetryPolicy = .default, observers: [any HTTPObserver] = [],
        requestTimeout: Duration = RESTClient.defaultRequestTimeout, clock: any Clock<Duration> = ContinuousClock()
    ) throws {
        try self.init(
            baseURL: try NX1Auth.apiBaseURL(client: client), credentials: credentials, transport: transport,
            retry: retry, observers: observers, requestTimeout: requestTimeout, clock: clock)
    }

    /// `POST /api/jobs`: creates a job and returns it as stored. Not retried.
    public func createJob(_ request: NX1CreateJobRequest) async throws -> NX1Job {
        try await rest.send(.post, ["api", "jobs"], json: request, as: NX1Job.self, operation: .createJob)
    }

    /// `GET /api/jobs/{job_id}`: one job, deleted or not (see ``NX1Job/isDeleted``).
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the answer is about another job.
    public func job(_ id: String) async throws -> NX1Job {
        let job = try await rest.get(NX1Job.self, ["api", "jobs", id], operation: .getJob)
        guard job.id == id else {
            throw JobBridgeError.answerIsAboutAnother(
                "job", asked: id, answered: job.id, provider: rest.provider, operation: .getJob)
        }
        return job
    }

    /// `GET /api/jobs`: every job the server lists, soft-deleted ones included, in its order.
    ///
    /// The answer's shape is [sdk]-only: a bare array is read, and so is an object that
    /// wraps the array in `jobs`, `items`, `data` or `results`.
    ///
    /// - Throws: ``JobBridgeError/Code/badResponse`` when the answer is neither, or an
    ///   element is not a job (naming its index).
    public func listJobs() async throws -> [NX1Job] {
        try await rest.read {
            let response = try await rest.send(
                .get, ["api", "jobs"], headers: ["Accept": "application/json"], operation: .listJobs)
            return try rest.decode(NX1JobList.self, from: response, operation: .listJobs).jobs
        }
    }

    /// The live jobs of `GET /api/jobs` as portable jobs, each mapped as its node is read
    /// (what ``NX1Provider/jobs()`` lists; see `NX1ListedJobs`).
    func listedJobs() async throws -> [Job] {
        try await rest.read {
            let response = try await rest.send(
                .get, ["api", "jobs"], headers: ["Accept": "application/json"], operation: .listJobs)
            return try rest.decode(NX1ListedJobs.self, from: response, operation: .listJobs).jobs
        }
    }

    /// `DELETE /api/jobs/{job_id}`: deletes a job (NX1 keeps it with `is_deleted: true`).
    ///
    /// - Parameter retrying: Whether the client may send it again after a failure;
    ///   ``NX1Provider`` passes `false` and checks instead.
    public func deleteJob(_ id: String, retrying: Bool = true) async throws {
        try await rest.send(.delete, ["api", "jobs", id], operation: .deleteJob, idempotent: retrying)
    }

    /// `POST /api/jobs/{job_id}/trigger`: asks for a run now. Not retried: after an
    /// ambiguous failure, read the job to learn whether it started (``NX1Provider`` does).
    /// Returns the answer as sent (its body is not documented).
    @discardableResult
    public func triggerJob(_ id: String) async throws -> HTTPResponse {
        try await rest.send(.post, ["api", "jobs", id, "trigger"], operation: .runJob)
    }

    /// `PUT /api/jobs/{job_id}/status`: sets the job's status and, optionally, its message.
    public func setStatus(of id: String, to update: NX1StatusUpdate) async throws {
        try await rest.send(.put, ["api", "jobs", id, "status"], json: update, operation: .status)
    }
}

/// The live jobs of `GET /api/jobs` as portable jobs: from RESTClient's tree, each job is
/// read from its node and mapped at once, so no array of native jobs is built and copied
/// from (a listing holds thousands); soft-deleted jobs are skipped. Errors name the element
/// as ``NX1JobList``'s do.
struct NX1ListedJobs: Decodable {
    var jobs: [Job]

    init(from decoder: any Decoder) throws {
        guard let tree = JSONValue.tree(of: decoder), case .array(let nodes) = tree else {
            jobs = try NX1JobList(from: decoder).jobs.filter { !$0.isDeleted }.map(NX1Mapping.job(from:))
            return
        }
        var jobs: [Job] = []
        jobs.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            let wire = try WireObject.element(node, what: "a job", listPath: decoder.codingPath, index: index)
            let native = try NX1Job(wire: wire)
            if !native.isDeleted { jobs.append(NX1Mapping.job(from: native)) }
        }
        self.jobs = jobs
    }
}

/// The answer of `GET /api/jobs`: a bare array, or an object wrapping one.
struct NX1JobList: Decodable {
    /// The keys an object answer may wrap its array in, in the order they are tried.
    static let wrapperKeys: [WireKey] = ["jobs", "items", "data", "results"]

    var jobs: [NX1Job]

    init(from decoder: any Decoder) throws {
        // From RESTClient's tree: each job read straight from its node (no decoder per job).
        if let tree = JSONValue.tree(of: decoder), case .array = tree {
            jobs = try WireObject.elements(
                of: tree, what: "a job", codingPath: decoder.codingPath, NX1Job.init(wire:))
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var jobs: [NX1Job] = []
            while !array.isAtEnd { jobs.append(try array.decode(NX1Job.self)) }
            self.jobs = jobs
            return
        }
        let object = try decoder.container(keyedBy: WireKey.self)
        for key in Self.wrapperKeys where object.contains(key) {
            jobs = try object.decode([NX1Job].self, forKey: key)
            return
        }
        let keys = object.allKeys.map(\.stringValue).sorted().joined(separator: ", ")
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: [],
                debugDescription:
                    "expected an array of jobs or an object with jobs/items/data/results; got keys [\(keys)]"
            ))
    }
}
