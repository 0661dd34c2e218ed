#!/usr/bin/env bash
# Probabilistic projection benchmark: "Canada 1x1, 2023-2100 (77 annual steps, 2 sexes x 101 ages),
# built-in stochastic model, seed 1, N trajectories", N = 1,000 / 10,000 / 100,000, 2 threads.
# Reports wall time, user CPU and maximum resident memory from /usr/bin/time -v (apt package `time`),
# then the NumPy peer (Benchmarks/peers/stochastic_numpy.py) on the same job without quantiles.
# Run from the repository root:  Benchmarks/stochastic-bench.sh [N ...]
set -euo pipefail
if [ -z "${POPPROJ:-}" ]; then   # POPPROJ=path/to/popproj: a binary already built
  swift build -c release --static-swift-stdlib --scratch-path .build-stoch --product popproj >/dev/null
  POPPROJ=.build-stoch/release/popproj
fi
bin=$POPPROJ
sizes=("${@:-1000 10000 100000}")
for n in ${sizes[@]}; do
  /usr/bin/time -v "$bin" project --data Tests/Fixtures/canada2023 --trajectories "$n" --seed 1 --threads 2 --quiet \
    2> /tmp/stochastic-bench.time
  wall=$(grep "Elapsed (wall clock)" /tmp/stochastic-bench.time | awk '{print $NF}')
  user=$(grep "User time" /tmp/stochastic-bench.time | awk '{print $NF}')
  rss=$(grep "Maximum resident" /tmp/stochastic-bench.time | awk '{print $NF}')
  echo "popproj  N=$n  wall $wall  user ${user}s  max RSS $((rss / 1024)) MB"
done
for n in ${sizes[@]}; do
  [ "$n" -le 10000 ] && python3 Benchmarks/peers/stochastic_numpy.py "$n"
done
