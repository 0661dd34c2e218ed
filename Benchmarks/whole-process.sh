#!/usr/bin/env bash
# Whole-process time of `popproj project` against Python's csv module reading the
# same input files, in one run (best of 5 each, wall time of the whole process:
# interpreter or program start-up included on both sides).
#
# 1. Canada 1x1 (Tests/Fixtures/canada1x1), full rates, --survival given, --out:
#    the files the command reads are pop_base.csv, life_table.csv, mx.csv,
#    asfr.csv, srb.csv, mig_net_count.csv and mig_parameter.csv; Python reads
#    them with csv.reader.
# 2. `--locations all` (236 embedded WPP 2024 countries and areas, medium, 5x5):
#    the program decodes its embedded archive; Python reads the same inputs from
#    data/wpp2024 (gzip + csv.reader): locations, pop_base, mx, pasfr, tfr,
#    tfr_low, tfr_high, srb, mig_net_count.
#
# Prints each time, and the ratio popproj / Python. Run from the repository root:
#   Benchmarks/whole-process.sh            (builds popproj in .build-release-bench)
#   POPPROJ=path/to/popproj Benchmarks/whole-process.sh
set -euo pipefail
if [ -z "${POPPROJ:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path .build-release-bench --product popproj >/dev/null
  POPPROJ=.build-release-bench/release/popproj
fi
PYTHON=${PYTHON:-$(command -v python3)}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The best wall time of 5 runs of a command, in seconds.
best_of_5() {
  "$PYTHON" - "$@" <<'EOF'
import subprocess, sys, time
best = float("inf")
for _ in range(5):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
    best = min(best, time.perf_counter() - t)
print(f"{best:.4f}")
EOF
}

canada=Tests/Fixtures/canada1x1
canada_files="pop_base.csv life_table.csv mx.csv asfr.csv srb.csv mig_net_count.csv mig_parameter.csv"
read_csv='
import csv, sys
rows = 0
for name in sys.argv[1:]:
    with open(name, newline="") as f:
        for row in csv.reader(f):
            rows += 1
'
read_csv_gz='
import csv, gzip, io, sys
rows = 0
for name in sys.argv[1:]:
    with gzip.open(name, "rt", newline="") as f:
        for row in csv.reader(f):
            rows += 1
'

py=$(best_of_5 "$PYTHON" -c "$read_csv" $(for f in $canada_files; do echo "$canada/$f"; done))
swift=$(best_of_5 "$POPPROJ" project --survival given --data "$canada" --out "$out/canada" --overwrite --quiet)
echo "canada1x1 --survival given --out: popproj ${swift} s, python csv ${py} s, ratio $("$PYTHON" -c "print(f'{$swift/$py:.2f}')")"

wpp=data/wpp2024
wpp_files="locations pop_base mx pasfr tfr tfr_low tfr_high srb mig_net_count"
py=$(best_of_5 "$PYTHON" -c "$read_csv_gz" $(for f in $wpp_files; do echo "$wpp/$f.csv.gz"; done))
swift=$(best_of_5 "$POPPROJ" project --locations all --quiet)
echo "--locations all (236, medium, 5x5): popproj ${swift} s, python gzip+csv of data/wpp2024 ${py} s, ratio $("$PYTHON" -c "print(f'{$swift/$py:.2f}')")"
