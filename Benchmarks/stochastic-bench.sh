#!/usr/bin/env bash
# Probabilistic projection benchmark: "Canada 1x1, 2023-2100 (77 annual steps, 2 sexes x 101 ages),
# built-in stochastic model, seed 1, N trajectories", N = 1,000 / 10,000 / 100,000, 2 threads.
# Reports wall time, user CPU and maximum resident memory from /usr/bin/time (apt package `time`), the
# share of each phase (popproj --timings: read, set-up, project, summarise, write),
# then the NumPy peer (Benchmarks/peers/stochastic_numpy.py) on the same job without quantiles.
# BASELINE=path/to/another/popproj (e.g. a build of an earlier commit) runs it on the same job
# right after each run and prints the time and memory ratios of the two in the same command.
# Run from the repository root:  Benchmarks/stochastic-bench.sh [N ...]
set -euo pipefail
if [ -z "${POPPROJ:-}" ]; then   # POPPROJ=path/to/popproj: a binary already built
  swift build -c release --static-swift-stdlib --scratch-path .build-stoch --product popproj >/dev/null
  POPPROJ=.build-stoch/release/popproj
fi
bin=$POPPROJ
sizes=("${@:-1000 10000 100000}")
measure() {   # binary N label -> prints a line, sets seconds and megabytes
  local timings=()
  [ "$3" = popproj ] && timings=(--timings)
  /usr/bin/time -f "%e %U %M" "$1" project --data Tests/Fixtures/canada2023 --trajectories "$2" --seed 1 --threads 2 \
    --quiet "${timings[@]}" 2> /tmp/stochastic-bench.time
  read -r seconds user rss < <(tail -1 /tmp/stochastic-bench.time)
  megabytes=$((rss / 1024))
  echo "$3  N=$2  wall ${seconds} s  user ${user} s  max RSS ${megabytes} MB"
  grep "^phases:" /tmp/stochastic-bench.time | sed 's/^/  /' || true
}
for n in ${sizes[@]}; do
  measure "$bin" "$n" popproj
  if [ -n "${BASELINE:-}" ]; then
    ours=$seconds; ourMB=$megabytes
    measure "$BASELINE" "$n" baseline
    python3 -c "print(f'  ratio baseline/popproj: time {$seconds/$ours:.2f}, memory {$megabytes/$ourMB:.2f}')"
  fi
done
for n in ${sizes[@]}; do
  [ "$n" -le 10000 ] && python3 Benchmarks/peers/stochastic_numpy.py "$n"
done
