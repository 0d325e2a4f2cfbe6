/// Parses one field of a cron expression in a dialect.
struct FieldParser {
    /// The result of parsing one field.
    struct Parsed {
        var bits: UInt64 = 0
        var restricted = true
        var monthSpecials: [CronExpression.DayOfMonthSpecial] = []
        var weekSpecials: [CronExpression.DayOfWeekSpecial] = []
    }

    let dialect: CronDialect

    private static let monthNames = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// The allowed numeric range of a field in this dialect.
    func bounds(_ field: CronExpression.Field) -> ClosedRange<Int> {
        switch field {
        case .minute: return 0...59
        case .hour: return 0...23
        case .dayOfMonth: return 1...31
        case .month: return 1...12
        case .dayOfWeek: return dialect == .sync ? 1...7 : 0...7
        }
    }

    /// The range `*` and `n/step` cover.
    private func starBounds(_ field: CronExpression.Field) -> ClosedRange<Int> {
        if field == .dayOfWeek && dialect == .airflow { return 0...6 }
        return bounds(field)
    }

    private func rangeText(_ field: CronExpression.Field) -> String {
        let range = bounds(field)
        switch field {
        case .month: return "\(range.lowerBound)–\(range.upperBound) or JAN–DEC"
        case .dayOfWeek:
            return dialect == .sync
                ? "1–7 (1 = SUN … 7 = SAT) or SUN–SAT" : "0–7 (0 and 7 = Sunday) or SUN–SAT"
        default: return "\(range.lowerBound)–\(range.upperBound)"
        }
    }

    private func fail(_ field: CronExpression.Field, _ message: String) -> JobBridgeError {
        JobBridgeError(.invalidDefinition, "\(field.rawValue): \(message)", field: field.key)
    }

    /// Converts a dialect value to its bit: weekdays become 0–6 with 0 = Sunday.
    private func bit(_ value: Int, _ field: CronExpression.Field) -> Int {
        guard field == .dayOfWeek else { return value }
        return dialect == .sync ? value - 1 : value % 7
    }

    /// Parses a number or a name, checking the range.
    func value(_ text: String, _ field: CronExpression.Field, whole: String) throws -> Int {
        let upper = text.uppercased()
        if field == .month, let index = FieldParser.monthNames.firstIndex(of: upper) { return index + 1 }
        if field == .dayOfWeek, let index = FieldParser.dayNames.firstIndex(of: upper) {
            return dialect == .sync ? index + 1 : index
        }
        guard !text.isEmpty else {
            throw fail(field, "'\(whole)' is missing a value; allowed: \(rangeText(field))")
        }
        guard text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            throw fail(field, "'\(text)' in '\(whole)' is not a number or a known name; allowed: \(rangeText(field))")
        }
        guard bounds(field).contains(number) else {
            throw fail(field, "value \(number) in '\(whole)' is out of range; allowed: \(rangeText(field))")
        }
        return number
    }

    /// Parses a whole field.
    func parse(_ text: String, _ field: CronExpression.Field) throws -> Parsed {
        if text == "?" {
            guard field == .dayOfMonth || field == .dayOfWeek, dialect != .standard else {
                throw fail(field, "'?' is not allowed here in the \(dialect.rawValue) dialect")
            }
            return Parsed(restricted: false)
        }
        return try parseNumeric(text, field) ?? parseInFull(text, field)
    }

    /// Parses a field the general way: names, specials and precise errors (and numbers too,
    /// the same as ``parseNumeric(_:_:)`` reads them).
    func parseInFull(_ text: String, _ field: CronExpression.Field) throws -> Parsed {
        var parsed = Parsed()
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for item in items {
            guard !item.isEmpty else { throw fail(field, "'\(text)' has an empty list item") }
            if try parseSpecial(item, field, into: &parsed, listed: items.count > 1) { continue }
            try parseRange(item, field, into: &parsed)
        }
        if field == .dayOfWeek && dialect == .airflow && !parsed.weekSpecials.isEmpty && parsed.bits != 0 {
            throw fail(field, "'\(text)' mixes plain weekdays with '#' or 'L' weekdays, which croniter rejects")
        }
        if text == "*" || (text == "*/1" && dialect == .sync) { parsed.restricted = false }
        return parsed
    }

    /// Parses `L`, `L-n`, `LW`, `nW`, `nL`, `Ln`, `n#k`; returns false for anything else.
    private func parseSpecial(
        _ item: String, _ field: CronExpression.Field, into parsed: inout Parsed, listed: Bool
    ) throws -> Bool {
        let upper = item.uppercased()
        switch field {
        case .dayOfMonth:
            if upper == "L" {
                parsed.monthSpecials.append(.last(offset: 0))
                return true
            }
            if upper == "LW" {
                guard dialect != .airflow else { throw fail(field, "'LW' is not supported in the airflow dialect") }
                parsed.monthSpecials.append(.lastWeekday)
                return true
            }
            if upper.hasPrefix("L-") {
                guard dialect == .sync else {
                    throw fail(field, "'\(item)' (L-n) is only supported in the sync dialect")
                }
                let offset = try number(String(upper.dropFirst(2)), field, whole: item, in: 0...30)
                parsed.monthSpecials.append(.last(offset: offset))
                return true
            }
            if upper.hasSuffix("W"), upper.count > 1 {
                if dialect == .airflow && listed {
                    throw fail(field, "'\(item)': 'W' takes a single day, not a list, in the airflow dialect")
                }
                let day = try number(String(upper.dropLast()), field, whole: item, in: 1...31)
                parsed.monthSpecials.append(.nearestWeekday(day))
                return true
            }
            if upper.contains(where: { $0 == "L" || $0 == "W" }) {
                throw fail(field, "'\(item)' is not a valid use of L or W; allowed: L, LW, nW (n in 1–31)")
            }
        case .dayOfWeek:
            if let hash = upper.firstIndex(of: "#") {
                let weekday = try value(String(upper[..<hash]), field, whole: item)
                let nth = try number(String(upper[upper.index(after: hash)...]), field, whole: item, in: 1...5)
                parsed.weekSpecials.append(.nth(weekday: bit(weekday, field), nth))
                return true
            }
            if upper == "L" {
                guard dialect == .sync else {
                    throw fail(field, "'L' alone is not allowed in the day of week in the \(dialect.rawValue) dialect")
                }
                parsed.bits |= 1 << 6
                return true
            }
            if dialect == .airflow, upper.hasPrefix("L"), upper.count > 1 {
                let weekday = try value(String(upper.dropFirst()), field, whole: item)
                parsed.weekSpecials.append(.last(weekday: bit(weekday, field)))
                return true
            }
            if dialect != .airflow, upper.hasSuffix("L"), upper.count > 1 {
                let weekday = try value(String(upper.dropLast()), field, whole: item)
                parsed.weekSpecials.append(.last(weekday: bit(weekday, field)))
                return true
            }
            if upper.contains(Character("L"))
                && !FieldParser.dayNames.contains(where: { upper.firstRange(of: $0) != nil })
            {
                let form = dialect == .airflow ? "Ln" : "nL"
                throw fail(field, "'\(item)' is not a valid use of L; allowed: \(form) (last such weekday), n#k")
            }
        default:
            if upper.contains(where: { "LW#?".contains($0) }) {
                if Int(upper) == nil && !FieldParser.monthNames.contains(where: { upper.firstRange(of: $0) != nil }) {
                    throw fail(field, "'\(item)': L, W, # and ? are only allowed in the day fields")
                }
            }
        }
        return false
    }

    private func number(_ text: String, _ field: CronExpression.Field, whole: String, in range: ClosedRange<Int>)
        throws -> Int
    {
        guard text.count <= 4, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text),
            range.contains(value)
        else {
            throw fail(field, "'\(whole)': '\(text)' must be a number in \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    /// Quartz (and so Sync) rejects a range that mixes a name and a number (`5-SAT`) and
    /// ignores a step after a name (`APR-JUN/4`); the sync dialect rejects both rather than guess.
    private func checkQuartzNames(_ bounds: [String], hasStep: Bool, _ field: CronExpression.Field, item: String)
        throws
    {
        let names = bounds.map { $0.first?.isLetter == true }
        if names.count == 2 && names[0] != names[1] {
            throw fail(field, "'\(item)' mixes a name and a number in a range; use names or numbers on both sides")
        }
        if hasStep && names.contains(true) {
            throw fail(field, "'\(item)': a step after a name is ignored by Quartz-style parsers; use numbers")
        }
    }

    /// Parses `*`, `n`, `a-b`, each optionally with `/step`.
    private func parseRange(_ item: String, _ field: CronExpression.Field, into parsed: inout Parsed) throws {
        let slashParts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard slashParts.count <= 2 else { throw fail(field, "'\(item)' has more than one '/'") }
        var step = 1
        if slashParts.count == 2 {
            guard let parsedStep = Int(slashParts[1]), slashParts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
                slashParts[1].count <= 4
            else {
                throw fail(field, "'\(item)': the step '\(slashParts[1])' must be a whole number of at least 1")
            }
            guard parsedStep >= 1 else { throw fail(field, "'\(item)': the step must be at least 1, not 0") }
            step = parsedStep
        }
        let base = slashParts[0]
        guard base != "*" else {
            parsed.bits |= starBits(step: step, field)
            return
        }
        let dashParts = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard dashParts.count <= 2 else { throw fail(field, "'\(item)' has more than one '-'") }
        if dialect == .sync { try checkQuartzNames(dashParts, hasStep: slashParts.count == 2, field, item: item) }
        let low = try value(dashParts[0], field, whole: item)
        let high = dashParts.count == 2 ? try value(dashParts[1], field, whole: item) : nil
        if dialect != .airflow, let high, low > high {
            throw fail(field, "'\(item)': the range start \(low) is after its end \(high)")
        }
        parsed.bits |= rangeBits(low: low, high: high, step: step, hasStep: slashParts.count == 2, field)
    }

    /// The bits of `*/step`: the field's whole cycle (for croniter's weekdays, 0–6).
    private func starBits(step: Int, _ field: CronExpression.Field) -> UInt64 {
        let all = starBounds(field)
        var bits: UInt64 = 0
        for value in stride(from: all.lowerBound, through: all.upperBound, by: step) {
            bits |= 1 << UInt64(bit(value, field))
        }
        return bits
    }

    /// The bits of `low[-high][/step]` (values already in range; `low <= high` outside airflow).
    private func rangeBits(low: Int, high: Int?, step: Int, hasStep: Bool, _ field: CronExpression.Field) -> UInt64 {
        var bits: UInt64 = 0
        if dialect == .airflow {
            for value in croniterValues(low: low, high: high, step: step, hasStep: hasStep, field) {
                bits |= 1 << UInt64(bit(value, field))
            }
            return bits
        }
        let last: Int
        if let high {
            last = high
        } else if hasStep, low <= starBounds(field).upperBound {
            last = starBounds(field).upperBound
        } else {
            last = low
        }
        for value in stride(from: low, through: last, by: step) { bits |= 1 << UInt64(bit(value, field)) }
        return bits
    }

    /// The fast path for the common field of numbers only (`*`, `n`, `a-b`, `/step`, lists),
    /// read byte by byte. Returns `nil` for anything else, valid or not (names, `L W # ?`,
    /// out-of-range values, malformed text), which ``parse(_:_:)`` then reads in full and
    /// reports precisely; where both read a field they agree (`CronFastPathTests` checks it).
    func parseNumeric(_ text: String, _ field: CronExpression.Field) -> Parsed? {
        var scanner = NumericScanner(text)
        let limits = bounds(field)
        var parsed = Parsed()
        repeat {
            var low: Int?
            var high: Int?
            if !scanner.skip("*") {
                guard let first = scanner.number(), limits.contains(first) else { return nil }
                low = first
                if scanner.skip("-") {
                    guard let second = scanner.number(), limits.contains(second) else { return nil }
                    high = second
                }
            }
            var step = 1
            let hasStep = scanner.skip("/")
            if hasStep {
                guard let value = scanner.number(), value >= 1 else { return nil }
                step = value
            }
            if let low {
                if dialect != .airflow, let high, low > high { return nil }
                parsed.bits |= rangeBits(low: low, high: high, step: step, hasStep: hasStep, field)
            } else {
                parsed.bits |= starBits(step: step, field)
            }
        } while scanner.skip(",")
        guard scanner.isAtEnd else { return nil }
        parsed.restricted = !(text == "*" || (text == "*/1" && dialect == .sync))
        return parsed
    }
}

/// Reads the ASCII bytes of a numeric cron field, in place (no copy of the text).
private struct NumericScanner {
    private let bytes: String.UTF8View
    private var index: String.Index

    init(_ text: String) {
        bytes = text.utf8
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index == bytes.endIndex }

    /// Skips `character` if it is next.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: character) else { return false }
        bytes.formIndex(after: &index)
        return true
    }

    /// A number of one to four digits, or `nil` (a fifth digit makes it `nil`).
    mutating func number() -> Int? {
        var value = 0
        var digits = 0
        while index < bytes.endIndex, digits < 5 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value * 10 + Int(digit)
            bytes.formIndex(after: &index)
            digits += 1
        }
        return (1...4).contains(digits) ? value : nil
    }
}
