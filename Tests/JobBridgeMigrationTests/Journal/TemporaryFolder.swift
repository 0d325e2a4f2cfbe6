import Foundation

/// A fresh folder under the system's temporary directory, for journals and lock files.
struct TemporaryFolder {
    let url: URL

    init(_ name: String = "journal") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jobbridge-migration-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A file in the folder.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: url) }
}
