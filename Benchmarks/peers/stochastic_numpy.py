#!/usr/bin/env python3
"""NumPy peer of `popproj project --trajectories N` on Tests/Fixtures/canada2023 (2023-2100, 1x1).

The same job, vectorised over trajectories ([sex][age][K] as in the Swift engine): per year, AR(1)
draws of TFR and e0, e0 -> Sx by linear interpolation in a precomputed grid of Sx by e0 (here built
from proportional shifts of the medium Sx hazards, no life tables: cheaper than the Swift path), ASFR
= TFR x PASFR, migrants = pattern x total, the UN step (end-of-step migration), and exact quantiles
(np.quantile over K) of every population cell and the total each year. Reports the seconds.
Usage: python3 Benchmarks/peers/stochastic_numpy.py N
"""
import csv, sys, time
import numpy as np

K = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
D = "Tests/Fixtures/canada2023"
N, T = 101, 77
pop = np.zeros((2, N))
with open(f"{D}/pop_base.csv") as f:
    for r in csv.DictReader(f):
        pop[0 if r["sex"] == "female" else 1, int(r["age"])] = float(r["value"])
mx = np.zeros((T, 2, N))
with open(f"{D}/mx.csv") as f:
    for r in csv.DictReader(f):
        mx[int(r["year"]) - 2023, 0 if r["sex"] == "female" else 1, int(r["age"])] = float(r["value"])
pasfr = np.zeros(N)
with open(f"{D}/pasfr.csv") as f:
    for r in csv.DictReader(f):
        if r["year"] == "2023":
            pasfr[int(r["age"])] = float(r["value"]) / 100
tfr0, mig0 = 1.5104, 239576.0
pattern = np.full((2, N), 0.0); pattern[:, 18:40] = 1.0; pattern /= pattern.sum()

t0 = time.perf_counter()
rng = np.random.default_rng(1)
sx_med = np.exp(-mx)                      # crude Sx from mx (the peer skips life tables)
grid = np.linspace(-0.5, 0.5, 41)         # log-hazard shifts
q = np.zeros((K, T, 5)); qt = np.zeros((T, 5))
P = np.repeat(pop[:, :, None], K, axis=2)
d = np.zeros(K); g = np.zeros(K); cum = np.zeros(K)
probs = [0.025, 0.1, 0.5, 0.9, 0.975]
out = np.empty((T, 2, N, 5))
for t in range(T):
    d = 0.9761 * d + 0.0476 * rng.standard_normal(K)
    g = 0.5 * g + 0.15 * rng.standard_normal(K); cum += g
    tfr = np.maximum(0.5, tfr0 + d)
    shift = np.clip(-cum / 10, grid[0], grid[-1])
    j = np.clip(np.searchsorted(grid, shift) - 1, 0, len(grid) - 2)
    w = (shift - grid[j]) / (grid[1] - grid[0])
    tab = sx_med[t][None, :, :] ** np.exp(grid)[:, None, None]       # [G][sex][age]
    S = (tab[j] * (1 - w)[:, None, None] + tab[j + 1] * w[:, None, None]).transpose(1, 2, 0)  # [sex][age][K]
    M = pattern[:, :, None] * mig0
    Q = np.empty_like(P)
    Q[:, 1:N - 1] = P[:, 0:N - 2] * S[:, 1:N - 1]
    Q[:, N - 1] = (P[:, N - 2] + P[:, N - 1]) * S[:, N - 1]
    F = pasfr[:, None] * tfr[None, :]
    B = 0.5 * (F * (P[0] + Q[0])).sum(axis=0)
    fb = B / 2.05
    Q[0, 0] = fb * S[0, 0]; Q[1, 0] = (B - fb) * S[1, 0]
    P = np.maximum(Q + M, 0.0005)
    out[t] = np.moveaxis(np.quantile(P, probs, axis=2), 0, -1)
    qt[t] = np.quantile(P.sum(axis=(0, 1)), probs)
elapsed = time.perf_counter() - t0
print(f"numpy    N={K}  {elapsed:.2f} s  (median total 2100: {qt[-1, 2]:.0f})")
