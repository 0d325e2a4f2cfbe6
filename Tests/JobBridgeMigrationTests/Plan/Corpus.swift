import Foundation
import JobBridge
import JobBridgeMigration

/// One fixture of the verdict corpus: a source job (its wire JSON), and the verdict, codes
/// and action its plan must have, decided by reading the reference, not by running the
/// engine.
struct CorpusCase: Sendable {
    let label: String
    let json: JSONValue
    let verdict: MigrationVerdict
    let codes: Set<String>
    let action: MigrationAction
    /// Which mapping the case is planned with (0: the direction's main one).
    var variant = 0
    /// An extra check on the planned job; returns a failure text, or `nil`.
    var check: (@Sendable (PlannedJob) -> String?)? = nil
}

/// Runs a corpus: seeds every case, plans once per mapping variant, and compares each
/// planned job with its case. Returns one line per mismatch (empty: 100 % match).
func runCorpus(
    _ cases: [CorpusCase], seed: (Int, CorpusCase) async throws -> String,
    plan: (Int, [String]) async throws -> MigrationPlan
) async throws -> (failures: [String], matched: Int) {
    var ids: [String] = []
    for (index, item) in cases.enumerated() { ids.append(try await seed(index, item)) }
    var plans: [Int: MigrationPlan] = [:]
    for variant in Set(cases.map(\.variant)).sorted() { plans[variant] = try await plan(variant, ids) }
    var failures: [String] = []
    var matched = 0
    for (item, id) in zip(cases, ids) {
        guard let job = plans[item.variant]?.job(sourceID: id) else {
            failures.append("\(item.label): not in the plan")
            continue
        }
        let codes = Set(job.losses.map(\.code.rawValue))
        var problems: [String] = []
        if job.verdict != item.verdict { problems.append("verdict \(job.verdict), expected \(item.verdict)") }
        if codes != item.codes {
            problems.append(
                "codes \(codes.sorted()), expected \(item.codes.sorted())")
        }
        if job.action != item.action { problems.append("action \(job.action), expected \(item.action)") }
        if let extra = item.check?(job) { problems.append(extra) }
        if problems.isEmpty {
            matched += 1
        } else {
            failures.append(
                "\(item.label): " + problems.joined(separator: "; ") + " | "
                    + job.losses.map { "\($0.code): \($0.message)" }.joined(separator: " / "))
        }
    }
    print("corpus: \(matched) of \(cases.count) fixtures matched")
    return (failures, matched)
}

extension JSONValue {
    /// The object with some members added or replaced.
    func with(_ changes: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        for (key, value) in changes { members[key] = value }
        return .object(members)
    }
}
