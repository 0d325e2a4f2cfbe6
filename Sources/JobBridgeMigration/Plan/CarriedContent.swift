import Foundation
import JobBridge

/// What a migration writes into a target's free slot (NX1: the `jobbridge` member of
/// `properties_json`): the provenance (key, plan, source) and, marked not enforced, what the
/// target cannot express — the source's tasks, settings, unknown fields, original kind and
/// the intended schedule of a target staged without one. A later migration from that target
/// reads it back to restore the original (exact round trips).
public struct CarriedContent: Hashable, Sendable, Codable {
    /// The provenance key.
    public var key: ProvenanceKey
    /// The plan that created the target.
    public var planID: String
    /// The source provider's name.
    public var sourceProvider: String
    /// The source provider's scope.
    public var sourceScope: String
    /// The source job's id.
    public var sourceID: String
    /// The target's split index.
    public var splitIndex: Int
    /// Always `false`: the target platform does not act on this content.
    public var enforced: Bool
    /// The source job's kind.
    public var kind: KindSnapshot?
    /// The source's settings the target has no field for, by the source's wire names.
    public var settings: [String: JSONValue]
    /// The source's tasks, in order.
    public var tasks: [TaskDefinitionSnapshot]
    /// Source fields no translator read, by path.
    public var fields: [String: JSONValue]
    /// The schedule the target takes at cutover (a target staged without one).
    public var schedule: ScheduleSnapshot?

    /// Creates carried content.
    public init(
        key: ProvenanceKey, planID: String, sourceProvider: String, sourceScope: String, sourceID: String,
        splitIndex: Int, kind: KindSnapshot? = nil, settings: [String: JSONValue] = [:],
        tasks: [TaskDefinitionSnapshot] = [], fields: [String: JSONValue] = [:], schedule: ScheduleSnapshot? = nil
    ) {
        self.key = key
        self.planID = planID
        self.sourceProvider = sourceProvider
        self.sourceScope = sourceScope
        self.sourceID = sourceID
        self.splitIndex = splitIndex
        self.enforced = false
        self.kind = kind
        self.settings = settings
        self.tasks = tasks
        self.fields = fields
        self.schedule = schedule
    }

    /// The content as a settings value.
    public var json: JSONValue {
        (try? CanonicalJSON.data(self)).flatMap { try? JSONValue(data: $0) } ?? .null
    }

    /// Reads carried content from a settings value; `nil` when it is not one.
    public init?(json: JSONValue?) {
        guard let json, json.objectValue != nil, let data = try? json.data(),
            let content = try? CanonicalJSON.decoder().decode(CarriedContent.self, from: data)
        else { return nil }
        self = content
    }

    /// Decodes carried content; the lists and maps may be absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(ProvenanceKey.self, forKey: .key)
        planID = try c.decodeIfPresent(String.self, forKey: .planID) ?? ""
        sourceProvider = try c.decodeIfPresent(String.self, forKey: .sourceProvider) ?? ""
        sourceScope = try c.decodeIfPresent(String.self, forKey: .sourceScope) ?? ""
        sourceID = try c.decodeIfPresent(String.self, forKey: .sourceID) ?? ""
        splitIndex = try c.decodeIfPresent(Int.self, forKey: .splitIndex) ?? 0
        enforced = try c.decodeIfPresent(Bool.self, forKey: .enforced) ?? false
        kind = try c.decodeIfPresent(KindSnapshot.self, forKey: .kind)
        settings = try c.decodeIfPresent([String: JSONValue].self, forKey: .settings) ?? [:]
        tasks = try c.decodeIfPresent([TaskDefinitionSnapshot].self, forKey: .tasks) ?? []
        fields = try c.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
        schedule = try c.decodeIfPresent(ScheduleSnapshot.self, forKey: .schedule)
    }
}
