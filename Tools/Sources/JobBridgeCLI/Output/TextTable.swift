/// A plain-text table fitted to a width: columns padded to their widest cell, and, when
/// the whole is wider than the terminal, the widest shrinkable columns cut with `…`.
struct TextTable {
    /// The column titles.
    var header: [String]
    /// The rows, each as many cells as there are titles.
    var rows: [[String]]
    /// The columns that may be cut to fit (names, schedules); the others are kept whole.
    var shrinkable: Set<Int> = []

    /// The narrowest a shrinkable column is cut to.
    static let minimumWidth = 8

    /// The table's lines, at most `width` characters wide when `width` is given and every
    /// column can shrink enough; a header, a rule, then the rows.
    func render(width: Int?, header style: (String) -> String = { $0 }) -> [String] {
        var widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        if let width {
            let separators = 2 * max(widths.count - 1, 0)
            var excess = widths.reduce(0, +) + separators - width
            // Take a character at a time from the widest shrinkable column: bounded by the excess.
            while excess > 0 {
                guard
                    let widest = shrinkable.filter({ widths.indices.contains($0) && widths[$0] > Self.minimumWidth })
                        .max(by: { widths[$0] < widths[$1] })
                else { break }
                let cut = min(excess, widths[widest] - Self.minimumWidth, max(1, widths[widest] / 8))
                widths[widest] -= cut
                excess -= cut
            }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, width) in widths.enumerated() {
                let cell = cells.indices.contains(index) ? cells[index] : ""
                let fitted = cell.count > width ? String(cell.prefix(max(width - 1, 0))) + "…" : cell
                text += fitted
                if index < widths.count - 1 { text += String(repeating: " ", count: width - fitted.count + 2) }
            }
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return [style(line(header)), line(rule)] + rows.map(line)
    }
}
