#!/usr/bin/env bash
# libFuzzer targets of the input readers (Fuzz/*.swift, one target per file).
#
#   scripts/fuzz.sh --ci              every target for a few seconds (fails on any crash)
#   scripts/fuzz.sh TARGET SECONDS    one target for longer (new inputs go to .build-fuzz/corpus/TARGET;
#                                     fold the useful ones into Fuzz/corpus/TARGET with -merge=1)
#   scripts/fuzz.sh --build           only build
#   scripts/fuzz.sh --list            the targets
#
# Demography and DemographyIO are compiled once as static libraries with
# coverage and AddressSanitizer (-sanitize=fuzzer,address) into .build-fuzz/,
# then each target is one swiftc call over its file and Fuzz/Support. The
# dataset targets read base datasets that scripts/fuzz-campaign.py builds from
# Tests/Fixtures (.build-fuzz/bases). A crash (or a broken invariant, which
# traps) writes its input to .build-fuzz/artifacts/TARGET/; minimise it with
#   .build-fuzz/TARGET -minimize_crash=1 -runs=10000 CRASHFILE
# and keep it under Fuzz/regressions/TARGET/: --ci replays every file there.
set -euo pipefail
cd "$(dirname "$0")/.."

# --ci (a smoke pass inside the test command's time budget) compiles without
# optimisation, in its own folder: 3-4 times faster to build, a few times slower to run.
if [[ ${1:-} == --ci ]]; then B=.build-fuzz-ci OPT=-Onone; else B=.build-fuzz OPT=-O; fi
CI_SECONDS=4
export SWIFT_BACKTRACE=enable=no       # else Swift's crash handler adds a spurious ASan report
export OPENBLAS_NUM_THREADS=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
export FUZZ_BASES="$PWD/$B/bases"

# target name -> source file
declare -A SOURCE=(
  [csv]=CSVTableFuzz.swift
  [matrix]=MatrixFileFuzz.swift
  [trajectories]=TrajectoryFilesFuzz.swift
  [dataset_full]=FullRateDatasetFuzz.swift
  [dataset_wpp]=WPPDatasetFuzz.swift
  [multiregional]=MultiregionalDatasetFuzz.swift
  [tidy]=TidyFileFuzz.swift
  [sketch]=SketchFuzz.swift
  [foreign]=ForeignFormatsFuzz.swift
)
TARGETS=(csv matrix tidy sketch trajectories dataset_full dataset_wpp multiregional foreign)

SWIFTC_FLAGS=(-sanitize=fuzzer,address -parse-as-library "$OPT" -I Sources/CLinAlg -I Sources/CZlib -I "$B")
LIBS=$(pkg-config --libs openblas lapacke zlib)

newer_than() {  # newer_than FILE SOURCES... : whether FILE is missing or older than a source
  local out=$1; shift
  [[ ! -e $out ]] && return 0
  [[ -n $(find "$@" -newer "$out" -name '*.swift' -print -quit) ]]
}

build_module() {  # build_module NAME SOURCE_DIR
  local name=$1 dir=$2
  if newer_than "$B/lib$name.a" "$dir"; then
    echo "fuzz: compiling $name"
    # shellcheck disable=SC2046
    swiftc "${SWIFTC_FLAGS[@]}" -whole-module-optimization -num-threads 2 \
      -module-name "$name" -emit-module -emit-module-path "$B/$name.swiftmodule" \
      -emit-library -static -o "$B/lib$name.a" $(find "$dir" -name '*.swift' | sort)
  fi
}

build() {
  mkdir -p "$B"
  local start=$SECONDS t
  build_module Demography Sources/Demography
  if [[ $B/libDemography.a -nt $B/libDemographyIO.a ]]; then rm -f "$B/libDemographyIO.a"; fi
  build_module DemographyIO Sources/DemographyIO
  for t in "${TARGETS[@]}"; do
    if [[ $B/libDemographyIO.a -nt $B/$t ]] || newer_than "$B/$t" "Fuzz/${SOURCE[$t]}" Fuzz/Support; then
      echo "fuzz: linking $t"
      # shellcheck disable=SC2086
      swiftc "${SWIFTC_FLAGS[@]}" -L "$B" "Fuzz/${SOURCE[$t]}" Fuzz/Support/*.swift \
        -lDemographyIO -lDemography $LIBS -o "$B/$t" 2>&1 | { grep -v "Cannot export local symbol" || true; }
      [[ -x $B/$t ]] || { echo "fuzz: building $t failed" >&2; exit 1; }
    fi
  done
  rm -rf "$B/bases"
  python3 scripts/fuzz-campaign.py --make-bases "$B/bases" --lean
  echo "fuzz: build took $((SECONDS - start)) s"
}

# run TARGET SECONDS NEW_CORPUS_DIR: fuzz from the committed corpus, new inputs into NEW_CORPUS_DIR.
run() {
  local t=$1 seconds=$2 new=$3
  local artifacts="$PWD/$B/artifacts/$t"
  mkdir -p "$artifacts" "$new" "Fuzz/corpus/$t"
  echo "fuzz: $t for $seconds s"
  # The first corpus folder receives new inputs; the committed one is only read.
  local dict=()
  [[ $t == sketch ]] || dict=(-dict=Fuzz/readers.dict)
  if ! "$B/$t" -seed=1 -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 "${dict[@]}" \
       -print_final_stats=1 -artifact_prefix="$artifacts/" "$new" "Fuzz/corpus/$t" > "$B/$t.log" 2>&1; then
    echo "fuzz: $t FAILED; the input is in $artifacts/, the log in $B/$t.log:" >&2
    grep -E "ERROR|Fatal error|fuzz invariant|SUMMARY|Test unit written" "$B/$t.log" | head -20 >&2
    return 1
  fi
  grep -E "^stat::number_of_executed_units|^Done" "$B/$t.log" | tr '\n' ' '
  echo
}

# replay TARGET: every committed regression input must now run cleanly.
replay() {
  local t=$1 dir="Fuzz/regressions/$1"
  [[ -d $dir ]] || return 0
  local files=("$dir"/*)
  [[ -e ${files[0]} ]] || return 0
  if ! "$B/$t" -rss_limit_mb=2048 -timeout=10 "${files[@]}" > "$B/$t.replay.log" 2>&1; then
    echo "fuzz: $t regression input fails again (log $B/$t.replay.log):" >&2
    grep -E "Running:|ERROR|Fatal error|fuzz invariant|SUMMARY" "$B/$t.replay.log" | head -20 >&2
    return 1
  fi
}

case "${1:-}" in
  --list) printf '%s\n' "${TARGETS[@]}" ;;
  --build) build ;;
  --ci)
    build
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-ci.XXXXXX")
    trap 'rm -rf "$scratch"' EXIT
    failed=()
    for t in "${TARGETS[@]}"; do
      replay "$t" || failed+=("$t (regression)")
      run "$t" "$CI_SECONDS" "$scratch/$t" || failed+=("$t")
    done
    if ((${#failed[@]})); then
      echo "fuzz: crashes in: ${failed[*]}" >&2
      exit 1
    fi
    echo "fuzz: no crash in ${#TARGETS[@]} targets"
    ;;
  ""|-h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    t=$1 seconds=${2:-600}
    [[ -n ${SOURCE[$t]:-} ]] || { echo "fuzz: unknown target $t (scripts/fuzz.sh --list)" >&2; exit 2; }
    build
    run "$t" "$seconds" "$B/corpus/$t"
    ;;
esac
