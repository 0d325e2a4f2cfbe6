import Foundation

extension MigrationReport {
    /// The report as Markdown: the totals, then every job that is not exact, or is blocked,
    /// failed or mismatched, with its codes, losses and remedies, then every job's ids.
    public func markdown() -> String {
        var lines: [String] = []
        lines.append("# Migration report: \(sourceProvider) → \(targetProvider)")
        lines.append("")
        lines.append("Plan `\(planID)`: \(planTotals.jobs) jobs, \(planTotals.targets) targets.")
        lines.append("")
        lines.append("| total | count |")
        lines.append("|---|---|")
        let rows: [(String, Int)] = [
            ("migrated", totals.migrated), ("already migrated", totals.alreadyMigrated), ("adopted", totals.adopted),
            ("skipped", totals.skipped), ("blocked", totals.blocked), ("impossible", totals.impossible),
            ("failed", totals.failed), ("verified targets", totals.verified),
            ("mismatched targets", totals.mismatched), ("cut over", totals.cutOver),
            ("rolled back", totals.rolledBack),
        ]
        for (name, count) in rows { lines.append("| \(name) | \(count) |") }
        for verdict in MigrationVerdict.allCases {
            lines.append("| verdict \(verdict.rawValue) | \(planTotals.byVerdict[verdict.rawValue] ?? 0) |")
        }
        let attention = jobs.filter {
            $0.verdict != .exact || $0.outcome == .failed || $0.outcome == .blocked
                || $0.targets.contains { $0.verified == false }
        }
        lines.append("")
        lines.append("## Jobs needing attention (\(attention.count))")
        for job in attention {
            lines.append("")
            let outcome = job.outcome?.rawValue ?? "not applied"
            lines.append(
                "### \(Self.cell(job.sourceName)) (`\(job.sourceID)`): \(job.verdict.rawValue), \(outcome)")
            if !job.codes.isEmpty { lines.append("Codes: " + job.codes.map { "`\($0)`" }.joined(separator: ", ")) }
            if let code = job.errorCode {
                lines.append("- **\(code)**: \(Self.cell(job.errorMessage ?? "")) ")
            }
            for loss in job.losses {
                let field = loss.field.map { " `\($0)`" } ?? ""
                lines.append("- **\(loss.code)**\(field): \(Self.cell(loss.message)) Remedy: \(Self.cell(loss.remedy))")
            }
            for target in job.targets where target.verified == false {
                lines.append(
                    "- **VERIFY_MISMATCH** `\(target.mismatchField ?? "?")` on target \(target.targetID ?? "?"): "
                        + "not eligible for cutover. Remedy: fix and re-verify")
            }
        }
        lines.append("")
        lines.append("## Every job")
        lines.append("")
        lines.append("| source id | name | action | verdict | outcome | target ids | codes |")
        lines.append("|---|---|---|---|---|---|---|")
        for job in jobs {
            let ids = job.targets.map { $0.targetID ?? "–" }.joined(separator: ", ")
            lines.append(
                "| \(Self.cell(job.sourceID)) | \(Self.cell(job.sourceName)) | \(job.action.rawValue) | "
                    + "\(job.verdict.rawValue) | \(job.outcome?.rawValue ?? "–") | \(Self.cell(ids)) | "
                    + "\(job.codes.joined(separator: " ")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text safe in a table cell: one line, pipes escaped.
    private static func cell(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 }).replacingOccurrences(of: "|", with: "\\|")
    }
}
