import Foundation
import JobBridge
import JobBridgeMigration

/// Wire JSON of a CData Sync job for the corpus.
func syncJob(
    _ name: String, cron: String = "0 */6 * * ?", gmt: Bool? = true, enabled: Bool = true, type: String = "Standard",
    source: String = "c-sf", destination: String = "c-sn", queries: [String] = ["REPLICATE [Account]"],
    extra: [String: JSONValue] = [:]
) -> JSONValue {
    var members: [String: JSONValue] = [
        "name": .string(name), "type": .string(type), "source_connection_id": .string(source),
        "destination_connection_id": .string(destination),
        "schedule": ["enabled": .bool(enabled), "cron": .string(cron)],
    ]
    if let gmt { members["use_gmt_datetime"] = .bool(gmt) }
    if !queries.isEmpty { members["queries"] = .array(queries.map(JSONValue.string)) }
    for (key, value) in extra { members[key] = value }
    return .object(members)
}

/// The create body of a CData Connect job for the corpus (2024-01-01 anchors unless given).
func connectJob(
    _ name: String, source: String, unit: String? = "Hour", value: Int = 6,
    firstRun: String? = "2024-01-01T00:00:00Z", enabled: Bool = true, table: String = "Account",
    schema: String = "Salesforce", jobType: String = "Caching", logVerbosity: Int? = nil,
    params: [String: JSONValue] = [:], extra: [String: JSONValue] = [:]
) -> JSONValue {
    var p: [String: JSONValue] = ["sourceConnection": .string(source)]
    if jobType == "ScheduledQuery" {
        p["query"] = .string("SELECT * FROM [\(table)]")
    } else {
        p["sourceSchema"] = .string(schema)
        p["sourceTable"] = .string(table)
    }
    for (key, v) in params { p[key] = v }
    var members: [String: JSONValue] = [
        "jobType": .string(jobType), "name": .string(name), "enabled": .bool(enabled), "params": .object(p),
    ]
    if let unit {
        members["intervalUnit"] = .string(unit)
        members["intervalValue"] = .int(Int64(value))
    }
    if let firstRun { members["definedNextRun"] = .string(firstRun) }
    if let logVerbosity { members["logVerbosity"] = .int(Int64(logVerbosity)) }
    for (key, v) in extra { members[key] = v }
    return .object(members)
}

/// Wire JSON of an NX1 job for the corpus.
func nx1Job(
    _ name: String, type: String = "airflow.ingest", source: String? = "salesforce prod",
    destination: String? = "warehouse", schedule: String? = "0 6 * * *", properties: JSONValue? = nil,
    extra: [String: JSONValue] = [:]
) -> [String: JSONValue] {
    var members: [String: JSONValue] = [
        "job_name": .string(name), "job_type": .string(type),
        "source": source.map(JSONValue.string) ?? .null, "destination": destination.map(JSONValue.string) ?? .null,
        "schedule": schedule.map(JSONValue.string) ?? .null,
    ]
    if let properties {
        members["properties_json"] = .string(String(decoding: (try? properties.data()) ?? Data(), as: UTF8.self))
    } else {
        members["properties_json"] = .null
    }
    for (key, v) in extra { members[key] = v }
    return members
}
