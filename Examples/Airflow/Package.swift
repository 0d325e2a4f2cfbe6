// swift-tools-version: 6.0
// An adapter for Apache Airflow's stable REST API v1, written outside the root package
// against JobBridge's public API and kit only: the proof that "write a new adapter" works.
import PackageDescription

let package = Package(
    name: "JobBridgeAirflow",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "JobBridgeAirflow", targets: ["JobBridgeAirflow"]),
        .library(name: "JobBridgeAirflowSimulator", targets: ["JobBridgeAirflowSimulator"]),
    ],
    dependencies: [
        // A path dependency's identity is its folder's name (`wt-kit`, `JobBridge`, whatever
        // the clone is called), so products are named with the package's declared name:
        // `name:` here makes `package: "JobBridge"` work wherever the root is checked out.
        .package(name: "JobBridge", path: "../..")
    ],
    targets: [
        .target(name: "JobBridgeAirflow", dependencies: [.product(name: "JobBridge", package: "JobBridge")]),
        .target(
            name: "JobBridgeAirflowSimulator",
            dependencies: [
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "JobBridgeSimulation", package: "JobBridge"),
            ]),
        .testTarget(
            name: "JobBridgeAirflowTests",
            dependencies: [
                "JobBridgeAirflow", "JobBridgeAirflowSimulator",
                .product(name: "JobBridge", package: "JobBridge"),
                .product(name: "JobBridgeTesting", package: "JobBridge"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
