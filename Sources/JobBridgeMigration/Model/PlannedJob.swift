import JobBridge

/// One selected source job in a plan: the full source (tasks included), what to do with it,
/// how faithful the result is and why, and its target(s).
public struct PlannedJob: Hashable, Sendable, Codable {
    /// The source job's id.
    public var sourceID: String
    /// The source job's name.
    public var sourceName: String
    /// The source job, whole (secrets redacted): what apply, verify and an NX1 rollback use.
    public var source: JobSnapshot
    /// The fingerprint of the source job's migratable content (``JobSnapshot/fingerprint``):
    /// apply refuses the plan (`PLAN_STALE`) when it changed.
    public var sourceFingerprint: Fingerprint
    /// What apply does.
    public var action: MigrationAction
    /// The worst of the parts' verdicts.
    public var verdict: MigrationVerdict
    /// Every loss, refusal and piece of information, all at once, in a stable order.
    public var losses: [Loss]
    /// The connections the job needs.
    public var connections: [ConnectionNeed]
    /// The target job(s); empty when the job is impossible or blocked before a target could
    /// be defined.
    public var targets: [PlannedTarget]

    /// Creates a planned job.
    public init(
        sourceID: String, sourceName: String, source: JobSnapshot, sourceFingerprint: Fingerprint,
        action: MigrationAction, verdict: MigrationVerdict, losses: [Loss], connections: [ConnectionNeed],
        targets: [PlannedTarget]
    ) {
        self.sourceID = sourceID
        self.sourceName = sourceName
        self.source = source
        self.sourceFingerprint = sourceFingerprint
        self.action = action
        self.verdict = verdict
        self.losses = losses
        self.connections = connections
        self.targets = targets
    }

    /// The distinct codes of the job's losses, sorted.
    public var codes: [LossCode] { Array(Set(losses.map(\.code))).sorted() }
}

extension JobSnapshot {
    /// The fingerprint of what a migration copies: name, kind, connections, schedule, enabled
    /// flag, tasks (query, table, active) and settings. Run state (last run, next run time,
    /// provider JSON) is left out, so that a job that merely ran is not "changed".
    public var fingerprint: Fingerprint {
        struct Body: Encodable {
            let name: String
            let kind: KindSnapshot
            let source: ConnectionRef?
            let destination: ConnectionRef?
            let schedule: ScheduleSnapshot
            let isEnabled: Bool
            let tasks: [TaskDefinitionSnapshot]
            let settings: [String: JSONValue]
        }
        let body = Body(
            name: name, kind: kind, source: source, destination: destination, schedule: schedule,
            isEnabled: isEnabled,
            tasks: tasks.map { TaskDefinitionSnapshot(query: $0.query, table: $0.table, isActive: $0.isActive) },
            settings: settings)
        return (try? Fingerprint(of: body)) ?? Fingerprint(text: id)
    }
}
