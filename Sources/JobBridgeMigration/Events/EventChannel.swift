import Foundation
import JobBridge

/// The engine's side of the event stream: numbers events, keeps the running counts, and
/// yields them to an `AsyncStream`.
final class EventChannel: @unchecked Sendable {
    let stream: AsyncStream<MigrationEvent>
    private let continuation: AsyncStream<MigrationEvent>.Continuation
    // Guarded by `lock`.
    private let lock = NSLock()
    private var sequence = 0
    private var counts = MigrationCounts()

    init(buffering: AsyncStream<MigrationEvent>.Continuation.BufferingPolicy) {
        (stream, continuation) = AsyncStream.makeStream(of: MigrationEvent.self, bufferingPolicy: buffering)
    }

    /// The counts so far.
    var currentCounts: MigrationCounts { lock.withLock { counts } }

    /// Sets the counts (at the start of a phase).
    func reset(_ update: (inout MigrationCounts) -> Void) {
        lock.withLock { update(&counts) }
    }

    /// Changes the counts and emits an event carrying them, atomically.
    func emit(
        _ kind: MigrationEvent.Kind, sourceID: String? = nil, split: Int? = nil, targetID: String? = nil,
        outcome: JobOutcome? = nil, code: String? = nil, message: String? = nil,
        update: (inout MigrationCounts) -> Void = { _ in }
    ) {
        lock.withLock {
            update(&counts)
            let event = MigrationEvent(
                sequence: sequence, kind: kind, sourceID: sourceID, split: split, targetID: targetID, outcome: outcome,
                code: code, message: ArtifactRedaction.scrub(message), counts: counts)
            sequence += 1
            continuation.yield(event)
        }
    }

    /// Ends the stream.
    func finish() { continuation.finish() }
}
