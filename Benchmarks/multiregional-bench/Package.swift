// swift-tools-version: 6.1
import PackageDescription

// Multiregional benchmark: structured versus dense generalised Leslie matrix, and
// the region-to-region exchange through DGEMM against OpenBLAS's DGEMM peak.
// Run inside this folder: `swift run -c release multiregional-bench`.
let package = Package(
    name: "multiregional-bench",
    products: [
        // The seeded problem, also timed by Benchmarks/mpi-bench.
        .library(name: "MultiregionalWorkload", targets: ["MultiregionalWorkload"]),
    ],
    dependencies: [
        .package(name: "Demography", path: "../.."),
    ],
    targets: [
        .target(
            name: "MultiregionalWorkload",
            dependencies: [.product(name: "Demography", package: "Demography")],
            path: "Sources/MultiregionalWorkload"
        ),
        .executableTarget(
            name: "multiregional-bench",
            dependencies: [.product(name: "Demography", package: "Demography"), "MultiregionalWorkload"],
            path: "Sources/multiregional-bench"
        ),
    ]
)
