import Foundation
import JobBridge

extension MigrationEngine {
    /// Undoes a migration, driven by the journal alone.
    ///
    /// For each job (targets first, so the two sides are never both enabled):
    /// - each target **this plan created** is disabled (default) or deleted
    ///   (``RollbackOptions/TargetAction/delete``); a target that cannot be disabled (NX1)
    ///   and went live at cutover is deleted; one still staged manual is left (it never
    ///   fires). Adopted targets, targets of earlier plans and jobs the plan did not create
    ///   are never touched.
    /// - each source cutover disabled is enabled again: exactly those that were enabled
    ///   before; a source cutover deleted is created again from its snapshot, with a new id
    ///   (`ROLLBACK_NEW_ID`).
    ///
    /// Deleting a target whose destination is implied (CData Connect's cache) deletes its
    /// cached data: the whole rollback is refused before any write
    /// (`ROLLBACK_DELETES_DATA`) unless each such target is named (id or name) in
    /// ``RollbackOptions/confirmedDataDeletions``. Running rollback twice changes nothing
    /// the second time.
    @discardableResult
    public func rollback(_ plan: MigrationPlan, journal: URL, options rollback: RollbackOptions = RollbackOptions())
        async throws -> MigrationReport
    {
        try await self.rollback(PlanInput(plan), journal: journal, options: rollback)
    }

    /// Rolls back the jobs of a streamed plan file, read as rollback goes (see
    /// ``rollback(_:journal:options:)-(MigrationPlan,_,_)``).
    @discardableResult
    public func rollback(
        _ plan: MigrationPlanFile, journal: URL, options rollback: RollbackOptions = RollbackOptions()
    ) async throws -> MigrationReport {
        try await self.rollback(PlanInput(plan), journal: journal, options: rollback)
    }

    func rollback(_ plan: PlanInput, journal: URL, options rollback: RollbackOptions) async throws
        -> MigrationReport
    {
        try await withJournal(plan, at: journal) { session in
            let state = await session.state()
            let selected = { (job: PlannedJob) in rollback.onlySourceIDs?.contains(job.sourceID) ?? true }
            if rollback.targets == .delete && targetDeletesData {
                // A first pass over the plan: only the ids of unconfirmed deletions are kept.
                var unconfirmed: [String] = []
                let jobs = try plan.makeIterator()
                while let job = try jobs.next() {
                    guard selected(job) else { continue }
                    unconfirmed += job.targets.compactMap { target -> String? in
                        let known = state.targets[TargetKey(sourceID: job.sourceID, split: target.splitIndex)]
                        guard let known, known.origin == .create, known.rolledBack != .deleteTarget,
                            let id = known.targetID
                        else { return nil }
                        let confirmed =
                            rollback.confirmedDataDeletions.contains(id)
                            || (target.expectedName.map { rollback.confirmedDataDeletions.contains($0) } ?? false)
                        return confirmed ? nil : id
                    }
                }
                if !unconfirmed.isEmpty {
                    throw MigrationError(
                        .rollbackDeletesData,
                        "deleting \(unconfirmed.count) \(target.descriptor.name) target(s) deletes their cached data; "
                            + "name each in confirmedDataDeletions, or disable instead",
                        subject: unconfirmed.sorted().first, details: unconfirmed.sorted())
                }
            }
            channel.reset {
                $0.rolledBack = 0
            }
            channel.emit(.planned, message: "rollback plan \(plan.planID)")
            try await forEach(plan, concurrency: options.concurrency, where: selected) { job in
                do {
                    try await self.rollBack(job, state: state, session: session, options: rollback)
                } catch let error as JobBridgeError {
                    try await session.record(
                        JournalRecord(
                            .failed, step: .completeRollback, sourceID: job.sourceID, code: error.code.rawValue,
                            message: error.message))
                    self.channel.emit(
                        .failed, sourceID: job.sourceID, code: error.code.rawValue, message: error.message)
                }
            }
            channel.emit(.phaseEnded, message: "rollback")
            return try MigrationReport(plan, journal: await session.state(), counts: channel.currentCounts)
        }
    }

    /// Whether deleting a target job deletes data (its destination is implied: a cache).
    var targetDeletesData: Bool { TargetTraits.deletesData(target.descriptor) }

    private func rollBack(
        _ job: PlannedJob, state: JournalState, session: JournalSession, options rollback: RollbackOptions
    ) async throws {
        let sourceState = state.sources[job.sourceID] ?? JournalState.Source()
        var touched = false
        for target in job.targets {
            let key = TargetKey(sourceID: job.sourceID, split: target.splitIndex)
            guard let known = state.targets[key], known.origin == .create, !known.foundByProbe || known.enabled,
                let id = known.targetID
            else { continue }
            switch rollback.targets {
            case .delete:
                guard known.rolledBack != .deleteTarget else { continue }
                touched = true
                try await step(.deleteTarget, key: key, targetID: id, session: session) {
                    try await self.deleteIgnoringGone(self.targetCalls, JobID(id))
                }
            case .disable:
                guard known.rolledBack == nil else { continue }
                touched = true
                if !known.enabled {
                    // Created disabled (or staged manual) and never enabled: nothing fires.
                    try await session.record(
                        JournalRecord(
                            .result, step: .disableTarget, sourceID: key.sourceID, split: key.split, targetID: id,
                            message: "never enabled"))
                } else if targetCalls.canDisable {
                    try await step(.disableTarget, key: key, targetID: id, session: session) {
                        _ = try await self.targetCalls.call {
                            try await $0.updateJob(JobID(id), with: JobUpdate(isEnabled: false))
                        }
                    }
                } else {
                    try await step(.deleteTarget, key: key, targetID: id, session: session) {
                        try await self.deleteIgnoringGone(self.targetCalls, JobID(id))
                    }
                }
            }
        }
        if sourceState.disabled && sourceState.wasEnabled == true && !sourceState.reEnabled {
            touched = true
            try await step(.enableSource, sourceID: job.sourceID, session: session) {
                _ = try await self.sourceCalls.call {
                    try await $0.updateJob(JobID(job.sourceID), with: JobUpdate(isEnabled: true))
                }
            }
        }
        if sourceState.deleted && sourceState.recreatedID == nil {
            touched = true
            let definition = try job.source.definition()
            try await session.record(JournalRecord(.intent, step: .recreateSource, sourceID: job.sourceID))
            let recreated = try await sourceCalls.call { try await $0.createJob(definition) }
            try await session.record(
                JournalRecord(
                    .result, step: .recreateSource, sourceID: job.sourceID, targetID: recreated.id.rawValue,
                    code: LossCode.rollbackNewID.rawValue,
                    message: "source re-created from its snapshot with a new id, owner and dates; its history is lost"))
        }
        guard touched, !sourceState.rolledBack else { return }
        try await session.record(JournalRecord(.result, step: .completeRollback, sourceID: job.sourceID))
        channel.emit(.rolledBack, sourceID: job.sourceID) { $0.rolledBack += 1 }
    }
}
