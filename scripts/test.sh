#!/usr/bin/env bash
# Runs the whole test suite: installs missing Debian packages (OpenBLAS, LAPACKE,
# Open MPI), builds, and tests; popproj is also built with the MPI trait in its
# own build folder, and the suite runs it under mpirun against the single process.
# The suite then runs once more with the invariant checks compiled in
# (DEMOGRAPHY_CHECKS, the Type+Invariants.swift files), in .build-checks.
# First of all, the folders of Sources/Demography must refer only down their layer
# order (scripts/check-layers.py; the order is in the DocC catalogue).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/check-layers.py
./scripts/ensure-deps.sh libopenmpi-dev openmpi-bin
export OPENBLAS_NUM_THREADS=1
swift build --build-tests
swift build --scratch-path .build-mpi --traits MPI --product popproj
export DEMOGRAPHY_MPI_POPPROJ="$PWD/.build-mpi/debug/popproj"
swift test --disable-xctest
swift build --build-tests --scratch-path .build-checks -Xswiftc -DDEMOGRAPHY_CHECKS
# The checks pass runs the library's suites (the invariants are the library's
# types) and the reader suite that tests a check; the reader and command-line
# suites run in the pass above only, to keep the whole under 20 minutes.
swift test --disable-xctest --scratch-path .build-checks -Xswiftc -DDEMOGRAPHY_CHECKS \
  --filter "DemographyTests\.|TableFormattingTests"
./scripts/fuzz.sh --ci
