// jobbridge-bench: listing across providers vs the slowest single provider.
//
// Three providers, each an HTTP adapter (RESTClient → FaultInjectingTransport with a fixed
// latency per request → SimulatorRouter serving pages of jobs as JSON), are listed
// one at a time and then all together through ProviderRegistry. Concurrent listing should
// cost about as much as the slowest provider alone. Goal: ≤ 1.1× the slowest provider.
//
// Run: swift run -c release jobbridge-bench
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

func milliseconds(_ duration: Duration) -> String { String(format: "%8.1f ms", seconds(duration) * 1000) }

print("Listing \(jobsPerProvider) jobs per provider, \(pageSize) per page, median of \(iterations) runs")
var slowest = Duration.zero
for (provider, latency) in zip(providers, latencies) {
    let time = try await medianListingTime([provider])
    slowest = max(slowest, time)
    print("  \(provider.descriptor.name) alone (\(latency) per request): \(milliseconds(time))")
}
let together = try await medianListingTime(providers)
print("  all three together:                     \(milliseconds(together))")
let ratio = seconds(together) / seconds(slowest)
print(String(format: "  ratio together / slowest alone: %.3f× (goal ≤ 1.1×)", ratio))
