import Foundation
import JobBridge

/// Finds the job a command line names on a provider: by id, else by name.
enum JobLookup {
    /// The job whose id is `text`, else the one whose name is `text` (exactly, then without
    /// regard to case), read whole (with its tasks) when the provider can read one job.
    ///
    /// - Throws: ``ToolExit`` (failed) when no job or several jobs match, listing a few.
    static func job(_ text: String, on entry: ProviderEntry) async throws -> Job {
        let provider = entry.provider
        let jobs = try await provider.jobs().collect()
        let byID = jobs.first { $0.id.rawValue == text }
        let exact = jobs.filter { $0.name == text }
        let folded = jobs.filter { $0.name.lowercased() == text.lowercased() }
        let matches = byID.map { [$0] } ?? (exact.isEmpty ? folded : exact)
        guard let found = matches.first else {
            let names = jobs.prefix(8).map { "'\($0.name)' (\($0.id.rawValue))" }.joined(separator: ", ")
            throw ToolExit(
                .failed,
                "no job '\(text)' on \(entry.handle)" + (names.isEmpty ? " (it has none)" : "; it has: \(names)"))
        }
        guard matches.count == 1 else {
            let ids = matches.map(\.id.rawValue).joined(separator: ", ")
            throw ToolExit(.failed, "\(matches.count) jobs on \(entry.handle) are named '\(text)': use an id (\(ids))")
        }
        guard provider.descriptor.capabilities.supports(.getJob) else { return found }
        return try await provider.job(found.id)
    }
}
