/// croniter's reading of ranges and steps, for the `airflow` dialect.
extension FieldParser {
    /// The values of `low[-high][/step]` as croniter 7 expands them (`*` is the caller's): `a/step` runs to the field's
    /// maximum (6 for weekdays), `a-a` is the whole cycle, and a range whose start is after
    /// its end wraps around, resuming after the wrap as croniter does (for minutes,
    /// `45-37/12` is 45, 57, 10, 22, 34).
    func croniterValues(low: Int, high end: Int?, step: Int, hasStep: Bool, _ field: CronExpression.Field) -> [Int] {
        let low = alias(low, field)
        let fieldMin = field == .dayOfWeek ? 0 : bounds(field).lowerBound
        let fieldMax = field == .dayOfWeek ? 6 : bounds(field).upperBound
        let high: Int
        var startsWithStep = false
        if let end {
            high = alias(end, field)
        } else if hasStep {
            high = fieldMax
            startsWithStep = true
        } else {
            return [low]
        }
        if low == high {
            if startsWithStep { return [low] }
            return Array(stride(from: fieldMin, through: fieldMax, by: step))
        }
        if low < high { return Array(stride(from: low, through: high, by: step)) }
        var values = Array(stride(from: low, through: fieldMax, by: step))
        var skip = 0
        if let last = values.last {
            let alreadySkipped = fieldMax - last
            let position = last - fieldMin
            let count = fieldMax - fieldMin + 1
            if position + step > count && alreadySkipped < step { skip = step - alreadySkipped }
        }
        if fieldMin + skip <= high { values += Array(stride(from: fieldMin + skip, through: high, by: step)) }
        return values
    }

    /// croniter reads weekday 7 as 0.
    private func alias(_ value: Int, _ field: CronExpression.Field) -> Int {
        field == .dayOfWeek && value == 7 ? 0 : value
    }
}
