// swift-tools-version: 6.1
import PackageDescription

// Multiregional benchmark: structured versus dense generalised Leslie matrix, and
// the region-to-region exchange through DGEMM against OpenBLAS's DGEMM peak.
// Run inside this folder: `swift run -c release multiregional-bench`.
let package = Package(
    name: "multiregional-bench",
    dependencies: [
        .package(name: "Demography", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "multiregional-bench",
            dependencies: [.product(name: "Demography", package: "Demography")],
            path: "Sources/multiregional-bench"
        ),
    ]
)
