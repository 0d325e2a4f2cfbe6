import Foundation

/// Parsing of cron text in each dialect into a ``CronExpression``.
extension CronExpression {
    /// Parses and validates a cron expression.
    ///
    /// - `standard`: Debian/Vixie cron with cronsim's extensions: five fields, names,
    ///   weekdays 0–7 (0 and 7 are Sunday), the `@` macros, `L`, `LW`, `nW`, `nL`, `n#k`.
    /// - `sync`: CData Sync: weekdays 1–7 = SUN–SAT, `?`, `L`, `L-n`, `LW`, `nW`, `nL`, `n#k`;
    ///   at most one of the two day fields may be restricted.
    /// - `airflow`: as croniter parses it for Airflow: wrap-around ranges, `a-a` is the whole
    ///   cycle, `L` and `nW` in the day of month, `Ln` and `n#k` in the day of week, and
    ///   Airflow's presets, including `@once`.
    ///
    /// - Throws: ``JobBridgeError`` with code `invalidDefinition`, the field (such as
    ///   `cron.minute`), the value and the allowed range; also when the expression never fires.
    public init(_ text: String, dialect: CronDialect = .standard) throws {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw JobBridgeError(.invalidDefinition, "the cron expression is empty", field: "cron")
        }
        if trimmed.hasPrefix("@") {
            let name = trimmed.lowercased()
            if dialect == .airflow && name == "@once" {
                self = CronExpression(once: ())
                return
            }
            guard let expansion = CronExpression.macro(name, dialect: dialect) else {
                let known = CronExpression.macroNames(dialect).joined(separator: ", ")
                throw JobBridgeError(
                    .invalidDefinition,
                    "unknown cron macro '\(trimmed)' in the \(dialect.rawValue) dialect; known: \(known)",
                    field: "cron")
            }
            self = try CronExpression(expansion, dialect: dialect)
            return
        }
        // Split on the UTF-8 bytes (a space or a tab is one byte; a field is rarely longer
        // than a small string's 15 bytes, so making the five strings allocates nothing).
        let parts = trimmed.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(Substring($0)) }
        guard parts.count == 5 else {
            throw JobBridgeError(
                .invalidDefinition,
                "\(dialect == .airflow ? "an" : "a") \(dialect.rawValue) cron expression has 5 fields "
                    + "(minute hour day-of-month month day-of-week); '\(ResponseText.truncate(trimmed, limit: 100))' "
                    + "has \(parts.count)",
                field: "cron")
        }
        let parser = FieldParser(dialect: dialect)
        let minute = try parser.parse(parts[0], .minute)
        let hour = try parser.parse(parts[1], .hour)
        let dayOfMonth = try parser.parse(parts[2], .dayOfMonth)
        let month = try parser.parse(parts[3], .month)
        let dayOfWeek = try parser.parse(parts[4], .dayOfWeek)
        var restrictsDate = dayOfMonth.restricted
        var restrictsWeekday = dayOfWeek.restricted
        let eitherDay: Bool
        switch dialect {
        case .standard:
            // Vixie: if either field's text starts with `*`, both must match.
            eitherDay = !(parts[2].utf8.first == UInt8(ascii: "*") || parts[4].utf8.first == UInt8(ascii: "*"))
        case .airflow:
            (restrictsDate, restrictsWeekday, eitherDay) = try CronExpression.croniterDayRule(
                dayOfMonth, dayOfWeek, texts: (parts[2], parts[4]), minute: minute.bits, hour: hour.bits,
                month: month.bits)
        case .sync:
            if dayOfMonth.restricted && dayOfWeek.restricted {
                throw JobBridgeError(
                    .invalidDefinition,
                    "in the sync dialect one of day-of-month ('\(parts[2])') and day-of-week ('\(parts[4])')"
                        + " must be '?' or '*'",
                    field: CronExpression.Field.dayOfWeek.key)
            }
            eitherDay = false
        }
        self.init(
            dialect: dialect, isOnce: false, minuteBits: minute.bits, hourBits: hour.bits,
            dayOfMonthBits: restrictsDate ? dayOfMonth.bits : CronExpression.allDays,
            monthBits: month.bits,
            dayOfWeekBits: restrictsWeekday ? dayOfWeek.bits : CronExpression.allWeekdays,
            dayOfMonthSpecials: restrictsDate ? dayOfMonth.monthSpecials : [],
            dayOfWeekSpecials: restrictsWeekday ? dayOfWeek.weekSpecials : [],
            restrictsDayOfMonth: restrictsDate, restrictsDayOfWeek: restrictsWeekday,
            matchesEitherDayField: eitherDay,
            hasWildcardTimeField: parts[0].utf8.first == UInt8(ascii: "*") || parts[1].utf8.first == UInt8(ascii: "*"))
        try validateFires(text: trimmed)
    }

    private init(once: Void) {
        self.init(
            dialect: .airflow, isOnce: true, minuteBits: 1, hourBits: 1, dayOfMonthBits: 1 << 1, monthBits: 1 << 1,
            dayOfWeekBits: CronExpression.allWeekdays, dayOfMonthSpecials: [], dayOfWeekSpecials: [],
            restrictsDayOfMonth: true, restrictsDayOfWeek: false, matchesEitherDayField: false,
            hasWildcardTimeField: false)
    }

    /// croniter's day rule: which day fields restrict days.
    ///
    /// A field whose values cover the whole cycle counts as `*` only when the other field's text
    /// contains `*`. With `#`/`L` weekdays the day of month is ignored, and with `nW` the day of
    /// week is ignored (croniter computes both sides of the OR with the special kept, so the
    /// special alone decides); with both `nW` and `#`/`L` weekdays both must match. When the two
    /// together never match, croniter fails, and so do we. Returns the two restrictions and
    /// whether either field may match (OR).
    static func croniterDayRule(
        _ date: FieldParser.Parsed, _ weekday: FieldParser.Parsed, texts: (String, String),
        minute: UInt64, hour: UInt64, month: UInt64
    ) throws -> (Bool, Bool, Bool) {
        let starLike = { (text: String) in text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") } }
        let dateFull = date.bits & allDays == allDays && date.monthSpecials.isEmpty
        let weekdayFull = weekday.bits & allWeekdays == allWeekdays && weekday.weekSpecials.isEmpty
        var restrictsDate = date.restricted && !(dateFull && starLike(texts.1))
        var restrictsWeekday = weekday.restricted && !(weekdayFull && starLike(texts.0))
        let nearest = date.monthSpecials.contains {
            if case .nearestWeekday = $0 { return true }
            return false
        }
        let ignoreDate = restrictsDate && restrictsWeekday && !weekday.weekSpecials.isEmpty
        let ignoreWeekday = restrictsDate && restrictsWeekday && nearest
        if ignoreDate || ignoreWeekday {
            let both = CronExpression(
                dialect: .airflow, isOnce: false, minuteBits: minute, hourBits: hour, dayOfMonthBits: date.bits,
                monthBits: month, dayOfWeekBits: weekday.bits, dayOfMonthSpecials: date.monthSpecials,
                dayOfWeekSpecials: weekday.weekSpecials, restrictsDayOfMonth: true, restrictsDayOfWeek: true,
                matchesEitherDayField: false, hasWildcardTimeField: false)
            try both.validateFires(text: "\(texts.0) … \(texts.1)")
            if ignoreDate && ignoreWeekday { return (true, true, false) }
            if ignoreDate { restrictsDate = false } else { restrictsWeekday = false }
        }
        return (restrictsDate, restrictsWeekday, restrictsDate && restrictsWeekday)
    }

    /// Rejects expressions with no match in a whole 400-year Gregorian cycle.
    func validateFires(text: String) throws {
        let start = CivilCalendar.minutes(year: 2000, month: 1, day: 1, hour: 0, minute: 0)
        guard firstMatch(atOrAfter: start) == nil else { return }
        let names = ["", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        let months = values(of: .month).map { names[$0] }.joined(separator: ",")
        let why =
            restrictsDayOfMonth && !restrictsDayOfWeek && dayOfMonthSpecials.isEmpty
            ? "day \(values(of: .dayOfMonth).map(String.init).joined(separator: ",")) never occurs in \(months)"
            : "no day in \(months) matches both the day-of-month and the day-of-week fields"
        throw JobBridgeError(
            .invalidDefinition, "the cron expression '\(text)' never fires: \(why)",
            field: CronExpression.Field.dayOfMonth.key)
    }

    /// The expansion of an `@` macro, or `nil` when the dialect has no such macro.
    static func macro(_ name: String, dialect: CronDialect) -> String? {
        switch name {
        case "@yearly", "@annually": return "0 0 1 1 *"
        case "@monthly": return "0 0 1 * *"
        case "@weekly": return dialect == .sync ? "0 0 ? * 1" : "0 0 * * 0"
        case "@daily", "@midnight": return "0 0 * * *"
        case "@hourly": return "0 * * * *"
        case "@quarterly": return dialect == .airflow ? "0 0 1 */3 *" : nil
        default: return nil
        }
    }

    /// The macro names a dialect accepts.
    static func macroNames(_ dialect: CronDialect) -> [String] {
        var names = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]
        if dialect == .airflow { names += ["@quarterly", "@once"] }
        return names
    }
}
