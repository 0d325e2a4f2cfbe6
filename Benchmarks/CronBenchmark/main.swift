import BenchmarkSupport
import Foundation
import JobBridge

// ns per next-run call, America/New_York, `standard` dialect with its default (vixie) policy.
// Each call starts from one of 4,096 fixed instants spread over 2020–2030 (the same starts as
// Scripts/cron-bench-reference.sh uses), so sparse expressions do not run off the calendar.
let allExpressions = ["* * * * *", "*/15 9-17 * * 1-5", "0 0 1 1 *", "0 0 29 2 *", "0 2 * * 0"]
// An argument other than --json selects one expression (for profiling); none runs them all.
// Run: swift run -c release jobbridge-cron-bench [expression] [--json]
let chosen = CommandLine.arguments.dropFirst().filter { $0 != "--json" }
let expressions = chosen.isEmpty ? allExpressions : Array(chosen.prefix(1))
let zone = TimeZone(identifier: "America/New_York") ?? .gmt

/// The 4,096 start instants: a 64-bit LCG, 2020-01-01 plus up to ten years.
func makeStarts() -> [Date] {
    var starts: [Date] = []
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for _ in 0..<4096 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let seconds = 1_577_836_800 + Int64(state >> 33) % 315_532_800
        starts.append(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
    return starts
}

func measure(_ schedule: CronSchedule, _ starts: [Date], calls: Int) -> (Double, Int) {
    var checksum = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
        for index in 0..<calls {
            if let next = schedule.nextRun(after: starts[index & 4095]) {
                checksum &+= Int(next.timeIntervalSince1970)
            }
        }
    }
    let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    return (nanoseconds / Double(calls), checksum)
}

let starts = makeStarts()
var report = BenchReport(name: "cron")
report.note("zone", zone.identifier)
var nextMedians: [Double] = []
for text in expressions {
    guard let schedule = try? CronSchedule(text, dialect: .standard, timeZone: zone) else {
        throw JobBridgeError(.invalidDefinition, "the benchmark cannot parse \(text)")
    }
    _ = measure(schedule, starts, calls: 20_000)
    var rounds: [Double] = []
    var checksum = 0
    for _ in 0..<7 {
        let (perCall, sum) = measure(schedule, starts, calls: 400_000)
        rounds.append(perCall)
        checksum &+= sum
    }
    rounds.sort()
    nextMedians.append(rounds[3])
    report.add("next_ns[\(text)]", rounds[3], "next run of \(text), ns/call (checksum \(checksum & 0xFFFF))")
}
nextMedians.sort()
if !nextMedians.isEmpty {
    report.add("next_ns_median", nextMedians[nextMedians.count / 2], "next run, median over expressions, ns/call")
}

// µs per parse: CronSchedule(text, dialect:, timeZone:), as an adapter does for every job it
// reads (the sync expression is the shape the Sync mapping benchmark's jobs carry).
var parseMedians: [Double] = []
for (text, dialect) in expressions.map({ ($0, CronDialect.standard) }) + [("7 */6 * * ?", .sync)] {
    let clock = ContinuousClock()
    var rounds: [Double] = []
    var parsed = 0
    for _ in 0..<7 {
        let elapsed = clock.measure {
            for _ in 0..<2_000 where (try? CronSchedule(text, dialect: dialect, timeZone: zone)) != nil { parsed += 1 }
        }
        rounds.append(Timing.seconds(elapsed) / 2_000 * 1e6)
    }
    guard parsed == 7 * 2_000 else { throw JobBridgeError(.invalidDefinition, "the benchmark cannot parse \(text)") }
    rounds.sort()
    parseMedians.append(rounds[3])
    report.add("parse_us[\(text)]", rounds[3], "parse \(text) (\(dialect.rawValue)), µs/parse")
}
// Not in the median (the set above is the one compared across runs): the shape NX1 jobs carry.
for text in ["0 */6 * * *", "@daily"] {
    let clock = ContinuousClock()
    var rounds: [Double] = []
    for _ in 0..<7 {
        let elapsed = clock.measure {
            for _ in 0..<2_000 { _ = try? CronSchedule(text, dialect: .airflow, timeZone: .gmt) }
        }
        rounds.append(Timing.seconds(elapsed) / 2_000 * 1e6)
    }
    rounds.sort()
    report.add("parse_us_airflow[\(text)]", rounds[3], "parse \(text) (airflow, UTC), µs/parse")
}
parseMedians.sort()
report.add(
    "parse_us_median", parseMedians[parseMedians.count / 2], "parse, median over expressions, µs/parse", goalMax: 1)
report.print()
