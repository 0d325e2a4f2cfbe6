import Foundation

/// Descriptions of cron expressions in words.
extension CronExpression {
    private static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let monthNames = [
        "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let ordinals = ["", "first", "second", "third", "fourth", "fifth"]

    /// The expression in words, such as "At 09:00, Monday through Friday" or
    /// "Every 15 minutes, between 09:00 and 17:59, Monday through Friday".
    public var summary: String {
        if isOnce { return "Once, when the schedule starts" }
        var parts = [timePhrase]
        if let days = dayPhrase { parts.append(days) }
        if monthBits != CronExpression.allMonths {
            parts.append("in " + Self.list(values(of: .month), names: Self.monthNames))
        }
        return parts.joined(separator: ", ")
    }

    private static func time(_ hour: Int, _ minute: Int) -> String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// "a, b and c", with runs of three or more as "a through c".
    private static func list(_ values: [Int], names: [String]? = nil) -> String {
        let name = { (value: Int) in names.map { $0[value] } ?? "\(value)" }
        var groups: [String] = []
        var index = 0
        while index < values.count {
            var end = index
            while end + 1 < values.count && values[end + 1] == values[end] + 1 { end += 1 }
            if end - index >= 2 {
                groups.append("\(name(values[index])) through \(name(values[end]))")
            } else {
                groups.append(contentsOf: values[index...end].map(name))
            }
            index = end + 1
        }
        return join(groups)
    }

    /// "a, b and c".
    private static func join(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// The step of a progression from 0 covering the whole field, such as 15 for 0,15,30,45.
    private static func step(_ values: [Int], cycle: Int) -> Int? {
        guard values.count >= 2, values[0] == 0 else { return nil }
        let step = values[1]
        return values == Array(stride(from: 0, to: cycle, by: step)) ? step : nil
    }

    private var hourClause: String {
        let hours = values(of: .hour)
        if hours.count >= 2, hours == Array((hours.first ?? 0)...(hours.last ?? 0)) {
            return "between \(Self.time(hours.first ?? 0, 0)) and \(Self.time(hours.last ?? 0, 59))"
        }
        return hours.count == 1 ? "during hour \(hours[0])" : "during hours \(Self.list(hours))"
    }

    private var timePhrase: String {
        let minutes = values(of: .minute)
        let hours = values(of: .hour)
        let everyHour = hourBits == CronExpression.allHours
        if minuteBits == CronExpression.allMinutes {
            return everyHour ? "Every minute" : "Every minute, " + hourClause
        }
        if !everyHour && minutes.count * hours.count <= 6 {
            let times = hours.flatMap { hour in minutes.map { Self.time(hour, $0) } }
            return "At " + Self.join(times)
        }
        var phrase: String
        if let step = Self.step(minutes, cycle: 60) {
            phrase = "Every \(step) minutes"
        } else if minutes.count == 1 {
            phrase = "At minute \(minutes[0])"
        } else {
            phrase = "At minutes \(Self.list(minutes))"
        }
        if everyHour { return phrase + (minutes.count == 1 ? " past every hour" : "") }
        if let step = Self.step(hours, cycle: 24), minutes.count == 1 {
            return phrase + " past every \(step) hours"
        }
        return phrase + ", " + hourClause
    }

    private var dayPhrase: String? {
        var dateParts: [String] = []
        if restrictsDayOfMonth {
            let days = values(of: .dayOfMonth)
            if !days.isEmpty {
                dateParts.append(
                    days.count == 1 ? "on day \(days[0]) of the month" : "on days \(Self.list(days)) of the month")
            }
            for special in dayOfMonthSpecials {
                switch special {
                case .last(let offset):
                    dateParts.append(
                        offset == 0 ? "on the last day of the month" : "\(offset) days before the last day of the month"
                    )
                case .lastWeekday: dateParts.append("on the last weekday of the month")
                case .nearestWeekday(let day): dateParts.append("on the weekday nearest day \(day) of the month")
                }
            }
        }
        var weekParts: [String] = []
        if restrictsDayOfWeek {
            let days = values(of: .dayOfWeek)
            if !days.isEmpty {
                let text = Self.list(days, names: Self.dayNames)
                weekParts.append(days.count >= 3 && text.contains("through") ? text : "on " + text)
            }
            for special in dayOfWeekSpecials {
                switch special {
                case .last(let weekday): weekParts.append("on the last \(Self.dayNames[weekday]) of the month")
                case .nth(let weekday, let n):
                    weekParts.append("on the \(Self.ordinals[n]) \(Self.dayNames[weekday]) of the month")
                }
            }
        }
        let dates = dateParts.joined(separator: " or ")
        let weeks = weekParts.joined(separator: " or ")
        switch (dates.isEmpty, weeks.isEmpty) {
        case (true, true): return nil
        case (false, true): return dates
        case (true, false): return weeks
        case (false, false):
            return matchesEitherDayField
                ? "\(dates) or \(weeks)" : "\(dates), if it is also \(weeks.replacingOccurrences(of: "on ", with: ""))"
        }
    }
}
