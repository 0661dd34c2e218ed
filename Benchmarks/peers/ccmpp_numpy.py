"""NumPy peer of the Swift batch engine: the same workload (WORKLOAD.md) and UN
step (guard, floor), written the way researchers write it today: vectorised over
ages for one population, over populations (layout [sex][age][K]) for batches,
rates materialised per step. Prints one JSON line like peer-timing.

Usage: python3 ccmpp_numpy.py <single|stoch-stream|shared-blocked> [K] [reps]
"""
import json
import sys
import time

import numpy as np

N, R, T, F0, F1 = 101, 202, 100, 15, 50
SRB, RESID, FLOOR = 1.05, 1e-5, 0.0005
M64 = (1 << 64) - 1


def splitmix64(x):
    """splitmix64 on uint64 arrays (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = x + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def uniform(ch, t, k):
    key = (np.uint64(ch) << np.uint64(56)) ^ (np.asarray(t, dtype=np.uint64) << np.uint64(32)) ^ np.asarray(k, dtype=np.uint64)
    return (splitmix64(key) >> np.uint64(11)).astype(np.float64) * 2.0**-53


def tables():
    x = np.arange(N, dtype=np.float64)
    Q = np.empty((T, R))
    A = np.zeros((T, N))
    g = np.zeros(N)
    d = (x[F0:F1] - 28.0) / 6
    g[F0:F1] = np.exp(-0.5 * d * d)
    gs = sum(float(v) for v in g[F0:F1])  # left-to-right, as C and Swift
    for t in range(T):
        for s, f in ((0, 1.0), (1, 1.3)):
            mu = (0.02 * np.exp(-1.5 * x) + 0.0005 + 4e-5 * np.exp(0.1 * x)) * f * 0.99**t
            q = 1 - np.exp(-mu)
            q[0] = q[0] / 2
            Q[t, s * N:(s + 1) * N] = q
        A[t] = g / gs * (2.3 - 0.3 * t / (T - 1))
    shape = 0.02 + 0.1 * np.exp(-0.1 * x) + 0.5 * np.exp(-0.1 * (x - 20.0) - np.exp(-0.4 * (x - 20.0)))
    ssum = 0.0
    for v in shape:
        ssum += float(v)
    mig1 = 4000 * shape / ssum
    return Q, A, np.concatenate([mig1, mig1])


def start(K):
    r = np.arange(R)
    x = (r % N).astype(np.float64)
    base = 1.1e6 / 2 * np.exp(-0.012 * x) * (1 - np.exp(-0.012)) / (1 - np.exp(-0.012 * N))
    k = np.arange(K)
    return base[:, None] * (0.8 + 0.4 * uniform(3, r[:, None], k[None, :]))


def step(P, S, M, Fh):
    """One UN step, end-of-step migration. P, S, M: (R, K); Fh: (N, K) = (z/2)·F."""
    G = np.where(P + M <= 0, RESID - P, M)  # the UN guard (ccmppWPP), whatever the sign of M
    Q = np.empty_like(P)
    for o in (0, N):
        Q[o + 1:o + N - 1] = P[o:o + N - 2] * S[o + 1:o + N - 1]
        Q[o + N - 1] = (P[o + N - 2] + P[o + N - 1]) * S[o + N - 1]
    B = (Fh[F0:F1] * (P[F0:F1] + Q[F0:F1])).sum(axis=0)
    fem = B / (1 + SRB)
    Q[0] = fem * S[0]
    Q[N] = (B - fem) * S[N]
    Q += G
    Q[Q < 0] = FLOOR
    return Q


def emit(w, K, threads, sec, cells, chk):
    print(json.dumps({"impl": "numpy", "workload": w, "K": K, "threads": threads, "seconds": sec,
                      "cells": cells, "check": [float(v) for v in chk]}))


def main():
    w = sys.argv[1] if len(sys.argv) > 1 else "single"
    K = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    Q, A, MIG = tables()
    if w == "single":
        mq = 0.85 + 0.3 * uniform(0, np.arange(T), 0)
        mf = 0.9 + 0.2 * uniform(1, np.arange(T), 0)
        mm = 0.5 + uniform(2, np.arange(T), 0)
        S = 1 - Q * mq[:, None]
        M = MIG[None, :] * mm[:, None]
        Fh = 0.5 * (A * mf[:, None])
        p0 = start(1)
        best = 1e30
        for _ in range(max(reps, 20)):
            t0 = time.perf_counter()
            states = [p0]
            for t in range(T):
                states.append(step(states[-1], S[t][:, None], M[t][:, None], Fh[t][:, None]))
            best = min(best, time.perf_counter() - t0)
        chk = list(states[-1][:, 0]) + [sum(float(s.sum()) for s in states)]
        emit(w, 1, 1, best, R * T, chk)
        return
    k = np.arange(K)
    best, means = 1e30, []
    for _ in range(reps):
        P = start(K)
        means = []
        t0 = time.perf_counter()
        for t in range(T):
            if w == "stoch-stream":
                mq = 0.85 + 0.3 * uniform(0, t, k)
                mf = 0.9 + 0.2 * uniform(1, t, k)
                mm = 0.5 + uniform(2, t, k)
                S = 1 - Q[t][:, None] * mq[None, :]
                M = MIG[:, None] * mm[None, :]
                Fh = 0.5 * (A[t][:, None] * mf[None, :])
                P = step(P, S, M, Fh)
                means.append(P.sum(axis=0).sum() / K)
            else:
                mq = 0.85 + 0.3 * uniform(0, t, 0)
                mf = 0.9 + 0.2 * uniform(1, t, 0)
                mm = 0.5 + uniform(2, t, 0)
                P = step(P, (1 - Q[t] * mq)[:, None], (MIG * mm)[:, None], (0.5 * (A[t] * mf))[:, None])
        best = min(best, time.perf_counter() - t0)
    chk = [P[r, c] for c in (0, K // 2, K - 1) for r in range(R)] + means
    emit(w, K, 1, best, R * T * K, chk)


if __name__ == "__main__":
    main()
