import Foundation
import JobBridge

// Redaction throughput: MB/s and µs per `Redactor.redact` call on adversarial texts (the
// shapes that made the old regular expressions super-linear) and on realistic ones.
//
//   swift run -c release jobbridge-redaction-bench [--json] [--adversarial-bytes N]
//
// `--adversarial-bytes` sets the size of the adversarial texts (default 200,000; the old
// redactor needs a small size such as 4,000 to finish at all).

let arguments = CommandLine.arguments
let printsJSON = arguments.contains("--json")
let adversarialBytes: Int = {
    guard let flag = arguments.firstIndex(of: "--adversarial-bytes"), flag + 1 < arguments.count,
        let value = Int(arguments[flag + 1]), value > 0
    else { return 200_000 }
    return value
}()

/// `unit` repeated until the text is `bytes` long.
func repeated(_ unit: String, bytes: Int) -> String {
    String(String(repeating: unit, count: bytes / unit.utf8.count + 1).utf8.prefix(bytes)) ?? ""
}

/// A job as a provider answers it: 245 bytes with a password in a connection string.
let jobBody = String(
    #"{"id":"j-42","name":"Accounts to warehouse","source":"Server=db.example;User=etl;Password=hunter2;"#
        + #"Database=sales","schedule":"0 9 * * 1-5","status":"Running","owner":"ops@example.com","#
        + #""tasks":[{"query":"REPLICATE [Accounts]"}],"retry":3,"x":"y"}"#)

/// About 1 MB of log lines: requests, key=value pairs, JSON answers, the odd secret.
func realisticLog(bytes: Int) -> String {
    let lines = [
        "2026-11-29T10:00:00Z INFO GET https://sync.example/api.rsc/v2/jobs?$top=50&page=2 -> 200 (1532 bytes)",
        #"2026-11-29T10:00:01Z DEBUG answer {"value":[{"JobName":"Accounts","Source":"SF","Destination":"PG"}]}"#,
        "2026-11-29T10:00:02Z WARN connection Server=db;User=etl;Password=hunter2;Database=sales timed out",
        "2026-11-29T10:00:03Z INFO Authorization: Bearer eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl refreshed",
        #"2026-11-29T10:00:04Z ERROR {"error":{"code":"INVALID","message":"the job \"Accounts\" has no tasks"}}"#,
        "2026-11-29T10:00:05Z INFO run r-981 of job j-42 succeeded after 12.5 s, 10423 rows, 0 errors",
    ]
    var text = ""
    var index = 0
    while text.utf8.count < bytes {
        text += lines[index % lines.count] + "\n"
        index += 1
    }
    return text
}

struct Input {
    let name: String
    let text: String
}

let inputs = [
    Input(name: "adversarial_a_dash", text: repeated("a-", bytes: adversarialBytes)),
    Input(name: "adversarial_eyj", text: repeated("eyJ", bytes: adversarialBytes)),
    Input(name: "adversarial_password_eq", text: repeated("password=", bytes: adversarialBytes)),
    Input(name: "job_body_245b", text: jobBody),
    Input(name: "log_1mb", text: realisticLog(bytes: 1_000_000)),
]

/// The median over 5 rounds of µs per call; each round repeats the call for at least 50 ms.
func microsecondsPerCall(_ text: String) -> (Double, Int) {
    let clock = ContinuousClock()
    var checksum = 0
    var calls = 1
    var rounds: [Double] = []
    for _ in 0..<5 {
        var elapsed = Duration.zero
        while true {
            elapsed = clock.measure {
                for _ in 0..<calls { checksum &+= Redactor.redact(text).utf8.count }
            }
            if elapsed >= .milliseconds(50) { break }
            calls *= 4
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rounds.append(seconds / Double(calls) * 1e6)
    }
    rounds.sort()
    return (rounds[rounds.count / 2], checksum)
}

let goal = "at least 50 MB/s on every input (linear: the adversarial texts as fast as a real log)"
var figures: [(String, Double)] = []
if !printsJSON { print("input                        bytes      µs/call        MB/s") }
for input in inputs {
    let (perCall, checksum) = microsecondsPerCall(input.text)
    let bytes = input.text.utf8.count
    let megabytesPerSecond = Double(bytes) / perCall  // bytes per µs is MB/s
    figures.append(("\(input.name)_us_per_call", perCall))
    figures.append(("\(input.name)_mb_per_s", megabytesPerSecond))
    if !printsJSON {
        let label = input.name.padding(toLength: 25, withPad: " ", startingAt: 0)
        print(
            "\(label)\(String(format: "%9d %12.1f %11.1f", bytes, perCall, megabytesPerSecond))"
                + "   (checksum \(checksum & 0xFFFF))")
    }
}
if printsJSON {
    let members = figures.map { "\"\($0.0)\":\(String(format: "%.3f", $0.1))" }
    print(
        "{" + (members + ["\"adversarial_bytes\":\(adversarialBytes)", "\"goal\":\"\(goal)\""]).joined(separator: ",")
            + "}")
} else {
    print("goal: \(goal)")
}
