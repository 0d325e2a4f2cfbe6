import Foundation
import JobBridge
import TOMLKit

/// The tool's configuration: the provider instances of a TOML file.
///
/// ```toml
/// [providers.sync]                      # the handle commands use: jobbridge jobs --provider sync
/// kind = "sync"                         # sync, connect or nx1
/// name = "Sync (production)"            # shown in tables; the handle by default
/// base_url = "https://sync.example.com:8181/api.rsc/v2"
/// workspace = "default"
/// time_zone = "America/New_York"        # the server's zone (Sync reads cron in it)
/// timeout = 30                          # seconds one request may wait
/// token_env = "SYNC_TOKEN"              # or token_file = "~/.config/jobbridge/sync-token"
/// ```
///
/// Secrets are only ever references: `<slot>_env` (an environment variable) or
/// `<slot>_file` (a file), for the slots `token`, `client_secret`, `psk` and `password`.
/// A file that writes a secret inline (a key that names a secret, such as `token` or
/// `client_secret`, or any value that holds one, such as a URL with a password) is
/// refused, naming the line; so is an unknown key (a typo must not fall back to a
/// default silently).
public struct ToolConfiguration: Sendable {
    /// The provider instances, in file order.
    public var providers: [ProviderConfiguration]
    /// The file they came from, for messages.
    public var path: String

    /// Creates a configuration.
    public init(providers: [ProviderConfiguration], path: String) {
        self.providers = providers
        self.path = path
    }

    /// The providers with these handles or names (each matched as
    /// ``ProviderSet/entry(named:)`` matches), in file order.
    ///
    /// - Throws: ``ToolExit`` (usage) for a name that matches none.
    public func providers(named names: [String]) throws -> [ProviderConfiguration] {
        var chosen = Set<String>()
        for name in names {
            guard
                let found = providers.first(where: { $0.handle == name })
                    ?? providers.first(where: { $0.handle.lowercased() == name.lowercased() })
                    ?? providers.first(where: { $0.name.lowercased() == name.lowercased() })
            else {
                let known = providers.map(\.handle).joined(separator: ", ")
                throw ToolExit.usage("no provider named '\(name)' in \(path) (there are: \(known))")
            }
            chosen.insert(found.handle)
        }
        return providers.filter { chosen.contains($0.handle) }
    }

    /// The keys a provider table may hold.
    static let knownKeys: Set<String> = Set<String>([
        "kind", "name", "base_url", "workspace", "time_zone", "timeout", "auth", "user", "client", "client_id",
        "token_url", "cache_connection", "allow_insecure_http",
    ]).union(secretSlots.flatMap { ["\($0)_env", "\($0)_file"] })

    /// The names of the secrets a provider table refers to.
    static let secretSlots = ["token", "client_secret", "psk", "password"]

    /// The largest configuration file read: 1 MiB.
    static let maximumSize = 1 << 20

    /// Reads and checks a configuration file.
    ///
    /// - Throws: ``JobBridgeError`` (`configuration`), one line naming the file and line:
    ///   the file cannot be read, is not TOML, writes a secret inline, has an unknown key,
    ///   a bad value or a missing one.
    public static func load(path: String) throws -> ToolConfiguration {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigurationError.at(path, line: nil, key: nil, "cannot read the configuration file")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumSize + 1)) ?? Data()
        guard data.count <= maximumSize else {
            throw ConfigurationError.at(path, line: nil, key: nil, "the file is larger than 1 MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError.at(path, line: nil, key: nil, "the file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses and checks a configuration text (`path` is only for messages).
    public static func parse(_ text: String, path: String) throws -> ToolConfiguration {
        let lines = KeyLines(text)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // The parser's words, redacted: a secret on a line it could not read stays out.
            throw ConfigurationError.at(
                path, line: error.source.begin.line, key: nil, "not valid TOML: \(Redactor.redact(error.description))")
        } catch {
            throw ConfigurationError.at(path, line: nil, key: nil, "not valid TOML")
        }
        // Secrets first, anywhere in the file: nothing else is said about a file that holds one.
        try refuseInlineSecrets(in: root, at: [], lines: lines, path: path)
        for key in root.keys where key != "providers" {
            throw ConfigurationError.at(
                path, line: lines.line(of: [key]), key: key,
                "unknown key '\(key)' (the file holds [providers.<name>] tables)")
        }
        guard let providersValue = root["providers"] else {
            return ToolConfiguration(providers: [], path: path)
        }
        guard let table = providersValue.table else {
            throw ConfigurationError.at(
                path, line: lines.line(of: ["providers"]), key: "providers",
                "'providers' must be a table of [providers.<name>] tables")
        }
        var providers: [ProviderConfiguration] = []
        for handle in table.keys {
            let reader = ProviderTableReader(
                handle: handle, value: table[handle], lines: lines, path: path)
            providers.append(try reader.read())
        }
        providers.sort { $0.line < $1.line }
        // Listings and errors name providers by their display name: two alike could not be told apart.
        var seen: [String: String] = [:]
        for provider in providers {
            if let first = seen[provider.name.lowercased()] {
                throw ConfigurationError.at(
                    path, line: lines.line(of: ["providers", provider.handle, "name"]) ?? provider.line,
                    key: "providers.\(provider.handle).name",
                    "providers '\(first)' and '\(provider.handle)' have the same name '\(provider.name)'")
            }
            seen[provider.name.lowercased()] = provider.handle
        }
        return ToolConfiguration(providers: providers, path: path)
    }

    /// Throws at the first key that names a secret and holds a value, or value that holds
    /// a secret (a URL with a password, `Password=x` in a string), in line order.
    private static func refuseInlineSecrets(
        in table: TOMLTable, at path: [String], lines: KeyLines, path file: String
    ) throws {
        var found: [(line: Int, error: JobBridgeError)] = []
        collectInlineSecrets(in: table.tomlValue, at: path, lines: lines, file: file, into: &found)
        if let first = found.min(by: { $0.line < $1.line }) { throw first.error }
    }

    private static func collectInlineSecrets(
        in value: TOMLValueConvertible, at path: [String], lines: KeyLines, file: String,
        into found: inout [(line: Int, error: JobBridgeError)]
    ) {
        if let table = value.table {
            for key in table.keys {
                guard let child = table[key] else { continue }
                let childPath = path + [key]
                let isReference = key.hasSuffix("_env") || key.hasSuffix("_file")
                if !isReference && Redactor.isSecretName(key) && child.table == nil {
                    let line = lines.line(of: childPath)
                    let slot = secretSlots.first { key == $0 } ?? "token"
                    found.append(
                        (
                            line ?? 0,
                            ConfigurationError.at(
                                file, line: line, key: childPath.joined(separator: "."),
                                "'\(key)' holds a secret inline; refer to it instead: \(slot)_env = \"VARIABLE\" or"
                                    + " \(slot)_file = \"PATH\"")
                        ))
                    continue
                }
                collectInlineSecrets(in: child, at: childPath, lines: lines, file: file, into: &found)
            }
        } else if let array = value.array {
            for element in array {
                collectInlineSecrets(in: element, at: path, lines: lines, file: file, into: &found)
            }
        } else if let string = value.string, Redactor.redact(string) != string {
            let line = lines.line(of: path)
            found.append(
                (
                    line ?? 0,
                    ConfigurationError.at(
                        file, line: line, key: path.joined(separator: "."),
                        "'\(path.last ?? "")' holds a secret inline (\(Redactor.redact(string))); refer to it with"
                            + " a *_env or *_file key instead")
                ))
        }
    }
}
