import Foundation
import JobBridge
import JobBridgeHTTPClient
import JobBridgeSimulation
import JobBridgeSimulatorServer
import JobBridgeSync
import JobBridgeSyncSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

// jobbridge-transport-bench: what a request costs on loopback, and what waiting costs,
// for the AsyncHTTPClient transport, URLSessionTransport and a plain curl loop, side by
// side in one run against the served simulators; plus issue #14's GET + decode of a
// listing against URLSession + JSONSerialization and Python requests + json.
//
//   swift run -c release --package-path Tools jobbridge-transport-bench [--json]
//       [--requests N] [--jobs N] [--slow-seconds S] [--timeout-seconds S] [--quick]

let arguments = CommandLine.arguments
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
        let value = Int(arguments[index + 1]), value >= 0
    else { return fallback }
    return value
}
let json = arguments.contains("--json")
let quick = arguments.contains("--quick")
let requests = option("--requests", quick ? 200 : 1_000)
let jobCount = option("--jobs", 20)
let slowSeconds = option("--slow-seconds", quick ? 1 : 5)
let timeoutSeconds = option("--timeout-seconds", quick ? 1 : 8)

let report = try await TransportBenchmark(
    requests: requests, jobCount: jobCount, slowSeconds: slowSeconds, timeoutSeconds: timeoutSeconds
).run()
print(json ? report.json : report.table)
