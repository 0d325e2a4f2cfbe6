import Foundation
import JobBridgeMigration

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A journal lock left by a process of this host that no longer runs (killed with
/// SIGKILL, or the machine's power cut): its lease may still run for minutes, but nobody
/// holds it.
///
/// The engine breaks only an expired lease, and only when asked. The tool adds one case,
/// also only when asked (`--break-lock`): a lease whose holder is provably gone — same
/// host, and no process with its pid exists. A holder on another host, or a pid that is
/// alive (even if reused), is never broken here.
enum AbandonedLock {
    /// The holder of the journal's lock when it is a process of this host that is gone.
    static func deadHolder(ofJournal journal: URL) -> LeaseHolder? {
        let url = JournalLock.lockURL(forJournal: journal)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let holder = try? decoder.decode(LeaseHolder.self, from: data) else { return nil }
        guard holder.host == ProcessInfo.processInfo.hostName, holder.pid > 0, holder.pid != getpid() else {
            return nil
        }
        guard kill(holder.pid, 0) == -1, errno == ESRCH else { return nil }
        return holder
    }

    /// Removes the lock when its holder is gone; returns the holder removed.
    static func breakIfDead(journal: URL) -> LeaseHolder? {
        guard let holder = deadHolder(ofJournal: journal) else { return nil }
        let url = JournalLock.lockURL(forJournal: journal)
        // Only the file that names the dead holder: re-read it just before removing.
        guard deadHolder(ofJournal: journal)?.token == holder.token else { return nil }
        try? FileManager.default.removeItem(at: url)
        return holder
    }
}
