#!/usr/bin/env bash
# MPI scaling of the multiregional projection with the regions split across ranks
# (Benchmarks/mpi-bench): single years 0-100+, two sexes, 20 steps, one OpenBLAS thread per rank.
#   strong: the same R on 1 and 2 ranks (each run also times the whole run on rank 0 in the same process);
#   weak:   R²/P constant, 283 regions on 1 rank against 400 on 2 (the exchange is R² per step).
# Needs Open MPI (apt: libopenmpi-dev openmpi-bin). Run from the repository root:
#   Benchmarks/mpi-scaling.sh [R]
set -euo pipefail
r=${1:-400}
weak=$(python3 -c "print(round($r / 2 ** 0.5))")
(cd Benchmarks/mpi-bench && swift build -c release >/dev/null)
bin=Benchmarks/mpi-bench/.build/release/multiregional-mpi-bench
run() { OPENBLAS_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -np "$1" "$bin" --regions "$2" --steps 20; }
split_time() { grep "regions split" | sed -E 's/.*: ([0-9.]+) s .*/\1/'; }
echo "== strong scaling, $r regions"
run 1 "$r"
run 2 "$r"
echo "== weak scaling: $weak regions on 1 rank, $r on 2"
t1=$(run 1 "$weak" | tee /dev/stderr | split_time)
t2=$(run 2 "$r" | tee /dev/stderr | split_time)
python3 -c "print(f'weak-scaling efficiency T1/T2 = {$t1:.3f} s / {$t2:.3f} s = {100 * $t1 / $t2:.0f} %')"
