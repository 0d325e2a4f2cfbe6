import Foundation
import JobBridge

/// The README's capability matrix, generated from what providers declare
/// (``ProviderDescriptor/capabilities`` and ``ProviderDescriptor/fields``), and the check
/// that the README still says it.
///
/// The table sits in README.md between ``beginMarker`` and ``endMarker``; one column per
/// provider, titled as the README titles it. Each adapter's tests compare their own column
/// (``mismatches(in:column:descriptor:)``), so the README and the declarations cannot
/// drift apart; on a mismatch the failure lists the column's generated cells.
public enum CapabilityMatrix {
    /// The line before the generated table.
    public static let beginMarker = "<!-- capability-matrix:begin (generated: CapabilityMatrix.table) -->"
    /// The line after the generated table.
    public static let endMarker = "<!-- capability-matrix:end -->"

    /// One provider's column: a cell for each row, in row order. Operations read `yes` or
    /// `no`; field rows list fields and schedule kinds in declaration order (`—` when the
    /// operation they depend on is not declared, `nothing` when the set is empty).
    public static func column(for descriptor: ProviderDescriptor) -> [(row: String, cell: String)] {
        descriptor.capabilityRows.map { row in
            (row: row.operation == nil ? row.label : "`\(row.label)`", cell: row.cell)
        }
    }

    /// The whole table in Markdown, markers included, one column per provider.
    public static func table(_ columns: [(title: String, descriptor: ProviderDescriptor)]) -> String {
        let generated = columns.map { column(for: $0.descriptor) }
        let rows = generated.first?.map(\.row) ?? column(for: ProviderDescriptor(name: "", capabilities: [])).map(\.row)
        var lines = [beginMarker, "| | " + columns.map(\.title).joined(separator: " | ") + " |"]
        lines.append("|---|" + columns.map { _ in "---|" }.joined())
        for (index, row) in rows.enumerated() {
            lines.append("| \(row) | " + generated.map { $0[index].cell }.joined(separator: " | ") + " |")
        }
        lines.append(endMarker)
        return lines.joined(separator: "\n")
    }

    /// The differences between the column titled `title` in the Markdown's generated table
    /// and what `descriptor` declares, one line each; empty when they agree.
    public static func mismatches(in markdown: String, column title: String, descriptor: ProviderDescriptor)
        -> [String]
    {
        guard let table = cells(in: markdown) else { return ["no table between the capability-matrix markers"] }
        guard let index = table.titles.firstIndex(of: title) else {
            return ["no column titled '\(title)' (columns: \(table.titles.joined(separator: ", ")))"]
        }
        let expected = column(for: descriptor)
        var problems: [String] = []
        if table.rows.map(\.label) != expected.map(\.row) {
            problems.append("rows are \(table.rows.map(\.label)); expected \(expected.map(\.row))")
        }
        for (row, cell) in expected where problems.isEmpty || table.rows.map(\.label) == expected.map(\.row) {
            let found = table.rows.first { $0.label == row }.flatMap {
                $0.cells.indices.contains(index) ? $0.cells[index] : nil
            }
            if found != cell {
                problems.append("'\(title)' × \(row): README says \(found ?? "nothing"), declared \(cell)")
            }
        }
        if !problems.isEmpty {
            problems.append(
                "generated column '\(title)': " + expected.map { "\($0.row) = \($0.cell)" }.joined(separator: "; "))
        }
        return problems
    }

    /// The README.md of the package that holds `file` (pass `#filePath`): the nearest
    /// directory above it with both `Package.swift` and `README.md`.
    ///
    /// - Throws: ``ContractFailure`` when there is none.
    public static func readme(near file: String) throws -> String {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" && !directory.path.isEmpty {
            let readme = directory.appendingPathComponent("README.md")
            let manifest = directory.appendingPathComponent("Package.swift")
            if FileManager.default.fileExists(atPath: manifest.path),
                let data = FileManager.default.contents(atPath: readme.path)
            {
                return String(decoding: data, as: UTF8.self)
            }
            directory = directory.deletingLastPathComponent()
        }
        throw ContractFailure("no README.md next to a Package.swift above \(file)")
    }

    /// The titles and rows of the table between the markers.
    private static func cells(in markdown: String) -> (titles: [String], rows: [(label: String, cells: [String])])? {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let begin = lines.firstIndex(of: beginMarker), let end = lines.firstIndex(of: endMarker), begin + 2 < end
        else { return nil }
        func split(_ line: String) -> [String] {
            var parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.first == "" { parts.removeFirst() }
            if parts.last == "" { parts.removeLast() }
            return parts
        }
        let header = split(lines[begin + 1])
        let rows = lines[(begin + 3)..<end].map { line -> (label: String, cells: [String]) in
            let parts = split(line)
            return (parts.first ?? "", Array(parts.dropFirst()))
        }
        return (Array(header.dropFirst()), rows)
    }
}
