import Foundation
import JobBridge

/// A job of a listing, mapped to its portable form as its page is read: what
/// ``SyncProvider/jobs()`` lists.
///
/// Most jobs a server sends are plain: every documented member under its own name with the
/// JSON type it documents, no alias, no embedded tasks. Such a job is mapped straight from
/// its JSON in one pass over its members (``SyncMapping/plainJob(_:serverTimeZone:)``),
/// without building the native ``SyncJob`` and its typed settings first, which took more
/// than half of a 10,000-job listing's time. Any other job takes the general way,
/// `SyncMapping.job(SyncJob(...))`, and both ways give the same ``Job`` for every job
/// (tested on every fixture and on generated jobs, lenient and odd ones included).
struct SyncListedJob: Decodable, Sendable, SyncTreeReadable {
    /// The portable job.
    var job: Job

    static var what: String { "a job" }

    /// Maps a job from its wire object, straight when it is plain.
    ///
    /// - Throws: What ``SyncJob`` throws for a job it cannot read.
    init(wire: WireObject, timeZone: TimeZone) throws {
        if let plain = SyncMapping.plainJob(wire.members, serverTimeZone: timeZone) {
            job = plain
        } else {
            job = SyncMapping.job(try SyncJob(wire: wire, timeZone: timeZone), serverTimeZone: timeZone)
        }
    }

    /// Decodes a job (zone-less dates and crons in the server time zone the decoder holds).
    init(from decoder: any Decoder) throws {
        try self.init(
            wire: WireObject(from: decoder, what: Self.what), timeZone: SyncDecoding.serverTimeZone(decoder))
    }
}

extension SyncMapping {
    /// The portable job of a plain job's JSON members, in one pass; `nil` when the job is
    /// not plain, and must be read as a ``SyncJob`` and mapped with
    /// ``job(_:tasks:serverTimeZone:)``, which gives the same result for a plain job.
    ///
    /// Plain means: an `id` string; every documented setting under its own wire name (no
    /// alias) and either `null` or of its documented JSON type exactly (a Boolean written
    /// as `"true"` or a number as a string is read leniently by the general way); a
    /// `schedule` object whose `enabled` is a Boolean and `cron` a string, when present; a
    /// `workspace_id` string or integer; no `job_id`, `tasks` or other spelling of the dates
    /// than `created_at` and `modified_at`. Members the settings do not document are kept as
    /// they came, as ``SyncJobSettings/additionalFields`` keeps them.
    static func plainJob(_ members: [String: JSONValue], serverTimeZone: TimeZone) -> Job? {
        var settings = [String: JSONValue](minimumCapacity: members.count)
        var id: String?
        var name: String?
        var type: String?
        var source: String?
        var destination: String?
        var cron: String?
        var enabled: Bool?
        var useGMT: Bool?
        var created: JSONValue?
        var modified: JSONValue?
        for (key, value) in members {
            // Most members are documented settings, found by name without hashing; only the
            // others are compared with the job's own member names.
            guard let field = SyncJobField(wireKey: key) else {
                switch key {
                case "id":
                    guard case .string(let text) = value else { return nil }
                    id = text
                case "workspace_id":
                    switch value {
                    case .string, .int, .null: break
                    default: return nil
                    }
                case "created_at": created = value
                case "modified_at": modified = value
                case "job_id", "created", "modified", "updated_at", "last_modified", "tasks": return nil
                default: settings[key] = value
                }
                continue
            }
            guard field.key == key else { return nil }
            if value.isNull { continue }
            switch field {
            case .name:
                guard case .string(let text) = value else { return nil }
                name = text
            case .type:
                guard case .string(let text) = value else { return nil }
                type = text
            case .sourceConnectionID:
                guard case .string(let text) = value else { return nil }
                source = text
            case .destinationConnectionID:
                guard case .string(let text) = value else { return nil }
                destination = text
            case .schedule:
                guard case .object(let schedule) = value else { return nil }
                switch schedule["enabled"] {
                case nil, .null?: break
                case .bool(let flag)?: enabled = flag
                default: return nil
                }
                switch schedule["cron"] {
                case nil, .null?: break
                case .string(let text)?: cron = text
                default: return nil
                }
            case .queries:
                guard isPlain(value, .strings) else { return nil }
            default:
                guard isPlain(value, field.wire.kind) else { return nil }
                if field == .useGMTDateTime { useGMT = value.boolValue }
                settings[key] = value
            }
        }
        guard let id else { return nil }
        let (schedule, isEnabled) = schedule(
            cron: cron, enabled: enabled, useGMT: useGMT, serverTimeZone: serverTimeZone)
        return Job(
            id: JobID(id), name: name ?? "", kind: kind(type.map(SyncJobType.init(rawValue:))),
            source: source.map { ConnectionRef(id: ConnectionID($0)) },
            destination: destination.map { ConnectionRef(id: ConnectionID($0)) }, schedule: schedule,
            isEnabled: isEnabled, tasks: [], createdAt: SyncDecoding.date(created, timeZone: serverTimeZone),
            modifiedAt: SyncDecoding.date(modified, timeZone: serverTimeZone), settings: settings,
            providerData: .object(members))
    }

    /// Whether `value` is exactly the JSON a setting of this kind documents, so that the
    /// typed settings would write it back unchanged.
    private static func isPlain(_ value: JSONValue, _ kind: SyncJobField.Kind) -> Bool {
        switch (kind, value) {
        case (.string, .string), (.bool, .bool), (.int, .int), (.any, _): return true
        case (.strings, .array(let elements)):
            return elements.allSatisfy { if case .string = $0 { true } else { false } }
        default: return false
        }
    }
}
