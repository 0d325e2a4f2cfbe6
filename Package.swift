// swift-tools-version: 6.0
// JobBridge: one model for data jobs on CData Connect AI, CData Sync and NX1.
// The root package depends on the Swift toolchain alone (Foundation, Dispatch, Testing).
import PackageDescription

let package = Package(
    name: "JobBridge",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "JobBridge", targets: ["JobBridge"]),
        .library(name: "JobBridgeTesting", targets: ["JobBridgeTesting"]),
        .library(name: "JobBridgeSync", targets: ["JobBridgeSync"]),
        .library(name: "JobBridgeSyncSimulator", targets: ["JobBridgeSyncSimulator"]),
        .executable(name: "jobbridge-demo", targets: ["JobBridgeDemo"]),
        .executable(name: "jobbridge-bench", targets: ["ListingBenchmark"]),
        .executable(name: "jobbridge-sync-bench", targets: ["SyncMappingBenchmark"]),
    ],
    targets: [
        .target(name: "JobBridge"),
        .target(name: "JobBridgeTesting", dependencies: ["JobBridge"]),
        .executableTarget(name: "JobBridgeDemo", dependencies: ["JobBridge", "JobBridgeTesting"]),
        .executableTarget(
            name: "ListingBenchmark",
            dependencies: ["JobBridge", "JobBridgeTesting"],
            path: "Benchmarks/ListingBenchmark"
        ),
        .testTarget(name: "JobBridgeTests", dependencies: ["JobBridge", "JobBridgeTesting"]),

        // CData Sync v2: the adapter, its simulator (which never imports the adapter), its tests.
        .target(name: "JobBridgeSync", dependencies: ["JobBridge"], path: "Adapters/Sync/Sources"),
        .target(
            name: "JobBridgeSyncSimulator",
            dependencies: ["JobBridge", "JobBridgeTesting"],
            path: "Adapters/Sync/Simulator"
        ),
        .testTarget(
            name: "JobBridgeSyncTests",
            dependencies: ["JobBridge", "JobBridgeTesting", "JobBridgeSync", "JobBridgeSyncSimulator"],
            path: "Adapters/Sync/Tests",
            resources: [.copy("Fixtures/sync-v2-job-management.txt")]
        ),
        .executableTarget(
            name: "SyncMappingBenchmark",
            dependencies: ["JobBridge", "JobBridgeSync", "JobBridgeSyncSimulator"],
            path: "Benchmarks/SyncMappingBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
