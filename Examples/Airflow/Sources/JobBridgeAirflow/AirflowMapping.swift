import Foundation
import JobBridge

/// Airflow's wire objects as JobBridge's portable model, in one place.
///
/// - A DAG is a ``Job``: id `dag_id`, name `dag_display_name` (else `dag_id`), kind
///   workflow (`dag`), enabled when not paused, settings `description`, `owners`, `tags`
///   (the keys present), no source or destination (Airflow has none).
/// - `schedule_interval` in the DAG's `timezone`: none is manual; a `CronExpression` is a
///   cron schedule in Airflow's dialect (presets included) in that zone; a `TimeDelta` of
///   whole weeks, days, hours or minutes is an interval whose first run is the DAG's
///   `start_date` (when the answer has one); anything else (a relative delta, a
///   delta with seconds, an unknown zone) reads as unreadable, with the text and the reason.
/// - A DAG run is a ``JobRun``: id `dag_run_id`, requested at `logical_date`, started and
///   ended at `start_date` and `end_date`; `queued`, `running`, `success`, `failed` are
///   queued, running, succeeded, failed (the wire value is kept).
/// - A task is a ``JobTask``: id and query `task_id` (an Airflow task is an operator, not a
///   query: its id is what names its work), always active, in Airflow's order.
public enum AirflowMapping {
    /// The provider value of every DAG's ``JobKind``.
    public static let kindValue = "dag"

    /// The job a DAG stands for, with its tasks when given.
    public static func job(from dag: AirflowDAG, tasks: [AirflowTask] = []) -> Job {
        Job(
            id: JobID(dag.dagID), name: dag.displayName ?? dag.dagID,
            kind: JobKind(.workflow, providerValue: kindValue), schedule: schedule(of: dag),
            isEnabled: !(dag.isPaused ?? false), tasks: tasks.enumerated().map { task(from: $1, index: $0) },
            nextRunAt: dag.nextDagRun, settings: settings(of: dag), providerData: dag.raw)
    }

    /// The DAG's settings: `description`, `owners` and `tags`, those present.
    public static func settings(of dag: AirflowDAG) -> [String: JSONValue] {
        var settings: [String: JSONValue] = [:]
        if let description = dag.description { settings["description"] = .string(description) }
        if !dag.owners.isEmpty { settings["owners"] = .array(dag.owners.map(JSONValue.string)) }
        if !dag.tags.isEmpty { settings["tags"] = .array(dag.tags.map(JSONValue.string)) }
        return settings
    }

    /// The DAG's schedule in its time zone (UTC when the DAG does not say: `GET /dags`
    /// lists no zone; ``AirflowProvider`` reads the details of a DAG whose schedule needs one).
    public static func schedule(of dag: AirflowDAG) -> Schedule {
        guard let interval = dag.scheduleInterval else { return .manual }
        let zoneText = dag.timezone ?? "UTC"
        switch interval {
        case .cron(let text):
            guard let zone = timeZone(zoneText) else {
                return .unreadable(
                    UnreadableSchedule(
                        text: text, reason: "the DAG's time zone '\(zoneText)' is unknown", dialect: .airflow))
            }
            do {
                return .cron(try CronSchedule(text, dialect: .airflow, timeZone: zone))
            } catch {
                let reason = (error as? JobBridgeError)?.message ?? "\(error)"
                return .unreadable(UnreadableSchedule(text: text, reason: reason, dialect: .airflow, timeZone: zone))
            }
        case .timeDelta(let days, let seconds, let microseconds):
            let text = "TimeDelta(days=\(days), seconds=\(seconds), microseconds=\(microseconds))"
            let (total, overflow) = days.multipliedReportingOverflow(by: 86_400)
            guard !overflow, microseconds == 0, case (let sum, false) = total.addingReportingOverflow(seconds), sum > 0
            else {
                return .unreadable(
                    UnreadableSchedule(text: text, reason: "not a whole, positive number of minutes"))
            }
            for (unit, length) in [(IntervalUnit.week, 604_800), (.day, 86_400), (.hour, 3_600), (.minute, 60)]
            where sum % length == 0 {
                return .interval(IntervalSchedule(every: sum / length, unit, firstRun: dag.startDate))
            }
            return .unreadable(UnreadableSchedule(text: text, reason: "not a whole number of minutes"))
        case .relativeDelta(let value), .other(let value):
            return .unreadable(
                UnreadableSchedule(
                    text: value.description, reason: "JobBridge reads cron expressions and time deltas only"))
        }
    }

    /// A zone as Airflow writes it: `UTC`, `America/New_York`, `Timezone('Europe/Paris')`
    /// (pendulum's form), or a fixed offset `+01:00`.
    public static func timeZone(_ text: String) -> TimeZone? {
        var name = text.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("Timezone('"), name.hasSuffix("')") {
            name = String(name.dropFirst("Timezone('".count).dropLast(2))
        }
        if let zone = TimeZone(identifier: name) { return zone }
        let scalars = Array(name.utf8)
        guard scalars.count == 6, scalars[3] == UInt8(ascii: ":"),
            scalars[0] == UInt8(ascii: "+") || scalars[0] == UInt8(ascii: "-"),
            let hours = Int(name.dropFirst().prefix(2)), let minutes = Int(name.suffix(2)), hours < 24, minutes < 60
        else { return nil }
        let seconds = (hours * 3_600 + minutes * 60) * (scalars[0] == UInt8(ascii: "-") ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds)
    }

    /// The run a DAG run stands for.
    public static func run(from run: AirflowDAGRun) -> JobRun {
        JobRun(
            runID: RunID(run.dagRunID), jobID: JobID(run.dagID), status: status(of: run.state),
            requestedAt: run.logicalDate, startedAt: run.startDate, endedAt: run.endDate, message: run.note,
            providerData: run.raw)
    }

    /// A run state as a status: `queued`, `running`, `success`, `failed` map to queued,
    /// running, succeeded, failed; any other (or none) to unknown. The wire value is kept.
    public static func status(of state: AirflowRunState?) -> RunStatus {
        let phase: RunStatus.Phase
        switch state {
        case .queued?: phase = .queued
        case .running?: phase = .running
        case .success?: phase = .succeeded
        case .failed?: phase = .failed
        default: phase = .unknown
        }
        return RunStatus(phase, providerValue: state?.rawValue)
    }

    /// The task a DAG's task stands for, at `index`.
    public static func task(from task: AirflowTask, index: Int) -> JobTask {
        JobTask(id: TaskID(task.taskID), index: index, query: task.taskID, isActive: true, providerData: task.raw)
    }
}
