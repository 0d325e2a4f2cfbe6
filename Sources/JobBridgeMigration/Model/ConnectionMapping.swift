import Foundation
import JobBridge

/// What the operator supplies that the providers cannot tell: which target connection
/// stands for each source connection, which tables a job without tasks copies, which job
/// type to use, schedule overrides, and the zone of a server that reads cron in local time.
///
/// Loaded from JSON with ``load(from:)``, which refuses unknown members (a mistyped key is an
/// error, never silently ignored). Connections are never credentials: only ids and texts.
///
/// ```json
/// {
///   "connections": {"c-salesforce": "4f1c…", "Salesforce prod": "c-salesforce"},
///   "cacheDestination": "c-postgres-cache",
///   "tables": {"8d2e…": [{"schema": "dbo", "name": "Accounts"}]},
///   "jobTypes": {"Standard": "airflow.ingest"},
///   "scheduleOverrides": {"42": {"kind": "cron", "text": "0 6 * * *", "dialect": "airflow", "timeZone": "GMT"}},
///   "serverTimeZone": "America/New_York"
/// }
/// ```
public struct ConnectionMapping: Hashable, Sendable, Codable {
    /// Source connection id (CData Connect, CData Sync) or text (NX1) → target connection id
    /// or text.
    public var connections: [String: String]
    /// The target connection for the destination of jobs whose source destination is implied
    /// (CData Connect's cache), when the cache connection's id is not itself in
    /// ``connections``.
    public var cacheDestination: String?
    /// Source job id or name → the tables it copies, for sources that name none (NX1).
    public var tables: [String: [TableRef]]
    /// Source kind (its provider value, such as `Standard`, or its category, such as
    /// `replication`) → the target's job type (its provider value, such as `airflow.ingest`).
    public var jobTypes: [String: String]
    /// Source job id → the schedule to give its target instead of a translated one.
    public var scheduleOverrides: [String: ScheduleSnapshot]
    /// The zone (identifier) of a provider whose cron is read in the server's local time
    /// (CData Sync when `use_gmt_datetime` is not true): the API does not say it.
    public var serverTimeZone: String?

    /// Creates a mapping.
    public init(
        connections: [String: String] = [:], cacheDestination: String? = nil, tables: [String: [TableRef]] = [:],
        jobTypes: [String: String] = [:], scheduleOverrides: [String: ScheduleSnapshot] = [:],
        serverTimeZone: String? = nil
    ) {
        self.connections = connections
        self.cacheDestination = cacheDestination
        self.tables = tables
        self.jobTypes = jobTypes
        self.scheduleOverrides = scheduleOverrides
        self.serverTimeZone = serverTimeZone
    }

    /// The members a mapping file may have.
    public static let members: Set<String> = [
        "connections", "cacheDestination", "tables", "jobTypes", "scheduleOverrides", "serverTimeZone",
    ]

    /// Reads a mapping file.
    ///
    /// - Throws: `JobBridgeError.Code.invalidDefinition` naming the member: not JSON, not
    ///   an object, an unknown member, a member of the wrong shape, or an unknown zone.
    public static func load(from data: Data) throws -> ConnectionMapping {
        let json: JSONValue
        do {
            json = try JSONValue(data: data)
        } catch {
            throw JobBridgeError(.invalidDefinition, "the connection mapping is not valid JSON", field: "mapping")
        }
        guard let object = json.objectValue else {
            throw JobBridgeError(.invalidDefinition, "the connection mapping must be a JSON object", field: "mapping")
        }
        if let unknown = object.keys.sorted().first(where: { !members.contains($0) }) {
            throw JobBridgeError(
                .invalidDefinition,
                "the connection mapping has an unknown member '\(unknown)'; known: "
                    + members.sorted().joined(separator: ", "), field: "mapping.\(unknown)")
        }
        let mapping: ConnectionMapping
        do {
            mapping = try CanonicalJSON.decoder().decode(ConnectionMapping.self, from: data)
        } catch let error as DecodingError {
            throw JobBridgeError(
                .invalidDefinition, "the connection mapping has a member of the wrong shape",
                field: "mapping." + Self.path(of: error))
        }
        if let zone = mapping.serverTimeZone, TimeZone(identifier: zone) == nil {
            throw JobBridgeError(
                .invalidDefinition, "'\(zone)' is not a time zone this system knows", field: "mapping.serverTimeZone")
        }
        return mapping
    }

    /// Decodes a mapping (missing members are empty).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        connections = try container.decodeIfPresent([String: String].self, forKey: .connections) ?? [:]
        cacheDestination = try container.decodeIfPresent(String.self, forKey: .cacheDestination)
        tables = try container.decodeIfPresent([String: [TableRef]].self, forKey: .tables) ?? [:]
        jobTypes = try container.decodeIfPresent([String: String].self, forKey: .jobTypes) ?? [:]
        scheduleOverrides =
            try container.decodeIfPresent([String: ScheduleSnapshot].self, forKey: .scheduleOverrides) ?? [:]
        serverTimeZone = try container.decodeIfPresent(String.self, forKey: .serverTimeZone)
    }

    /// The mapping's fingerprint (what apply compares to refuse a stale plan).
    public var fingerprint: Fingerprint { (try? Fingerprint(of: self)) ?? Fingerprint(text: "") }

    private static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): context = c
        case .keyNotFound(let key, let c): return (c.codingPath + [key]).map(\.stringValue).joined(separator: ".")
        @unknown default: return ""
        }
        return context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}
