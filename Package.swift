// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Demography",
    products: [
        .library(name: "Demography", targets: ["Demography"]),
        .library(name: "DemographyIO", targets: ["DemographyIO"]),
        .library(name: "DemographyMPI", targets: ["DemographyMPI"]),
        .executable(name: "popproj", targets: ["popproj"]),
    ],
    traits: [
        .trait(name: "MPI", description: "Distributed runs with Open MPI (apt: libopenmpi-dev openmpi-bin)"),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries

        .systemLibrary(
            name: "CLinAlg",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),

        // MARK: - Library targets

        // Internal consistency checks: build and test with
        //     swift test -Xswiftc -DDEMOGRAPHY_CHECKS --scratch-path .build-checks
        // to compile in the Type+Invariants.swift checks (LifeTable: lx non-increasing,
        // Σ ndx = radix; StepResult: no negative population, accounting identity;
        // QuantileSketch: sorted levels, weight = count). They trap on a broken invariant
        // and cost O(size) per table, step or compaction; without the flag they are empty.
        // scripts/test.sh runs the suite once with them.

        .target(name: "Demography", dependencies: ["CLinAlg"]),
        .target(name: "DemographyIO", dependencies: ["Demography", "CZlib"]),
        .target(
            name: "DemographyMPI",
            dependencies: ["Demography", .target(name: "CMPI", condition: .when(traits: ["MPI"]))]
        ),

        // MARK: - The example

        .executableTarget(
            name: "popproj",
            dependencies: [
                "Demography", "DemographyIO", "DemographyMPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/popproj"
        ),

        // MARK: - Test bundles

        .testTarget(name: "DemographyTests", dependencies: ["Demography", "DemographyIO"]),
        .testTarget(name: "DemographyIOTests", dependencies: ["Demography", "DemographyIO"]),
        .testTarget(name: "ExampleTests", dependencies: ["Demography", "DemographyIO", "DemographyMPI"]),
    ]
)
