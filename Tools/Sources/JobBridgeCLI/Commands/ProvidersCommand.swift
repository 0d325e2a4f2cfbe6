import ArgumentParser
import Foundation
import JobBridge

/// `jobbridge providers`: each provider and what it can do (its capability matrix).
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the configured providers and their capability matrix.",
        discussion: """
            One column per provider: each operation (yes/no), the fields it reads, creates and updates, \
            the schedule kinds it writes and reads. Nothing is sent to any provider.

            JSON (--json): {"providers": [{"handle", "name", "kind", "simulator", "operations": {op: bool}, \
            "fields_read", "fields_created", "fields_updated", "schedules_written", "schedules_read", \
            "cancelled_run_reads_as"}]}

            Examples:
              jobbridge providers
              jobbridge providers --json
              jobbridge providers --config jobbridge.toml
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON for programs.") var json = false

    /// One provider in `--json`.
    struct Output: Encodable {
        var handle: String
        var name: String
        var kind: String
        var simulator: Bool
        var operations: [String: Bool]
        var fieldsRead: [String]
        var fieldsCreated: [String]
        var fieldsUpdated: [String]
        var schedulesWritten: [String]
        var schedulesRead: [String]
        var cancelledRunReadsAs: String?

        enum CodingKeys: String, CodingKey {
            case handle, name, kind, simulator, operations
            case fieldsRead = "fields_read", fieldsCreated = "fields_created", fieldsUpdated = "fields_updated"
            case schedulesWritten = "schedules_written", schedulesRead = "schedules_read"
            case cancelledRunReadsAs = "cancelled_run_reads_as"
        }
    }

    func run() async throws {
        let context = ToolContext.current
        let set = try await global.providers(in: context)
        if json {
            let outputs = set.entries.map { entry -> Output in
                let descriptor = entry.provider.descriptor
                let fields = descriptor.fields
                let names = { (set: Set<JobField>) in JobField.allCases.filter(set.contains).map(\.rawValue) }
                let kinds = { (set: Set<Schedule.Kind>) in Schedule.Kind.allCases.filter(set.contains).map(\.rawValue) }
                return Output(
                    handle: entry.handle, name: entry.name, kind: entry.kind.rawValue, simulator: entry.isSimulator,
                    operations: Dictionary(
                        uniqueKeysWithValues: JobOperation.allCases.map {
                            ($0.rawValue, descriptor.capabilities.supports($0))
                        }),
                    fieldsRead: names(fields.readable),
                    fieldsCreated: descriptor.capabilities.supports(.createJob) ? names(fields.creatable) : [],
                    fieldsUpdated: descriptor.capabilities.supports(.updateJob) ? names(fields.updatable) : [],
                    schedulesWritten: kinds(descriptor.scheduleKinds), schedulesRead: kinds(fields.scheduleKindsRead),
                    cancelledRunReadsAs: descriptor.capabilities.supports(.cancelRun)
                        ? fields.cancelledRunPhase.rawValue : nil)
            }
            try JSONOutput.print(["providers": outputs], context: context)
            return
        }
        context.print("Providers from \(set.origin):")
        for entry in set.entries {
            context.print("  \(entry.handle)  \(entry.name)  (\(entry.kind.rawValue))")
        }
        context.print()
        let columns = set.entries.map { CapabilityColumn.cells(for: $0.provider.descriptor) }
        let rows = (columns.first ?? CapabilityColumn.cells(for: ProviderDescriptor(name: "", capabilities: [])))
            .indices.map { index in
                [columns.first?[index].row ?? ""] + columns.map { $0[index].cell }
            }
        let table = TextTable(
            header: [""] + set.entries.map(\.handle), rows: rows, shrinkable: Set(1...max(set.entries.count, 1)))
        for line in table.render(width: context.width, header: context.bold) { context.print(line) }
    }
}

/// A provider's capability matrix column, as the README's matrix has it (operations,
/// then fields and schedule kinds).
enum CapabilityColumn {
    static func cells(for descriptor: ProviderDescriptor) -> [(row: String, cell: String)] {
        let capabilities = descriptor.capabilities
        let fields = descriptor.fields
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
            (row: operation.rawValue, cell: capabilities.supports(operation) ? "yes" : "no")
        }
        return operations + [
            (row: "fields read", cell: list(fields.readable)),
            (row: "fields create sets", cell: list(fields.creatable, when: .createJob)),
            (row: "fields update sets", cell: list(fields.updatable, when: .updateJob)),
            (row: "schedules written", cell: kinds(descriptor.scheduleKinds)),
            (row: "schedules read", cell: kinds(fields.scheduleKindsRead)),
            (
                row: "cancelled run reads as",
                cell: capabilities.supports(.cancelRun) ? fields.cancelledRunPhase.rawValue : "—"
            ),
        ]
    }
}
