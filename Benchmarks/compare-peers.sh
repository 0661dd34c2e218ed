#!/usr/bin/env bash
# Peer comparison in one command: runs `single`, `stoch-stream` and `shared-blocked`
# on the same synthetic inputs (peers/WORKLOAD.md) in Swift (peer-timing, release),
# NumPy and plain C -O3 (peers/), checks that all three agree to 1e-10, and prints
#   workload ours_cells_per_s numpy_cells_per_s c_cells_per_s ours/numpy ours/c
# Usage: Benchmarks/compare-peers.sh [K for the batch workloads, default 100000] [threads, default 2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
K="${1:-100000}"
THREADS="${2:-2}"
out="$here/.build/peers"
mkdir -p "$out"
(cd "$here" && swift build -c release --product peer-timing >/dev/null)
cc -O3 -fopenmp -o "$out/ccmpp" "$here/peers/ccmpp.c" -lm
swift_bin="$here/.build/release/peer-timing"
: > "$out/results.jsonl"
run() { "$@" >> "$out/results.jsonl"; }
run "$swift_bin" single 1 1
run "$out/ccmpp" single 1 1
run python3 "$here/peers/ccmpp_numpy.py" single 1 20
for w in stoch-stream shared-blocked; do
    run "$swift_bin" "$w" "$K" "$THREADS" 2
    OMP_NUM_THREADS="$THREADS" run "$out/ccmpp" "$w" "$K" "$THREADS" 2
    run python3 "$here/peers/ccmpp_numpy.py" "$w" "$K" 1
done
python3 - "$out/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {(r["workload"], r["impl"]): r for r in rows}
ok = True
print("workload ours_cells_per_s numpy_cells_per_s c_cells_per_s ours/numpy ours/c")
for w in ("single", "stoch-stream", "shared-blocked"):
    s, n, c = by[(w, "swift")], by[(w, "numpy")], by[(w, "c")]
    for other in (n, c):
        a, b = s["check"], other["check"]
        worst = max(abs(x - y) / max(abs(y), 1.0) for x, y in zip(a, b)) if len(a) == len(b) else float("inf")
        if worst > 1e-10:
            ok = False
            print(f"# {w}: swift vs {other['impl']} differ by {worst:.3g} (> 1e-10)", file=sys.stderr)
    rate = lambda r: r["cells"] / r["seconds"]
    print(f"{w} {rate(s):.4g} {rate(n):.4g} {rate(c):.4g} {rate(s)/rate(n):.3g} {rate(s)/rate(c):.3g}")
    print(f"#   {w}: K={s['K']} threads swift={s['threads']} c={c['threads']} numpy={n['threads']}; "
          f"seconds swift={s['seconds']:.4g} c={c['seconds']:.4g} numpy={n['seconds']:.4g}", file=sys.stderr)
sys.exit(0 if ok else 1)
PY
