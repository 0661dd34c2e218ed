#!/usr/bin/env bash
# Projects the embedded default scenario: installs missing Debian packages,
# builds popproj in release mode and runs it with any arguments given.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/ensure-deps.sh
swift build -c release --product popproj >&2
exec .build/release/popproj "$@"
