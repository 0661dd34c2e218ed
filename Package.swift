// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Demography",
    products: [
        .library(name: "Demography", targets: ["Demography"]),
        .library(name: "DemographyIO", targets: ["DemographyIO"]),
        .executable(name: "popproj", targets: ["popproj"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLinAlg",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "Demography", dependencies: ["CLinAlg"]),
        .target(name: "DemographyIO", dependencies: ["Demography"]),
        .executableTarget(
            name: "popproj",
            dependencies: [
                "Demography", "DemographyIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/popproj"
        ),
        .testTarget(name: "DemographyTests", dependencies: ["Demography", "DemographyIO"]),
        .testTarget(name: "DemographyIOTests", dependencies: ["Demography", "DemographyIO"]),
        .testTarget(name: "ExampleTests", dependencies: ["Demography", "DemographyIO"]),
    ]
)
