import Foundation
import JobBridge
import JobBridgeSimulation

extension ConnectSimulator {
    /// The cache connection, its form link, and the Embed ("poweredby") endpoints.
    func registerEmbedRoutes() {
        let state = state
        let now = clock.dateSource

        on(.post, "/job/cacheConnection") { request in
            guard let body = try? Self.object(request), let text = body["connectionString"]?.stringValue
            else { throw SimulatorFailure.invalid("connectionString is required") }
            let parts = Self.connectionParts(text)
            for key in ["server", "user", "password", "database"] where (parts[key] ?? "").isEmpty {
                throw SimulatorFailure.invalid("the connection string has no \(key)")
            }
            let stamp = now()
            let existing = await state.cacheConnection
            let newID = await state.makeID()
            var connection =
                existing ?? [
                    "id": .string(newID), "accountId": "fee1ce9d-c40c-4ef6-8f8c-77461315713d",
                    "created": .string(SimulatedJobs.format(stamp, fractionDigits: 3)), "name": "CacheConnection",
                    "connectionType": 0, "driver": "PostgreSQL", "driverVersion": "24.0.9172.0",
                    "walletFilePresent": false, "isCannedConnection": false,
                ]
            // As in the documents' sample, the answer echoes the string with lowercase keys,
            // password included.
            let echoed = ["server", "port", "user", "password", "database"].compactMap { key in
                parts[key].map { "\(key)=\($0)" }
            }
            connection["connectionString"] = .string(echoed.joined(separator: ";"))
            connection["isTested"] = false
            connection["lastModified"] = .string(SimulatedJobs.format(stamp, fractionDigits: 7))
            await state.setCacheConnection(connection)
            return .json(200, ["connection": .object(connection)])
        }

        on(.post, "/job/cacheConnection/formLink") { request in
            guard let body = try? Self.object(request), let redirect = body["redirectURL"]?.stringValue,
                !redirect.isEmpty
            else { throw SimulatorFailure.invalid("redirectURL is required") }
            let name = body["name"]?.stringValue
            let flow = SimulatorState.Flow(
                kind: "cacheConnection", redirectURL: redirect, dataSource: "PostgreSQL", name: name, issuedAt: now())
            let token = await state.begin(flow)
            return .json(
                200,
                Self.link(
                    "/oem/user/cacheConnection",
                    [
                        ("token", token), ("driver", "PostgreSQL"), ("redirectUrl", redirect),
                        ("connectionName", name ?? "OEMCacheConnection"),
                    ]))
        }

        on(.post, "/poweredby/jobs") { _ in
            let flow = SimulatorState.Flow(kind: "jobs", redirectURL: "", issuedAt: now())
            return .json(200, Self.link("/oem/user/jobs", [("token", await state.begin(flow))]))
        }

        on(.post, "/poweredby/connection/create") { request in
            guard let body = try? Self.object(request), let redirect = body["redirectURL"]?.stringValue,
                !redirect.isEmpty
            else { throw SimulatorFailure.invalid("redirectURL is required") }
            let dataSource = body["dataSource"]?.stringValue
            if let dataSource, !(await state.dataSources).contains(dataSource) {
                throw SimulatorFailure.invalid("unknown dataSource \(dataSource)")
            }
            // Documented: a name without a dataSource is ignored.
            let flow = SimulatorState.Flow(
                kind: "create", redirectURL: redirect, dataSource: dataSource,
                name: dataSource == nil ? nil : body["name"]?.stringValue, externalID: body["externalId"]?.stringValue,
                issuedAt: now())
            let token = await state.begin(flow)
            var query = [("token", token)]
            if let dataSource { query.append(("driver", dataSource)) }
            query.append(("redirectUrl", redirect))
            return .json(200, Self.link("/oem/user/connections/edit", query))
        }

        on(.post, "/poweredby/connection/edit/:connectionID") { request in
            let id = request.param("connectionID")
            guard let connection = await state.connections[id] else {
                throw SimulatorFailure.notFound("connection \(id)")
            }
            guard let body = try? Self.object(request), let redirect = body["redirectURL"]?.stringValue,
                !redirect.isEmpty
            else { throw SimulatorFailure.invalid("redirectURL is required") }
            let flow = SimulatorState.Flow(
                kind: "edit", redirectURL: redirect, dataSource: connection["dataSource"]?.stringValue,
                name: body["name"]?.stringValue, connectionID: id, issuedAt: now())
            let token = await state.begin(flow)
            return .json(200, Self.link("/oem/user/connections/edit", [("token", token), ("redirectUrl", redirect)]))
        }

        on(.get, "/poweredby/connection/list") { request in
            let driver = request.queryValue("driver").flatMap { $0.isEmpty ? nil : $0 }
            let external = request.queryValue("externalId").flatMap { $0.isEmpty ? nil : $0 }
            let order = await state.connectionOrder
            let stored = await state.connections
            let all = order.compactMap { stored[$0] }
            let chosen = all.filter { connection in
                if let driver, connection["dataSource"]?.stringValue?.lowercased() != driver.lowercased() {
                    return false
                }
                if let external, connection["externalId"]?.stringValue != external { return false }
                return true
            }
            return .json(200, ["connections": .array(chosen.map(JSONValue.object))])
        }

        on(.delete, "/poweredby/connection/delete/:connectionID") { request in
            let id = request.param("connectionID")
            guard await state.removeConnection(id) else {
                throw SimulatorFailure.notFound("connection \(id)")
            }
            return .empty(200)
        }

        on(.get, "/poweredby/sources/list") { _ in
            let sources = await state.dataSources.map { JSONValue.object(["dataSource": .string($0)]) }
            return .json(200, ["dataSources": .array(sources)])
        }
    }

    /// `key=value` pairs of a connection string (after an optional `jdbc:…:` prefix), keys lowercased.
    static func connectionParts(_ text: String) -> [String: String] {
        var body = Substring(text)
        if body.lowercased().hasPrefix("jdbc:"), let colon = body.dropFirst(5).lastIndex(of: ":") {
            body = body[body.index(after: colon)...]
        }
        var parts: [String: String] = [:]
        for pair in body.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<equals].trimmingWhitespace().lowercased()
            parts[key] = String(pair[pair.index(after: equals)...])
        }
        return parts
    }

    /// `{"redirectURL": "https://cloud.cdata.com<path>?<query>"}`.
    static func link(_ path: String, _ query: [(String, String)]) -> JSONValue {
        let pairs = query.map { "\($0.0)=\(URLBuilder.encodeQueryComponent($0.1))" }.joined(separator: "&")
        return ["redirectURL": .string("https://cloud.cdata.com\(path)?\(pairs)")]
    }
}
