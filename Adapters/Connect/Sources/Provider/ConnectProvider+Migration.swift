import Foundation
import JobBridge

extension ConnectProvider {
    /// What a migration engine needs to know about CData Connect AI:
    /// - no slot for a provenance key (the documented payload has no name and no free
    ///   field): a target is found by its natural key, source connection and table;
    /// - one table (or query) per job; the destination is implied (the account's cache);
    /// - schedules by interval only (Hour, Day, Week, Month), counted in absolute UTC steps
    ///   [inferred];
    /// - staged with `enabled: false`; disabling a source switches readers to live data;
    /// - caching refuses relational drivers (``MigrationTraits/relationalDrivers``);
    /// - native keys: the job's documented members and its documented `params`;
    /// - kinds: Caching (replication) and ScheduledQuery; workflows, mirrors and unknown
    ///   kinds become Caching, other categories have no counterpart;
    /// - settings: `autoTruncateStrings` (written as a string) and `logVerbosity` (1–5).
    public static let migrationTraits = MigrationTraits(
        provenanceSlot: .naturalKey, taskModel: .oneTablePerJob, destination: .implied, cronDialect: nil,
        cronZone: .utcOnly, intervalUnits: [.hour, .day, .week, .month], staging: .enabledFlag,
        canDisableSource: true, cacheRefusedDrivers: MigrationTraits.relationalDrivers,
        nativeKeys: Set(
            [
                "id", "name", "jobType", "enabled", "created", "lastModified", "nextRunTime", "intervalUnit",
                "intervalValue", "logVerbosity", "definedNextRun", "lastRun",
            ]
                + [
                    ConnectJobParams.Key.sourceConnection, ConnectJobParams.Key.sourceConnectionName,
                    ConnectJobParams.Key.sourceName, ConnectJobParams.Key.sourceSchema,
                    ConnectJobParams.Key.sourceTable, ConnectJobParams.Key.timeCheckColumn,
                    ConnectJobParams.Key.autoTruncateStrings, ConnectJobParams.Key.mergeKeys,
                    ConnectJobParams.Key.query, ConnectJobParams.Key.destinationWriteScheme,
                    ConnectJobParams.Key.destinationConnectionName, ConnectJobParams.Key.destinationSchema,
                    ConnectJobParams.Key.destinationTable,
                ].map { "params." + $0 }),
        kinds: [.replication, .scheduledQuery],
        kindValues: [
            ConnectJobType.caching.rawValue: .replication, ConnectJobType.scheduledQuery.rawValue: .scheduledQuery,
        ],
        fallbackKind: JobKind(.replication, providerValue: ConnectJobType.caching.rawValue),
        fallbackKindFrom: [.workflow, .mirror, .other],
        settings: [
            MigrationTraits.autoTruncateStrings: .init(
                key: ConnectJobParams.Key.autoTruncateStrings, encoding: .boolString),
            MigrationTraits.logVerbosity: .init(key: "logVerbosity", encoding: .int(allowed: [1, 2, 3, 4, 5])),
        ])

    /// The account's connections (`GET /poweredby/connection/list`): id, name and data
    /// source; the provider's ``cacheConnection`` is added (marked as the cache) when the
    /// list does not hold it. Credentials are never read.
    public func connections() async throws -> [ProviderConnection] {
        let cacheID = cacheConnection?.id?.rawValue
        var result = try await client.connections().map { connection in
            ProviderConnection(
                id: ConnectionID(connection.id), name: connection.name, driver: connection.dataSource,
                isCache: connection.id == cacheID)
        }
        if let cache = cacheConnection, !result.contains(where: { $0.isCache }) {
            result.append(
                ProviderConnection(
                    id: cache.id ?? ConnectionID(cache.name ?? "cache"), name: cache.name, driver: nil, isCache: true))
        }
        return result
    }
}
