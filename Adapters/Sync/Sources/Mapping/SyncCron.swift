import Foundation
import JobBridge

/// Cron expressions as CData Sync writes them, and the translation of other dialects into
/// Sync's.
///
/// Sync's cron has five fields (no seconds): minute 0–59, hour 0–23, day of month 1–31
/// (with `? L W`), month 1–12 or JAN–DEC, day of week **1–7 = SUN–SAT** (with `? L #`).
/// Unix cron numbers weekdays 0–6 from Sunday (7 is Sunday too), so a weekday number
/// means another day in each dialect. Expressions read from Sync are kept verbatim with
/// ``CronDialect/sync``; an expression in another dialect is rendered in Sync's dialect by
/// the cron engine before it is sent, its weekdays written as names (`1-5` becomes
/// `MON-FRI`), which no reader can misnumber.
///
/// ## Daylight saving time
///
/// Sync's cron is evaluated with the **Quartz** policy (``DSTPolicy/quartz``, the default
/// for ``CronDialect/sync``): a wall-clock time that does not exist on the spring-forward day
/// is skipped, and a time that happens twice on the fall-back day runs once, at its
/// second occurrence, for frequent and fixed-time expressions alike. Why: Sync's
/// dialect is Quartz's (`? L W #`, weekdays 1–7 from Sunday) and its scheduler follows
/// Quartz's cron triggers, which do exactly this; a job of Sync's run at 02:30 on a
/// spring-forward day is simply not run that day, so a portable next-run computed
/// otherwise would announce a run that never comes. Jobs with `use_gmt_datetime` read
/// their cron in GMT, where the question does not arise.
public enum SyncCron {
    /// The text to send to Sync for a cron schedule.
    ///
    /// - ``CronDialect/sync``: the text as it is.
    /// - Any other dialect: rendered in Sync's dialect by the cron engine
    ///   (``CronExpression/rendered(in:)``): weekdays as names, `?` in the unrestricted day
    ///   field, Airflow's presets expanded.
    ///
    /// - Throws: ``JobBridgeError/Code/invalidDefinition`` (field `schedule`) for what Sync
    ///   cannot express, saying why: `@once`, or both day of month and day of week
    ///   restricted (Unix cron runs when either matches; Sync cannot).
    public static func text(for schedule: CronSchedule) throws -> String {
        if schedule.dialect == .sync { return schedule.text }
        do {
            return try schedule.expression.rendered(in: .sync)
        } catch let error as JobBridgeError {
            throw JobBridgeError(
                .invalidDefinition, "CData Sync cannot run '\(schedule.text)': \(error.message)",
                provider: "CData Sync",
                field: "schedule")
        }
    }
}
