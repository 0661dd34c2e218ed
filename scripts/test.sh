#!/usr/bin/env bash
# Runs the whole test suite: installs missing Debian packages, builds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-deps.sh
export OPENBLAS_NUM_THREADS=1
swift build --build-tests
swift test --disable-xctest
