// swift-tools-version: 6.0
// JobBridge Tools: the `jobbridge` command-line tool, the simulators served over HTTP,
// an AsyncHTTPClient transport and the swift-log/swift-metrics bridges. A package of its
// own so that the root package keeps zero third-party dependencies.
import PackageDescription

let package = Package(
    name: "JobBridgeTools",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jobbridge", targets: ["jobbridge"]),
        .executable(name: "jobbridge-transport-bench", targets: ["TransportBenchmark"]),
        .executable(name: "jobbridge-migration-bench", targets: ["MigrationBenchmark"]),
        .library(name: "JobBridgeHTTPClient", targets: ["JobBridgeHTTPClient"]),
        .library(name: "JobBridgeLogging", targets: ["JobBridgeLogging"]),
        .library(name: "JobBridgeSimulatorServer", targets: ["JobBridgeSimulatorServer"]),
    ],
    dependencies: [
        .package(name: "JobBridge", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.5.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // An HTTPTransport over AsyncHTTPClient.
        .target(
            name: "JobBridgeHTTPClient",
            dependencies: [
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // The core's HTTP observer hooks bridged to swift-log and swift-metrics.
        .target(
            name: "JobBridgeLogging",
            dependencies: [
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),
        // The three simulators (and NX1's token endpoint) served over real HTTP by Hummingbird.
        .target(
            name: "JobBridgeSimulatorServer",
            dependencies: [
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "JobBridgeSimulation", package: "JobBridge"),
                .product(name: "JobBridgeSyncSimulator", package: "JobBridge"),
                .product(name: "JobBridgeConnectSimulator", package: "JobBridge"),
                .product(name: "JobBridgeNX1Simulator", package: "JobBridge"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        // The command-line tool's commands, as a library so that tests can drive them.
        .target(
            name: "JobBridgeCLI",
            dependencies: [
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "JobBridgeMigration", package: "JobBridge"),
                .product(name: "JobBridgeSimulation", package: "JobBridge"),
                .product(name: "JobBridgeSync", package: "JobBridge"),
                .product(name: "JobBridgeConnect", package: "JobBridge"),
                .product(name: "JobBridgeNX1", package: "JobBridge"),
                .product(name: "JobBridgeSyncSimulator", package: "JobBridge"),
                .product(name: "JobBridgeConnectSimulator", package: "JobBridge"),
                .product(name: "JobBridgeNX1Simulator", package: "JobBridge"),
                "JobBridgeHTTPClient", "JobBridgeLogging", "JobBridgeSimulatorServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .executableTarget(name: "jobbridge", dependencies: ["JobBridgeCLI"]),
        .executableTarget(
            name: "TransportBenchmark",
            dependencies: [
                "JobBridgeHTTPClient", "JobBridgeSimulatorServer",
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "JobBridgeSync", package: "JobBridge"),
            ],
            path: "Benchmarks/TransportBenchmark"),
        // The migration engine applying a plan file against the served simulators, each in
        // its own process (see Benchmarks/MigrationBenchmark/main.swift).
        .executableTarget(
            name: "MigrationBenchmark",
            dependencies: [
                "JobBridgeHTTPClient", "JobBridgeSimulatorServer",
                .product(name: "BenchmarkSupport", package: "JobBridge"),
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "JobBridgeMigration", package: "JobBridge"),
                .product(name: "JobBridgeSimulation", package: "JobBridge"),
                .product(name: "JobBridgeSync", package: "JobBridge"),
                .product(name: "JobBridgeSyncSimulator", package: "JobBridge"),
                .product(name: "JobBridgeNX1", package: "JobBridge"),
                .product(name: "JobBridgeNX1Simulator", package: "JobBridge"),
            ],
            path: "Benchmarks/MigrationBenchmark"),
        .testTarget(
            name: "JobBridgeHTTPClientTests",
            dependencies: [
                "JobBridgeHTTPClient", "JobBridgeLogging", "JobBridgeSimulatorServer",
                .product(name: "JobBridgeTesting", package: "JobBridge"),
                .product(name: "JobBridgeSync", package: "JobBridge"),
                .product(name: "JobBridgeConnect", package: "JobBridge"),
                .product(name: "JobBridgeNX1", package: "JobBridge"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]),
        .testTarget(
            name: "JobBridgeCLITests",
            dependencies: [
                "JobBridgeCLI", "JobBridgeSimulatorServer",
                .product(name: "JobBridgeTesting", package: "JobBridge"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
