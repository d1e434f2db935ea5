// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "allocsim",
    products: [
        .library(name: "AllocSim", targets: ["AllocSim"]),
        .library(name: "AllocSimReports", targets: ["AllocSimReports"]),
        .executable(name: "allocsim", targets: ["allocsim"]),
        .executable(name: "allocsim-fuzz", targets: ["allocsim-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
    ],
    targets: [
        // GSL from Debian's libgsl-dev (pkg-config `gsl`).
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // PROJ's geodesic.h (Karney's algorithms), from Debian's libproj-dev.
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        // zlib from Debian's zlib1g-dev: gzip for the replicate table.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // A GSL generator type seeded with the full 64 bits (SPEC §5).
        .target(name: "_AllocSimRNG", dependencies: ["CGSL"]),
        // Linux calls the Glibc overlay lacks: renameat2 flags, fsync of a path.
        .target(name: "_AllocSimSystem"),
        .target(
            name: "AllocSim",
            dependencies: [
                "CGSL", "CPROJ", "_AllocSimRNG", .product(name: "Yams", package: "Yams"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        .target(
            name: "AllocSimReports",
            dependencies: ["AllocSim", "_AllocSimSystem", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // What the fuzzer and its replay tests run on one input.
        .target(name: "AllocSimFuzzing", dependencies: ["AllocSim", "AllocSimReports"]),
        .executableTarget(
            name: "allocsim",
            dependencies: [
                "AllocSim", "AllocSimReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer entry point; built by `make fuzz` with -sanitize=fuzzer.
        .executableTarget(name: "allocsim-fuzz", dependencies: ["AllocSimFuzzing"]),
        .testTarget(name: "AllocSimTests", dependencies: ["AllocSim", "CGSL", "_AllocSimRNG"]),
        .testTarget(name: "AllocSimReportsTests", dependencies: ["AllocSim", "AllocSimReports", "AllocSimFuzzing"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AllocSim"]),
    ]
)
