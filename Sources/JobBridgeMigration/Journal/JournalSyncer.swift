import Foundation
import JobBridge

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Flushes a journal file to disk for many appenders at once (group commit).
///
/// Each appender writes its line, then waits here until a flush covers it. One flush runs
/// at a time; it covers every line written before it started, so appenders that arrive
/// while it runs share the next one instead of queueing one flush each. ``sync(through:)``
/// returns only once the caller's record is on disk: the journal stays write-ahead.
actor JournalSyncer {
    private let descriptor: Int32
    private let mark: WriteMark
    private var synced = -1
    private var generation = 0
    private var flushing: Flush?

    /// One flush: what it covers and its work.
    private struct Flush {
        let generation: Int
        let covers: Int
        let task: Task<Void, any Error>
    }

    init(descriptor: Int32, mark: WriteMark) {
        self.descriptor = descriptor
        self.mark = mark
    }

    /// Returns once every record up to `sequence` is on disk. The flush runs on a thread of
    /// its own, so that it never blocks the cooperative pool the engine's tasks run on;
    /// callers arriving while it runs wait for it, then share the next one if it did not
    /// cover them.
    func sync(through sequence: Int) async throws {
        while synced < sequence {
            if let current = flushing {
                defer { finish(current) }
                try await current.task.value
                synced = max(synced, current.covers)
                continue
            }
            generation += 1
            let descriptor = descriptor
            let current = Flush(
                generation: generation, covers: mark.written,
                task: Task {
                    let failed: Int32 = await withCheckedContinuation { continuation in
                        Self.queue.async { continuation.resume(returning: fsync(descriptor) == 0 ? 0 : errno) }
                    }
                    guard failed == 0 else {
                        throw JobBridgeError(
                            .configuration, "cannot flush the journal to disk (errno \(failed))", field: "journal")
                    }
                })
            flushing = current
            defer { finish(current) }
            try await current.task.value
            synced = max(synced, current.covers)
        }
    }

    /// Records a finished flush: what it covered is on disk (when it succeeded), and the
    /// next caller starts a new one.
    private func finish(_ flush: Flush) {
        if flushing?.generation == flush.generation { flushing = nil }
    }

    private static let queue = DispatchQueue(label: "jobbridge.migration.journal-sync")
}

/// The sequence of the last record written to the file (not necessarily on disk yet).
final class WriteMark: @unchecked Sendable {
    private let lock = NSLock()
    private var value = -1

    var written: Int { lock.withLock { value } }

    func set(_ sequence: Int) { lock.withLock { value = max(value, sequence) } }
}
