import Foundation
import JobBridge
import JobBridgeAirflow
import JobBridgeAirflowSimulator
import JobBridgeTesting

/// A simulator and a provider on one simulated clock.
struct AirflowFixture {
    static let baseURL = URL(string: "https://airflow.example.com/api/v1") ?? URL(fileURLWithPath: "/")

    let simulator: AirflowSimulator
    let client: AirflowClient
    let provider: AirflowProvider

    init(
        clock: SimulatedClock, pageSize: Int = 3, name: String = "Airflow (contract)",
        server: (AirflowSimulator) -> any HTTPTransport = { $0 }
    ) throws {
        simulator = AirflowSimulator(now: clock.dateSource)
        client = try AirflowClient(
            baseURL: Self.baseURL, credentials: BasicCredentials(user: "admin", password: Secret("admin")),
            transport: server(simulator), pageSize: pageSize,
            retry: RetryPolicy(maxAttempts: 3, random: { $0.upperBound }), clock: clock)
        provider = AirflowProvider(client: client, name: name)
    }
}

/// Raw Airflow objects, shaped as the stable REST API v1 documents them.
enum AirflowSeeds {
    static func dag(
        _ id: String, display: String? = nil, schedule: JSONValue, description: String? = nil,
        isPaused: Bool = false, owners: [String] = ["airflow"], tags: [String] = [], timetable: String? = nil
    ) -> JSONValue {
        [
            "dag_id": .string(id), "dag_display_name": display.map(JSONValue.string) ?? .string(id),
            "root_dag_id": nil, "is_paused": .bool(isPaused), "is_active": true, "is_subdag": false,
            "last_parsed_time": "2025-12-31T23:50:00+00:00", "last_pickled": nil, "last_expired": nil,
            "scheduler_lock": nil, "pickle_id": nil, "default_view": "grid",
            "fileloc": .string("/opt/airflow/dags/\(id).py"), "file_token": "Ii9vcHQvYWlyZmxvdy9kYWdzIg",
            "owners": .array(owners.map(JSONValue.string)), "description": description.map(JSONValue.string) ?? nil,
            "schedule_interval": schedule, "timetable_description": timetable.map(JSONValue.string) ?? nil,
            "tags": .array(tags.map { ["name": .string($0)] }), "max_active_tasks": 16, "max_active_runs": 16,
            "has_task_concurrency_limits": false, "has_import_errors": false, "next_dagrun": nil,
            "next_dagrun_data_interval_start": nil, "next_dagrun_data_interval_end": nil,
            "next_dagrun_create_after": nil,
        ]
    }

    static func cron(_ text: String) -> JSONValue { ["__type": "CronExpression", "value": .string(text)] }

    static func timeDelta(days: Int64 = 0, seconds: Int64, microseconds: Int64 = 0) -> JSONValue {
        ["__type": "TimeDelta", "days": .int(days), "seconds": .int(seconds), "microseconds": .int(microseconds)]
    }

    static func task(_ id: String, operator className: String = "BashOperator", downstream: [String] = []) -> JSONValue
    {
        [
            "class_ref": [
                "class_name": .string(className), "module_path": "airflow.operators.bash",
            ],
            "task_id": .string(id), "task_display_name": .string(id), "owner": "airflow",
            "start_date": "2025-01-01T00:00:00+00:00", "end_date": nil, "trigger_rule": "all_success",
            "extra_links": [], "depends_on_past": false, "is_mapped": false, "wait_for_downstream": false,
            "retries": 1, "queue": "default", "pool": "default_pool", "pool_slots": 1, "execution_timeout": nil,
            "retry_delay": timeDelta(seconds: 300), "retry_exponential_backoff": false, "priority_weight": 1,
            "weight_rule": "downstream", "ui_color": "#f0ede4", "ui_fgcolor": "#000",
            "template_fields": ["bash_command"],
            "sub_dag": nil, "downstream_task_ids": .array(downstream.map(JSONValue.string)),
        ]
    }

    static func run(_ id: String, dag: String, state: String, start: Date, minutes: Double = 7) -> JSONValue {
        let text = { (date: Date) in JSONValue.string(WireDate.format(date, timeZone: .gmt, zone: .offset)) }
        return [
            "dag_run_id": .string(id), "dag_id": .string(dag), "logical_date": text(start),
            "execution_date": text(start), "start_date": text(start),
            "end_date": text(start.addingTimeInterval(minutes * 60)),
            "data_interval_start": text(start), "data_interval_end": text(start), "last_scheduling_decision": nil,
            "run_type": "scheduled", "state": .string(state), "external_trigger": false, "conf": [:], "note": nil,
        ]
    }
}
