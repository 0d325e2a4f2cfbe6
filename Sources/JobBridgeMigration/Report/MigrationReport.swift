import Foundation
import JobBridge

/// What a migration did, job by job: the plan's verdicts and losses joined with what the
/// journal says happened. JSON (``encoded(pretty:)``) and Markdown (``markdown()``); never a
/// secret (every string comes from the plan, which holds none, or passes through
/// ``ArtifactRedaction``).
public struct MigrationReport: Codable, Hashable, Sendable {
    /// The report format's version (``JobBridgeMigration/formatVersion``).
    public var formatVersion: Int
    /// The plan's id.
    public var planID: String
    /// The source provider's name.
    public var sourceProvider: String
    /// The target provider's name.
    public var targetProvider: String
    /// The plan's totals (jobs, targets, per verdict, per action).
    public var planTotals: PlanTotals
    /// Jobs per terminal state, and the verify, cutover and rollback counts.
    public var totals: MigrationCounts
    /// Every planned job, in the plan's order.
    public var jobs: [JobReport]

    /// One job in the report.
    public struct JobReport: Codable, Hashable, Sendable {
        /// The source job's id.
        public var sourceID: String
        /// The source job's name.
        public var sourceName: String
        /// What the plan said to do.
        public var action: MigrationAction
        /// The plan's verdict.
        public var verdict: MigrationVerdict
        /// The terminal state apply reached (``JobOutcome``); `nil` before apply.
        public var outcome: JobOutcome?
        /// The distinct codes of the job's losses and of what happened to it, sorted.
        public var codes: [String]
        /// Every loss, with its remedy.
        public var losses: [LossReport]
        /// The job's targets.
        public var targets: [TargetReport]
        /// The last failure's code, when the job failed.
        public var errorCode: String?
        /// The last failure's message.
        public var errorMessage: String?
        /// Whether cutover completed for the job.
        public var cutOver: Bool
        /// Whether rollback completed for the job.
        public var rolledBack: Bool
    }

    /// One loss in the report.
    public struct LossReport: Codable, Hashable, Sendable {
        /// The stable code.
        public var code: String
        /// The field concerned.
        public var field: String?
        /// What happens, in one line.
        public var message: String
        /// What to do about it.
        public var remedy: String
    }

    /// One target in the report.
    public struct TargetReport: Codable, Hashable, Sendable {
        /// The target's index among the job's targets.
        public var split: Int
        /// The provenance key.
        public var provenanceKey: String
        /// The target job's id, once it exists.
        public var targetID: String?
        /// How it came to be: `create`, `adopt`, `skip`; `nil` before apply.
        public var origin: String?
        /// Whether it read back equal to the plan (`nil` before verify).
        public var verified: Bool?
        /// The field it differed in, when it did.
        public var mismatchField: String?
        /// Whether cutover enabled it (or re-created it with its schedule).
        public var enabled: Bool
    }

    /// What one apply run found for a job, which the journal alone cannot tell (a job found
    /// already migrated by this run, from an earlier run's records).
    public struct RunOutcome: Hashable, Sendable {
        /// The terminal state.
        public var outcome: JobOutcome
        /// Whether every target already existed before this run.
        public var alreadyMigrated: Bool

        /// Creates a run outcome.
        public init(outcome: JobOutcome, alreadyMigrated: Bool) {
            self.outcome = outcome
            self.alreadyMigrated = alreadyMigrated
        }
    }

    /// The report of a plan and what its journal says. `counts` are the events' running
    /// counts of the phase that made the report; `run` holds the outcomes an apply run
    /// reached, which take precedence over what the journal implies.
    public init(
        plan: MigrationPlan, journal: JournalState, counts: MigrationCounts? = nil,
        run: [String: RunOutcome] = [:]
    ) {
        // A plan in memory cannot fail to be read.
        self = (try? Self(PlanInput(plan), journal: journal, counts: counts, run: run)) ?? Self(empty: plan)
    }

    /// The report of a streamed plan file (read once, job by job) and what its journal says.
    ///
    /// - Throws: a bad line of the file (`JobBridgeError.Code.invalidDefinition` naming it).
    public init(planFile: MigrationPlanFile, journal: JournalState) throws {
        try self.init(PlanInput(planFile), journal: journal)
    }

    /// The report of a plan (memory or file, read once, job by job) and what its journal says.
    init(
        _ plan: PlanInput, journal: JournalState, counts: MigrationCounts? = nil, run: [String: RunOutcome] = [:]
    ) throws {
        formatVersion = JobBridgeMigration.formatVersion
        planID = plan.header.planID
        sourceProvider = plan.header.sourceProvider
        targetProvider = plan.header.targetProvider
        planTotals = plan.header.totals
        var totals = MigrationCounts()
        totals.planned = plan.header.totals.jobs
        var jobs: [JobReport] = []
        jobs.reserveCapacity(plan.header.totals.jobs)
        var pool = TextPool()
        let planned = try plan.makeIterator()
        while let job = try planned.next() {
            var report = Self.jobReport(job, journal: journal)
            report.codes = report.codes.map { pool.share($0) }
            report.losses = report.losses.map { pool.share($0) }
            if let found = run[job.sourceID] {
                report.outcome = found.outcome
                if found.alreadyMigrated, !report.codes.contains(LossCode.alreadyMigrated.rawValue) {
                    report.codes = (report.codes + [LossCode.alreadyMigrated.rawValue]).sorted()
                }
            }
            if let outcome = report.outcome {
                totals.count(outcome, alreadyMigrated: report.codes.contains(LossCode.alreadyMigrated.rawValue))
            }
            if report.cutOver { totals.cutOver += 1 }
            if report.rolledBack { totals.rolledBack += 1 }
            totals.verified += report.targets.filter { $0.verified == true }.count
            totals.mismatched += report.targets.filter { $0.verified == false }.count
            jobs.append(report)
        }
        self.jobs = jobs
        totals.started = counts?.started ?? totals.finished
        totals.notCutOver = counts?.notCutOver ?? 0
        self.totals = totals
    }

    /// A report with no job (never reached: a plan in memory is always read).
    private init(empty plan: MigrationPlan) {
        formatVersion = JobBridgeMigration.formatVersion
        planID = plan.planID
        sourceProvider = plan.sourceProvider
        targetProvider = plan.targetProvider
        planTotals = plan.totals
        totals = MigrationCounts()
        jobs = []
    }

    /// Whether a job failed or is blocked: the exit status of a tool should be non-zero.
    public var hasFailuresOrBlocked: Bool {
        jobs.contains { $0.outcome == .failed || $0.outcome == .blocked || $0.verdict == .blocked }
    }

    /// The report as canonical JSON (sorted keys).
    public func encoded(pretty: Bool = true) throws -> Data { try CanonicalJSON.data(self, pretty: pretty) }

    private static func jobReport(_ job: PlannedJob, journal: JournalState) -> JobReport {
        var codes = Set(job.losses.map(\.code.rawValue))
        var targets: [TargetReport] = []
        var errorCode: String?
        var errorMessage: String?
        var allCreated = !job.targets.isEmpty
        var allAlready = true
        for target in job.targets {
            let key = TargetKey(sourceID: job.sourceID, split: target.splitIndex)
            let state = journal.targets[key]
            if let code = state?.failureCode, state?.targetID == nil || state?.origin == nil {
                errorCode = code
                errorMessage = state?.failureMessage
            }
            if state?.targetID == nil || state?.origin == nil { allCreated = false }
            if state?.foundByProbe != true { allAlready = false }
            if state?.verified == false { codes.insert(LossCode.verifyMismatch.rawValue) }
            targets.append(
                TargetReport(
                    split: target.splitIndex, provenanceKey: target.provenanceKey.rawValue, targetID: state?.targetID,
                    origin: state?.origin?.rawValue, verified: state?.verified, mismatchField: state?.mismatchField,
                    enabled: state?.enabled ?? false))
        }
        let outcome: JobOutcome?
        switch job.action {
        case .blocked: outcome = job.verdict == .impossible ? .impossible : .blocked
        case .skip: outcome = job.verdict == .impossible ? .impossible : .skipped
        case .adopt, .create, .update:
            if allCreated {
                let plannedAlready = job.losses.contains { $0.code == .alreadyMigrated }
                outcome = job.action == .adopt && !plannedAlready ? .adopted : .migrated
                if allAlready || plannedAlready { codes.insert(LossCode.alreadyMigrated.rawValue) }
            } else if errorCode != nil {
                outcome = .failed
            } else {
                outcome = nil
            }
        }
        if let code = errorCode, outcome == .failed { codes.insert(code) }
        let source = journal.sources[job.sourceID]
        if let failure = source?.cutoverFailure { codes.insert(failure) }
        if source?.recreatedID != nil { codes.insert(LossCode.rollbackNewID.rawValue) }
        let cutOver = source?.cutOver ?? false
        let rolledBack = source?.rolledBack ?? false
        return JobReport(
            sourceID: job.sourceID, sourceName: job.sourceName, action: job.action, verdict: job.verdict,
            outcome: outcome, codes: codes.sorted(),
            losses: job.losses.map {
                LossReport(code: $0.code.rawValue, field: $0.field, message: $0.message, remedy: $0.remedy)
            },
            targets: targets, errorCode: errorCode, errorMessage: ArtifactRedaction.scrub(errorMessage),
            cutOver: cutOver, rolledBack: rolledBack)
    }
}
