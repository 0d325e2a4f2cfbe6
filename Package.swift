// swift-tools-version: 6.0
// JobBridge: one model for data jobs on CData Connect AI, CData Sync and NX1.
// The root package depends on the Swift toolchain alone (Foundation, Dispatch, Testing).
import PackageDescription

/// The platforms with an adapter under `Adapters/<folder>`: each brings a library
/// `JobBridge<module>`, a simulator `JobBridge<module>Simulator` (which never depends on
/// the adapter: it is a second, independent reading of the provider's documents) and a
/// test target.
let adapters: [(folder: String, module: String, testResources: [Resource])] = [
    ("Sync", "Sync", [.copy("Fixtures/sync-v2-job-management.txt")]),
    ("Connect", "Connect", []),
    ("NX1", "NX1", []),
]

let adapterProducts: [Product] = adapters.flatMap { adapter in
    [
        Product.library(name: "JobBridge\(adapter.module)", targets: ["JobBridge\(adapter.module)"]),
        Product.library(
            name: "JobBridge\(adapter.module)Simulator", targets: ["JobBridge\(adapter.module)Simulator"]),
    ]
}

let adapterTargets: [Target] = adapters.flatMap { adapter -> [Target] in
    let name = "JobBridge\(adapter.module)"
    return [
        .target(name: name, dependencies: ["JobBridge"], path: "Adapters/\(adapter.folder)/Sources"),
        .target(
            name: "\(name)Simulator", dependencies: ["JobBridge", "JobBridgeSimulation"],
            path: "Adapters/\(adapter.folder)/Simulator"),
        .testTarget(
            name: "\(name)Tests",
            dependencies: ["JobBridge", "JobBridgeTesting", .target(name: name), .target(name: "\(name)Simulator")],
            path: "Adapters/\(adapter.folder)/Tests", resources: adapter.testResources),
    ]
}

let package = Package(
    name: "JobBridge",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "JobBridge", targets: ["JobBridge"]),
        .library(name: "JobBridgeTesting", targets: ["JobBridgeTesting"]),
        // The simulator plumbing alone (router, clock, fault injection), for simulators:
        // it does not pull in the contract suite.
        .library(name: "JobBridgeSimulation", targets: ["JobBridgeSimulation"]),
        // Moving jobs between providers: plan, apply, verify, cutover, rollback.
        .library(name: "JobBridgeMigration", targets: ["JobBridgeMigration"]),
        .executable(name: "jobbridge-demo", targets: ["JobBridgeDemo"]),
        .executable(name: "jobbridge-bench", targets: ["ListingBenchmark"]),
        .executable(name: "jobbridge-cron-bench", targets: ["CronBenchmark"]),
        .executable(name: "jobbridge-sync-bench", targets: ["SyncMappingBenchmark"]),
        .executable(name: "jobbridge-redaction-bench", targets: ["RedactionBenchmark"]),
        .executable(name: "jobbridge-connect-bench", targets: ["ConnectListingBenchmark"]),
        .executable(name: "jobbridge-nx1-bench", targets: ["NX1ListingBenchmark"]),
        .executable(name: "jobbridge-request-bench", targets: ["RequestBenchmark"]),
        // The benchmarks' report and timing helpers, also for the Tools package's benchmarks.
        .library(name: "BenchmarkSupport", targets: ["BenchmarkSupport"]),
    ] + adapterProducts,
    targets: [
        .target(name: "JobBridge"),
        .target(name: "JobBridgeSimulation", dependencies: ["JobBridge"]),
        .target(name: "JobBridgeTesting", dependencies: ["JobBridge", "JobBridgeSimulation"]),
        .target(name: "JobBridgeMigration", dependencies: ["JobBridge"]),
        .testTarget(
            name: "JobBridgeMigrationTests",
            dependencies: ["JobBridge", "JobBridgeMigration", "JobBridgeTesting"]
                + adapters.flatMap { adapter -> [Target.Dependency] in
                    ["JobBridge\(adapter.module)", "JobBridge\(adapter.module)Simulator"].map { .target(name: $0) }
                }
        ),
        .testTarget(
            name: "JobBridgeTests", dependencies: ["JobBridge", "JobBridgeTesting"], exclude: ["Schedule/Fixtures"]),
        .executableTarget(
            name: "JobBridgeDemo",
            dependencies: ["JobBridge", "JobBridgeTesting"]
                + adapters.flatMap { adapter -> [Target.Dependency] in
                    ["JobBridge\(adapter.module)", "JobBridge\(adapter.module)Simulator"].map { .target(name: $0) }
                }
        ),
        .executableTarget(
            name: "ListingBenchmark", dependencies: ["JobBridge", "JobBridgeTesting", "BenchmarkSupport"],
            path: "Benchmarks/ListingBenchmark"
        ),
        .executableTarget(
            name: "CronBenchmark", dependencies: ["JobBridge", "BenchmarkSupport"], path: "Benchmarks/CronBenchmark"),
        .executableTarget(
            name: "RedactionBenchmark", dependencies: ["JobBridge"], path: "Benchmarks/RedactionBenchmark"),
        .target(name: "BenchmarkSupport", dependencies: ["JobBridge"], path: "Benchmarks/BenchmarkSupport"),
        .executableTarget(
            name: "SyncMappingBenchmark",
            dependencies: ["JobBridge", "JobBridgeSync", "JobBridgeSyncSimulator", "BenchmarkSupport"],
            path: "Benchmarks/SyncMappingBenchmark"),
        .executableTarget(
            name: "ConnectListingBenchmark", dependencies: ["JobBridge", "JobBridgeConnect", "BenchmarkSupport"],
            path: "Benchmarks/ConnectListingBenchmark"),
        .executableTarget(
            name: "NX1ListingBenchmark", dependencies: ["JobBridge", "JobBridgeNX1", "BenchmarkSupport"],
            path: "Benchmarks/NX1ListingBenchmark"),
        .executableTarget(
            name: "RequestBenchmark",
            dependencies: ["JobBridge", "JobBridgeSync", "BenchmarkSupport"],
            path: "Benchmarks/RequestBenchmark"),
    ] + adapterTargets,
    swiftLanguageModes: [.v6]
)
