import Foundation

/// The figures of one benchmark run, printed as a table or, with `--json`, as one JSON
/// object whose keys name each figure with its unit (`decode_map_ms`, `parse_us_median`)
/// and whose goals sit beside them (`ratio_vs_python_goal_max`), so a script can compare
/// runs.
public struct BenchReport {
    /// One printed figure.
    public struct Figure {
        /// The JSON key: the figure's name and unit.
        public var key: String
        /// The measured value.
        public var value: Double
        /// What the figure is, in words, for the table.
        public var label: String
        /// The largest value that meets the goal, when the figure has one.
        public var goalMax: Double?
    }

    /// The benchmark's name (the `benchmark` member of the JSON).
    public var name: String
    /// The figures, in the order they are printed.
    public private(set) var figures: [Figure] = []
    /// Facts about the run that are not figures (sizes, counts), printed first.
    public private(set) var notes: [(key: String, value: String)] = []

    /// Creates an empty report.
    public init(name: String) { self.name = name }

    /// Adds a figure; `goalMax` is printed beside it and put in the JSON as `<key>_goal_max`.
    public mutating func add(_ key: String, _ value: Double, _ label: String, goalMax: Double? = nil) {
        figures.append(Figure(key: key, value: value, label: label, goalMax: goalMax))
    }

    /// Adds a fact about the run.
    public mutating func note(_ key: String, _ value: String) { notes.append((key, value)) }

    /// Prints the report: JSON when the command line has `--json`, else a table.
    public func print() {
        if CommandLine.arguments.contains("--json") {
            Swift.print(json)
            return
        }
        Swift.print("\(name): " + notes.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for figure in figures {
            let label = figure.label.padding(toLength: 58, withPad: " ", startingAt: 0)
            let goal = figure.goalMax.map {
                "   goal ≤ \(Self.format($0))" + ($0 >= figure.value ? " (met)" : " (NOT met)")
            }
            Swift.print("  \(label) \(Self.format(figure.value).leftPadded(10))\(goal ?? "")   [\(figure.key)]")
        }
    }

    /// The report as one JSON object (keys in the order added).
    public var json: String {
        var members = ["\"benchmark\": \(Self.quoted(name))"]
        for note in notes { members.append("\(Self.quoted(note.key)): \(Self.quoted(note.value))") }
        for figure in figures {
            members.append("\(Self.quoted(figure.key)): \(Self.number(figure.value))")
            if let goal = figure.goalMax {
                members.append("\(Self.quoted(figure.key + "_goal_max")): \(Self.number(goal))")
            }
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }

    private static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : "null"
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
