import Foundation
import JobBridge

/// A saved migration plan: everything apply needs, and nothing secret.
///
/// Made by ``JobBridgeMigration/plan(from:selection:to:mapping:options:previous:)`` with zero
/// mutating calls; deterministic (two plans from the same inputs encode to the same bytes
/// with ``encoded(pretty:)``); refused on decode when its ``formatVersion`` is not one this
/// module reads.
public struct MigrationPlan: Hashable, Sendable, Codable {
    /// The plan format's version (``JobBridgeMigration/formatVersion``).
    public var formatVersion: Int
    /// The plan's id: a fingerprint of its inputs (providers, scopes, source fingerprints,
    /// mapping, options, target names checked).
    public var planID: String
    /// The source provider's name (its descriptor's).
    public var sourceProvider: String
    /// The source provider's scope (a Sync workspace; empty when it has none).
    public var sourceScope: String
    /// The target provider's name.
    public var targetProvider: String
    /// The target provider's scope.
    public var targetScope: String
    /// The fingerprint of the mapping the plan was made with.
    public var mappingFingerprint: Fingerprint
    /// The fingerprint of the target jobs the plan checked names and provenance against.
    public var targetNamesFingerprint: Fingerprint
    /// The options the plan was made with.
    public var options: MigrationOptions
    /// The selected jobs, ordered by source id.
    public var jobs: [PlannedJob]
    /// Counts per verdict and per action.
    public var totals: PlanTotals

    /// Creates a plan; ``totals`` are computed from the jobs.
    public init(
        formatVersion: Int = JobBridgeMigration.formatVersion, planID: String, sourceProvider: String,
        sourceScope: String, targetProvider: String, targetScope: String, mappingFingerprint: Fingerprint,
        targetNamesFingerprint: Fingerprint, options: MigrationOptions, jobs: [PlannedJob]
    ) {
        self.formatVersion = formatVersion
        self.planID = planID
        self.sourceProvider = sourceProvider
        self.sourceScope = sourceScope
        self.targetProvider = targetProvider
        self.targetScope = targetScope
        self.mappingFingerprint = mappingFingerprint
        self.targetNamesFingerprint = targetNamesFingerprint
        self.options = options
        self.jobs = jobs
        self.totals = PlanTotals(jobs)
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion, planID, sourceProvider, sourceScope, targetProvider, targetScope, mappingFingerprint
        case targetNamesFingerprint, options, jobs, totals
    }

    /// Decodes a plan, refusing a format version this module does not read.
    ///
    /// - Throws: `JobBridgeError.Code.invalidDefinition` (field `formatVersion`) for an
    ///   unknown version, before anything else is read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version == JobBridgeMigration.formatVersion else {
            throw JobBridgeError(
                .invalidDefinition,
                "the plan's format version is \(version); this JobBridgeMigration reads version "
                    + "\(JobBridgeMigration.formatVersion) only: plan again with this version",
                field: "formatVersion")
        }
        formatVersion = version
        planID = try container.decode(String.self, forKey: .planID)
        sourceProvider = try container.decode(String.self, forKey: .sourceProvider)
        sourceScope = try container.decode(String.self, forKey: .sourceScope)
        targetProvider = try container.decode(String.self, forKey: .targetProvider)
        targetScope = try container.decode(String.self, forKey: .targetScope)
        mappingFingerprint = try container.decode(Fingerprint.self, forKey: .mappingFingerprint)
        targetNamesFingerprint = try container.decode(Fingerprint.self, forKey: .targetNamesFingerprint)
        options = try container.decode(MigrationOptions.self, forKey: .options)
        jobs = try container.decode([PlannedJob].self, forKey: .jobs)
        totals = try container.decode(PlanTotals.self, forKey: .totals)
    }

    /// The plan's canonical JSON (sorted keys): byte-identical for equal plans.
    public func encoded(pretty: Bool = true) throws -> Data { try CanonicalJSON.data(self, pretty: pretty) }

    /// Reads a plan file.
    ///
    /// - Throws: `JobBridgeError.Code.invalidDefinition` for an unknown format version or
    ///   a file that is not a plan (naming the member that failed).
    public static func decode(from data: Data) throws -> MigrationPlan {
        do {
            return try CanonicalJSON.decoder().decode(MigrationPlan.self, from: data)
        } catch let error as JobBridgeError {
            throw error
        } catch let error as DecodingError {
            var path = ""
            switch error {
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
                path = c.codingPath.map(\.stringValue).joined(separator: ".")
            case .keyNotFound(let key, let c):
                path = (c.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            @unknown default: break
            }
            throw JobBridgeError(
                .invalidDefinition, "the file is not a JobBridge migration plan (at '\(path)')",
                field: path.isEmpty ? "plan" : path)
        }
    }

    /// The planned job for a source id.
    public func job(sourceID: String) -> PlannedJob? { jobs.first { $0.sourceID == sourceID } }
}

/// A plan's counts: jobs, targets, and jobs per verdict and per action (every verdict and
/// action listed, zero included, so that totals compare field by field).
public struct PlanTotals: Hashable, Sendable, Codable {
    /// Selected jobs.
    public var jobs: Int
    /// Planned targets (a split job counts each).
    public var targets: Int
    /// Jobs per verdict name.
    public var byVerdict: [String: Int]
    /// Jobs per action name.
    public var byAction: [String: Int]

    /// The totals of some planned jobs.
    public init(_ jobs: [PlannedJob]) {
        self.init()
        for job in jobs { add(job) }
    }

    /// The totals of no job (every verdict and action at zero).
    init() {
        jobs = 0
        targets = 0
        byVerdict = Dictionary(uniqueKeysWithValues: MigrationVerdict.allCases.map { ($0.rawValue, 0) })
        byAction = Dictionary(uniqueKeysWithValues: MigrationAction.allCases.map { ($0.rawValue, 0) })
    }

    /// Counts one more job: how a plan written job by job keeps its totals.
    mutating func add(_ job: PlannedJob) {
        jobs += 1
        targets += job.targets.count
        byVerdict[job.verdict.rawValue, default: 0] += 1
        byAction[job.action.rawValue, default: 0] += 1
    }
}
