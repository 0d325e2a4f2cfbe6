import Foundation
import JobBridge

extension NX1Provider {
    /// The settings member (of `properties_json`) that holds a migrated job's provenance
    /// and the content carried for it.
    public static let provenanceMember = "jobbridge"

    /// What a migration engine needs to know about NX1:
    /// - provenance (and carried content) in the `jobbridge` member of `properties_json`;
    /// - no tasks; free-text source and destination;
    /// - Airflow cron read in UTC only; no intervals;
    /// - no enabled switch and no update: a target is staged without a schedule and
    ///   re-created with it at cutover; a source cannot be disabled (cutover deletes it);
    /// - native keys: every documented member of a job;
    /// - kinds: workflow (`airflow.*`) and mirror; any other kind becomes `airflow.dataeng`.
    public static let migrationTraits = MigrationTraits(
        provenanceSlot: .settingsMember(provenanceMember), taskModel: .none, destination: .free,
        cronDialect: .airflow, cronZone: .utcOnly, intervalUnits: [], staging: .manualScheduleRecreate,
        canDisableSource: false, nativeKeys: NX1Job.knownKeys, kinds: [.workflow, .mirror],
        kindValues: Dictionary(
            NX1JobType.known.map { ($0.rawValue, NX1Mapping.kind(for: $0).category) }, uniquingKeysWith: { a, _ in a }),
        fallbackKind: JobKind(.workflow, providerValue: NX1JobType.dataEngineering.rawValue), fallbackKindFrom: nil)
}
