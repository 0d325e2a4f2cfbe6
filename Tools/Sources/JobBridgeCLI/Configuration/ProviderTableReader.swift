import Foundation
import JobBridge
import TOMLKit

/// Reads one `[providers.<handle>]` table into a ``ProviderConfiguration``, checking every
/// key and value; errors name the file, the line and the key.
struct ProviderTableReader {
    let handle: String
    let value: TOMLValueConvertible?
    let lines: KeyLines
    let path: String

    func read() throws -> ProviderConfiguration {
        let headerLine = lines.line(of: ["providers", handle])
        guard isValidHandle(handle) else {
            throw ConfigurationError.at(
                path, line: headerLine, key: "providers.\(handle)",
                "the provider name '\(handle)' must be letters, digits, '-' or '_' (at most 64)")
        }
        guard let table = value?.table else {
            throw ConfigurationError.at(
                path, line: headerLine, key: "providers.\(handle)", "'providers.\(handle)' must be a table")
        }
        for key in table.keys where !ToolConfiguration.knownKeys.contains(key) {
            throw error(
                key, "unknown key '\(key)' (known: \(ToolConfiguration.knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let kindText = try string(table, "kind") else {
            throw ConfigurationError.at(
                path, line: headerLine, key: "providers.\(handle).kind",
                "provider '\(handle)' has no kind (sync, connect or nx1)")
        }
        guard let kind = ProviderKind(rawValue: kindText) else {
            throw error("kind", "unknown kind '\(kindText)' (sync, connect or nx1)")
        }
        var configuration = ProviderConfiguration(
            handle: handle, kind: kind, name: try string(table, "name"), line: headerLine ?? 0)
        if let text = try string(table, "base_url") {
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http", url.host != nil
            else { throw error("base_url", "'\(text)' is not an http(s) URL") }
            configuration.baseURL = url
        }
        if let text = try string(table, "token_url") {
            guard let url = URL(string: text), url.host != nil else {
                throw error("token_url", "'\(text)' is not an http(s) URL")
            }
            configuration.settings["token_url"] = url.absoluteString
        }
        configuration.workspace = try string(table, "workspace")
        if let zone = try string(table, "time_zone") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw error("time_zone", "unknown time zone '\(zone)' (an IANA name such as America/New_York)")
            }
            configuration.timeZone = timeZone
        }
        if let timeout = table["timeout"] {
            guard let seconds = timeout.int.map(Double.init) ?? timeout.double, seconds > 0, seconds <= 3_600 else {
                throw error("timeout", "the timeout must be a number of seconds above 0 and at most 3600")
            }
            configuration.timeout = .milliseconds(Int64(seconds * 1_000))
        }
        for key in ["auth", "user", "client", "client_id", "cache_connection"] {
            if let text = try string(table, key) { configuration.settings[key] = text }
        }
        if let insecure = table["allow_insecure_http"] {
            guard let flag = insecure.bool else { throw error("allow_insecure_http", "must be true or false") }
            configuration.settings["allow_insecure_http"] = flag ? "true" : "false"
        }
        for slot in ToolConfiguration.secretSlots {
            let environment = try string(table, "\(slot)_env")
            let file = try string(table, "\(slot)_file")
            switch (environment, file) {
            case (let name?, nil):
                guard isValidVariableName(name) else {
                    throw error("\(slot)_env", "'\(name)' is not an environment variable name")
                }
                configuration.credentials[slot] = .environment(name)
            case (nil, let file?):
                configuration.credentials[slot] = .file(file)
            case (_?, _?):
                throw error("\(slot)_file", "give \(slot)_env or \(slot)_file, not both")
            case (nil, nil):
                break
            }
        }
        try checkRequired(configuration)
        return configuration
    }

    /// The keys each kind needs.
    private func checkRequired(_ configuration: ProviderConfiguration) throws {
        let missing: (String) -> JobBridgeError = { what in
            ConfigurationError.at(
                path, line: lines.line(of: ["providers", handle]), key: "providers.\(handle)",
                "provider '\(handle)' (\(configuration.kind.rawValue)) needs \(what)")
        }
        switch configuration.kind {
        case .sync:
            if configuration.baseURL == nil { throw missing("base_url (the API root, …/api.rsc/v2)") }
            if configuration.credentials["token"] == nil { throw missing("token_env or token_file") }
        case .connect:
            if configuration.credentials["token"] == nil { throw missing("token_env or token_file (a signed JWT)") }
        case .nx1:
            if configuration.baseURL == nil && configuration.settings["client"] == nil {
                throw missing("client (the NX1 tenant) or base_url")
            }
            let hasClientSecret = configuration.credentials["client_secret"] != nil
            if !hasClientSecret && configuration.credentials["psk"] == nil {
                throw missing("client_id with client_secret_env or client_secret_file, or psk_env or psk_file")
            }
            if hasClientSecret && configuration.settings["client_id"] == nil { throw missing("client_id") }
            if hasClientSecret && configuration.settings["client"] == nil
                && configuration.settings["token_url"] == nil
            {
                throw missing("client or token_url (where the OAuth token is asked for)")
            }
        }
    }

    private func string(_ table: TOMLTable, _ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "'\(key)' must be a string in quotes") }
        guard !text.isEmpty, text.count <= 2_048 else {
            throw error(key, "'\(key)' must be between 1 and 2048 characters")
        }
        return text
    }

    private func error(_ key: String, _ message: String) -> JobBridgeError {
        ConfigurationError.at(
            path, line: lines.line(of: ["providers", handle, key]), key: "providers.\(handle).\(key)", message)
    }

    private func isValidHandle(_ handle: String) -> Bool {
        !handle.isEmpty && handle.utf8.count <= 64
            && handle.utf8.allSatisfy {
                ASCIIByte.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            }
    }

    private func isValidVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !ASCIIByte.isDigit(first), name.utf8.count <= 256 else { return false }
        return name.utf8.allSatisfy { ASCIIByte.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }
}

/// ASCII byte classes for names.
enum ASCIIByte {
    static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}
