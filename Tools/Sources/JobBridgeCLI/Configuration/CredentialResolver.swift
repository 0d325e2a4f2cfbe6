import Foundation
import JobBridge

/// Reads the secrets a configuration refers to, when a provider is about to be used.
struct CredentialResolver {
    let configuration: ProviderConfiguration
    let context: ToolContext
    let file: String

    /// The largest secret file read: 64 KiB.
    static let maximumFileSize = 64 * 1024

    /// The secret in a slot, or `nil` when the configuration has none there.
    ///
    /// - Throws: ``JobBridgeError`` (`configuration`) naming the environment variable that
    ///   is not set (or empty), or the file that cannot be read; never the secret.
    func secret(_ slot: String) throws -> Secret? {
        guard let reference = configuration.credentials[slot] else { return nil }
        let key = "providers.\(configuration.handle).\(slot)"
        switch reference {
        case .environment(let name):
            guard let value = context.environment[name] else {
                throw JobBridgeError(
                    .configuration,
                    "provider '\(configuration.handle)': the environment variable \(name) is not set"
                        + " (\(slot)_env in \(file))",
                    provider: configuration.name, field: key + "_env")
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else {
                throw JobBridgeError(
                    .configuration,
                    "provider '\(configuration.handle)': the environment variable \(name) is empty"
                        + " (\(slot)_env in \(file))",
                    provider: configuration.name, field: key + "_env")
            }
            return Secret(trimmed)
        case .file(let path):
            let absolute = context.absolutePath(path)
            guard let handle = FileHandle(forReadingAtPath: absolute) else {
                throw JobBridgeError(
                    .configuration,
                    "provider '\(configuration.handle)': cannot read the file \(absolute) (\(slot)_file in \(file))",
                    provider: configuration.name, field: key + "_file")
            }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: Self.maximumFileSize + 1)) ?? Data()
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard data.count <= Self.maximumFileSize, !text.isEmpty else {
                throw JobBridgeError(
                    .configuration,
                    "provider '\(configuration.handle)': the file \(absolute) is empty or larger than 64 KiB"
                        + " (\(slot)_file in \(file))",
                    provider: configuration.name, field: key + "_file")
            }
            return Secret(text)
        }
    }
}
