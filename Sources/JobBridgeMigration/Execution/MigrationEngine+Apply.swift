import Foundation
import JobBridge

extension MigrationEngine {
    /// Applies a plan: creates (disabled, or staged manual) exactly the targets it plans,
    /// adopts what it says to adopt, and writes nothing for skipped, blocked or impossible
    /// jobs.
    ///
    /// In order, with the journal's lease held:
    /// 1. **Preflight**: the capabilities the plan needs are declared, the target lists its
    ///    jobs and the source reads its jobs; a `401`/`403`, `404` or `501` there refuses the
    ///    run (`PREFLIGHT_FAILED` naming the capability) before any write.
    /// 2. **Staleness**: every planned source job is read again; a changed fingerprint, a
    ///    `mapping` whose fingerprint differs from the plan's, or changed name conflicts on
    ///    the target refuse the run (`PLAN_STALE`, every reason listed), before any write.
    /// 3. **Reconcile**: every journal intent without a result is resolved by probing the
    ///    target (provenance key, then name or natural key); a target found is journaled as
    ///    created.
    /// 4. **Jobs**, at most ``ExecutionOptions/concurrency`` at once: each planned target is
    ///    looked up before any create; a target found (from an earlier run, or by
    ///    provenance) is `ALREADY_MIGRATED` and nothing is sent. Otherwise the intent is
    ///    journaled, the create sent, and its result (the new id) journaled at once. A
    ///    create that may have acted is never sent again before a probe says it did not.
    ///
    /// Applying a finished plan again sends no write: every job is `ALREADY_MIGRATED`.
    /// Apply on a journal left by a crash is a resume (``resume(_:journal:mapping:)-(MigrationPlan,_,_)``).
    ///
    /// - Parameters:
    ///   - plan: The plan to run, exactly.
    ///   - journal: The journal file (created when absent; by convention beside the plan).
    ///   - mapping: The mapping the plan was made with (as the caller holds it now); a
    ///     different one makes the plan stale.
    /// - Returns: The report after apply.
    /// - Throws: ``MigrationError`` (`PLAN_STALE`, `PREFLIGHT_FAILED`, `LOCK_HELD`,
    ///   `LOCK_STALE`); `CancellationError` when cancelled (the journal stays consistent).
    @discardableResult
    public func apply(_ plan: MigrationPlan, journal: URL, mapping: ConnectionMapping) async throws
        -> MigrationReport
    {
        try await apply(PlanInput(plan), journal: journal, mapping: mapping)
    }

    /// Applies a plan read from a streamed plan file as apply goes (see
    /// ``apply(_:journal:mapping:)-(MigrationPlan,_,_)``): at most
    /// ``ExecutionOptions/concurrency`` planned jobs are held at a time.
    ///
    /// - Throws: as the in-memory form does; a bad line of the file is a `JobBridgeError`
    ///   (`invalidDefinition`) naming the line.
    @discardableResult
    public func apply(_ plan: MigrationPlanFile, journal: URL, mapping: ConnectionMapping) async throws
        -> MigrationReport
    {
        try await apply(PlanInput(plan), journal: journal, mapping: mapping)
    }

    func apply(_ plan: PlanInput, journal: URL, mapping: ConnectionMapping) async throws -> MigrationReport {
        try await withJournal(plan, at: journal) { session in
            try await preflight(needs: Self.applyNeeds(plan.header))
            let listed = try await listTargets(capability: .listJobs)
            try await refuseIfStale(plan, mapping: mapping, targetJobs: listed)
            var index = TargetIndex(listed)
            try await reconcile(plan, session: session, index: &index)
            let frozen = index
            let initial = await session.state()
            let outcomes = OutcomeCollector()
            channel.reset { counts in
                counts = MigrationCounts()
                counts.planned = plan.header.totals.jobs
            }
            channel.emit(.planned, message: "apply plan \(plan.planID): \(plan.header.totals.jobs) jobs")
            try await forEach(plan, concurrency: options.concurrency) { job in
                let outcome = try await self.applyJob(job, session: session, index: frozen, initial: initial)
                outcomes.set(job.sourceID, outcome)
            }
            channel.emit(.phaseEnded, message: "apply")
            return try MigrationReport(
                plan, journal: await session.state(), counts: channel.currentCounts, run: outcomes.all)
        }
    }

    /// Resumes an interrupted apply: the same as ``apply(_:journal:mapping:)-(MigrationPlan,_,_)`` on the
    /// journal the interrupted run left. Every intent without a result is reconciled by
    /// probing the target first; then the jobs not finished are applied.
    @discardableResult
    public func resume(_ plan: MigrationPlan, journal: URL, mapping: ConnectionMapping) async throws
        -> MigrationReport
    {
        try await apply(plan, journal: journal, mapping: mapping)
    }

    /// Resumes an interrupted apply of a streamed plan file (see
    /// ``resume(_:journal:mapping:)-(MigrationPlan,_,_)``).
    @discardableResult
    public func resume(_ plan: MigrationPlanFile, journal: URL, mapping: ConnectionMapping) async throws
        -> MigrationReport
    {
        try await apply(plan, journal: journal, mapping: mapping)
    }

    /// The operations apply needs on each side.
    static func applyNeeds(_ plan: MigrationPlanHeader) -> (source: [JobOperation], target: [JobOperation]) {
        var target: [JobOperation] = [.listJobs]
        let planned = { (action: MigrationAction) in (plan.totals.byAction[action.rawValue] ?? 0) > 0 }
        if planned(.create) { target.append(.createJob) }
        if planned(.update) { target.append(.updateJob) }
        return ([.getJob], target)
    }

    /// Every target job, for lookups: the one listing apply makes up front.
    func listTargets(capability: JobOperation) async throws -> [Job] {
        do {
            return try await targetCalls.allJobs()
        } catch let error as JobBridgeError {
            throw preflightFailure(error, provider: target.descriptor.name, capability: capability)
        }
    }

    /// Resolves intents without a result by probing the target.
    func reconcile(_ plan: PlanInput, session: JournalSession, index: inout TargetIndex) async throws {
        let state = await session.state()
        let pending = Set(state.targets.filter { $0.value.pendingCreate }.map(\.key))
        guard !pending.isEmpty else { return }
        let pendingSources = Set(pending.map(\.sourceID))
        // One pass over the plan, keeping only the jobs with a pending create.
        var planned: [String: PlannedJob] = [:]
        let jobs = try plan.makeIterator()
        while planned.count < pendingSources.count, let job = try jobs.next() {
            if pendingSources.contains(job.sourceID), planned[job.sourceID] == nil { planned[job.sourceID] = job }
        }
        for key in pending.sorted() {
            guard let job = planned[key.sourceID], let target = job.targets.first(where: { $0.splitIndex == key.split })
            else { continue }
            if let found = index.find(target) {
                try await session.record(
                    JournalRecord(
                        .result, step: .create, sourceID: key.sourceID, split: key.split,
                        provenanceKey: target.provenanceKey.rawValue, targetID: found.id.rawValue, name: found.name,
                        message: "found by probe after an interrupted create"))
            } else {
                try await session.record(
                    JournalRecord(
                        .failed, step: .create, sourceID: key.sourceID, split: key.split,
                        provenanceKey: target.provenanceKey.rawValue, code: "NOT_CREATED",
                        message: "an interrupted create did not take effect (probed); it will be sent again"))
            }
        }
    }

    private func applyJob(
        _ job: PlannedJob, session: JournalSession, index: TargetIndex, initial: JournalState
    ) async throws -> MigrationReport.RunOutcome {
        channel.emit(.started, sourceID: job.sourceID) { $0.started += 1 }
        let outcome: JobOutcome
        var already = false
        var failure: (code: String, message: String)?
        switch job.action {
        case .blocked:
            outcome = job.verdict == .impossible ? .impossible : .blocked
        case .skip:
            outcome = job.verdict == .impossible ? .impossible : .skipped
        case .adopt, .create, .update:
            do {
                var allAlready = true
                for target in job.targets {
                    let wasAlready = try await ensureTarget(
                        target, of: job, session: session, index: index, initial: initial)
                    allAlready = allAlready && wasAlready
                }
                let foundByPlan = job.losses.contains { $0.code == .alreadyMigrated }
                if job.action == .adopt && !foundByPlan {
                    outcome = .adopted
                } else {
                    outcome = .migrated
                    already = allAlready || foundByPlan
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let (code, message) = Self.describe(error)
                failure = (code, message)
                outcome = .failed
            }
        }
        channel.emit(
            .finished, sourceID: job.sourceID, outcome: outcome,
            code: failure?.code ?? (already ? LossCode.alreadyMigrated.rawValue : nil), message: failure?.message
        ) { $0.count(outcome, alreadyMigrated: already) }
        return MigrationReport.RunOutcome(outcome: outcome, alreadyMigrated: already)
    }

    /// Makes sure one planned target exists; returns whether it existed already.
    private func ensureTarget(
        _ target: PlannedTarget, of job: PlannedJob, session: JournalSession, index: TargetIndex,
        initial: JournalState
    ) async throws -> Bool {
        let key = TargetKey(sourceID: job.sourceID, split: target.splitIndex)
        let provenance = target.provenanceKey.rawValue
        if let known = initial.targets[key], let id = known.targetID, known.origin != nil {
            channel.emit(.alreadyMigrated, sourceID: job.sourceID, split: target.splitIndex, targetID: id)
            return true
        }
        switch job.action {
        case .adopt:
            let found = target.existingTargetID ?? index.find(target)?.id.rawValue
            try await session.record(
                JournalRecord(
                    .result, step: .adopt, sourceID: job.sourceID, split: target.splitIndex, provenanceKey: provenance,
                    targetID: found, name: target.expectedName,
                    code: job.losses.contains { $0.code == .alreadyMigrated } ? LossCode.alreadyMigrated.rawValue : nil)
            )
            channel.emit(.adopted, sourceID: job.sourceID, split: target.splitIndex, targetID: found)
            return true
        case .update:
            guard let id = target.existingTargetID ?? index.find(target)?.id.rawValue else {
                throw MigrationError(.driftTarget, "the target to update is gone", subject: key.description)
            }
            let update = try Self.update(from: target.definition)
            try await session.record(
                JournalRecord(
                    .intent, step: .adopt, sourceID: job.sourceID, split: target.splitIndex,
                    provenanceKey: provenance, targetID: id, message: "update"))
            _ = try await targetCalls.call { try await $0.updateJob(JobID(id), with: update) }
            try await session.record(
                JournalRecord(
                    .result, step: .adopt, sourceID: job.sourceID, split: target.splitIndex,
                    provenanceKey: provenance, targetID: id, code: "UPDATED", message: "updated to match the plan"))
            channel.emit(.created, sourceID: job.sourceID, split: target.splitIndex, targetID: id)
            return false
        default:
            break
        }
        if let found = index.find(target) {
            try await session.record(
                JournalRecord(
                    .result, step: .create, sourceID: job.sourceID, split: target.splitIndex,
                    provenanceKey: provenance, targetID: found.id.rawValue, name: found.name,
                    code: LossCode.alreadyMigrated.rawValue, message: "found by provenance before create"))
            channel.emit(
                .alreadyMigrated, sourceID: job.sourceID, split: target.splitIndex, targetID: found.id.rawValue)
            return true
        }
        let created = try await create(target, key: key, session: session)
        channel.emit(.created, sourceID: job.sourceID, split: target.splitIndex, targetID: created.id.rawValue)
        return false
    }

    /// Journals the intent, sends the create, journals the result. After a failure that may
    /// have acted, probes the target: found, it is the result; certainly absent, the create
    /// is sent once more (the one re-send the rule allows after a check).
    func create(
        _ target: PlannedTarget, key: TargetKey, session: JournalSession, step: JournalRecord.Step = .create,
        definition: DefinitionSnapshot? = nil
    ) async throws -> Job {
        let provenance = target.provenanceKey.rawValue
        let definition = try (definition ?? target.definition).definition()
        try await session.record(
            JournalRecord(
                .intent, step: step, sourceID: key.sourceID, split: key.split, provenanceKey: provenance,
                name: definition.name))
        var probed = false
        while true {
            do {
                let job = try await targetCalls.call { try await $0.createJob(definition) }
                try await session.record(
                    JournalRecord(
                        .result, step: step, sourceID: key.sourceID, split: key.split, provenanceKey: provenance,
                        targetID: job.id.rawValue, name: job.name))
                return job
            } catch let error as JobBridgeError where error.outcome == .maybeActed && !probed {
                probed = true
                let jobs = try await targetCalls.allJobs()
                if let found = PlanBridge.find(target, in: jobs) {
                    try await session.record(
                        JournalRecord(
                            .result, step: step, sourceID: key.sourceID, split: key.split, provenanceKey: provenance,
                            targetID: found.id.rawValue, name: found.name,
                            message: "found by probe after an ambiguous create"))
                    return found
                }
            } catch let error as JobBridgeError {
                try await session.record(
                    JournalRecord(
                        .failed, step: step, sourceID: key.sourceID, split: key.split, provenanceKey: provenance,
                        code: error.code.rawValue, message: error.message))
                throw error
            }
        }
    }

    /// The update that makes an existing target match a planned definition.
    static func update(from definition: DefinitionSnapshot) throws -> JobUpdate {
        JobUpdate(
            name: definition.name, source: definition.source, destination: definition.destination,
            schedule: try definition.schedule.schedule(), isEnabled: definition.isEnabled,
            settings: definition.settings)
    }

    /// An error's code and one-line message, for the journal, events and report.
    static func describe(_ error: any Error) -> (String, String) {
        switch error {
        case let error as MigrationError: return (error.code.rawValue, error.message)
        case let error as JobBridgeError: return (error.code.rawValue, error.message)
        default: return ("error", String(describing: type(of: error)))
        }
    }
}

/// The outcomes of one apply run, collected from concurrent workers.
final class OutcomeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [String: MigrationReport.RunOutcome] = [:]

    func set(_ sourceID: String, _ outcome: MigrationReport.RunOutcome) {
        lock.withLock { outcomes[sourceID] = outcome }
    }

    var all: [String: MigrationReport.RunOutcome] { lock.withLock { outcomes } }
}
