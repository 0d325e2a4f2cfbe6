import Foundation

/// The benchmark's figures, as a table for people and one JSON object for programs.
struct Report {
    /// Loopback cost of one small request.
    struct PerRequest {
        var medianMilliseconds: Double
        var cpuMillisecondsPerRequest: Double
    }

    /// What one request that waits costs.
    struct Waiting {
        var wallSeconds: Double
        var cpuSeconds: Double
        var answered: Bool
        /// CPU seconds per second of waiting, in percent.
        var cpuPercentOfWall: Double { wallSeconds > 0 ? cpuSeconds / wallSeconds * 100 : 0 }
    }

    let requests: Int
    let jobCount: Int
    let slowSeconds: Int
    let timeoutSeconds: Int
    var perRequest: [String: PerRequest?] = [:]
    var slowAnswer: [String: Waiting?] = [:]
    var timedOut: [String: Waiting?] = [:]
    /// Median milliseconds of one GET of the listing, decoded.
    var getAndDecode: [String: Double?] = [:]

    static let clients = ["asynchttpclient", "urlsession", "curl"]
    static let listings = [
        "jobbridge_asynchttpclient", "jobbridge_urlsession", "urlsession_jsonserialization", "python_requests_json",
    ]

    /// Goal: CPU while waiting on the slow answer ≤ 5 % of wall time (AsyncHTTPClient).
    var slowAnswerGoalMet: Bool {
        guard let waiting = slowAnswer["asynchttpclient"] ?? nil else { return false }
        return waiting.cpuPercentOfWall <= 5
    }

    /// Goal: AsyncHTTPClient's median per request no slower than URLSession's.
    var perRequestGoalMet: Bool {
        guard let ahc = perRequest["asynchttpclient"] ?? nil, let urlSession = perRequest["urlsession"] ?? nil else {
            return false
        }
        return ahc.medianMilliseconds <= urlSession.medianMilliseconds
    }

    var table: String {
        func number(_ value: Double?, _ digits: Int = 3) -> String {
            value.map { String(format: "%.\(digits)f", $0) } ?? "n/a"
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        var lines = [
            "jobbridge-transport-bench: served simulators on loopback, \(requests) requests each",
            "",
            "per request (GET /api.rsc/v2/workspaces)   median ms   CPU ms/request",
        ]
        for name in Self.clients {
            let row = perRequest[name] ?? nil
            lines.append(
                "  \(pad(name, 40))\(pad(number(row?.medianMilliseconds), 12))\(number(row?.cpuMillisecondsPerRequest))"
            )
        }
        lines.append(
            "  (curl: mean of one process's loop, its own CPU; the others' CPU includes the in-process server)")
        lines.append(
            "  goal: AsyncHTTPClient no slower than URLSession: \(perRequestGoalMet ? "met" : "NOT met")")
        lines.append("")
        lines.append("waiting on a \(slowSeconds) s answer (new connection)  wall s      CPU s       CPU % of wall")
        for name in Self.clients {
            let row = slowAnswer[name] ?? nil
            lines.append(
                "  \(pad(name, 40))\(pad(number(row?.wallSeconds, 2), 12))\(pad(number(row?.cpuSeconds, 3), 12))"
                    + number(row?.cpuPercentOfWall, 1))
        }
        lines.append("  goal: AsyncHTTPClient CPU ≤ 5 % of wall: \(slowAnswerGoalMet ? "met" : "NOT met")")
        lines.append("")
        lines.append("no answer (hung server), time-out \(timeoutSeconds) s     wall s      CPU s       CPU % of wall")
        for name in Self.clients.dropLast() {
            let row = timedOut[name] ?? nil
            lines.append(
                "  \(pad(name, 40))\(pad(number(row?.wallSeconds, 2), 12))\(pad(number(row?.cpuSeconds, 3), 12))"
                    + number(row?.cpuPercentOfWall, 1))
        }
        lines.append("")
        lines.append("GET + decode of a listing of \(jobCount) Sync jobs      median ms")
        for name in Self.listings {
            lines.append("  \(pad(name, 40))\(number(getAndDecode[name] ?? nil))")
        }
        lines.append(
            "  reference (issue #14): library 1.2 ms, URLSession + JSONSerialization 0.72 ms, Python 1.1–1.65 ms")
        return lines.joined(separator: "\n")
    }

    var json: String {
        var object: [String: Any] = [
            "requests": requests, "listing_jobs": jobCount, "slow_answer_seconds": slowSeconds,
            "timeout_seconds": timeoutSeconds,
            "goal_slow_answer_cpu_percent_max": 5, "goal_slow_answer_met": slowAnswerGoalMet,
            "goal_per_request_no_slower_than_urlsession_met": perRequestGoalMet,
        ]
        for name in Self.clients {
            if let row = perRequest[name] ?? nil {
                // curl runs as one process: its figure is the mean over the loop.
                object["\(name)_request_ms_\(name == "curl" ? "mean" : "median")"] = row.medianMilliseconds
                object["\(name)_request_cpu_ms"] = row.cpuMillisecondsPerRequest
            }
            if let row = slowAnswer[name] ?? nil {
                object["\(name)_slow_answer_wall_s"] = row.wallSeconds
                object["\(name)_slow_answer_cpu_s"] = row.cpuSeconds
                object["\(name)_slow_answer_cpu_percent"] = row.cpuPercentOfWall
            }
            if let row = timedOut[name] ?? nil {
                object["\(name)_timeout_wall_s"] = row.wallSeconds
                object["\(name)_timeout_cpu_s"] = row.cpuSeconds
            }
        }
        for name in Self.listings {
            if let value = getAndDecode[name] ?? nil { object["get_decode_\(name)_ms_median"] = value }
        }
        object["get_decode_reference_ms"] = [
            "jobbridge": 1.2, "urlsession_jsonserialization": 0.72, "python_requests_min": 1.1,
            "python_requests_max": 1.65,
        ]
        guard
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
