/// Shares the storage of texts that repeat across a report's jobs (codes, fields, remedies
/// and the many identical loss messages): a plan read from a file decodes a fresh copy of
/// each for every job, and a report of N jobs would otherwise hold N copies of each. At
/// most ``limit`` distinct texts are pooled, so the pool stays small whatever the plan.
struct TextPool {
    /// The most distinct texts kept.
    let limit = 4_096
    private var texts: [String: String] = [:]

    /// The pooled instance equal to `text` (pooling it when there is room).
    mutating func share(_ text: String) -> String {
        if let shared = texts[text] { return shared }
        if texts.count < limit { texts[text] = text }
        return text
    }

    /// A loss whose texts are pooled.
    mutating func share(_ loss: MigrationReport.LossReport) -> MigrationReport.LossReport {
        MigrationReport.LossReport(
            code: share(loss.code), field: loss.field.map { share($0) }, message: share(loss.message),
            remedy: share(loss.remedy))
    }
}
