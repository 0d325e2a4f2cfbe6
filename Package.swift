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
    ],
    swiftLanguageModes: [.v6]
)
