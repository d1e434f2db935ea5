// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "allocsim",
    products: [
        .library(name: "AllocSim", targets: ["AllocSim"]),
        .library(name: "AllocSimReports", targets: ["AllocSimReports"]),
        .executable(name: "allocsim", targets: ["allocsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GSL from Debian's libgsl-dev (pkg-config `gsl`).
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // A GSL generator type seeded with the full 64 bits (SPEC §5).
        .target(name: "_AllocSimRNG", dependencies: ["CGSL"]),
        .target(
            name: "AllocSim",
            dependencies: ["CGSL", "_AllocSimRNG", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "AllocSimReports", dependencies: ["AllocSim"]),
        .executableTarget(
            name: "allocsim",
            dependencies: [
                "AllocSim", "AllocSimReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AllocSimTests", dependencies: ["AllocSim", "CGSL"]),
        .testTarget(name: "AllocSimReportsTests", dependencies: ["AllocSim", "AllocSimReports"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AllocSim"]),
    ]
)
