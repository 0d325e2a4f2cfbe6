import Foundation
import JobBridge

/// The file a ``SimulatorServer`` keeps its simulators' state in: read at start when it
/// exists, written (atomically: a temporary file renamed over it) after every mutating
/// request, before the answer is sent, so that a server killed at any moment leaves the
/// state of the last request it acknowledged, or a later one.
public struct StateFile: Sendable, Hashable {
    /// Where the state is kept.
    public let url: URL

    /// A state file at `url`.
    public init(_ url: URL) { self.url = url }

    /// The snapshot the file holds, or `nil` when there is no file.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` (field `state`) when the file
    ///   cannot be read or is not JSON.
    public func read() throws -> JSONValue? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw JobBridgeError(
                .configuration, "the state file \(url.lastPathComponent) could not be read", field: "state",
                cause: JobBridgeError.Cause(error))
        }
        do {
            return try JSONValue(data: data)
        } catch {
            throw JobBridgeError(
                .configuration, "the state file \(url.lastPathComponent) is not JSON", field: "state",
                cause: JobBridgeError.Cause(error))
        }
    }

    /// Replaces the file's content with `snapshot`, atomically.
    ///
    /// - Throws: ``JobBridgeError/Code/configuration`` (field `state`) when it cannot be written.
    public func write(_ snapshot: JSONValue) throws {
        do {
            try snapshot.data().write(to: url, options: .atomic)
        } catch {
            throw JobBridgeError(
                .configuration, "the state file \(url.lastPathComponent) could not be written", field: "state",
                cause: JobBridgeError.Cause(error))
        }
    }
}
