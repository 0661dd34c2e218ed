// swift-tools-version: 6.1
import PackageDescription

// Benchmarks of the Demography package: its own package so that package-benchmark
// never reaches users. Run inside this folder: `swift package benchmark`.
// `peer-timing` times the peer-comparison workloads (see compare-peers.sh).
let package = Package(
    name: "DemographyBenchmarks",
    dependencies: [
        .package(name: "Demography", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "SyntheticWorkload",
            dependencies: [.product(name: "Demography", package: "Demography")],
            path: "Sources/SyntheticWorkload"
        ),
        .executableTarget(
            name: "peer-timing",
            dependencies: ["SyntheticWorkload", .product(name: "Demography", package: "Demography")],
            path: "Sources/peer-timing"
        ),
        .executableTarget(
            name: "reader-throughput",
            dependencies: [.product(name: "DemographyIO", package: "Demography")],
            path: "Sources/reader-throughput"
        ),
        .executableTarget(
            name: "DemographyBenchmarks",
            dependencies: [
                "SyntheticWorkload",
                .product(name: "Demography", package: "Demography"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DemographyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
