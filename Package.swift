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
        .executable(name: "jobbridge-demo", targets: ["JobBridgeDemo"]),
        .executable(name: "jobbridge-bench", targets: ["ListingBenchmark"]),
        .executable(name: "jobbridge-cron-bench", targets: ["CronBenchmark"]),
        // NX1 adapter (#6)
        .library(name: "JobBridgeNX1", targets: ["JobBridgeNX1"]),
        .library(name: "JobBridgeNX1Simulator", targets: ["JobBridgeNX1Simulator"]),
        // CData Connect AI adapter (#5)
        .library(name: "JobBridgeConnect", targets: ["JobBridgeConnect"]),
        .library(name: "JobBridgeConnectSimulator", targets: ["JobBridgeConnectSimulator"]),
    ],
    targets: [
        .target(name: "JobBridge"),
        .target(name: "JobBridgeTesting", dependencies: ["JobBridge"]),
        .executableTarget(
            name: "JobBridgeDemo",
            dependencies: [
                "JobBridge", "JobBridgeTesting", "JobBridgeNX1", "JobBridgeNX1Simulator", "JobBridgeConnect",
                "JobBridgeConnectSimulator",
            ]
        ),
        .executableTarget(
            name: "ListingBenchmark",
            dependencies: ["JobBridge", "JobBridgeTesting"],
            path: "Benchmarks/ListingBenchmark"
        ),
        .executableTarget(name: "CronBenchmark", dependencies: ["JobBridge"], path: "Benchmarks/CronBenchmark"),
        .testTarget(
            name: "JobBridgeTests", dependencies: ["JobBridge", "JobBridgeTesting"],
            exclude: ["Schedule/Fixtures"]),
        // NX1 adapter (#6): the simulator never depends on the adapter.
        .target(name: "JobBridgeNX1", dependencies: ["JobBridge"], path: "Adapters/NX1/Sources"),
        .target(
            name: "JobBridgeNX1Simulator", dependencies: ["JobBridge", "JobBridgeTesting"],
            path: "Adapters/NX1/Simulator"),
        .testTarget(
            name: "JobBridgeNX1Tests",
            dependencies: [
                "JobBridge", "JobBridgeTesting", "JobBridgeNX1", "JobBridgeNX1Simulator", "JobBridgeConnect",
                "JobBridgeConnectSimulator",
            ],
            path: "Adapters/NX1/Tests"),
        // CData Connect AI adapter (#5): the simulator never depends on the adapter.
        .target(name: "JobBridgeConnect", dependencies: ["JobBridge"], path: "Adapters/Connect/Sources"),
        .target(
            name: "JobBridgeConnectSimulator", dependencies: ["JobBridge", "JobBridgeTesting"],
            path: "Adapters/Connect/Simulator"),
        .testTarget(
            name: "JobBridgeConnectTests",
            dependencies: ["JobBridgeConnect", "JobBridgeConnectSimulator", "JobBridge", "JobBridgeTesting"],
            path: "Adapters/Connect/Tests"),
    ],
    swiftLanguageModes: [.v6]
)
