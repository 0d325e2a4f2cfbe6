/// One row of a provider's capability summary: what an operation or a field set looks like
/// for that provider, as the README's matrix and `jobbridge providers` show it.
public struct CapabilityRow: Hashable, Sendable {
    /// The row's label: an operation's raw value (`createJob`) or a field row's name
    /// (`fields read`).
    public var label: String
    /// The operation the row is about, or `nil` for a field or schedule row.
    public var operation: JobOperation?
    /// The cell: `yes`/`no` for an operation; for a field row the fields or schedule kinds in
    /// declaration order, `nothing` when the set is empty, `—` when the operation the row
    /// depends on is not declared.
    public var cell: String

    /// A row with its label, operation and cell.
    public init(label: String, operation: JobOperation? = nil, cell: String) {
        self.label = label
        self.operation = operation
        self.cell = cell
    }
}

extension ProviderDescriptor {
    /// What this provider declares, one row per operation (`JobOperation.allCases` order)
    /// then the field rows: fields read, set by create and by update, schedule kinds
    /// written and read, and what a cancelled run reads back as. Generated from
    /// ``capabilities``, ``fields`` and ``scheduleKinds``, so that every place that shows a
    /// provider's abilities says the same thing.
    public var capabilityRows: [CapabilityRow] {
        func list(_ set: Set<JobField>, when operation: JobOperation? = nil) -> String {
            if let operation, !capabilities.supports(operation) { return "—" }
            let names = JobField.allCases.filter(set.contains).map(\.rawValue)
            return names.isEmpty ? "nothing" : names.joined(separator: ", ")
        }
        func kinds(_ set: Set<Schedule.Kind>) -> String {
            let names = Schedule.Kind.allCases.filter(set.contains).map(\.rawValue)
            return names.isEmpty ? "nothing" : names.joined(separator: ", ")
        }
        let operations = JobOperation.allCases.map { operation in
            CapabilityRow(
                label: operation.rawValue, operation: operation, cell: capabilities.supports(operation) ? "yes" : "no")
        }
        return operations + [
            CapabilityRow(label: "fields read", cell: list(fields.readable)),
            CapabilityRow(label: "fields create sets", cell: list(fields.creatable, when: .createJob)),
            CapabilityRow(label: "fields update sets", cell: list(fields.updatable, when: .updateJob)),
            CapabilityRow(label: "schedules written", cell: kinds(scheduleKinds)),
            CapabilityRow(label: "schedules read (and unreadable)", cell: kinds(fields.scheduleKindsRead)),
            CapabilityRow(
                label: "a cancelled run reads as",
                cell: capabilities.supports(.cancelRun) ? fields.cancelledRunPhase.rawValue : "—"),
        ]
    }
}
