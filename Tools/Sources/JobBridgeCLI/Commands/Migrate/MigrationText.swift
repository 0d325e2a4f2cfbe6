import Foundation
import JobBridge
import JobBridgeMigration

/// How plans and reports print for people.
enum MigrationText {
    /// The plan as a table: each job's action, verdict and codes, then the totals; the
    /// jobs are read from the file one at a time (only the table's rows are kept).
    static func printPlan(_ file: MigrationPlanFile, context: ToolContext) async throws {
        let header = file.header
        context.print("Plan: \(header.sourceProvider) → \(header.targetProvider), \(header.totals.jobs) jobs")
        var rows: [[String]] = []
        var lossLines: [String] = []
        for try await job in file.jobs {
            rows.append([
                job.sourceName, job.sourceID, job.action.rawValue, job.verdict.rawValue, "\(job.targets.count)",
                job.codes.map(\.rawValue).joined(separator: " "),
            ])
            guard !job.losses.isEmpty && job.verdict != .exact else { continue }
            for loss in job.losses.prefix(3) {
                lossLines.append("  \(job.sourceName): \(loss.code.rawValue): \(loss.message) Remedy: \(loss.remedy)")
            }
        }
        let table = TextTable(
            header: ["SOURCE JOB", "ID", "ACTION", "VERDICT", "TARGETS", "CODES"], rows: rows, shrinkable: [0, 1, 5])
        for line in table.render(width: context.width, header: context.bold) { context.print(line) }
        for line in lossLines { context.print(line) }
        let verdicts = MigrationVerdict.allCases.compactMap { verdict -> String? in
            let count = header.totals.byVerdict[verdict.rawValue] ?? 0
            return count == 0 ? nil : "\(count) \(verdict.rawValue)"
        }
        context.print("Verdicts: " + (verdicts.isEmpty ? "none" : verdicts.joined(separator: ", ")))
    }

    /// A report as a table of jobs with their outcome and targets, then the totals.
    static func printReport(_ report: MigrationReport, context: ToolContext) {
        context.print("Migration \(report.planID): \(report.sourceProvider) → \(report.targetProvider)")
        let table = TextTable(
            header: ["SOURCE JOB", "VERDICT", "OUTCOME", "TARGETS", "VERIFIED", "CUT OVER", "CODES"],
            rows: report.jobs.map { job in
                [
                    job.sourceName, job.verdict.rawValue, job.outcome?.rawValue ?? "-",
                    job.targets.map { $0.targetID ?? "-" }.joined(separator: " "),
                    verified(job), job.rolledBack ? "rolled back" : job.cutOver ? "yes" : "no",
                    (job.codes + [job.errorCode].compactMap { $0 }).joined(separator: " "),
                ]
            }, shrinkable: [0, 3, 6])
        for line in table.render(width: context.width, header: context.bold) { context.print(line) }
        for job in report.jobs {
            if let code = job.errorCode {
                context.print(context.red("  \(job.sourceName): \(code): \(job.errorMessage ?? "")"))
            }
        }
        context.print(totals(report.totals))
    }

    /// `migrated 3, already migrated 1, failed 0, …` (the counts that are not zero).
    static func totals(_ counts: MigrationCounts) -> String {
        let pairs: [(String, Int)] = [
            ("migrated", counts.migrated), ("already migrated", counts.alreadyMigrated), ("adopted", counts.adopted),
            ("skipped", counts.skipped), ("blocked", counts.blocked), ("impossible", counts.impossible),
            ("failed", counts.failed), ("verified", counts.verified), ("mismatched", counts.mismatched),
            ("cut over", counts.cutOver), ("not cut over", counts.notCutOver), ("rolled back", counts.rolledBack),
        ]
        let shown = pairs.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
        return "Totals: " + (shown.isEmpty ? "nothing done" : shown.joined(separator: ", "))
    }

    private static func verified(_ job: MigrationReport.JobReport) -> String {
        let states = job.targets.map(\.verified)
        if states.isEmpty || states.allSatisfy({ $0 == nil }) { return "-" }
        if states.allSatisfy({ $0 == true }) { return "yes" }
        let fields = job.targets.compactMap(\.mismatchField)
        return "no" + (fields.isEmpty ? "" : " (\(fields.joined(separator: ", ")))")
    }
}

/// Shows an engine's events while a phase runs: a progress bar rewritten in place on a
/// terminal (standard error), one plain line per finished step otherwise.
final class MigrationProgress: @unchecked Sendable {
    private let context: ToolContext
    private let total: Int
    private let phase: String
    private let live: Bool
    private let quiet: Bool
    private let lock = NSLock()
    // Guarded by `lock`.
    private var done = 0
    private var drawn = false

    init(context: ToolContext, total: Int, phase: String, quiet: Bool) {
        self.context = context
        self.total = max(total, 1)
        self.phase = phase
        self.live = context.errorTerminal != nil
        self.quiet = quiet
    }

    /// Shows one event.
    func show(_ event: MigrationEvent) {
        guard !quiet else { return }
        let terminal: Set<MigrationEvent.Kind> = [
            .finished, .verified, .mismatch, .cutOver, .notCutOver, .rolledBack, .failed,
        ]
        guard terminal.contains(event.kind) else { return }
        lock.withLock {
            if [.finished, .verified, .mismatch, .cutOver, .notCutOver, .rolledBack].contains(event.kind) {
                done = min(done + 1, total)
            }
            if live {
                let width = 30
                let filled = done * width / total
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                let counts = MigrationText.totals(event.counts).replacingOccurrences(of: "Totals: ", with: "")
                context.standardError.write("\r\u{1B}[K\(phase) [\(bar)] \(done)/\(total)  \(counts)")
                drawn = true
            } else {
                context.printError("\(phase): \(event.description)")
            }
        }
    }

    /// Ends the bar's line.
    func finish() {
        lock.withLock {
            if drawn { context.standardError.write("\n") }
            drawn = false
        }
    }
}
