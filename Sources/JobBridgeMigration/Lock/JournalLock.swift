import Foundation
import JobBridge

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who holds a journal: the lease written in the lock file beside it.
public struct LeaseHolder: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The holder's process id.
    public var pid: Int32
    /// The holder's host name.
    public var host: String
    /// A random token that tells two holders in one process apart.
    public var token: String
    /// When the holder took the lock.
    public var startedAt: Date
    /// When the holder last said it was alive.
    public var heartbeatAt: Date
    /// When the lease ends unless renewed.
    public var expiresAt: Date

    /// `pid 4242 on build-7, started 2026-01-01T00:00:00Z, lease until …`.
    public var description: String {
        let format = Date.ISO8601FormatStyle()
        return
            "pid \(pid) on \(host), started \(startedAt.formatted(format)), last heartbeat \(heartbeatAt.formatted(format)), lease until \(expiresAt.formatted(format))"
    }
}

/// A lease on a journal, so that two engines never apply one plan at once.
///
/// The lock file (`<journal>.lock`) holds a ``LeaseHolder``: pid, host, start, last
/// heartbeat and expiry, on the engine's clock. ``acquire(journal:lease:breakLock:now:)``
/// creates it atomically (`O_CREAT | O_EXCL`). A second engine fails fast with `LOCK_HELD`
/// naming the holder while the lease runs; once it has expired (the holder died or hung)
/// it fails with `LOCK_STALE`, and the lease is broken only when the caller asks
/// (`breakLock: true`): never silently, unlike locks without expiry.
public actor JournalLock {
    /// The lock file.
    public nonisolated let url: URL
    /// How long a lease lasts without a heartbeat.
    public nonisolated let lease: Duration
    private var holder: LeaseHolder
    private let now: @Sendable () -> Date
    private var released = false

    private init(url: URL, lease: Duration, holder: LeaseHolder, now: @escaping @Sendable () -> Date) {
        self.url = url
        self.lease = lease
        self.holder = holder
        self.now = now
    }

    /// The lock file of a journal: the journal's path with `.lock` appended.
    public static func lockURL(forJournal journal: URL) -> URL {
        journal.deletingLastPathComponent().appendingPathComponent(journal.lastPathComponent + ".lock")
    }

    /// Takes the lease on `journal`.
    ///
    /// - Parameters:
    ///   - journal: The journal file the lease guards.
    ///   - lease: How long the lease lasts without a heartbeat (default 2 minutes).
    ///   - breakLock: Whether an expired lease may be broken. A lease still running is never broken.
    ///   - now: The clock leases are measured on.
    /// - Throws: `LOCK_HELD` naming the holder while its lease runs; `LOCK_STALE` naming it
    ///   when the lease expired and `breakLock` is false.
    public static func acquire(
        journal: URL, lease: Duration = .seconds(120), breakLock: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> JournalLock {
        let url = lockURL(forJournal: journal)
        let start = now()
        let mine = LeaseHolder(
            pid: getpid(), host: ProcessInfo.processInfo.hostName, token: UUID().uuidString, startedAt: start,
            heartbeatAt: start, expiresAt: start.addingTimeInterval(lease.inSeconds))
        for _ in 0..<2 {
            if try createExclusively(url, holder: mine) {
                return JournalLock(url: url, lease: lease, holder: mine, now: now)
            }
            guard let current = try? readHolder(url) else {
                // Written half by a holder that died while writing it: stale.
                guard breakLock else {
                    throw ExecutionErrors.refusal(
                        .lockStale, "journal lock \(url.lastPathComponent) is unreadable; break it explicitly",
                        field: "lock")
                }
                try? FileManager.default.removeItem(at: url)
                continue
            }
            if current.expiresAt > start {
                throw ExecutionErrors.refusal(
                    .lockHeld, "journal is held by \(current); wait for it to finish", field: "lock")
            }
            guard breakLock else {
                throw ExecutionErrors.refusal(
                    .lockStale, "journal lock expired, held by \(current); break it explicitly", field: "lock")
            }
            try? FileManager.default.removeItem(at: url)
        }
        throw ExecutionErrors.refusal(
            .lockHeld, "journal lock \(url.lastPathComponent) was taken meanwhile", field: "lock")
    }

    /// The current lease.
    public var currentHolder: LeaseHolder { holder }

    /// Renews the lease. Throws `LOCK_HELD` when the lock file is no longer this holder's
    /// (another engine broke the lease after it expired): the caller must stop.
    public func heartbeat() throws {
        guard !released else { return }
        let found = try? Self.readHolder(url)
        guard found?.token == holder.token else {
            throw ExecutionErrors.refusal(
                .lockHeld, "journal lease lost to \(found.map { "\($0)" } ?? "nobody")", field: "lock")
        }
        let time = now()
        holder.heartbeatAt = time
        holder.expiresAt = time.addingTimeInterval(lease.inSeconds)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            url.lastPathComponent + ".\(holder.token).tmp")
        try JournalReader.encoder.encode(holder).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw ExecutionErrors.journal("cannot renew journal lock \(url.lastPathComponent)", field: "lock")
        }
    }

    /// Renews the lease when a third of it has passed since the last heartbeat.
    public func heartbeatIfDue() throws {
        guard !released, now().timeIntervalSince(holder.heartbeatAt) >= lease.inSeconds / 3 else { return }
        try heartbeat()
    }

    /// Gives the lease up: removes the lock file if it is still this holder's.
    public func release() {
        guard !released else { return }
        released = true
        if (try? Self.readHolder(url))?.token == holder.token {
            try? FileManager.default.removeItem(at: url)
        }
    }

    private static func readHolder(_ url: URL) throws -> LeaseHolder {
        try JournalReader.decoder.decode(LeaseHolder.self, from: Data(contentsOf: url))
    }

    /// Creates the lock file only if it does not exist; false when it exists.
    private static func createExclusively(_ url: URL, holder: LeaseHolder) throws -> Bool {
        let descriptor = open(url.path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw ExecutionErrors.journal("cannot create journal lock \(url.path)", field: "lock")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: JournalReader.encoder.encode(holder))
        try handle.synchronize()
        try handle.close()
        return true
    }
}
