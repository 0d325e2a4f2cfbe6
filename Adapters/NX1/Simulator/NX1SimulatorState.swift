import Foundation
import JobBridge
import JobBridgeSimulation

/// The simulator's state: jobs as raw JSON objects, runs in progress, issued tokens.
actor NX1SimulatorState {
    /// A run between its trigger and its end.
    struct Run {
        var startAt: Date
        var endAt: Date
        var outcome: NX1Simulator.RunOutcome
    }

    let configuration: NX1Simulator.Configuration
    private let now: @Sendable () -> Date
    var generator: SplitMix64
    var order: [String] = []
    var jobs: [String: [String: JSONValue]] = [:]
    var runs: [String: Run] = [:]
    var outcomes: [String: NX1Simulator.RunOutcome] = [:]
    var tokens: [String: Date] = [:]
    /// Requests that reached the token endpoint.
    private(set) var tokenRequests = 0

    init(configuration: NX1Simulator.Configuration, now: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        self.now = now
        self.generator = SplitMix64(seed: configuration.seed)
    }

    // MARK: Auth

    /// Keycloak's token endpoint for the client-credentials grant. Keycloak's own answers:
    /// `404 {"error":"Realm does not exist"}` for another realm, `400 unsupported_grant_type`,
    /// `401 invalid_client` for a wrong id or secret.
    func issueToken(realm: String, form: Data) -> HTTPResponse {
        tokenRequests += 1
        guard realm == configuration.client else {
            return .json(404, ["error": "Realm does not exist"])
        }
        let fields = NX1SimulatorWire.form(form)
        guard fields["grant_type"] == "client_credentials" else {
            return .json(
                400, ["error": "unsupported_grant_type", "error_description": "Unsupported grant_type"])
        }
        guard fields["client_id"] == configuration.clientID, fields["client_secret"] == configuration.clientSecret
        else {
            return .json(
                401, ["error": "invalid_client", "error_description": "Invalid client or Invalid client credentials"])
        }
        let token = "nx1sim-" + NX1SimulatorWire.hex(generator.next()) + NX1SimulatorWire.hex(generator.next())
        tokens[token] = now().addingTimeInterval(TimeInterval(configuration.tokenLifetime))
        return .json(
            200,
            [
                "access_token": .string(token), "expires_in": .int(Int64(configuration.tokenLifetime)),
                "refresh_expires_in": 0, "token_type": "Bearer", "not-before-policy": 0,
                "scope": .string(fields["scope"] ?? "profile"),
            ])
    }

    /// `401` unless the request has a valid, unexpired bearer token or the pre-shared key.
    func refusal(_ request: SimulatorRequest) -> HTTPResponse? {
        if let key = request.headers["Authorization-PSK"] {
            if let expected = configuration.preSharedKey, key == expected { return nil }
            return .error(401, code: "UNAUTHORIZED", message: "invalid pre-shared key")
        }
        guard let header = request.headers["Authorization"], header.hasPrefix("Bearer ") else {
            return .error(401, code: "UNAUTHORIZED", message: "not authenticated")
        }
        let token = String(header.dropFirst("Bearer ".count))
        guard let expiry = tokens[token] else {
            return .error(401, code: "UNAUTHORIZED", message: "invalid token")
        }
        guard now() < expiry else {
            return .error(401, code: "UNAUTHORIZED", message: "token expired")
        }
        return nil
    }

    func revokeTokens() { tokens.removeAll() }

    // MARK: Jobs

    /// `POST /api/jobs`: `job_type` (a documented or SDK type) and `job_name` required;
    /// `source`, `destination`, `properties_json`, `schedule` strings or null;
    /// `properties_json` must hold valid JSON and `schedule` must be a five-field cron or an
    /// Airflow preset (the simulator's choice: the documents do not say what NX1 checks).
    /// Answers `201` with the whole job, `status` `new`.
    func create(body: Data) -> HTTPResponse {
        guard let value = try? JSONValue(data: body), let fields = value.objectValue else {
            return badRequest("the body is not a JSON object")
        }
        for name in ["job_type", "job_name"] {
            guard let text = fields[name]?.stringValue, !text.trimmingWhitespace().isEmpty else {
                return badRequest("\(name) is required and must be a non-empty string")
            }
        }
        let jobType = fields["job_type"]?.stringValue ?? ""
        guard NX1SimulatorWire.jobTypes.contains(jobType) else {
            return badRequest(
                "job_type '\(jobType)' is not one of \(NX1SimulatorWire.jobTypes.joined(separator: ", "))")
        }
        for name in ["source", "destination", "properties_json", "schedule"] {
            if let field = fields[name], field.stringValue == nil, !field.isNull {
                return badRequest("\(name) must be a string or null")
            }
        }
        if let text = fields["properties_json"]?.stringValue, (try? JSONValue(data: Data(text.utf8))) == nil {
            return badRequest("properties_json is not valid JSON")
        }
        if let schedule = fields["schedule"]?.stringValue, !NX1SimulatorWire.isValidCron(schedule) {
            return badRequest("schedule '\(schedule)' is not a cron expression")
        }
        let id = NX1SimulatorWire.uuid(&generator)
        let job: [String: JSONValue] = [
            "id": .string(id), "job_name": fields["job_name"] ?? .null, "job_type": .string(jobType),
            "source": fields["source"] ?? .null, "destination": fields["destination"] ?? .null,
            "schedule": fields["schedule"] ?? .null, "properties_json": fields["properties_json"] ?? .null,
            "owner_id": .string(configuration.clientID), "status": "new", "status_message": .null,
            "created_at": .string(NX1SimulatorWire.date(now())), "last_started_at": .null,
            "last_completed_at": .null, "last_failed_at": .null, "is_deleted": false, "deleted_at": .null,
        ]
        order.append(id)
        jobs[id] = job
        return .json(201, .object(job))
    }

    /// `GET /api/jobs`: every job in creation order, soft-deleted ones included.
    func list() -> HTTPResponse {
        advanceRuns()
        let array = JSONValue.array(order.compactMap { jobs[$0].map(JSONValue.object) })
        if let key = configuration.listEnvelope { return .json(200, [key: array]) }
        return .json(200, array)
    }

    /// `GET /api/jobs/{id}`: the job, a soft-deleted one too (with `is_deleted: true`).
    func get(_ id: String) -> HTTPResponse {
        advanceRuns()
        guard let job = jobs[id] else { return notFound(id) }
        return .json(200, .object(job))
    }

    /// `DELETE /api/jobs/{id}`: soft delete (`is_deleted`, `deleted_at`); `404` if already deleted.
    func delete(_ id: String) -> HTTPResponse {
        advanceRuns()
        guard var job = jobs[id], job["is_deleted"]?.boolValue != true else { return notFound(id) }
        job["is_deleted"] = true
        job["deleted_at"] = .string(NX1SimulatorWire.date(now()))
        jobs[id] = job
        runs[id] = nil
        return .empty(204)
    }

    /// `POST /api/jobs/{id}/trigger`: `pending` now, `running` after the queue delay,
    /// `completed` or `failed` after the run duration. `409` while pending or running.
    func trigger(_ id: String) -> HTTPResponse {
        advanceRuns()
        guard var job = jobs[id], job["is_deleted"]?.boolValue != true else { return notFound(id) }
        if runs[id] != nil {
            return .error(
                409, code: "CONFLICT", message: "job \(id) is already \(job["status"]?.stringValue ?? "running")")
        }
        let start = now().addingTimeInterval(configuration.queueDelay.inSeconds)
        runs[id] = Run(
            startAt: start, endAt: start.addingTimeInterval(configuration.runDuration.inSeconds),
            outcome: outcomes[id] ?? .completed)
        job["status"] = "pending"
        job["status_message"] = .null
        jobs[id] = job
        advanceRuns()
        return .json(202, .object(jobs[id] ?? .init()))
    }

    /// `PUT /api/jobs/{id}/status` `{status, status_message?}`: sets both, as a job reports
    /// its own progress. The simulator's choice (undocumented): `running` sets
    /// `last_started_at`, `completed`/`success` `last_completed_at`, `failed`/`error`
    /// `last_failed_at`, and a reported status ends any simulated run.
    func setStatus(_ id: String, body: Data) -> HTTPResponse {
        advanceRuns()
        guard var job = jobs[id], job["is_deleted"]?.boolValue != true else { return notFound(id) }
        guard let value = try? JSONValue(data: body), let fields = value.objectValue,
            let status = fields["status"]?.stringValue, !status.isEmpty
        else { return badRequest("the body must be {\"status\": \"…\", \"status_message\": \"…\"}") }
        if let message = fields["status_message"], message.stringValue == nil, !message.isNull {
            return badRequest("status_message must be a string or null")
        }
        runs[id] = nil
        job["status"] = .string(status)
        job["status_message"] = fields["status_message"] ?? .null
        let stamp = JSONValue.string(NX1SimulatorWire.date(now()))
        switch status {
        case "running": job["last_started_at"] = stamp
        case "completed", "success": job["last_completed_at"] = stamp
        case "failed", "error": job["last_failed_at"] = stamp
        default: break
        }
        jobs[id] = job
        return .empty(204)
    }

    // MARK: Hooks

    func setOutcome(_ outcome: NX1Simulator.RunOutcome, forJob id: String) { outcomes[id] = outcome }

    func insert(_ raw: JSONValue) {
        guard let fields = raw.objectValue, let id = fields["id"]?.stringValue else { return }
        if jobs[id] == nil { order.append(id) }
        jobs[id] = fields
    }

    func job(_ id: String) -> JSONValue? {
        advanceRuns()
        return jobs[id].map(JSONValue.object)
    }

    // MARK: Plumbing

    /// Moves every run to where the clock says it is.
    private func advanceRuns() {
        let time = now()
        for (id, run) in runs {
            guard var job = jobs[id] else {
                runs[id] = nil
                continue
            }
            if time >= run.startAt {
                job["last_started_at"] = .string(NX1SimulatorWire.date(run.startAt))
                job["status"] = "running"
            }
            if time >= run.endAt {
                let end = JSONValue.string(NX1SimulatorWire.date(run.endAt))
                switch run.outcome {
                case .completed:
                    job["status"] = "completed"
                    job["last_completed_at"] = end
                case .failed(let message):
                    job["status"] = "failed"
                    job["status_message"] = .string(message)
                    job["last_failed_at"] = end
                }
                runs[id] = nil
            }
            jobs[id] = job
        }
    }

    private func badRequest(_ message: String) -> HTTPResponse {
        .error(400, code: "BAD_REQUEST", message: message)
    }

    private func notFound(_ id: String) -> HTTPResponse {
        .error(404, code: "NOT_FOUND", message: "job \(id) not found")
    }
}
