// swift-tools-version: 6.1
import PackageDescription

// MPI scaling of the multiregional projection with the regions split across ranks,
// and the merge of probabilistic shares that rank 0 does.
// Needs Open MPI (apt: libopenmpi-dev openmpi-bin). Run inside this folder:
//   swift build -c release
//   OPENBLAS_NUM_THREADS=1 mpirun -np 2 .build/release/multiregional-mpi-bench --regions 400
let package = Package(
    name: "mpi-bench",
    dependencies: [
        .package(name: "Demography", path: "../..", traits: ["MPI"]),
        .package(name: "multiregional-bench", path: "../multiregional-bench"),
    ],
    targets: [
        .executableTarget(
            name: "multiregional-mpi-bench",
            dependencies: [
                .product(name: "Demography", package: "Demography"),
                .product(name: "DemographyMPI", package: "Demography"),
                .product(name: "MultiregionalWorkload", package: "multiregional-bench"),
            ],
            path: "Sources/multiregional-mpi-bench"
        ),
        .executableTarget(
            name: "share-merge-bench",
            dependencies: [
                .product(name: "Demography", package: "Demography"),
                .product(name: "DemographyIO", package: "Demography"),
            ],
            path: "Sources/share-merge-bench"
        ),
    ]
)
