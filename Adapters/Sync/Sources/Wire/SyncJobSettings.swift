import Foundation
import JobBridge

/// The settings of a CData Sync job: every body parameter that the Job Management API
/// documents for creating (`POST /workspaces/{workspace_id}/jobs`) and updating
/// (`PUT /jobs/{job_id}`) a job, with the wire's lower snake_case names.
///
/// The documentation prints the names in Title_Case (`Source-Connection`, `Use_GMT_DateTime`);
/// its JSON examples use lower snake_case (`source_connection_id`, `is_active`), and so
/// does the wire. Every property is optional: `nil` is not sent.
///
/// Members this type does not know are kept in ``additionalFields`` and sent back, so a
/// read-modify-write never drops what the server added. A known member whose JSON type
/// is not the documented one is kept there too, untouched, rather than failing the read.
public struct SyncJobSettings: Hashable, Sendable {
    /// `name`: the job's name.
    public var name: String?
    /// `type`: what the job does (create only).
    public var type: SyncJobType?
    /// `source_connection_id`: the source connection's id (create only).
    public var sourceConnectionID: String?
    /// `destination_connection_id`: the destination connection's id (create only).
    public var destinationConnectionID: String?
    /// `schedule`: `{enabled, cron}`; the job runs on the cron when `enabled` is true.
    public var schedule: SyncSchedule?
    /// `send_email`: whether to send an email after the job completes.
    public var sendEmail: Bool?
    /// `email_to`: the address alerts are sent to.
    public var emailTo: String?
    /// `email_subject`: the subject of alert emails (documented for update).
    public var emailSubject: String?
    /// `email_error_only`: send an email only when an error occurs. (The create table
    /// prints `EmailErrorOnly`, the update table `Email_Error_Only`; `emailerroronly` is
    /// read too, `email_error_only` is sent.)
    public var emailErrorOnly: Bool?
    /// `enable_parallel_processing`: run the job's queries in parallel (create only).
    public var enableParallelProcessing: Bool?
    /// `worker_pool`: the number of worker pools (create only).
    public var workerPool: Int?
    /// `verbosity`: the log verbosity, 1, 2, 3 or 5.
    public var verbosity: Int?
    /// `destination_schema`: the schema written to in the destination (create only).
    public var destinationSchema: String?
    /// `table_name_prefix`: a prefix for every replicated table.
    public var tableNamePrefix: String?
    /// `use_gmt_datetime`: synchronize times in GMT rather than server-local time. Also
    /// decides the time zone that the job's cron is read in (see ``SyncProvider``).
    public var useGMTDateTime: Bool?
    /// `history_mode`: keep history rows (create only).
    public var historyMode: Bool?
    /// `truncate_table_data`: delete every row before each update.
    public var truncateTableData: Bool?
    /// `drop_table`: drop each table before each update.
    public var dropTable: Bool?
    /// `auto_truncate_strings`: truncate strings too long for their column.
    public var autoTruncateStrings: Bool?
    /// `continue_on_error`: go on with the next query when one fails.
    public var continueOnError: Bool?
    /// `deletion_behavior`: the kind of deletion, such as `HardDelete` (create only).
    public var deletionBehavior: String?
    /// `alter_schema`: add columns and alter types when source and destination differ.
    public var alterSchema: Bool?
    /// `replicate_interval`: with ``replicateIntervalUnit``, the time frames the data is
    /// split into during replication.
    public var replicateInterval: Int?
    /// `replicate_interval_unit`: `minutes`, `hours`, `days`, `weeks`, `months` or `years`.
    public var replicateIntervalUnit: String?
    /// `replicate_start_date`: the earliest date replicated, `yyyy-MM-dd`.
    public var replicateStartDate: String?
    /// `batch_size`: the size of a batch.
    public var batchSize: Int?
    /// `pre_job_event`: the code of the pre-job event.
    public var preJobEvent: String?
    /// `post_job_event`: the code of the post-job event.
    public var postJobEvent: String?
    /// `cdc_engine_settings`: settings of the change-data-capture engine, such as its
    /// name and schema; an open object (create only).
    public var cdcEngineSettings: JSONValue?
    /// `labels`: the job's labels.
    public var labels: [String]?
    /// `pipeline_id`: the id of the pipeline that uses the job.
    public var pipelineID: String?
    /// `queries`: the job's queries, one task each, in order (create only; afterwards
    /// tasks are changed through the task endpoints).
    public var queries: [String]?
    /// Members this type does not know (or whose JSON type was not the documented one),
    /// kept as they came.
    public var additionalFields: [String: JSONValue]

    /// Creates settings; every parameter defaults to `nil` (not sent).
    public init(
        name: String? = nil, type: SyncJobType? = nil, sourceConnectionID: String? = nil,
        destinationConnectionID: String? = nil, schedule: SyncSchedule? = nil, queries: [String]? = nil,
        additionalFields: [String: JSONValue] = [:]
    ) {
        self.name = name
        self.type = type
        self.sourceConnectionID = sourceConnectionID
        self.destinationConnectionID = destinationConnectionID
        self.schedule = schedule
        self.queries = queries
        self.additionalFields = additionalFields
    }

    /// Reads settings from a JSON object, leniently: Booleans and integers also from
    /// strings, anything else that does not fit kept in ``additionalFields``.
    ///
    /// - Throws: `DecodingError.typeMismatch` if `json` is not an object.
    public init(json: JSONValue) throws {
        try self.init(wire: WireObject(json, what: "job settings"), ignoring: [])
    }

    /// Reads settings from an object's members, leaving `ignoring` (read-only members of
    /// a job, such as its id) out of ``additionalFields``.
    ///
    /// One pass over the members (one lookup each), rather than one lookup per documented
    /// property: a listing reads thousands of jobs. A property is read from the first of
    /// its names (wire name, then aliases) that is present and not `null`; a known member
    /// that is `null` is left out, as not set.
    init(wire: WireObject, ignoring: Set<String>) {
        self.init(wire: wire) { key, _ in ignoring.contains(key) }
    }

    /// Reads settings from an object's members in one pass, handing each member that is
    /// not a documented setting to `other` first: it returns whether it took the member (a
    /// read-only member of a job, which ``SyncJob`` reads in the same pass); any other goes
    /// to ``additionalFields``.
    init(wire: WireObject, other: (String, JSONValue) -> Bool) {
        self.init()
        var additional: [String: JSONValue] = [:]
        for (key, value) in wire.members {
            guard let field = SyncJobField(wireKey: key) else {
                if !other(key, value) { additional[key] = value }
                continue
            }
            if value.isNull { continue }
            if field.hasAliases, wire.member(field.wire.keys)?.key != key { continue }
            if !assign(field, value) { additional[key] = value }
        }
        additionalFields = additional
    }

    /// The settings as the JSON object sent on create: every set property, and
    /// ``additionalFields``.
    public var json: JSONValue { .object(members { _ in true }) }

    /// The settings as the JSON object sent on update: the properties that
    /// `PUT /jobs/{job_id}` documents (not ``type``, the connections, ``queries`` and the
    /// other create-only ones), and ``additionalFields``.
    public var updateJSON: JSONValue { .object(members(\.isUpdatable)) }

    /// The options beyond the portable fields of a job (everything but the name, type,
    /// connections, schedule and queries), keyed by wire name: what ``Job/settings`` holds.
    public var options: [String: JSONValue] { members { !$0.isPortable } }

    /// The wire names of the properties that `PUT /jobs/{job_id}` does not take.
    public static var createOnlyKeys: Set<String> { Set(SyncJobField.allCases.filter { !$0.isUpdatable }.map(\.key)) }

    /// The wire names of every documented property.
    public static var documentedKeys: Set<String> { Set(SyncJobField.allCases.map(\.key)) }

    /// Sets one member by wire name from JSON (`null` removes it), as an app's settings
    /// dictionary or a portable ``JobUpdate`` asks.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` with `field` `settings.<key>`
    ///   when a documented property gets a value of the wrong JSON type.
    public mutating func set(_ key: String, to value: JSONValue) throws {
        guard let field = SyncJobField.byKey[key] else {
            if value.isNull {
                additionalFields.removeValue(forKey: key)
            } else {
                additionalFields[key] = value
            }
            return
        }
        for alias in field.wire.keys { additionalFields.removeValue(forKey: alias) }
        // Not `value.isNull ? nil : value`: JSONValue is ExpressibleByNilLiteral, so that `nil` is `.null`.
        if !assign(field, value.isNull ? JSONValue?.none : value) {
            throw JobBridgeError(
                .invalidDefinition, "the setting '\(key)' takes \(field.expected); got \(value.kindName)",
                provider: SyncClient.providerName, field: "settings.\(key)")
        }
    }

    /// The current value of a member by wire name, documented or additional.
    public func value(forKey key: String) -> JSONValue? {
        if let field = SyncJobField.byKey[key] { return value(of: field) }
        return additionalFields[key]
    }

    private func members(_ include: (SyncJobField) -> Bool) -> [String: JSONValue] {
        // Room for every member up front: the dictionary is built once, not grown (and
        // rehashed) step by step, for each job of a listing.
        var result = [String: JSONValue](minimumCapacity: additionalFields.count + SyncJobField.every.count)
        for (key, value) in additionalFields { result[key] = value }
        for field in SyncJobField.every where include(field) {
            if let value = value(of: field) { result[field.key] = value }
        }
        return result
    }
}

extension SyncJobSettings: Codable {
    /// Decodes settings from a JSON object (see ``init(json:)``).
    public init(from decoder: any Decoder) throws {
        self.init(wire: try WireObject(from: decoder, what: "job settings"), ignoring: [])
    }

    /// Encodes ``json``.
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}

/// The documented properties of ``SyncJobSettings``, in the order of the create table,
/// with what each is on the wire: its name (and aliases read), whether update takes it,
/// whether a portable ``Job`` field carries it, and what it takes (read with the core's
/// lenient scalars: ``JSONValue/lenientBool``, ``JSONValue/lenientInt64``).
enum SyncJobField: Int, CaseIterable, Sendable {
    case name, type, sourceConnectionID, destinationConnectionID, schedule, sendEmail, emailTo, emailSubject
    case emailErrorOnly, enableParallelProcessing, workerPool, verbosity, destinationSchema, tableNamePrefix
    case useGMTDateTime, historyMode, truncateTableData, dropTable, autoTruncateStrings, continueOnError
    case deletionBehavior, alterSchema, replicateInterval, replicateIntervalUnit, replicateStartDate, batchSize
    case preJobEvent, postJobEvent, cdcEngineSettings, labels, pipelineID, queries

    /// What a property is on the wire.
    struct Wire: Sendable {
        let key: String
        let keys: [String]
        let isUpdatable: Bool
        let isPortable: Bool
        let kind: Kind

        init(_ key: String, _ kind: Kind, updatable: Bool, portable: Bool = false, aliases: [String] = []) {
            self.key = key
            self.keys = [key] + aliases
            self.isUpdatable = updatable
            self.isPortable = portable
            self.kind = kind
        }
    }

    var wire: Wire { Self.wires[rawValue] }
    // Read for every field of every job of a listing: kept in flat tables, so that reading
    // one does not copy (retain and release) the whole `Wire`.
    /// Whether the property is read under more than one name.
    var hasAliases: Bool { Self.aliased[rawValue] }
    var key: String { Self.primaryKeys[rawValue] }
    var isUpdatable: Bool { Self.updatable[rawValue] }
    var isPortable: Bool { Self.portable[rawValue] }

    /// Every case, made once (`allCases` builds a new array at each call).
    static let every = allCases
    private static let primaryKeys = wires.map(\.key)
    private static let aliased = wires.map { $0.keys.count > 1 }
    private static let updatable = wires.map(\.isUpdatable)
    private static let portable = wires.map(\.isPortable)

    /// The JSON a property takes.
    enum Kind: Sendable {
        case string, bool, int, strings, schedule, any
    }

    /// What the property takes, in words, for error messages.
    var expected: String {
        switch wire.kind {
        case .string: return "a string"
        case .bool: return "a Boolean"
        case .int: return "an integer"
        case .strings: return "a list of strings"
        case .schedule: return "an object {enabled, cron}"
        case .any: return "any JSON value"
        }
    }

    private static let wires: [Wire] = allCases.map { field in
        switch field {
        case .name: return Wire("name", .string, updatable: true, portable: true)
        case .type: return Wire("type", .string, updatable: false, portable: true)
        case .sourceConnectionID: return Wire("source_connection_id", .string, updatable: false, portable: true)
        case .destinationConnectionID:
            return Wire("destination_connection_id", .string, updatable: false, portable: true)
        case .schedule:
            return Wire("schedule", .schedule, updatable: true, portable: true)
        case .sendEmail: return Wire("send_email", .bool, updatable: true)
        case .emailTo: return Wire("email_to", .string, updatable: true)
        case .emailSubject: return Wire("email_subject", .string, updatable: true)
        case .emailErrorOnly: return Wire("email_error_only", .bool, updatable: true, aliases: ["emailerroronly"])
        case .enableParallelProcessing: return Wire("enable_parallel_processing", .bool, updatable: false)
        case .workerPool: return Wire("worker_pool", .int, updatable: false)
        case .verbosity: return Wire("verbosity", .int, updatable: true)
        case .destinationSchema: return Wire("destination_schema", .string, updatable: false)
        case .tableNamePrefix: return Wire("table_name_prefix", .string, updatable: true)
        case .useGMTDateTime: return Wire("use_gmt_datetime", .bool, updatable: true)
        case .historyMode: return Wire("history_mode", .bool, updatable: false)
        case .truncateTableData: return Wire("truncate_table_data", .bool, updatable: true)
        case .dropTable: return Wire("drop_table", .bool, updatable: true)
        case .autoTruncateStrings: return Wire("auto_truncate_strings", .bool, updatable: true)
        case .continueOnError: return Wire("continue_on_error", .bool, updatable: true)
        case .deletionBehavior: return Wire("deletion_behavior", .string, updatable: false)
        case .alterSchema: return Wire("alter_schema", .bool, updatable: true)
        case .replicateInterval: return Wire("replicate_interval", .int, updatable: true)
        case .replicateIntervalUnit: return Wire("replicate_interval_unit", .string, updatable: true)
        case .replicateStartDate: return Wire("replicate_start_date", .string, updatable: true)
        case .batchSize: return Wire("batch_size", .int, updatable: true)
        case .preJobEvent: return Wire("pre_job_event", .string, updatable: true)
        case .postJobEvent: return Wire("post_job_event", .string, updatable: true)
        case .cdcEngineSettings: return Wire("cdc_engine_settings", .any, updatable: false)
        case .labels: return Wire("labels", .strings, updatable: true)
        case .pipelineID: return Wire("pipeline_id", .string, updatable: true)
        case .queries: return Wire("queries", .strings, updatable: false, portable: true)
        }
    }

    /// The property read under `key` (its wire name or an alias); `nil` for any other
    /// member. What ``byKey`` holds, found without hashing: by the name's length first,
    /// then by comparing with at most a few names (a listing reads every member of
    /// thousands of jobs).
    init?(wireKey key: String) {
        let field: SyncJobField?
        switch key.utf8.count {
        case 4:
            switch key {
            case "name": field = .name
            case "type": field = .type
            default: field = nil
            }
        case 6:
            switch key {
            case "labels": field = .labels
            default: field = nil
            }
        case 7:
            switch key {
            case "queries": field = .queries
            default: field = nil
            }
        case 8:
            switch key {
            case "email_to": field = .emailTo
            case "schedule": field = .schedule
            default: field = nil
            }
        case 9:
            switch key {
            case "verbosity": field = .verbosity
            default: field = nil
            }
        case 10:
            switch key {
            case "send_email": field = .sendEmail
            case "drop_table": field = .dropTable
            case "batch_size": field = .batchSize
            default: field = nil
            }
        case 11:
            switch key {
            case "worker_pool": field = .workerPool
            case "pipeline_id": field = .pipelineID
            default: field = nil
            }
        case 12:
            switch key {
            case "history_mode": field = .historyMode
            case "alter_schema": field = .alterSchema
            default: field = nil
            }
        case 13:
            switch key {
            case "email_subject": field = .emailSubject
            case "pre_job_event": field = .preJobEvent
            default: field = nil
            }
        case 14:
            switch key {
            case "emailerroronly": field = .emailErrorOnly
            case "post_job_event": field = .postJobEvent
            default: field = nil
            }
        case 16:
            switch key {
            case "email_error_only": field = .emailErrorOnly
            case "use_gmt_datetime": field = .useGMTDateTime
            default: field = nil
            }
        case 17:
            switch key {
            case "table_name_prefix": field = .tableNamePrefix
            case "continue_on_error": field = .continueOnError
            case "deletion_behavior": field = .deletionBehavior
            default: field = nil
            }
        case 18:
            switch key {
            case "destination_schema": field = .destinationSchema
            case "replicate_interval": field = .replicateInterval
            default: field = nil
            }
        case 19:
            switch key {
            case "truncate_table_data": field = .truncateTableData
            case "cdc_engine_settings": field = .cdcEngineSettings
            default: field = nil
            }
        case 20:
            switch key {
            case "source_connection_id": field = .sourceConnectionID
            case "replicate_start_date": field = .replicateStartDate
            default: field = nil
            }
        case 21:
            switch key {
            case "auto_truncate_strings": field = .autoTruncateStrings
            default: field = nil
            }
        case 23:
            switch key {
            case "replicate_interval_unit": field = .replicateIntervalUnit
            default: field = nil
            }
        case 25:
            switch key {
            case "destination_connection_id": field = .destinationConnectionID
            default: field = nil
            }
        case 26:
            switch key {
            case "enable_parallel_processing": field = .enableParallelProcessing
            default: field = nil
            }
        default: field = nil
        }
        guard let field else { return nil }
        self = field
    }

    /// Each property by its wire name and by its aliases.
    static let byKey: [String: SyncJobField] = {
        var result: [String: SyncJobField] = [:]
        for field in allCases {
            for key in field.wire.keys { result[key] = field }
        }
        return result
    }()

    /// Every wire name and alias of a documented property.
    static let knownKeys: Set<String> = Set(byKey.keys)
}

extension SyncJobSettings {
    /// A property as JSON, `nil` when not set.
    func value(of field: SyncJobField) -> JSONValue? {
        switch field {
        case .name: return name.map(JSONValue.string)
        case .type: return type.map { .string($0.rawValue) }
        case .sourceConnectionID: return sourceConnectionID.map(JSONValue.string)
        case .destinationConnectionID: return destinationConnectionID.map(JSONValue.string)
        case .schedule: return schedule?.json
        case .sendEmail: return sendEmail.map(JSONValue.bool)
        case .emailTo: return emailTo.map(JSONValue.string)
        case .emailSubject: return emailSubject.map(JSONValue.string)
        case .emailErrorOnly: return emailErrorOnly.map(JSONValue.bool)
        case .enableParallelProcessing: return enableParallelProcessing.map(JSONValue.bool)
        case .workerPool: return workerPool.map { .int(Int64($0)) }
        case .verbosity: return verbosity.map { .int(Int64($0)) }
        case .destinationSchema: return destinationSchema.map(JSONValue.string)
        case .tableNamePrefix: return tableNamePrefix.map(JSONValue.string)
        case .useGMTDateTime: return useGMTDateTime.map(JSONValue.bool)
        case .historyMode: return historyMode.map(JSONValue.bool)
        case .truncateTableData: return truncateTableData.map(JSONValue.bool)
        case .dropTable: return dropTable.map(JSONValue.bool)
        case .autoTruncateStrings: return autoTruncateStrings.map(JSONValue.bool)
        case .continueOnError: return continueOnError.map(JSONValue.bool)
        case .deletionBehavior: return deletionBehavior.map(JSONValue.string)
        case .alterSchema: return alterSchema.map(JSONValue.bool)
        case .replicateInterval: return replicateInterval.map { .int(Int64($0)) }
        case .replicateIntervalUnit: return replicateIntervalUnit.map(JSONValue.string)
        case .replicateStartDate: return replicateStartDate.map(JSONValue.string)
        case .batchSize: return batchSize.map { .int(Int64($0)) }
        case .preJobEvent: return preJobEvent.map(JSONValue.string)
        case .postJobEvent: return postJobEvent.map(JSONValue.string)
        case .cdcEngineSettings: return cdcEngineSettings
        case .labels: return labels.map { .array($0.map(JSONValue.string)) }
        case .pipelineID: return pipelineID.map(JSONValue.string)
        case .queries: return queries.map { .array($0.map(JSONValue.string)) }
        }
    }

    /// Sets a property from JSON (leniently: Booleans and integers also from strings), or
    /// clears it for `nil`. Returns `false`, changing nothing, when the JSON does not fit.
    mutating func assign(_ field: SyncJobField, _ json: JSONValue?) -> Bool {
        switch field {
        case .name: return Self.assign(&name, json) { $0.stringValue }
        case .type: return Self.assign(&type, json) { $0.stringValue.map(SyncJobType.init(rawValue:)) }
        case .sourceConnectionID: return Self.assign(&sourceConnectionID, json) { $0.stringValue }
        case .destinationConnectionID: return Self.assign(&destinationConnectionID, json) { $0.stringValue }
        case .schedule: return Self.assign(&schedule, json) { SyncSchedule(lenient: $0) }
        case .sendEmail: return Self.assign(&sendEmail, json) { $0.lenientBool }
        case .emailTo: return Self.assign(&emailTo, json) { $0.stringValue }
        case .emailSubject: return Self.assign(&emailSubject, json) { $0.stringValue }
        case .emailErrorOnly: return Self.assign(&emailErrorOnly, json) { $0.lenientBool }
        case .enableParallelProcessing: return Self.assign(&enableParallelProcessing, json) { $0.lenientBool }
        case .workerPool: return Self.assign(&workerPool, json, Self.int)
        case .verbosity: return Self.assign(&verbosity, json, Self.int)
        case .destinationSchema: return Self.assign(&destinationSchema, json) { $0.stringValue }
        case .tableNamePrefix: return Self.assign(&tableNamePrefix, json) { $0.stringValue }
        case .useGMTDateTime: return Self.assign(&useGMTDateTime, json) { $0.lenientBool }
        case .historyMode: return Self.assign(&historyMode, json) { $0.lenientBool }
        case .truncateTableData: return Self.assign(&truncateTableData, json) { $0.lenientBool }
        case .dropTable: return Self.assign(&dropTable, json) { $0.lenientBool }
        case .autoTruncateStrings: return Self.assign(&autoTruncateStrings, json) { $0.lenientBool }
        case .continueOnError: return Self.assign(&continueOnError, json) { $0.lenientBool }
        case .deletionBehavior: return Self.assign(&deletionBehavior, json) { $0.stringValue }
        case .alterSchema: return Self.assign(&alterSchema, json) { $0.lenientBool }
        case .replicateInterval: return Self.assign(&replicateInterval, json, Self.int)
        case .replicateIntervalUnit: return Self.assign(&replicateIntervalUnit, json) { $0.stringValue }
        case .replicateStartDate: return Self.assign(&replicateStartDate, json) { $0.stringValue }
        case .batchSize: return Self.assign(&batchSize, json, Self.int)
        case .preJobEvent: return Self.assign(&preJobEvent, json) { $0.stringValue }
        case .postJobEvent: return Self.assign(&postJobEvent, json) { $0.stringValue }
        case .cdcEngineSettings: return Self.assign(&cdcEngineSettings, json) { $0 }
        case .labels: return Self.assign(&labels, json, Self.strings)
        case .pipelineID: return Self.assign(&pipelineID, json) { $0.stringValue }
        case .queries: return Self.assign(&queries, json, Self.strings)
        }
    }

    private static func assign<Value>(
        _ target: inout Value?, _ json: JSONValue?, _ convert: (JSONValue) -> Value?
    ) -> Bool {
        guard let json else {
            target = nil
            return true
        }
        guard let value = convert(json) else { return false }
        target = value
        return true
    }

    private static func int(_ json: JSONValue) -> Int? { json.lenientInt64.flatMap { Int(exactly: $0) } }

    private static func strings(_ json: JSONValue) -> [String]? { json.strings }
}
