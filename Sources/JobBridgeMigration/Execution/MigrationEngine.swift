import Foundation
import JobBridge

/// Runs a ``MigrationPlan``: apply, resume, verify, cutover and rollback, each its own call,
/// each driven by the plan and by the write-ahead journal beside it.
///
/// Every phase takes the plan in memory (``MigrationPlan``) or on disk
/// (``MigrationPlanFile``, read as the phase goes: memory holds a few planned jobs at a
/// time, plus the journal's per-target state); both go through the same code.
///
/// ```swift
/// let engine = MigrationEngine(source: sync, target: nx1)
/// let journal = planURL.appendingPathExtension("journal")
/// let applied = try await engine.apply(plan, journal: journal)
/// let verified = try await engine.verify(plan, journal: journal)
/// let cutOver = try await engine.cutover(plan, journal: journal)
/// // and, if needed:
/// let rolledBack = try await engine.rollback(plan, journal: journal)
/// ```
///
/// Every phase takes the journal's lease (``JournalLock``) for its duration, so two
/// engines never work one plan at once, and returns a ``MigrationReport`` built from the
/// plan and the journal. Progress is reported on ``events``. The engine knows providers
/// only through `JobProvider` and their descriptors.
public final class MigrationEngine: Sendable {
    /// The provider the plan's jobs come from.
    public let source: any JobProvider
    /// The provider the plan's targets go to.
    public let target: any JobProvider
    /// How the engine runs.
    public let options: ExecutionOptions
    let sourceCalls: ProviderCalls
    let targetCalls: ProviderCalls
    let channel: EventChannel

    /// Creates an engine between two providers.
    public init(source: any JobProvider, target: any JobProvider, options: ExecutionOptions = ExecutionOptions()) {
        self.source = source
        self.target = target
        self.options = options
        self.sourceCalls = ProviderCalls(source, options: options)
        self.targetCalls = ProviderCalls(target, options: options)
        self.channel = EventChannel(buffering: options.eventBuffering)
    }

    /// The engine's progress, across every phase it runs, until ``finishEvents()``. Each
    /// phase starts its own counts (apply: the job states; verify: verified and mismatched;
    /// cutover: cut over and not; rollback: rolled back).
    public var events: AsyncStream<MigrationEvent> { channel.stream }

    /// Ends ``events`` (a `for await` over it then finishes).
    public func finishEvents() { channel.finish() }

    /// Runs `body` holding the journal's lease, with the journal open; releases both after.
    func withJournal<Result: Sendable>(
        _ plan: PlanInput, at url: URL, _ body: (JournalSession) async throws -> Result
    ) async throws -> Result {
        let lock = try JournalLock.acquire(
            journal: url, lease: options.lease, breakLock: options.breakLock, now: options.now)
        do {
            let journal = try MigrationJournal(
                at: url, planID: plan.planID, synchronizes: options.synchronizesJournal, now: options.now,
                beforeWrite: options.journalHook)
            let session = JournalSession(journal: journal, lock: lock, initial: await journal.state)
            let result: Result
            do {
                result = try await body(session)
            } catch {
                try? await journal.close()
                throw error
            }
            try await journal.close()
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }
}

/// An open journal and its lease, for one phase.
struct JournalSession: Sendable {
    let journal: MigrationJournal
    let lock: JournalLock
    /// What the journal said when the phase started.
    let initial: JournalState

    /// Writes a record, renewing the lease when due.
    @discardableResult
    func record(_ record: JournalRecord) async throws -> JournalRecord {
        try await lock.heartbeatIfDue()
        return try await journal.append(record)
    }

    /// The state the journal describes now.
    func state() async -> JournalState { await journal.state }
}
