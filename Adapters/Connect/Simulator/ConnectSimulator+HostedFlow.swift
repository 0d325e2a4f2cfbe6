import Foundation
import JobBridge
import JobBridgeSimulation

extension ConnectSimulator {
    /// How the user leaves a simulated hosted connection page.
    public enum HostedOutcome: Hashable, Sendable {
        /// "Save & Test" and the test passed: `cdata_connection_status=success`.
        case saved(name: String?)
        /// Saved, but the test failed: `cdata_connection_status=error`.
        case savedWithFailedTest(name: String?)
        /// "Return to" without saving: `cdata_connection_status=none`, no id.
        case returnedWithoutSaving
    }

    /// Plays the user's side of a hosted add- or edit-connection page: given the
    /// `redirectURL` the API handed out, makes (or renames) the connection as the outcome
    /// says and returns the URL the browser comes back to: the app's `redirectURL` with
    /// `cdata_connection_id`, `cdata_connection_name`, `cdata_connection_status` and, as
    /// the provider does, unrelated parameters (`zx`, `no_sw_cr`).
    ///
    /// - Throws: ``JobBridgeError/Code/notFound`` if the link's token is unknown or was
    ///   used; ``JobBridgeError/Code/unauthorized`` if it is older than 180 s (the
    ///   documented token lifetime).
    public func returnURL(afterVisiting link: URL, outcome: HostedOutcome) async throws -> URL {
        let token = URLComponents(url: link, resolvingAgainstBaseURL: false)?.queryItems?
            .first { $0.name == "token" }?.value
        guard let token, let flow = await state.flow(token), flow.kind == "create" || flow.kind == "edit" else {
            throw JobBridgeError(.notFound, "the link is not a pending connection page of this simulator")
        }
        guard clock.date.timeIntervalSince(flow.issuedAt) <= 180 else {
            throw JobBridgeError(.unauthorized, "the link's token expired (180 s)")
        }
        await state.endFlow(token)
        var parameters: [(String, String)] = []
        switch outcome {
        case .returnedWithoutSaving:
            parameters.append(("cdata_connection_status", "none"))
        case .saved(let name), .savedWithFailedTest(let name):
            let tested: Bool
            if case .saved = outcome { tested = true } else { tested = false }
            let connection = await saveConnection(flow, name: name, tested: tested)
            parameters += [
                ("cdata_connection_id", connection.id), ("cdata_connection_name", connection.name),
                ("cdata_connection_status", tested ? "success" : "error"),
            ]
        }
        parameters += [("zx", String(Int64(clock.date.timeIntervalSince1970 * 1000))), ("no_sw_cr", "1")]
        guard var components = URLComponents(string: flow.redirectURL) else {
            throw JobBridgeError(.invalidRequest, "the flow's redirectURL is not a URL")
        }
        if components.path.isEmpty { components.path = "/" }
        components.queryItems = (components.queryItems ?? []) + parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components.url else { throw JobBridgeError(.invalidRequest, "could not build the return URL") }
        return url
    }

    private func saveConnection(_ flow: SimulatorState.Flow, name: String?, tested: Bool) async -> (
        id: String, name: String
    ) {
        let status: JSONValue = tested ? "Authenticated" : "NotAuthenticated"
        let stamp = JSONValue.string(SimulatedJobs.format(clock.date, fractionDigits: 3))
        if let id = flow.connectionID, var existing = await state.connections[id] {
            let chosen = name ?? flow.name ?? existing["name"]?.stringValue ?? id
            existing["name"] = .string(chosen)
            existing["status"] = status
            existing["lastModified"] = stamp
            await state.insertConnection(existing)
            return (id, chosen)
        }
        let id = await state.makeID()
        let dataSource = flow.dataSource ?? "Salesforce"  // Chosen: the user picked Salesforce.
        let chosen = name ?? flow.name ?? "\(dataSource)1"
        await state.insertConnection([
            "id": .string(id), "name": .string(chosen), "dataSource": .string(dataSource), "lastModified": stamp,
            "externalId": flow.externalID.map(JSONValue.string) ?? .null,
            "mcpUrl": .string("https://mcp.cloud.cdata.com/mcp/\(id)"), "status": status,
        ])
        return (id, chosen)
    }

    // MARK: Seeding

    /// Adds a connection as if the user had made it on the hosted page.
    @discardableResult
    public func addConnection(
        name: String, dataSource: String, externalID: String? = nil, status: String = "Authenticated"
    ) async -> String {
        let id = await state.makeID()
        await state.insertConnection([
            "id": .string(id), "name": .string(name), "dataSource": .string(dataSource),
            "lastModified": .string(SimulatedJobs.format(clock.date, fractionDigits: 3)),
            "externalId": externalID.map(JSONValue.string) ?? .null,
            "mcpUrl": .string("https://mcp.cloud.cdata.com/mcp/\(id)"), "status": .string(status),
        ])
        return id
    }

    /// Adds a job from a create body (raw JSON, as the API takes it), optionally with a run
    /// queued `lastRunAgo` before now that ended with `lastRunStatus`. Returns its id.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidRequest`` if the API would refuse the body.
    @discardableResult
    public func addJob(
        _ body: JSONValue, createdAgo: TimeInterval = 86_400, lastRunAgo: TimeInterval? = nil,
        lastRunStatus: String = "JOB_SUCCEEDED"
    ) async throws -> String {
        var members: [String: JSONValue]
        do {
            members = try SimulatedJobs.members(from: body.objectValue ?? [:])
        } catch {
            throw JobBridgeError(.invalidRequest, "the Job API would refuse this job (\(error.message)): \(body)")
        }
        let id = await state.makeID()
        let created = clock.date.addingTimeInterval(-createdAgo)
        members["id"] = .string(id)
        members["created"] = .string(SimulatedJobs.format(created, fractionDigits: 3))
        members["lastModified"] = .string(SimulatedJobs.format(created, fractionDigits: 7))
        let run = lastRunAgo.map {
            SimulatorState.RunRecord(queuedAt: clock.date.addingTimeInterval(-$0), outcome: lastRunStatus, rows: 1_284)
        }
        await state.insert(SimulatorState.JobRecord(members: members, run: run), id: id)
        return id
    }
}
