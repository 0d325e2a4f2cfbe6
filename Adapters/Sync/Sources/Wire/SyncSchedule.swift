import Foundation
import JobBridge

/// A job's `schedule`: `{"enabled": true, "cron": "0 */6 * * *"}`.
public struct SyncSchedule: Hashable, Sendable, Codable {
    /// `enabled`: whether the job runs on its cron.
    public var enabled: Bool?
    /// `cron`: the five-field cron expression in Sync's dialect; `""` for none.
    public var cron: String?
    /// Members this type does not know, kept as they came.
    public var additionalFields: [String: JSONValue]

    /// Creates a schedule.
    public init(enabled: Bool? = nil, cron: String? = nil, additionalFields: [String: JSONValue] = [:]) {
        self.enabled = enabled
        self.cron = cron
        self.additionalFields = additionalFields
    }

    /// Reads a schedule object leniently; `nil` if `json` is not an object.
    init?(lenient json: JSONValue) {
        guard case .object(var members) = json else { return nil }
        let enabled = members.removeValue(forKey: "enabled")
        let cron = members.removeValue(forKey: "cron")
        if let enabled, !enabled.isNull, enabled.lenientBool == nil { return nil }
        if let cron, !cron.isNull, cron.stringValue == nil { return nil }
        self.init(enabled: enabled?.lenientBool, cron: cron?.stringValue, additionalFields: members)
    }

    /// The schedule as JSON.
    public var json: JSONValue {
        var members = additionalFields
        if let enabled { members["enabled"] = .bool(enabled) }
        if let cron { members["cron"] = .string(cron) }
        return .object(members)
    }

    /// Decodes a schedule object.
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue.tree(of: decoder) ?? JSONValue(from: decoder)
        guard let schedule = SyncSchedule(lenient: json) else {
            throw DecodingError.typeMismatch(
                SyncSchedule.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected {\"enabled\": Boolean, \"cron\": string}, found \(json.kindName)"))
        }
        self = schedule
    }

    /// Encodes ``json``.
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }
}
