/// A stable code for a loss, a refusal or a piece of information, as listed in the
/// migration reference (§5): never renamed or reused; new ones are appended.
///
/// Each code has an ``Effect`` (what it does to a verdict), a meaning and a remedy, in
/// ``catalogue``. Unknown codes read from a newer plan or journal are kept as they are
/// (``isKnown`` is then `false`).
public struct LossCode: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The code, such as `SCHEDULE_DST`.
    public let rawValue: String

    /// Wraps a code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// What a code does.
    public enum Effect: String, Hashable, Sendable, Codable, CaseIterable {
        /// The job is at best approximate (reference letter A).
        case approximate
        /// The job is impossible (I).
        case impossible
        /// The job is blocked until the operator supplies something (B).
        case blocked
        /// A run (apply, cutover, rollback) is refused (R).
        case refusal
        /// Information only; the verdict is unchanged (i).
        case information

        /// The verdict a loss of this effect gives its part: ``MigrationVerdict/exact`` for
        /// information and refusals (a refusal is about a run, not a job's fidelity).
        public var verdict: MigrationVerdict {
            switch self {
            case .approximate: return .approximate
            case .impossible: return .impossible
            case .blocked: return .blocked
            case .refusal, .information: return .exact
            }
        }
    }

    /// What the catalogue says of a code.
    public struct Entry: Hashable, Sendable {
        /// The code's effect.
        public let effect: Effect
        /// What the code means, in one sentence.
        public let meaning: String
        /// What the operator can do about it.
        public let remedy: String
    }

    /// The code's text.
    public var description: String { rawValue }

    /// Orders codes by their text.
    public static func < (lhs: LossCode, rhs: LossCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes the code (a single string).
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the code as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The catalogue entry; `nil` for a code this version does not know.
    public var entry: Entry? { Self.catalogue[self] }

    /// Whether this version knows the code.
    public var isKnown: Bool { entry != nil }

    /// The code's effect (``Effect/approximate`` for an unknown code: it names something
    /// this version cannot judge).
    public var effect: Effect { entry?.effect ?? .approximate }

    /// The code's remedy (empty for an unknown code).
    public var remedy: String { entry?.remedy ?? "" }

    /// The code's meaning (empty for an unknown code).
    public var meaning: String { entry?.meaning ?? "" }

    /// `SCHEDULE_DST` (approximate): sides differ only on daylight-saving transition days; the count and the largest deviation are given.
    public static let scheduleDST = LossCode(rawValue: "SCHEDULE_DST")
    /// `SCHEDULE_DRIFT` (approximate): the nearest target schedule differs outside daylight-saving days (Day×5, Hour×5, day 29–31).
    public static let scheduleDrift = LossCode(rawValue: "SCHEDULE_DRIFT")
    /// `SCHEDULE_UNEXPRESSIBLE` (impossible): the target has no schedule of that kind (`L W #` or minutes into Connect, `@once`, manual into Connect, both day fields into Sync).
    public static let scheduleUnexpressible = LossCode(rawValue: "SCHEDULE_UNEXPRESSIBLE")
    /// `SCHEDULE_ANCHOR_GUESSED` (approximate): an interval job without a defined first run; the phase was taken from its next run time.
    public static let scheduleAnchorGuessed = LossCode(rawValue: "SCHEDULE_ANCHOR_GUESSED")
    /// `SCHEDULE_ZONE_UNKNOWN` (blocked): a CData Sync job in the server's local time, and the server's zone was not given.
    public static let scheduleZoneUnknown = LossCode(rawValue: "SCHEDULE_ZONE_UNKNOWN")
    /// `NAME_SET_BY_PROVIDER` (approximate): the target cannot take a name through its documented API; the plan says what name to expect, or that it is unknown.
    public static let nameSetByProvider = LossCode(rawValue: "NAME_SET_BY_PROVIDER")
    /// `KIND_CHANGED` (approximate): the target's job type means something else.
    public static let kindChanged = LossCode(rawValue: "KIND_CHANGED")
    /// `KIND_UNSUPPORTED` (impossible): the target has no kind for this job (e.g. ReverseETL into Connect).
    public static let kindUnsupported = LossCode(rawValue: "KIND_UNSUPPORTED")
    /// `TASKS_SPLIT` (approximate): N tasks become N target jobs; their order and single run are lost; cutover acts on the group.
    public static let tasksSplit = LossCode(rawValue: "TASKS_SPLIT")
    /// `TASKS_DROPPED` (approximate): a task cannot be expressed (custom SQL, inactive); impossible when none remains.
    public static let tasksDropped = LossCode(rawValue: "TASKS_DROPPED")
    /// `TASKS_CARRIED` (approximate): tasks kept in the target's free slot (NX1 properties_json), not enforced.
    public static let tasksCarried = LossCode(rawValue: "TASKS_CARRIED")
    /// `TASKS_MISSING` (blocked): the target needs a table or task the source does not name.
    public static let tasksMissing = LossCode(rawValue: "TASKS_MISSING")
    /// `CONNECTION_UNMAPPED` (blocked): no mapping for a source connection id or text.
    public static let connectionUnmapped = LossCode(rawValue: "CONNECTION_UNMAPPED")
    /// `CONNECTION_NOT_FOUND` (blocked): the mapped target connection is not in the target's list.
    public static let connectionNotFound = LossCode(rawValue: "CONNECTION_NOT_FOUND")
    /// `CONNECTION_TYPE_MISMATCH` (blocked): the mapped connection's driver differs from the source's.
    public static let connectionTypeMismatch = LossCode(rawValue: "CONNECTION_TYPE_MISMATCH")
    /// `DESTINATION_IMPLIED` (approximate): the target fixes the destination (CData Connect's cache).
    public static let destinationImplied = LossCode(rawValue: "DESTINATION_IMPLIED")
    /// `CONNECT_NO_CACHE` (blocked): the CData Connect account has no cache connection.
    public static let connectNoCache = LossCode(rawValue: "CONNECT_NO_CACHE")
    /// `SOURCE_RELATIONAL_NO_CACHE` (impossible): CData Connect cannot cache relational sources.
    public static let sourceRelationalNoCache = LossCode(rawValue: "SOURCE_RELATIONAL_NO_CACHE")
    /// `SETTING_DROPPED` (approximate): a native setting with no target field and no free slot.
    public static let settingDropped = LossCode(rawValue: "SETTING_DROPPED")
    /// `SETTING_CHANGED` (approximate): a setting mapped to the nearest value (log verbosity 4 → 3 or 5).
    public static let settingChanged = LossCode(rawValue: "SETTING_CHANGED")
    /// `SETTING_CARRIED` (approximate): a setting kept verbatim in the target's free slot (NX1 properties_json), not enforced.
    public static let settingCarried = LossCode(rawValue: "SETTING_CARRIED")
    /// `FIELD_UNKNOWN` (approximate): a source field no translator read; its path is named.
    public static let fieldUnknown = LossCode(rawValue: "FIELD_UNKNOWN")
    /// `TARGET_EXISTS` (blocked): a job of the same name exists on the target and is not this migration's.
    public static let targetExists = LossCode(rawValue: "TARGET_EXISTS")
    /// `ALREADY_MIGRATED` (information): the provenance key was found on the target and the target matches.
    public static let alreadyMigrated = LossCode(rawValue: "ALREADY_MIGRATED")
    /// `SOURCE_DISABLED` (information): the source is off; the target stays off after cutover.
    public static let sourceDisabled = LossCode(rawValue: "SOURCE_DISABLED")
    /// `PLAN_STALE` (refusal): a source job, the mapping or the target names changed since the plan was made.
    public static let planStale = LossCode(rawValue: "PLAN_STALE")
    /// `PREFLIGHT_FAILED` (refusal): the target is unreachable, the credentials are invalid, or a capability is missing (named).
    public static let preflightFailed = LossCode(rawValue: "PREFLIGHT_FAILED")
    /// `LOCK_HELD` (refusal): the journal is held by the named holder.
    public static let lockHeld = LossCode(rawValue: "LOCK_HELD")
    /// `LOCK_STALE` (refusal): the journal's holder is gone or its lease expired.
    public static let lockStale = LossCode(rawValue: "LOCK_STALE")
    /// `VERIFY_MISMATCH` (blocked): the target read back differs in a named field; it is not eligible for cutover.
    public static let verifyMismatch = LossCode(rawValue: "VERIFY_MISMATCH")
    /// `DRIFT_TARGET` (blocked): the target was edited by hand since the migration; it is never overwritten.
    public static let driftTarget = LossCode(rawValue: "DRIFT_TARGET")
    /// `CUTOVER_DELETE_ONLY` (information): the source cannot be disabled (NX1); cutover deletes it after a snapshot.
    public static let cutoverDeleteOnly = LossCode(rawValue: "CUTOVER_DELETE_ONLY")
    /// `CUTOVER_RECREATE` (information): the target is staged without a schedule and re-created with it at cutover (NX1).
    public static let cutoverRecreate = LossCode(rawValue: "CUTOVER_RECREATE")
    /// `CUTOVER_READERS_LIVE` (information): disabling a CData Connect source switches its readers to live data.
    public static let cutoverReadersLive = LossCode(rawValue: "CUTOVER_READERS_LIVE")
    /// `CUTOVER_DRAIN_TIMEOUT` (blocked): a source run was still active at the timeout; the job was not cut over.
    public static let cutoverDrainTimeout = LossCode(rawValue: "CUTOVER_DRAIN_TIMEOUT")
    /// `ROLLBACK_DELETES_DATA` (refusal): deleting a CData Connect job deletes its cached data; it needs confirmation.
    public static let rollbackDeletesData = LossCode(rawValue: "ROLLBACK_DELETES_DATA")
    /// `ROLLBACK_NEW_ID` (information): an NX1 source re-created from its snapshot gets a new id, owner and dates; its history is lost.
    public static let rollbackNewID = LossCode(rawValue: "ROLLBACK_NEW_ID")

    /// Every code of the reference, in its order.
    public static let all: [LossCode] = [
        .scheduleDST,
        .scheduleDrift,
        .scheduleUnexpressible,
        .scheduleAnchorGuessed,
        .scheduleZoneUnknown,
        .nameSetByProvider,
        .kindChanged,
        .kindUnsupported,
        .tasksSplit,
        .tasksDropped,
        .tasksCarried,
        .tasksMissing,
        .connectionUnmapped,
        .connectionNotFound,
        .connectionTypeMismatch,
        .destinationImplied,
        .connectNoCache,
        .sourceRelationalNoCache,
        .settingDropped,
        .settingChanged,
        .settingCarried,
        .fieldUnknown,
        .targetExists,
        .alreadyMigrated,
        .sourceDisabled,
        .planStale,
        .preflightFailed,
        .lockHeld,
        .lockStale,
        .verifyMismatch,
        .driftTarget,
        .cutoverDeleteOnly,
        .cutoverRecreate,
        .cutoverReadersLive,
        .cutoverDrainTimeout,
        .rollbackDeletesData,
        .rollbackNewID,
    ]

    /// Every code with its effect, meaning and remedy.
    public static let catalogue: [LossCode: Entry] = [
        .scheduleDST: Entry(
            effect: .approximate,
            meaning:
                "sides differ only on daylight-saving transition days; the count and the largest deviation are given",
            remedy: "run both in UTC, or accept"),
        .scheduleDrift: Entry(
            effect: .approximate,
            meaning: "the nearest target schedule differs outside daylight-saving days (Day×5, Hour×5, day 29–31)",
            remedy: "put a schedule override in the mapping"),
        .scheduleUnexpressible: Entry(
            effect: .impossible,
            meaning:
                "the target has no schedule of that kind (`L W #` or minutes into Connect, `@once`, manual into Connect, both day fields into Sync)",
            remedy: "put a schedule override in the mapping, or keep the job on the source"),
        .scheduleAnchorGuessed: Entry(
            effect: .approximate,
            meaning: "an interval job without a defined first run; the phase was taken from its next run time",
            remedy: "confirm the first run"),
        .scheduleZoneUnknown: Entry(
            effect: .blocked,
            meaning: "a CData Sync job in the server's local time, and the server's zone was not given",
            remedy: "pass the Sync server's zone in the mapping (syncServerTimeZone)"),
        .nameSetByProvider: Entry(
            effect: .approximate,
            meaning:
                "the target cannot take a name through its documented API; the plan says what name to expect, or that it is unknown",
            remedy: "accept; the job is found by its natural key"),
        .kindChanged: Entry(
            effect: .approximate, meaning: "the target's job type means something else",
            remedy: "review; set the job type in the mapping"),
        .kindUnsupported: Entry(
            effect: .impossible, meaning: "the target has no kind for this job (e.g. ReverseETL into Connect)",
            remedy: "keep the job on the source"),
        .tasksSplit: Entry(
            effect: .approximate,
            meaning: "N tasks become N target jobs; their order and single run are lost; cutover acts on the group",
            remedy: "accept, or keep the job on the source"),
        .tasksDropped: Entry(
            effect: .approximate,
            meaning: "a task cannot be expressed (custom SQL, inactive); impossible when none remains",
            remedy: "rewrite it as a whole-table task"),
        .tasksCarried: Entry(
            effect: .approximate, meaning: "tasks kept in the target's free slot (NX1 properties_json), not enforced",
            remedy: "check that the target job reads them"),
        .tasksMissing: Entry(
            effect: .blocked, meaning: "the target needs a table or task the source does not name",
            remedy: "add the tables to the mapping"),
        .connectionUnmapped: Entry(
            effect: .blocked, meaning: "no mapping for a source connection id or text",
            remedy: "add a mapping entry"),
        .connectionNotFound: Entry(
            effect: .blocked, meaning: "the mapped target connection is not in the target's list",
            remedy: "fix the mapping"),
        .connectionTypeMismatch: Entry(
            effect: .blocked, meaning: "the mapped connection's driver differs from the source's",
            remedy: "map a connection of the same type, or allow the type change (--allow-type-change)"),
        .destinationImplied: Entry(
            effect: .approximate, meaning: "the target fixes the destination (CData Connect's cache)",
            remedy: "accept; point readers at the cache"),
        .connectNoCache: Entry(
            effect: .blocked, meaning: "the CData Connect account has no cache connection",
            remedy: "create one via /job/cacheConnection or its form link"),
        .sourceRelationalNoCache: Entry(
            effect: .impossible, meaning: "CData Connect cannot cache relational sources",
            remedy: "keep the job on the source, or migrate it to Sync or NX1"),
        .settingDropped: Entry(
            effect: .approximate, meaning: "a native setting with no target field and no free slot",
            remedy: "review the listed keys"),
        .settingChanged: Entry(
            effect: .approximate, meaning: "a setting mapped to the nearest value (log verbosity 4 → 3 or 5)",
            remedy: "accept"),
        .settingCarried: Entry(
            effect: .approximate,
            meaning: "a setting kept verbatim in the target's free slot (NX1 properties_json), not enforced",
            remedy: "check that the target job reads it"),
        .fieldUnknown: Entry(
            effect: .approximate, meaning: "a source field no translator read; its path is named",
            remedy: "extend the translator"),
        .targetExists: Entry(
            effect: .blocked, meaning: "a job of the same name exists on the target and is not this migration's",
            remedy: "choose a conflict policy: adopt, skip or rename (--on-conflict)"),
        .alreadyMigrated: Entry(
            effect: .information, meaning: "the provenance key was found on the target and the target matches",
            remedy: "none"),
        .sourceDisabled: Entry(
            effect: .information, meaning: "the source is off; the target stays off after cutover",
            remedy: "none"),
        .planStale: Entry(
            effect: .refusal, meaning: "a source job, the mapping or the target names changed since the plan was made",
            remedy: "plan again"),
        .preflightFailed: Entry(
            effect: .refusal,
            meaning: "the target is unreachable, the credentials are invalid, or a capability is missing (named)",
            remedy: "fix access and run again"),
        .lockHeld: Entry(
            effect: .refusal, meaning: "the journal is held by the named holder",
            remedy: "wait for it to finish"),
        .lockStale: Entry(
            effect: .refusal, meaning: "the journal's holder is gone or its lease expired",
            remedy: "break the lock explicitly (--break-lock)"),
        .verifyMismatch: Entry(
            effect: .blocked, meaning: "the target read back differs in a named field; it is not eligible for cutover",
            remedy: "fix the target and verify again"),
        .driftTarget: Entry(
            effect: .blocked, meaning: "the target was edited by hand since the migration; it is never overwritten",
            remedy: "adopt the edit, or overwrite explicitly (--overwrite)"),
        .cutoverDeleteOnly: Entry(
            effect: .information, meaning: "the source cannot be disabled (NX1); cutover deletes it after a snapshot",
            remedy: "confirm"),
        .cutoverRecreate: Entry(
            effect: .information,
            meaning: "the target is staged without a schedule and re-created with it at cutover (NX1)",
            remedy: "none"),
        .cutoverReadersLive: Entry(
            effect: .information, meaning: "disabling a CData Connect source switches its readers to live data",
            remedy: "warn the readers"),
        .cutoverDrainTimeout: Entry(
            effect: .blocked, meaning: "a source run was still active at the timeout; the job was not cut over",
            remedy: "retry the cutover later"),
        .rollbackDeletesData: Entry(
            effect: .refusal, meaning: "deleting a CData Connect job deletes its cached data; it needs confirmation",
            remedy: "confirm by name, or disable instead"),
        .rollbackNewID: Entry(
            effect: .information,
            meaning: "an NX1 source re-created from its snapshot gets a new id, owner and dates; its history is lost",
            remedy: "update references to the job"),
    ]
}
