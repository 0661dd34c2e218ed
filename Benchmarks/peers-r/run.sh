#!/usr/bin/env bash
# The jobs demographers run with the R peers, timed as whole processes beside popproj on the
# same job, best of REPS runs each, printed with their ratio:
#   ccmppWPP  Canada 1x1 1950-2020 (project_ccmpp_loop_over_time on its shipped inputs, CSV out)
#             vs  popproj project --survival given --data Tests/Fixtures/canada1x1 --out O --quiet
#   DemoTools 140 single-year life tables (lt_single_mx, Canada 1950-2019 mx by sex, CSV out)
#             vs  popproj lifetable --mx Tests/Fixtures/canada1x1/mx.csv --out O
# A peer that is not installed (R_LIBS must point to the R library holding it: install
# markalava/ccmppWPP and timriffe/DemoTools from their GitHub sources with R CMD INSTALL)
# is skipped with a line saying so.
# Never run by .ci/run. Usage, from the repository root:  Benchmarks/peers-r/run.sh [REPS=3]
# (POPPROJ=path/to/popproj to time a binary already built).
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-3}
if [ -z "${POPPROJ:-}" ]; then
  swift build -c release --static-swift-stdlib --scratch-path .build-release --product popproj >/dev/null
  POPPROJ=.build-release/release/popproj
fi
bin=$POPPROJ
here=Benchmarks/peers-r
tmp=$(mktemp -d "${TMPDIR:-/tmp}/peers-r.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

best() {  # best REPS CMD...: the least wall time of REPS runs, in seconds
  local n=$1; shift
  python3 - "$n" "$@" <<'PY'
import subprocess, sys, time
n = int(sys.argv[1]); cmd = sys.argv[2:]
times = []
for _ in range(n):
    t = time.perf_counter(); subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
print(f"{min(times):.4f}")
PY
}
has() { Rscript -e "quit(status = !requireNamespace('$1', quietly = TRUE))" >/dev/null 2>&1; }
row() { printf '%-34s peer %8.3f s   popproj %8.4f s   popproj %6.1fx faster\n' "$1" "$2" "$3" "$(python3 -c "print($2 / $3)")"; }

if ! command -v Rscript >/dev/null; then echo "R is not installed: nothing to compare (install R, then markalava/ccmppWPP and timriffe/DemoTools)"; exit 0; fi
if has ccmppWPP; then
  peer=$(best "$reps" Rscript $here/ccmppwpp_canada.R "$tmp/ccmpp.csv")
  ours=$(best "$reps" "$bin" project --survival given --data Tests/Fixtures/canada1x1 --out "$tmp/ours" --overwrite --quiet)
  row "ccmppWPP, Canada 1x1 1950-2020" "$peer" "$ours"
else
  echo "ccmppWPP is not installed in R_LIBS: skipped"
fi
if has DemoTools; then
  peer=$(best "$reps" Rscript $here/demotools_lifetables.R Tests/Fixtures/canada1x1/mx.csv "$tmp/lt.csv")
  ours=$(best "$reps" "$bin" lifetable --mx Tests/Fixtures/canada1x1/mx.csv --out "$tmp/lt-ours.csv" --overwrite)
  row "DemoTools, 140 life tables" "$peer" "$ours"
else
  echo "DemoTools is not installed in R_LIBS: skipped"
fi
