import Foundation
import JobBridge
import JobBridgeConnectSimulator
import JobBridgeNX1Simulator
import JobBridgeSyncSimulator

/// Where each served provider answers and what it accepts: what a client (or the
/// command-line tool's configuration) needs to reach a ``SimulatorServer``.
///
/// Credentials are named by environment variable, never written in the configuration;
/// ``environment`` holds the values the simulators accept, for a test to hand to a child
/// process (they are the simulators' published demo credentials, not secrets of anyone).
public struct ServedEndpoints: Sendable, Hashable {
    /// One provider instance.
    public struct Endpoint: Sendable, Hashable {
        /// The instance's name in the configuration, such as `sync`.
        public var name: String
        /// Which provider it is.
        public var kind: ServedProvider
        /// The base URL its client takes: `…/api.rsc/v2` (Sync), `…/api` (Connect), the
        /// server's root (NX1, whose paths begin with `/api/jobs`).
        public var baseURL: URL
        /// Extra settings by configuration key (`workspace`, `time_zone`, `token_env`,
        /// `token_url`, `client`, `client_id`, `client_secret_env`, `cache_connection`), in order.
        public var settings: [(key: String, value: String)]

        /// Endpoints are equal when their names, kinds, URLs and settings are.
        public static func == (lhs: Endpoint, rhs: Endpoint) -> Bool {
            lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.baseURL == rhs.baseURL
                && lhs.settings.map(\.key) == rhs.settings.map(\.key)
                && lhs.settings.map(\.value) == rhs.settings.map(\.value)
        }

        /// Hashes the name and the base URL.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(baseURL)
        }

        /// The value of a setting, such as `token_env`.
        public func setting(_ key: String) -> String? { settings.first { $0.key == key }?.value }
    }

    /// The server's root, such as `http://127.0.0.1:8181`.
    public var root: URL
    /// The served providers, Sync, Connect, NX1 in this order.
    public var endpoints: [Endpoint]
    /// The environment variables the configuration names, with the values the simulators accept.
    public var environment: [String: String]

    /// The endpoint of a provider, when served.
    public func endpoint(_ kind: ServedProvider) -> Endpoint? { endpoints.first { $0.kind == kind } }

    /// The environment variable that holds the Sync token.
    public static let syncTokenVariable = "JOBBRIDGE_SIM_SYNC_TOKEN"
    /// The environment variable that holds the Connect bearer token.
    public static let connectTokenVariable = "JOBBRIDGE_SIM_CONNECT_TOKEN"
    /// The environment variable that holds the NX1 client secret.
    public static let nx1SecretVariable = "JOBBRIDGE_SIM_NX1_CLIENT_SECRET"

    /// The endpoints of `services` served at `root`.
    init(root: URL, services: SimulatedServices) {
        self.root = root
        var endpoints: [Endpoint] = []
        var environment: [String: String] = [:]
        let text = root.absoluteString.hasSuffix("/") ? String(root.absoluteString.dropLast()) : root.absoluteString
        func url(_ path: String) -> URL { URL(string: text + path) ?? root }
        if services.sync != nil {
            endpoints.append(
                Endpoint(
                    name: "sync", kind: .sync, baseURL: url(SyncSimulator.basePath),
                    settings: [
                        ("workspace", services.syncWorkspace), ("time_zone", "UTC"),
                        ("token_env", Self.syncTokenVariable),
                    ]))
            environment[Self.syncTokenVariable] = services.syncToken
        }
        if services.connect != nil {
            endpoints.append(
                Endpoint(
                    name: "connect", kind: .connect, baseURL: url("/api"),
                    settings: [
                        ("token_env", Self.connectTokenVariable),
                        ("cache_connection", ConnectSimulator.demoCacheConnectionID),
                    ]))
            environment[Self.connectTokenVariable] = ConnectSimulator.defaultToken
        }
        if let nx1 = services.nx1 {
            let configuration = nx1.configuration
            endpoints.append(
                Endpoint(
                    name: "nx1", kind: .nx1, baseURL: root,
                    settings: [
                        ("client", configuration.client),
                        (
                            "token_url",
                            url("/realms/\(configuration.client)/protocol/openid-connect/token").absoluteString
                        ),
                        ("client_id", configuration.clientID), ("client_secret_env", Self.nx1SecretVariable),
                    ]))
            environment[Self.nx1SecretVariable] = configuration.clientSecret
        }
        self.endpoints = endpoints
        self.environment = environment
    }

    /// The configuration that points the command-line tool at the server (TOML, the
    /// tool's schema): one `[providers.<name>]` table per served provider, credentials by
    /// environment variable, preceded by comments that say how to set them.
    public var toml: String {
        var lines = [
            "# JobBridge simulators served at \(root.absoluteString)",
            "# Credentials are read from the environment; the simulators accept:",
        ]
        for name in environment.keys.sorted() {
            lines.append("#   export \(name)=\(environment[name] ?? "")")
        }
        for endpoint in endpoints {
            lines.append("")
            lines.append("[providers.\(endpoint.name)]")
            lines.append("kind = \(Self.quoted(endpoint.kind.rawValue))")
            lines.append("name = \(Self.quoted(endpoint.name + " (served simulator)"))")
            lines.append("base_url = \(Self.quoted(endpoint.baseURL.absoluteString))")
            for (key, value) in endpoint.settings { lines.append("\(key) = \(Self.quoted(value))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
