/// Rendering a ``CronExpression`` as text in any dialect.
extension CronExpression {
    static let weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// The expression as text in a dialect. Sync weekdays are written as names (`MON-FRI`)
    /// to avoid the 0/1-based confusion.
    ///
    /// - Throws: ``JobBridgeError`` (`invalidDefinition`, field `cron`) when the dialect cannot
    ///   express the expression, saying why (for example, Sync cannot restrict both day fields,
    ///   croniter has no `LW`).
    public func rendered(in target: CronDialect) throws -> String {
        if isOnce {
            guard target == .airflow else { throw impossible(target, "'@once' exists only in Airflow") }
            return "@once"
        }
        let minute = Self.render(minuteBits, 0...59, allowStar: true)
        let hour = Self.render(hourBits, 0...23, allowStar: true)
        let month = Self.render(monthBits, 1...12, allowStar: true)
        var dayOfMonth = "*"
        var dayOfWeek = "*"
        let bothRestricted = restrictsDayOfMonth && restrictsDayOfWeek
        if bothRestricted {
            switch target {
            case .sync:
                throw impossible(target, "Sync cannot restrict both the day of month and the day of week")
            case .standard:
                // AND survives only when a day field's text starts with `*` (such as `*/2`).
                if !matchesEitherDayField && !dayOfMonthStars && !dayOfWeekStars {
                    throw impossible(
                        target, "Vixie cron combines two restricted day fields with OR; this expression needs AND")
                }
            case .airflow:
                if !matchesEitherDayField {
                    throw impossible(
                        target, "croniter combines two restricted day fields with OR; this expression needs AND")
                }
            }
        }
        if restrictsDayOfMonth {
            // In Vixie cron a field starting with `*` switches the day rule to AND.
            let allowStar = !(target == .standard && bothRestricted && matchesEitherDayField)
            dayOfMonth = try renderDayOfMonth(target, allowStar: allowStar)
        } else if target == .sync && restrictsDayOfWeek {
            dayOfMonth = "?"
        }
        if restrictsDayOfWeek {
            let starred = target == .standard && bothRestricted && !matchesEitherDayField && !dayOfMonthStars
            dayOfWeek = starred ? Self.render(dayOfWeekBits, 0...6, allowStar: true) : try renderDayOfWeek(target)
        } else if target == .sync {
            dayOfWeek = "?"
        }
        return [minute, hour, dayOfMonth, month, dayOfWeek].joined(separator: " ")
    }

    /// Whether the day of month renders as a `*`-prefixed step, such as `*/2`.
    private var dayOfMonthStars: Bool {
        dayOfMonthSpecials.isEmpty && Self.render(dayOfMonthBits, 1...31, allowStar: true).hasPrefix("*")
    }

    /// Whether the day of week renders as a `*`-prefixed step, such as `*/2` (0, 2, 4, 6).
    private var dayOfWeekStars: Bool {
        dayOfWeekSpecials.isEmpty && Self.render(dayOfWeekBits, 0...6, allowStar: true).hasPrefix("*")
    }

    private func impossible(_ target: CronDialect, _ why: String) -> JobBridgeError {
        JobBridgeError(
            .invalidDefinition, "cannot write this schedule in the \(target.rawValue) dialect: \(why)",
            field: "cron")
    }

    private func renderDayOfMonth(_ target: CronDialect, allowStar: Bool) throws -> String {
        var items: [String] = []
        if dayOfMonthBits != 0 { items.append(Self.render(dayOfMonthBits, 1...31, allowStar: allowStar)) }
        for special in dayOfMonthSpecials {
            switch special {
            case .last(let offset):
                if offset == 0 {
                    items.append("L")
                } else {
                    guard target == .sync else { throw impossible(target, "'L-\(offset)' exists only in Sync") }
                    items.append("L-\(offset)")
                }
            case .lastWeekday:
                guard target != .airflow else { throw impossible(target, "croniter has no 'LW'") }
                items.append("LW")
            case .nearestWeekday(let day):
                items.append("\(day)W")
            }
        }
        if target == .airflow && items.count > 1 && items.contains(where: { $0.hasSuffix("W") }) {
            throw impossible(target, "croniter accepts 'W' only on a single day")
        }
        return items.joined(separator: ",")
    }

    private func renderDayOfWeek(_ target: CronDialect) throws -> String {
        var items: [String] = []
        if dayOfWeekBits != 0 {
            if target == .sync {
                items.append(Self.renderNames(dayOfWeekBits))
            } else {
                items.append(Self.render(dayOfWeekBits, 0...6, allowStar: false))
            }
        }
        for special in dayOfWeekSpecials {
            switch special {
            case .last(let weekday):
                switch target {
                case .standard: items.append("\(weekday)L")
                case .sync: items.append("\(weekday + 1)L")
                case .airflow: items.append("L\(weekday)")
                }
            case .nth(let weekday, let n):
                items.append(target == .sync ? "\(Self.weekdayNames[weekday])#\(n)" : "\(weekday)#\(n)")
            }
        }
        if target == .airflow && dayOfWeekBits != 0 && !dayOfWeekSpecials.isEmpty {
            throw impossible(target, "croniter cannot mix plain weekdays with '#' or 'L' weekdays")
        }
        return items.joined(separator: ",")
    }

    /// Weekday names with ranges, such as `MON-FRI` or `MON,WED,FRI`.
    private static func renderNames(_ bits: UInt64) -> String {
        runs(bits, 0...6).map { run in
            run.count >= 3
                ? "\(weekdayNames[run.lowerBound])-\(weekdayNames[run.upperBound])"
                : run.map { weekdayNames[$0] }.joined(separator: ",")
        }.joined(separator: ",")
    }

    /// Runs of consecutive set bits.
    private static func runs(_ bits: UInt64, _ range: ClosedRange<Int>) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        var value = range.lowerBound
        while value <= range.upperBound {
            guard bits & (1 << UInt64(value)) != 0 else {
                value += 1
                continue
            }
            var end = value
            while end + 1 <= range.upperBound && bits & (1 << UInt64(end + 1)) != 0 { end += 1 }
            result.append(value...end)
            value = end + 1
        }
        return result
    }

    /// Compact text for a set of values: `*`, `*/15`, `1-31/2`, `9-17`, `0,30`.
    static func render(_ bits: UInt64, _ range: ClosedRange<Int>, allowStar: Bool) -> String {
        let values = range.filter { bits & (1 << UInt64($0)) != 0 }
        if values.count == range.count { return allowStar ? "*" : "\(range.lowerBound)-\(range.upperBound)" }
        if values.count >= 2, values[0] == range.lowerBound {
            let step = values[1] - values[0]
            let progression = Array(stride(from: range.lowerBound, through: range.upperBound, by: step))
            if progression == values && values.count > 2 {
                return allowStar ? "*/\(step)" : "\(range.lowerBound)-\(range.upperBound)/\(step)"
            }
        }
        return runs(bits, range).map { run in
            run.count >= 3 ? "\(run.lowerBound)-\(run.upperBound)" : run.map(String.init).joined(separator: ",")
        }.joined(separator: ",")
    }
}
