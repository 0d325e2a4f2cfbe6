import Foundation
import JobBridge

/// The types and values the document gives the job body's members, checked on create and
/// update.
enum WireRules {
    static let booleans: Set<String> = [
        "send_email", "email_error_only", "enable_parallel_processing", "use_gmt_datetime", "history_mode",
        "truncate_table_data", "drop_table", "auto_truncate_strings", "continue_on_error", "alter_schema",
    ]
    static let integers: Set<String> = ["worker_pool", "verbosity", "replicate_interval", "batch_size"]
    static let strings: Set<String> = [
        "name", "type", "source_connection_id", "destination_connection_id", "email_to", "email_subject",
        "destination_schema", "table_name_prefix", "deletion_behavior", "replicate_interval_unit",
        "replicate_start_date", "pre_job_event", "post_job_event", "pipeline_id",
    ]
    static let createOnly: Set<String> = [
        "type", "source_connection_id", "destination_connection_id", "enable_parallel_processing", "worker_pool",
        "destination_schema", "history_mode", "deletion_behavior", "cdc_engine_settings", "queries",
    ]
    static let types: Set<String> = ["Standard", "SyncAll", "LoadFolder", "ChangeDataCapture", "ReverseETL"]
    static let units: Set<String> = ["minutes", "hours", "days", "weeks", "months", "years"]

    /// What is wrong with a job body's members, or `nil`.
    static func problem(in members: [String: JSONValue]) -> String? {
        for (key, value) in members.sorted(by: { $0.key < $1.key }) where !value.isNull {
            if booleans.contains(key), value.boolValue == nil { return "'\(key)' must be a Boolean" }
            if integers.contains(key), value.intValue == nil { return "'\(key)' must be an integer" }
            if strings.contains(key), value.stringValue == nil { return "'\(key)' must be a string" }
        }
        if let type = members["type"]?.stringValue, !types.contains(type) {
            return "'type' must be one of \(types.sorted().joined(separator: ", "))"
        }
        if let verbosity = members["verbosity"]?.intValue, ![1, 2, 3, 5].contains(verbosity) {
            return "'verbosity' must be 1, 2, 3 or 5"
        }
        if let unit = members["replicate_interval_unit"]?.stringValue, !units.contains(unit) {
            return "'replicate_interval_unit' must be one of \(units.sorted().joined(separator: ", "))"
        }
        if let queries = members["queries"], !queries.isNull {
            guard let list = queries.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                return "'queries' must be a list of strings"
            }
        }
        if let labels = members["labels"], !labels.isNull {
            guard let list = labels.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                return "'labels' must be a list of strings"
            }
        }
        if let schedule = members["schedule"], !schedule.isNull {
            guard case .object(let fields) = schedule else { return "'schedule' must be an object" }
            if let enabled = fields["enabled"], enabled.boolValue == nil {
                return "'schedule.enabled' must be a Boolean"
            }
            if let cron = fields["cron"] {
                guard let text = cron.stringValue else { return "'schedule.cron' must be a string" }
                let count = text.split(separator: " ").count
                if !text.trimmingWhitespace().isEmpty, count != 5 {
                    return "'schedule.cron' must have 5 fields; '\(text)' has \(count)"
                }
            }
        }
        return nil
    }
}
