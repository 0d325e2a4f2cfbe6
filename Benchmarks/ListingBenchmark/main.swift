// jobbridge-bench: listing across providers vs the slowest single provider.
//
// Three providers, each an HTTP adapter (RESTClient → FaultInjectingTransport with a fixed
// latency per request → SimulatorRouter serving pages of jobs as JSON), are listed
// one at a time and then all together through ProviderRegistry. Concurrent listing should
// cost about as much as the slowest provider alone. Goal: ≤ 1.1× the slowest provider.
//
// Run: swift run -c release jobbridge-bench [--json]
import BenchmarkSupport
import Foundation
import JobBridge
import JobBridgeTesting

let latencies: [Duration] = [.milliseconds(20), .milliseconds(30), .milliseconds(40)]
let jobsPerProvider = 250
let pageSize = 50
let iterations = 7

let providers = try latencies.enumerated().map { index, latency in
    try PagedHTTPProvider(
        name: "provider-\(index + 1)", latency: latency, jobCount: jobsPerProvider, pageSize: pageSize)
}

/// The median wall time of listing every job of the given providers together.
func medianListingTime(_ chosen: [any JobProvider]) async throws -> Duration {
    let clock = ContinuousClock()
    var times: [Duration] = []
    for _ in 0..<iterations {
        let start = clock.now
        let listing = await ProviderRegistry(chosen).listAllJobs()
        times.append(start.duration(to: clock.now))
        guard listing.failures.isEmpty, listing.jobs.count == chosen.count * jobsPerProvider else {
            throw JobBridgeError(.badResponse, "benchmark listing incomplete: \(listing.failures)")
        }
    }
    return times.sorted()[times.count / 2]
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

var report = BenchReport(name: "listing-across-providers")
report.note("jobs_per_provider", String(jobsPerProvider))
report.note("page_size", String(pageSize))
report.note("runs", "median of \(iterations)")
var slowest = Duration.zero
for (provider, latency) in zip(providers, latencies) {
    let time = try await medianListingTime([provider])
    slowest = max(slowest, time)
    report.add(
        "\(provider.descriptor.name)_alone_ms", seconds(time) * 1000,
        "\(provider.descriptor.name) alone (\(latency) per request), ms")
}
let together = try await medianListingTime(providers)
report.add("together_ms", seconds(together) * 1000, "all three together, ms")
report.add("ratio_together_vs_slowest", seconds(together) / seconds(slowest), "together ÷ slowest alone", goalMax: 1.1)
report.print()
