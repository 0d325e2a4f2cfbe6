import Foundation
import JobBridge

extension MigrationEngine {
    /// Reads every target this plan's journal knows back and compares it with the plan,
    /// field by field and the schedule by behaviour.
    ///
    /// A target that matches is journaled `verified`; one that differs (a field the
    /// platform dropped silently) is journaled `mismatch` with the field, reported as
    /// `VERIFY_MISMATCH <field>`, and keeps its job out of cutover until a later verify
    /// passes. Writes nothing to either provider.
    @discardableResult
    public func verify(_ plan: MigrationPlan, journal: URL) async throws -> MigrationReport {
        try await verify(PlanInput(plan), journal: journal)
    }

    /// Verifies the targets of a streamed plan file, read as verify goes (see
    /// ``verify(_:journal:)-(MigrationPlan,_)``).
    @discardableResult
    public func verify(_ plan: MigrationPlanFile, journal: URL) async throws -> MigrationReport {
        try await verify(PlanInput(plan), journal: journal)
    }

    func verify(_ plan: PlanInput, journal: URL) async throws -> MigrationReport {
        try await withJournal(plan, at: journal) { session in
            try await preflight(needs: ([], [.getJob]))
            let state = await session.state()
            channel.reset {
                $0.verified = 0
                $0.mismatched = 0
            }
            channel.emit(.planned, message: "verify plan \(plan.planID)")
            try await forEach(plan, concurrency: options.concurrency) { job in
                for target in job.targets {
                    let key = TargetKey(sourceID: job.sourceID, split: target.splitIndex)
                    guard let known = state.targets[key], let id = known.targetID, known.origin != nil else { continue }
                    let cutOver = state.sources[job.sourceID]?.cutOver ?? false
                    try await self.verifyTarget(target, key: key, id: id, cutOver: cutOver, session: session)
                }
            }
            channel.emit(.phaseEnded, message: "verify")
            return try MigrationReport(plan, journal: await session.state(), counts: channel.currentCounts)
        }
    }

    private func verifyTarget(
        _ target: PlannedTarget, key: TargetKey, id: String, cutOver: Bool, session: JournalSession
    ) async throws {
        let readBack: Job
        do {
            readBack = try await targetCalls.call { try await $0.job(JobID(id)) }
        } catch let error as JobBridgeError {
            try await session.record(
                JournalRecord(
                    .mismatch, step: .create, sourceID: key.sourceID, split: key.split, targetID: id,
                    code: LossCode.verifyMismatch.rawValue, message: "unreadable: \(error.code)"))
            channel.emit(
                .mismatch, sourceID: key.sourceID, split: key.split, targetID: id,
                code: LossCode.verifyMismatch.rawValue, message: error.message
            ) { $0.mismatched += 1 }
            return
        }
        let differences = PlanBridge.compare(target, readBack: readBack, cutOver: cutOver)
        if differences.isEmpty {
            try await session.record(
                JournalRecord(.verified, step: .create, sourceID: key.sourceID, split: key.split, targetID: id))
            channel.emit(.verified, sourceID: key.sourceID, split: key.split, targetID: id) { $0.verified += 1 }
        } else {
            let fields = differences.map { $0.field ?? "job" }.joined(separator: ", ")
            try await session.record(
                JournalRecord(
                    .mismatch, step: .create, sourceID: key.sourceID, split: key.split, targetID: id,
                    code: LossCode.verifyMismatch.rawValue, message: fields))
            channel.emit(
                .mismatch, sourceID: key.sourceID, split: key.split, targetID: id,
                code: LossCode.verifyMismatch.rawValue, message: fields
            ) { $0.mismatched += 1 }
        }
    }
}
