import Foundation
import JobBridge

/// A DAG as Airflow's stable REST API v1 sends it (`DAG`, and `DAGDetail` from
/// `GET /dags/{dag_id}/details`, which adds `timezone` and more). The members the adapter
/// reads are typed; the whole object is kept in ``raw``.
public struct AirflowDAG: Decodable, Sendable, Hashable {
    /// `dag_id`: the DAG's id, unique and stable.
    public var dagID: String
    /// `dag_display_name` (Airflow 2.9 and later), else `nil`.
    public var displayName: String?
    /// `is_paused`: a paused DAG is not scheduled; its triggered runs wait, queued.
    public var isPaused: Bool?
    /// `is_active`: whether the DAG's file is still present.
    public var isActive: Bool?
    /// `description`.
    public var description: String?
    /// `owners`.
    public var owners: [String]
    /// The names of the DAG's `tags`.
    public var tags: [String]
    /// `schedule_interval`: `nil` when the DAG has none (manual only).
    public var scheduleInterval: AirflowScheduleInterval?
    /// `timetable_description`: Airflow's words for the schedule.
    public var timetableDescription: String?
    /// `timezone` (``DAGDetail`` only): the zone the schedule is read in, as Airflow
    /// writes it (`"UTC"`, `"America/New_York"`, or `"Timezone('UTC')"`).
    public var timezone: String?
    /// `next_dagrun`: when the next scheduled run is due.
    public var nextDagRun: Date?
    /// `start_date`: when the DAG's schedule starts (for a time delta, its first run);
    /// `nil` when the answer has none.
    public var startDate: Date?
    /// The object as sent.
    public var raw: JSONValue

    private enum CodingKeys: String, CodingKey {
        case dagID = "dag_id"
        case displayName = "dag_display_name"
        case isPaused = "is_paused"
        case isActive = "is_active"
        case description, owners, tags, timezone
        case scheduleInterval = "schedule_interval"
        case timetableDescription = "timetable_description"
        case nextDagRun = "next_dagrun"
        case startDate = "start_date"
    }

    private struct Tag: Decodable { var name: String }

    /// Decodes a DAG; members other than `dag_id` may be absent or `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dagID = try container.decode(String.self, forKey: .dagID)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        isPaused = try container.decodeIfPresent(Bool.self, forKey: .isPaused)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        owners = try container.decodeIfPresent([String].self, forKey: .owners) ?? []
        tags = try container.decodeIfPresent([Tag].self, forKey: .tags)?.map(\.name) ?? []
        scheduleInterval = try container.decodeIfPresent(AirflowScheduleInterval.self, forKey: .scheduleInterval)
        timetableDescription = try container.decodeIfPresent(String.self, forKey: .timetableDescription)
        timezone = try container.decodeIfPresent(String.self, forKey: .timezone)
        nextDagRun = try container.decodeIfPresent(String.self, forKey: .nextDagRun).flatMap { WireDate.parse($0) }
        startDate = try container.decodeIfPresent(String.self, forKey: .startDate).flatMap { WireDate.parse($0) }
        raw = try JSONValue(from: decoder)
    }
}

/// A DAG's `schedule_interval`: a cron expression, a time delta or a relative delta, each
/// tagged by `__type`.
public enum AirflowScheduleInterval: Decodable, Sendable, Hashable {
    /// `{"__type": "CronExpression", "value": "0 2 * * *"}` (presets such as `@daily` too).
    case cron(String)
    /// `{"__type": "TimeDelta", "days": 0, "seconds": 21600, "microseconds": 0}`.
    case timeDelta(days: Int, seconds: Int, microseconds: Int)
    /// `{"__type": "RelativeDelta", …}` (calendar offsets), kept as sent.
    case relativeDelta(JSONValue)
    /// Any other form, kept as sent.
    case other(JSONValue)

    /// Decodes one of the tagged forms.
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        func number(_ name: String) -> Int { Int(value[name]?.intValue ?? 0) }
        switch value["__type"]?.stringValue {
        case "CronExpression":
            guard let text = value["value"]?.stringValue else { self = .other(value); return }
            self = .cron(text)
        case "TimeDelta":
            self = .timeDelta(days: number("days"), seconds: number("seconds"), microseconds: number("microseconds"))
        case "RelativeDelta":
            self = .relativeDelta(value)
        default:
            self = .other(value)
        }
    }
}

/// A page of DAGs: `{"dags": [...], "total_entries": N}`.
public struct AirflowDAGCollection: Decodable, Sendable {
    /// `dags`.
    public var dags: [AirflowDAG]
    /// `total_entries`: how many DAGs the whole listing holds.
    public var totalEntries: Int?

    private enum CodingKeys: String, CodingKey {
        case dags
        case totalEntries = "total_entries"
    }
}

/// A DAG run's `state`: `queued`, `running`, `success` or `failed` (kept as sent).
public struct AirflowRunState: RawRepresentable, Codable, Sendable, Hashable {
    /// The state as sent.
    public var rawValue: String
    /// Creates a state from its wire value.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// `queued`: waiting for the scheduler (a paused DAG's runs wait here).
    public static let queued = AirflowRunState(rawValue: "queued")
    /// `running`.
    public static let running = AirflowRunState(rawValue: "running")
    /// `success`.
    public static let success = AirflowRunState(rawValue: "success")
    /// `failed`: failed, or marked failed (Airflow's only way to stop a run).
    public static let failed = AirflowRunState(rawValue: "failed")
}

/// A DAG run (`DAGRun`).
public struct AirflowDAGRun: Decodable, Sendable, Hashable {
    /// `dag_run_id`.
    public var dagRunID: String
    /// `dag_id`.
    public var dagID: String
    /// `state`.
    public var state: AirflowRunState?
    /// `logical_date` (else `execution_date`, its older name).
    public var logicalDate: Date?
    /// `start_date`: `nil` while queued.
    public var startDate: Date?
    /// `end_date`.
    public var endDate: Date?
    /// `run_type`: `manual`, `scheduled`, `backfill`, `dataset_triggered`.
    public var runType: String?
    /// `note`.
    public var note: String?
    /// The object as sent.
    public var raw: JSONValue

    private enum CodingKeys: String, CodingKey {
        case dagRunID = "dag_run_id"
        case dagID = "dag_id"
        case state, note
        case logicalDate = "logical_date"
        case executionDate = "execution_date"
        case startDate = "start_date"
        case endDate = "end_date"
        case runType = "run_type"
    }

    /// Decodes a run; dates are RFC 3339 texts or `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func date(_ key: CodingKeys) throws -> Date? {
            try container.decodeIfPresent(String.self, forKey: key).flatMap { WireDate.parse($0) }
        }
        dagRunID = try container.decode(String.self, forKey: .dagRunID)
        dagID = try container.decode(String.self, forKey: .dagID)
        state = try container.decodeIfPresent(AirflowRunState.self, forKey: .state)
        logicalDate = try date(.logicalDate) ?? date(.executionDate)
        startDate = try date(.startDate)
        endDate = try date(.endDate)
        runType = try container.decodeIfPresent(String.self, forKey: .runType)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        raw = try JSONValue(from: decoder)
    }
}

/// A page of runs: `{"dag_runs": [...], "total_entries": N}`.
public struct AirflowDAGRunCollection: Decodable, Sendable {
    /// `dag_runs`.
    public var dagRuns: [AirflowDAGRun]
    /// `total_entries`.
    public var totalEntries: Int?

    private enum CodingKeys: String, CodingKey {
        case dagRuns = "dag_runs"
        case totalEntries = "total_entries"
    }
}

/// A task of a DAG (`Task`): an operator instance.
public struct AirflowTask: Decodable, Sendable, Hashable {
    /// `task_id`.
    public var taskID: String
    /// `class_ref.class_name`: the operator, such as `BashOperator`.
    public var className: String?
    /// `downstream_task_ids`.
    public var downstreamTaskIDs: [String]
    /// The object as sent.
    public var raw: JSONValue

    private enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case classRef = "class_ref"
        case downstreamTaskIDs = "downstream_task_ids"
    }

    private struct ClassRef: Decodable {
        var className: String?
        enum CodingKeys: String, CodingKey { case className = "class_name" }
    }

    /// Decodes a task.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        taskID = try container.decode(String.self, forKey: .taskID)
        className = try container.decodeIfPresent(ClassRef.self, forKey: .classRef)?.className
        downstreamTaskIDs = try container.decodeIfPresent([String].self, forKey: .downstreamTaskIDs) ?? []
        raw = try JSONValue(from: decoder)
    }
}

/// The tasks of a DAG: `{"tasks": [...], "total_entries": N}`.
public struct AirflowTaskCollection: Decodable, Sendable {
    /// `tasks`.
    public var tasks: [AirflowTask]
    /// `total_entries`.
    public var totalEntries: Int?

    private enum CodingKeys: String, CodingKey {
        case tasks
        case totalEntries = "total_entries"
    }
}

/// The body of `POST /dags/{dag_id}/dagRuns` (`DAGRun`'s writable members).
public struct AirflowTriggerRequest: Encodable, Sendable, Hashable {
    /// `dag_run_id`: chosen by the caller, so that a trigger whose answer was lost can be
    /// looked up (and a repeat is refused by Airflow as `409 AlreadyExists`).
    public var dagRunID: String?
    /// `conf`: the run's configuration.
    public var conf: [String: JSONValue]
    /// `note`.
    public var note: String?

    /// Creates a trigger request.
    public init(dagRunID: String? = nil, conf: [String: JSONValue] = [:], note: String? = nil) {
        self.dagRunID = dagRunID
        self.conf = conf
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case dagRunID = "dag_run_id"
        case conf, note
    }

    /// Writes `dag_run_id` and `note` only when set, `conf` always.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(dagRunID, forKey: .dagRunID)
        try container.encode(conf, forKey: .conf)
        try container.encodeIfPresent(note, forKey: .note)
    }
}
