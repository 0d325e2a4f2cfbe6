import Foundation
import JobBridge

extension SyncProvider {
    /// What a migration engine needs to know about CData Sync:
    /// - provenance by name suffix (names are unique per workspace [inferred]; whether
    ///   `labels` round-trips is [unknown]), the workspace as scope;
    /// - tasks: an ordered list of queries; destination: free;
    /// - cron in Sync's dialect, read in GMT when `use_gmt_datetime` is true, else in the
    ///   server's zone (not in the API); no intervals;
    /// - staged with `schedule.enabled: false`; a source can be disabled;
    /// - native keys: every documented member of a job (``SyncJobSettings``' keys and the
    ///   read-only ones), so that anything else is reported by name;
    /// - kinds: Standard, SyncAll, LoadFolder, ChangeDataCapture, ReverseETL; any other
    ///   kind becomes Standard;
    /// - settings: `auto_truncate_strings` (Boolean) and `verbosity` (1, 2, 3 or 5 [inferred
    ///   from the migration reference: Connect's 4 has no Sync value]).
    public static func migrationTraits(workspaceID: String) -> MigrationTraits {
        MigrationTraits(
            scope: workspaceID, provenanceSlot: .nameSuffix, taskModel: .orderedList, destination: .free,
            cronDialect: .sync, cronZone: .gmtOrServerLocal(gmtSetting: "use_gmt_datetime"), intervalUnits: [],
            staging: .enabledFlag, canDisableSource: true,
            nativeKeys: SyncJobField.knownKeys.union(SyncJob.readOnlyKeys),
            scheduleSettings: ["use_gmt_datetime"],
            kinds: [.replication, .replicateAll, .loadFolder, .changeDataCapture, .reverseETL],
            kindValues: Dictionary(
                SyncJobType.documented.map { ($0.rawValue, SyncMapping.kind($0).category) },
                uniquingKeysWith: { a, _ in a }),
            fallbackKind: JobKind(.replication, providerValue: "Standard"), fallbackKindFrom: nil,
            settings: [
                MigrationTraits.autoTruncateStrings: .init(key: "auto_truncate_strings", encoding: .bool),
                MigrationTraits.logVerbosity: .init(key: "verbosity", encoding: .int(allowed: [1, 2, 3, 5])),
            ])
    }

    /// The workspace's connections (`GET /workspaces/{id}/connections`): id, name, and the
    /// driver when the connection's JSON names one (`provider_name`, `provider`, `type`,
    /// `driver` or `connector`; the v2 documents list none). Credentials are never read.
    public func connections() async throws -> [ProviderConnection] {
        var result: [ProviderConnection] = []
        for try await connection in client.connections(inWorkspace: workspaceID) {
            let driver = ["provider_name", "provider", "type", "driver", "connector"].lazy
                .compactMap { connection.raw[$0]?.stringValue }.first
            result.append(ProviderConnection(id: ConnectionID(connection.id), name: connection.name, driver: driver))
        }
        return result
    }
}
