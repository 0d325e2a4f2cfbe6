import Testing

@testable import JobBridge

/// The parser's byte-level path for numeric fields against its general path: for any field
/// written with digits, `*`, `,`, `-` and `/`, valid or not, the two agree.
struct CronFastPathTests {
    /// Seeded field texts: mostly well formed, some out of range or malformed.
    static func fieldTexts(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let pieces = ["", "-", "/", ",", "--", "//", "*-1", "00000"]
        return (0..<count).map { _ in
            (0..<(1 + next(3))).map { _ -> String in
                var item: String
                switch next(4) {
                case 0: item = "*"
                case 1: item = "\(next(64))"
                case 2: item = "\(next(64))-\(next(64))"
                default: item = next(2) == 0 ? "\(next(8))-\(next(8))" : "0\(next(10))"
                }
                if next(3) == 0 { item += "/\(next(24))" }
                if next(12) == 0 { item += pieces[next(pieces.count)] }
                return item
            }.joined(separator: ",")
        }
    }

    @Test(arguments: CronDialect.allCases)
    func theFastPathAgreesWithTheGeneralPath(_ dialect: CronDialect) {
        let parser = FieldParser(dialect: dialect)
        var fast = 0
        for (index, field) in CronExpression.Field.allCases.enumerated() {
            for text in Self.fieldTexts(count: 1_500, seed: 0x5EED + UInt64(index)) {
                let general = try? parser.parseInFull(text, field)
                guard let numeric = parser.parseNumeric(text, field) else {
                    #expect(general == nil, "\(dialect) \(field) '\(text)': only the general path reads it")
                    continue
                }
                fast += 1
                #expect(numeric.bits == general?.bits, "\(dialect) \(field) '\(text)'")
                #expect(numeric.restricted == general?.restricted, "\(dialect) \(field) '\(text)'")
            }
        }
        #expect(fast > 1_500, "many of the seeded texts are valid")
    }

    /// The shared range arithmetic, pinned: both paths use it, so only fixed answers catch a
    /// change in it.
    @Test(arguments: [
        (CronDialect.airflow, CronExpression.Field.minute, "45-37/12", [45, 57, 10, 22, 34]),
        (.airflow, .hour, "7/5", [7, 12, 17, 22]),
        (.airflow, .dayOfWeek, "7", [0]),
        (.airflow, .dayOfWeek, "*/3", [0, 3, 6]),
        (.airflow, .dayOfWeek, "5-5", Array(0...6)),
        (.standard, .hour, "7/5", [7, 12, 17, 22]),
        (.standard, .dayOfWeek, "0-7", Array(0...6)),
        (.standard, .dayOfWeek, "5-7/2", [5, 0]),
        (.standard, .minute, "1-10/4,50", [1, 5, 9, 50]),
        (.sync, .dayOfWeek, "1-7/3", [0, 3, 6]),
        (.sync, .dayOfMonth, "31/5", [31]),
    ])
    func rangesAndStepsExpandAsTheEnginesDo(
        _ dialect: CronDialect, _ field: CronExpression.Field, _ text: String, _ values: [Int]
    ) throws {
        let expected = values.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
        let parser = FieldParser(dialect: dialect)
        #expect(parser.parseNumeric(text, field)?.bits == expected)
        #expect(try parser.parseInFull(text, field).bits == expected)
    }

    @Test func namesAndSpecialsTakeTheGeneralPath() {
        let parser = FieldParser(dialect: .sync)
        #expect(parser.parseNumeric("MON-FRI", .dayOfWeek) == nil)
        #expect(parser.parseNumeric("L", .dayOfMonth) == nil)
        #expect(parser.parseNumeric("15W", .dayOfMonth) == nil)
        #expect(parser.parseNumeric("2#1", .dayOfWeek) == nil)
        #expect(parser.parseNumeric("?", .dayOfWeek) == nil)
        #expect(parser.parseNumeric(" 5", .minute) == nil)
        #expect(parser.parseNumeric("5", .minute)?.bits == 1 << 5)
    }
}
