/// What a migration engine needs to know about a provider to move jobs to or from it
/// without knowing the adapter: where a target can carry its provenance, how tasks are
/// modelled, whether the destination is free, how cron is read, how a target waits for
/// cutover, which native fields the adapter maps.
///
/// Declared in ``ProviderDescriptor/migration``. The defaults (`MigrationTraits()`) describe a
/// permissive provider (free destination, ordered tasks, cron in any zone, every interval
/// unit, a disabled flag, provenance by name suffix): an adapter that says nothing is still
/// migratable, with what it does not declare found by verification.
public struct MigrationTraits: Hashable, Sendable {
    /// Where a target job can carry its provenance key.
    public enum ProvenanceSlot: Hashable, Sendable {
        /// A settings member holding a JSON object (NX1: `jobbridge` in `properties_json`);
        /// the same member carries untranslatable content, marked not enforced.
        case settingsMember(String)
        /// A suffix of the job's name (names unique per scope: CData Sync).
        case nameSuffix
        /// Nowhere: the target is found by its natural key, its source connection and table
        /// (CData Connect: one caching job per table).
        case naturalKey
        /// Nowhere at all: found by name only.
        case none
    }

    /// How a provider models a job's steps.
    public enum TaskModel: String, Hashable, Sendable, CaseIterable {
        /// An ordered list of tasks, each a query (a table task is written as a
        /// `REPLICATE [schema].[table]` statement: CData Sync).
        case orderedList
        /// One table (or one query) per job, implied by the job (CData Connect).
        case oneTablePerJob
        /// No tasks (NX1).
        case none
    }

    /// Whether a job's destination is chosen, or fixed by the provider.
    public enum DestinationRule: String, Hashable, Sendable, CaseIterable {
        /// The job names its destination.
        case free
        /// The provider fixes it (CData Connect's cache connection).
        case implied
    }

    /// The zone a provider reads cron in.
    public enum CronZoneRule: Hashable, Sendable {
        /// Any zone the schedule says.
        case any
        /// UTC only (NX1, Airflow's default).
        case utcOnly
        /// GMT when the Boolean setting is true, else the server's local zone, which the API
        /// does not report (CData Sync: `use_gmt_datetime`).
        case gmtOrServerLocal(gmtSetting: String)
    }

    /// How a target is kept from running until cutover.
    public enum StagingRule: String, Hashable, Sendable, CaseIterable {
        /// Created with the enabled flag off; cutover turns it on.
        case enabledFlag
        /// Created without a schedule; cutover deletes it and creates it with its schedule
        /// (NX1: no enabled switch, no update).
        case manualScheduleRecreate
    }

    /// How a setting's value is written.
    public enum SettingEncoding: Hashable, Sendable {
        /// A JSON Boolean.
        case bool
        /// A Boolean written as the string `"true"` or `"false"`.
        case boolString
        /// An integer among the allowed values (empty: any).
        case int(allowed: [Int])
    }

    /// A native setting that stands for a portable concept (see ``settings``).
    public struct Setting: Hashable, Sendable {
        /// The native wire key.
        public var key: String
        /// How its value is written.
        public var encoding: SettingEncoding

        /// Creates a setting description.
        public init(key: String, encoding: SettingEncoding) {
            self.key = key
            self.encoding = encoding
        }
    }

    /// The concept of truncating strings longer than the destination column.
    public static let autoTruncateStrings = "autoTruncateStrings"
    /// The concept of log verbosity (1 least to 5 most).
    public static let logVerbosity = "logVerbosity"

    /// The instance's scope (a Sync workspace id); part of a provenance key. Empty when the
    /// provider has none.
    public var scope: String
    /// Where a target carries its provenance.
    public var provenanceSlot: ProvenanceSlot
    /// How tasks are modelled.
    public var taskModel: TaskModel
    /// Whether the destination is free or implied.
    public var destination: DestinationRule
    /// The cron dialect the provider reads; `nil` when it schedules by interval only.
    public var cronDialect: CronDialect?
    /// The zone cron is read in.
    public var cronZone: CronZoneRule
    /// The interval units the provider schedules by (empty: no intervals).
    public var intervalUnits: Set<IntervalUnit>
    /// How a target waits for cutover.
    public var staging: StagingRule
    /// Whether a source job can be disabled (NX1: no; its cutover is delete after snapshot).
    public var canDisableSource: Bool
    /// The drivers (data sources, lower-case) a caching target refuses as sources
    /// (relational databases for CData Connect).
    public var cacheRefusedDrivers: Set<String>
    /// The paths of the native JSON (``Job/providerData``) the adapter maps, top-level keys
    /// and `member.key` for members of nested objects (`params.sourceTable`); any other path
    /// is a field no translator reads (`FIELD_UNKNOWN`). Empty: not declared, nothing checked.
    public var nativeKeys: Set<String>
    /// Native settings keys that are not options of the job but drive a portable field (Sync's
    /// `use_gmt_datetime` decides the cron zone): never reported as dropped.
    public var scheduleSettings: Set<String>
    /// The job categories with a native kind.
    public var kinds: Set<JobCategory>
    /// The provider's kind values (`Standard`, `airflow.nlp`, `Caching`) and their categories,
    /// for a job type named in a mapping.
    public var kindValues: [String: JobCategory]
    /// The kind other categories become (`KIND_CHANGED`); `nil`: none (`KIND_UNSUPPORTED`).
    public var fallbackKind: JobKind?
    /// The categories that may take ``fallbackKind``; `nil`: every category.
    public var fallbackKindFrom: Set<JobCategory>?
    /// Portable setting concepts (``autoTruncateStrings``, ``logVerbosity``) → the native
    /// setting that holds them.
    public var settings: [String: Setting]

    /// A permissive provider (see the type's description).
    public init(
        scope: String = "", provenanceSlot: ProvenanceSlot = .nameSuffix, taskModel: TaskModel = .orderedList,
        destination: DestinationRule = .free, cronDialect: CronDialect? = .standard, cronZone: CronZoneRule = .any,
        intervalUnits: Set<IntervalUnit> = Set(IntervalUnit.allCases), staging: StagingRule = .enabledFlag,
        canDisableSource: Bool = true, cacheRefusedDrivers: Set<String> = [], nativeKeys: Set<String> = [],
        scheduleSettings: Set<String> = [], kinds: Set<JobCategory> = [], kindValues: [String: JobCategory] = [:],
        fallbackKind: JobKind? = nil,
        fallbackKindFrom: Set<JobCategory>? = nil, settings: [String: Setting] = [:]
    ) {
        self.scope = scope
        self.provenanceSlot = provenanceSlot
        self.taskModel = taskModel
        self.destination = destination
        self.cronDialect = cronDialect
        self.cronZone = cronZone
        self.intervalUnits = intervalUnits
        self.staging = staging
        self.canDisableSource = canDisableSource
        self.cacheRefusedDrivers = cacheRefusedDrivers
        self.nativeKeys = nativeKeys
        self.scheduleSettings = scheduleSettings
        self.kinds = kinds
        self.kindValues = kindValues
        self.fallbackKind = fallbackKind
        self.fallbackKindFrom = fallbackKindFrom
        self.settings = settings
    }

    /// The relational drivers CData Connect cannot cache ([inferred]: CData documents the
    /// rule, JobBridge keeps the list), lower-case.
    public static let relationalDrivers: Set<String> = [
        "postgresql", "mysql", "sqlserver", "sql server", "oracle", "oracledb", "db2", "mariadb", "sqlite",
        "snowflake", "redshift", "amazon redshift", "azure sql", "azuresql", "googlebigquery", "bigquery",
        "databricks", "synapse", "azure synapse", "teradata", "sybase", "informix", "hana", "saphana", "cockroachdb",
        "timescaledb", "presto", "trino", "clickhouse", "singlestore", "netezza", "greenplum", "vertica",
    ]
}

/// A connection a provider lists (``JobProvider/connections()``): never its credentials.
public struct ProviderConnection: Hashable, Sendable {
    /// The connection's id (or, for a provider of free texts, the text).
    public var id: ConnectionID
    /// Its name.
    public var name: String?
    /// Its driver or data source (`Salesforce`, `PostgreSQL`), when the provider says.
    public var driver: String?
    /// Whether it is the account's cache connection (CData Connect).
    public var isCache: Bool

    /// Creates a connection description.
    public init(id: ConnectionID, name: String? = nil, driver: String? = nil, isCache: Bool = false) {
        self.id = id
        self.name = name
        self.driver = driver
        self.isCache = isCache
    }

    /// The reference a job uses for it.
    public var reference: ConnectionRef { ConnectionRef(id: id, name: name) }
}
