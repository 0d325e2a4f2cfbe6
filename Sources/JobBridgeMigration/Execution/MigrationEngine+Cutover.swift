import Foundation
import JobBridge

extension MigrationEngine {
    /// Moves verified jobs from the source to the target, one job at a time per worker, so
    /// that the two never both fire.
    ///
    /// For each job whose every target verified (others are `notCutOver`):
    /// 1. **Drain**: wait (on the engine's clock, polling every
    ///    ``ExecutionOptions/drainPollInterval``) until the source has no run going; after
    ///    ``ExecutionOptions/drainTimeout`` the job is left as it was
    ///    (`CUTOVER_DRAIN_TIMEOUT`).
    /// 2. **Source off**, if it was enabled: disabled; or, for a source that cannot be
    ///    disabled (NX1), deleted after its full job is journaled as a snapshot, only with
    ///    ``CutoverOptions/deleteSourcesThatCannotBeDisabled`` (else `CUTOVER_DELETE_ONLY`,
    ///    not cut over).
    /// 3. **Target on**, if the source was enabled: enabled; or, for a target staged
    ///    manual (NX1), the staged job deleted and the scheduled one created
    ///    (`CUTOVER_RECREATE`). A disabled source leaves its target disabled
    ///    (`SOURCE_DISABLED`).
    ///
    /// The source goes off before the target goes on: at no instant are both enabled (a
    /// crash between the two leaves neither firing until the cutover is resumed). Every
    /// step is journaled (intent, result), so an interrupted cutover resumes where it
    /// stopped, and a finished job is never cut over twice.
    @discardableResult
    public func cutover(_ plan: MigrationPlan, journal: URL, options cutover: CutoverOptions = CutoverOptions())
        async throws -> MigrationReport
    {
        try await self.cutover(PlanInput(plan), journal: journal, options: cutover)
    }

    /// Cuts over the jobs of a streamed plan file, read as cutover goes (see
    /// ``cutover(_:journal:options:)-(MigrationPlan,_,_)``).
    @discardableResult
    public func cutover(
        _ plan: MigrationPlanFile, journal: URL, options cutover: CutoverOptions = CutoverOptions()
    ) async throws -> MigrationReport {
        try await self.cutover(PlanInput(plan), journal: journal, options: cutover)
    }

    func cutover(_ plan: PlanInput, journal: URL, options cutover: CutoverOptions) async throws -> MigrationReport {
        try await withJournal(plan, at: journal) { session in
            try await preflight(needs: ([.getJob], [.getJob]))
            let state = await session.state()
            channel.reset {
                $0.cutOver = 0
                $0.notCutOver = 0
            }
            channel.emit(.planned, message: "cutover plan \(plan.planID)")
            try await forEach(
                plan, concurrency: options.concurrency,
                where: { cutover.onlySourceIDs?.contains($0.sourceID) ?? true }
            ) { job in
                guard !job.targets.isEmpty, state.targets[TargetKey(sourceID: job.sourceID, split: 0)]?.origin != nil
                else { return }
                do {
                    try await self.cutOver(job, state: state, session: session, options: cutover)
                } catch let error as MigrationError {
                    try await session.record(
                        JournalRecord(
                            .failed, step: .completeCutover, sourceID: job.sourceID, code: error.code.rawValue,
                            message: error.message))
                    self.channel.emit(
                        .notCutOver, sourceID: job.sourceID, code: error.code.rawValue, message: error.message
                    ) { $0.notCutOver += 1 }
                } catch let error as JobBridgeError {
                    try await session.record(
                        JournalRecord(
                            .failed, step: .completeCutover, sourceID: job.sourceID, code: error.code.rawValue,
                            message: error.message))
                    self.channel.emit(
                        .notCutOver, sourceID: job.sourceID, code: error.code.rawValue, message: error.message
                    ) { $0.notCutOver += 1 }
                }
            }
            channel.emit(.phaseEnded, message: "cutover")
            return try MigrationReport(plan, journal: await session.state(), counts: channel.currentCounts)
        }
    }

    private func cutOver(
        _ job: PlannedJob, state: JournalState, session: JournalSession, options cutover: CutoverOptions
    ) async throws {
        let sourceState = state.sources[job.sourceID] ?? JournalState.Source()
        if sourceState.cutOver { return }
        let keys = job.targets.map { TargetKey(sourceID: job.sourceID, split: $0.splitIndex) }
        if let unverified = keys.first(where: { state.targets[$0]?.verified != true }) {
            let field = state.targets[unverified]?.mismatchField
            throw MigrationError(
                .verifyMismatch,
                field.map { "target \(unverified) differs from the plan in \($0): not cut over" }
                    ?? "target \(unverified) is not verified: run verify first", subject: unverified.description)
        }
        let sourceID = JobID(job.sourceID)
        let wasEnabled: Bool
        if let known = sourceState.wasEnabled {
            wasEnabled = known
        } else if sourceState.deleted {
            wasEnabled = true
        } else {
            wasEnabled = try await sourceCalls.call { try await $0.job(sourceID) }.isEnabled
        }
        // 1. Drain.
        if !sourceState.drained && !sourceState.disabled && !sourceState.deleted {
            try await drain(sourceID, lock: session.lock)
            try await session.record(
                JournalRecord(.result, step: .drainSource, sourceID: job.sourceID, wasEnabled: wasEnabled))
        }
        // 2. Source off.
        if wasEnabled && !sourceState.disabled && !sourceState.deleted {
            if sourceCalls.canDisable {
                try await step(.disableSource, sourceID: job.sourceID, session: session) {
                    _ = try await self.sourceCalls.call {
                        try await $0.updateJob(sourceID, with: JobUpdate(isEnabled: false))
                    }
                }
            } else if sourceCalls.supports(.deleteJob) && cutover.deleteSourcesThatCannotBeDisabled {
                if sourceState.snapshot == nil {
                    try await session.record(
                        JournalRecord(
                            .snapshot, step: .deleteSource, sourceID: job.sourceID, wasEnabled: wasEnabled,
                            snapshot: try Self.json(job.source)))
                }
                try await step(.deleteSource, sourceID: job.sourceID, session: session) {
                    try await self.deleteIgnoringGone(self.sourceCalls, sourceID)
                }
            } else {
                throw MigrationError(
                    .cutoverDeleteOnly,
                    "\(source.descriptor.name) cannot disable job \(job.sourceID); cut over with "
                        + "deleteSourcesThatCannotBeDisabled to delete it after a snapshot", subject: job.sourceID)
            }
        }
        // 3. Target on.
        for target in job.targets where target.enableAtCutover && wasEnabled {
            let key = TargetKey(sourceID: job.sourceID, split: target.splitIndex)
            guard let known = state.targets[key], !known.enabled, let id = known.targetID else { continue }
            switch target.staging {
            case .createdDisabled:
                try await step(.enableTarget, key: key, targetID: id, session: session) {
                    _ = try await self.targetCalls.call {
                        try await $0.updateJob(JobID(id), with: JobUpdate(isEnabled: true))
                    }
                }
            case .stagedManualRecreate:
                if !known.stagedDeleted {
                    try await step(.deleteStagedTarget, key: key, targetID: id, session: session) {
                        try await self.deleteIgnoringGone(self.targetCalls, JobID(id))
                    }
                }
                let live = try await targetCalls.allJobs()
                if let found = PlanBridge.find(target, in: live) {
                    try await session.record(
                        JournalRecord(
                            .result, step: .recreateTarget, sourceID: key.sourceID, split: key.split,
                            provenanceKey: target.provenanceKey.rawValue, targetID: found.id.rawValue,
                            message: "found by probe"))
                } else {
                    _ = try await create(
                        target, key: key, session: session, step: .recreateTarget,
                        definition: target.cutoverDefinition ?? target.definition)
                }
            }
        }
        try await session.record(
            JournalRecord(
                .result, step: .completeCutover, sourceID: job.sourceID,
                code: wasEnabled ? nil : LossCode.sourceDisabled.rawValue, wasEnabled: wasEnabled))
        channel.emit(.cutOver, sourceID: job.sourceID, code: wasEnabled ? nil : LossCode.sourceDisabled.rawValue) {
            $0.cutOver += 1
        }
    }

    /// Waits until the source has no run going, or throws `CUTOVER_DRAIN_TIMEOUT`; keeps
    /// the journal's lease alive while it waits.
    private func drain(_ id: JobID, lock: JournalLock) async throws {
        guard sourceCalls.supports(.status) else { return }
        var waited: Duration = .zero
        while true {
            let run = try await sourceCalls.call { try await $0.status(of: id) }
            guard let run, !run.status.isFinished, run.status.phase != .unknown else { return }
            guard waited < options.drainTimeout else {
                throw MigrationError(
                    .cutoverDrainTimeout,
                    "source job \(id) still has a run \(run.status.phase.rawValue) after \(options.drainTimeout)",
                    subject: id.rawValue)
            }
            let pause = min(options.drainPollInterval, options.drainTimeout - waited)
            try await Self.sleep(on: options.clock, for: pause)
            waited += pause
            try await lock.heartbeatIfDue()
        }
    }

    /// Journals the intent of a step on a source, runs it, journals its result.
    func step(
        _ step: JournalRecord.Step, sourceID: String, session: JournalSession, _ body: () async throws -> Void
    ) async throws {
        try await session.record(JournalRecord(.intent, step: step, sourceID: sourceID))
        try await body()
        try await session.record(JournalRecord(.result, step: step, sourceID: sourceID))
    }

    /// Journals the intent of a step on a target, runs it, journals its result.
    func step(
        _ step: JournalRecord.Step, key: TargetKey, targetID: String, session: JournalSession,
        _ body: () async throws -> Void
    ) async throws {
        try await session.record(
            JournalRecord(.intent, step: step, sourceID: key.sourceID, split: key.split, targetID: targetID))
        try await body()
        try await session.record(
            JournalRecord(.result, step: step, sourceID: key.sourceID, split: key.split, targetID: targetID))
    }

    /// Deletes a job; one already gone counts as deleted (a resumed step).
    func deleteIgnoringGone(_ calls: ProviderCalls, _ id: JobID) async throws {
        do {
            try await calls.call { try await $0.deleteJob(id) }
        } catch let error as JobBridgeError where error.code == .notFound {
            return
        }
    }

    /// A Codable value as JSON.
    static func json<Value: Encodable>(_ value: Value) throws -> JSONValue {
        try JSONValue(data: CanonicalJSON.data(value))
    }

    static func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}
