import Foundation
import JobBridge

/// The kinds of provider the tool can talk to.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// CData Sync, REST API v2.
    case sync
    /// CData Connect AI (Job API).
    case connect
    /// NX1 (Airflow jobs).
    case nx1
}

/// One provider instance of a configuration file: a `[providers.<handle>]` table.
///
/// Credentials are never values here, only references (``CredentialReference``): an
/// environment variable or a file that holds the secret.
public struct ProviderConfiguration: Sendable, Hashable {
    /// The table's key: what a command line names the provider by (`jobbridge show sync 42`).
    public var handle: String
    /// The kind of service.
    public var kind: ProviderKind
    /// The name shown in tables and errors (`name`; the handle when absent).
    public var name: String
    /// The API's base URL (`base_url`); for NX1 it may come from `client` instead.
    public var baseURL: URL?
    /// CData Sync's workspace (`workspace`, default `default`).
    public var workspace: String?
    /// The server's time zone (`time_zone`): CData Sync reads cron and dates in it.
    public var timeZone: TimeZone?
    /// How long one request may wait for its answer (`timeout`, seconds; 30 by default).
    public var timeout: Duration
    /// The secret references, by slot (`token`, `client_secret`, `psk`), in file order.
    public var credentials: [String: CredentialReference]
    /// Other plain settings of the table (`client`, `client_id`, `token_url`, `auth`,
    /// `user`, `cache_connection`), as text.
    public var settings: [String: String]
    /// The line of the table's header in the file, for messages; 0 when not from a file.
    public var line: Int

    /// Creates a provider configuration.
    public init(
        handle: String, kind: ProviderKind, name: String? = nil, baseURL: URL? = nil, workspace: String? = nil,
        timeZone: TimeZone? = nil, timeout: Duration = .seconds(30), credentials: [String: CredentialReference] = [:],
        settings: [String: String] = [:], line: Int = 0
    ) {
        self.handle = handle
        self.kind = kind
        self.name = name ?? handle
        self.baseURL = baseURL
        self.workspace = workspace
        self.timeZone = timeZone
        self.timeout = timeout
        self.credentials = credentials
        self.settings = settings
        self.line = line
    }
}

/// Where a secret is: the name of an environment variable, or a file. Never the secret.
public enum CredentialReference: Sendable, Hashable, CustomStringConvertible {
    /// The secret is the value of this environment variable (`token_env = "SYNC_TOKEN"`).
    case environment(String)
    /// The secret is the content of this file, a trailing newline removed
    /// (`token_file = "~/.config/jobbridge/sync-token"`).
    case file(String)

    /// `environment variable NAME` or `file PATH`.
    public var description: String {
        switch self {
        case .environment(let name): return "environment variable \(name)"
        case .file(let path): return "file \(path)"
        }
    }
}
