// Plain C -O3 peer of the Swift batch engine: the same workload (WORKLOAD.md)
// and the same algorithm (UN step with guard and floor, in place, oldest age
// first, column tiles of 128; OpenMP threads over tiles). Written for the
// comparison in compare-peers.sh; prints one JSON line like peer-timing.
//
// Build: cc -O3 -fopenmp -o ccmpp ccmpp.c -lm
// Usage: ccmpp <single|stoch-stream|shared-blocked> [K] [threads] [reps]
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { N = 101, R = 2 * N, T = 100, F0 = 15, F1 = 50, TW = 128 };
static const double SRB = 1.05, RESID = 1e-5, FLOOR = 0.0005;

static uint64_t splitmix64(uint64_t x) {
    uint64_t z = x + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static double uniform(int ch, int t, int k) {
    uint64_t key = ((uint64_t)ch << 56) ^ ((uint64_t)t << 32) ^ (uint64_t)k;
    return (double)(splitmix64(key) >> 11) * 0x1p-53;
}
static double Q[T][R], ASFR[T][N], MIG[R];

static void tables(void) {
    for (int t = 0; t < T; t++) {
        for (int s = 0; s < 2; s++)
            for (int x = 0; x < N; x++) {
                double mu = (0.02 * exp(-1.5 * x) + 0.0005 + 4e-5 * exp(0.1 * x)) * (s == 0 ? 1.0 : 1.3) * pow(0.99, t);
                double q = 1 - exp(-mu);
                Q[t][s * N + x] = x == 0 ? q / 2 : q;
            }
        double g[N] = {0}, sum = 0;
        for (int x = F0; x < F1; x++) { double d = (x - 28.0) / 6; g[x] = exp(-0.5 * d * d); sum += g[x]; }
        double tfr = 2.3 - 0.3 * t / (double)(T - 1);
        for (int x = 0; x < N; x++) ASFR[t][x] = g[x] / sum * tfr;
    }
    double shape[N], sum = 0;
    for (int x = 0; x < N; x++) {
        shape[x] = 0.02 + 0.1 * exp(-0.1 * x) + 0.5 * exp(-0.1 * (x - 20.0) - exp(-0.4 * (x - 20.0)));
        sum += shape[x];
    }
    for (int x = 0; x < N; x++) MIG[x] = MIG[N + x] = 4000 * shape[x] / sum;
}
static double start(int r, int k) {
    int x = r % N;
    double base = 1.1e6 / 2 * exp(-0.012 * x) * (1 - exp(-0.012)) / (1 - exp(-0.012 * N));
    return base * (0.8 + 0.4 * uniform(3, r, k));
}
static double now(void) { struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts); return ts.tv_sec + 1e-9 * ts.tv_nsec; }
// The UN's guard (ccmppWPP): P + M <= 0, whatever the sign of M, leaves 1e-5 persons.
static inline double guard(double p, double m) { return p + m <= 0 ? RESID - p : m; }

// One step on a tile of c columns (rows `ld` apart), in place, oldest age first: one fused
// loop per row with the guard recomputed from the row's own start value (the same operations
// and order as the Swift tile kernel). Rates: S = 1 - q[r]*mq[k], M = mig[r]*mm[k],
// (z/2)F = 0.5*(asfr[x]*mf[k]); mq/mm/mf NULL means 1 (shared rates: S given in shS).
static inline void step_tile(double *restrict P, long ld, int c, const double *q, const double *asfr,
                             const double *mq, const double *mf, const double *mm, const double *shS) {
    double B[TW], Bm[TW];
    for (int k = 0; k < c; k++) B[k] = 0;
    for (int s = 0; s < 2; s++) {
        int o = s * N;
        for (int x = N - 1; x >= 1; x--) {
            double *restrict row = P + (o + x) * ld;
            const double *restrict below = P + (o + x - 1) * ld;
            double mr = MIG[o + x], qr = q[o + x], sr = shS ? shS[o + x] : 0;
            if (x == N - 1) {
                for (int k = 0; k < c; k++) {
                    double S = shS ? sr : 1 - qr * mq[k];
                    double m = mm ? mr * mm[k] : mr;
                    double v = (below[k] + row[k]) * S + guard(row[k], m);
                    row[k] = v < 0 ? FLOOR : v;
                }
            } else if (s == 0 && x >= F0 && x < F1) {
                for (int k = 0; k < c; k++) {
                    double S = shS ? sr : 1 - qr * mq[k];
                    double m = mm ? mr * mm[k] : mr;
                    double end = below[k] * S;
                    double f = 0.5 * (mf ? asfr[x] * mf[k] : asfr[x]);
                    B[k] += f * (row[k] + end);
                    double v = end + guard(row[k], m);
                    row[k] = v < 0 ? FLOOR : v;
                }
            } else {
                for (int k = 0; k < c; k++) {
                    double S = shS ? sr : 1 - qr * mq[k];
                    double m = mm ? mr * mm[k] : mr;
                    double v = below[k] * S + guard(row[k], m);
                    row[k] = v < 0 ? FLOOR : v;
                }
            }
        }
        double *row = P + o * ld;
        for (int k = 0; k < c; k++) {
            double S = shS ? shS[o] : 1 - q[o] * mq[k];
            double m = mm ? MIG[o] * mm[k] : MIG[o];
            double b;
            if (s == 0) { double fem = B[k] / (1 + SRB); Bm[k] = B[k] - fem; b = fem; } else b = Bm[k];
            double v = b * S + guard(row[k], m);
            row[k] = v < 0 ? FLOOR : v;
        }
    }
}

static void emit(const char *w, int K, int threads, double sec, double cells, const double *chk, int nchk) {
    printf("{\"impl\":\"c\",\"workload\":\"%s\",\"K\":%d,\"threads\":%d,\"seconds\":%.9g,\"cells\":%.17g,\"check\":[", w, K, threads, sec, cells);
    for (int i = 0; i < nchk; i++) printf(i ? ",%.17g" : "%.17g", chk[i]);
    printf("]}\n");
}

int main(int argc, char **argv) {
    const char *w = argc > 1 ? argv[1] : "single";
    int K = argc > 2 ? atoi(argv[2]) : 100000, threads = argc > 3 ? atoi(argv[3]) : 2, reps = argc > 4 ? atoi(argv[4]) : 3;
    omp_set_num_threads(threads);
    tables();
    if (!strcmp(w, "single")) {
        // Rates of population 0 packed per step, states out of place (all states returned).
        static double S[T][R], M[T][R], Fh[T][N], st[T + 1][R];
        for (int t = 0; t < T; t++) {
            double mq = 0.85 + 0.3 * uniform(0, t, 0), mf = 0.9 + 0.2 * uniform(1, t, 0), mm = 0.5 + uniform(2, t, 0);
            for (int r = 0; r < R; r++) { S[t][r] = 1 - Q[t][r] * mq; M[t][r] = MIG[r] * mm; }
            for (int x = 0; x < N; x++) Fh[t][x] = 0.5 * (ASFR[t][x] * mf);
        }
        double best = 1e30;
        for (int rep = 0; rep < (reps > 2000 ? reps : 2000); rep++) {
            double t0 = now();
            for (int r = 0; r < R; r++) st[0][r] = start(r, 0);
            double t1 = now();
            for (int t = 0; t < T; t++) {
                // One fused pass with the guard inline; births from the oldest fertile age down.
                const double *p = st[t], *s = S[t], *m = M[t], *f = Fh[t];
                double *q = st[t + 1];
                double B = 0;
                for (int x = F1 - 1; x >= F0; x--) B += f[x] * (p[x] + p[x - 1] * s[x]);
                for (int o = 0; o < R; o += N) {
                    for (int x = o + 1; x < o + N - 1; x++) { double v = p[x - 1] * s[x] + guard(p[x], m[x]); q[x] = v < 0 ? FLOOR : v; }
                    int l = o + N - 1;
                    double v = (p[l - 1] + p[l]) * s[l] + guard(p[l], m[l]); q[l] = v < 0 ? FLOOR : v;
                }
                double fem = B / (1 + SRB), mal = B - fem;
                double v0 = fem * s[0] + guard(p[0], m[0]), vn = mal * s[N] + guard(p[N], m[N]);
                q[0] = v0 < 0 ? FLOOR : v0; q[N] = vn < 0 ? FLOOR : vn;
            }
            double dt = now() - t1; (void)t0;
            if (dt < best) best = dt;
        }
        double chk[R + 1], sum = 0;
        for (int r = 0; r < R; r++) chk[r] = st[T][r];
        for (int t = 0; t <= T; t++) for (int r = 0; r < R; r++) sum += st[t][r];
        chk[R] = sum;
        emit(w, 1, 1, best, (double)R * T, chk, R + 1);
        return 0;
    }
    int stream = !strcmp(w, "stoch-stream");
    double *P = malloc(sizeof(double) * R * (size_t)K);
    double best = 1e30, means[T];
    // Shared rates (population 0's) for shared-blocked.
    static double shS[T][R], shM[T][R], shF[T][N];
    for (int t = 0; t < T; t++) {
        double mq = 0.85 + 0.3 * uniform(0, t, 0), mf = 0.9 + 0.2 * uniform(1, t, 0), mm = 0.5 + uniform(2, t, 0);
        for (int r = 0; r < R; r++) { shS[t][r] = 1 - Q[t][r] * mq; shM[t][r] = MIG[r] * mm; }
        for (int x = 0; x < N; x++) shF[t][x] = ASFR[t][x] * mf;
    }
    for (int rep = 0; rep < reps; rep++) {
        for (int r = 0; r < R; r++) for (int k = 0; k < K; k++) P[(size_t)r * K + k] = start(r, k);
        int tiles = (K + TW - 1) / TW;
        double t0 = now();
        if (stream) {
            for (int t = 0; t < T; t++) {
                double tot = 0;
#pragma omp parallel for schedule(static) reduction(+ : tot)
                for (int i = 0; i < tiles; i++) {
                    int k0 = i * TW, c = K - k0 < TW ? K - k0 : TW;
                    double mq[TW], mf[TW], mm[TW], colsum[TW];
                    for (int k = 0; k < c; k++) {
                        mq[k] = 0.85 + 0.3 * uniform(0, t, k0 + k); mf[k] = 0.9 + 0.2 * uniform(1, t, k0 + k); mm[k] = 0.5 + uniform(2, t, k0 + k);
                    }
                    step_tile(P + k0, K, c, Q[t], ASFR[t], mq, mf, mm, NULL);
                    for (int k = 0; k < c; k++) colsum[k] = 0;
                    for (int r = 0; r < R; r++) for (int k = 0; k < c; k++) colsum[k] += P[(size_t)r * K + k0 + k];
                    for (int k = 0; k < c; k++) tot += colsum[k];
                }
                means[t] = tot / K;
            }
        } else {
#pragma omp parallel for schedule(static)
            for (int i = 0; i < tiles; i++) {
                int k0 = i * TW, c = K - k0 < TW ? K - k0 : TW;
                for (int t = 0; t < T; t++) {
                    // MIG scaled: pass migrants through mm = ratio (shared: same for all columns).
                    double mm[TW];
                    double ratio = 0.5 + uniform(2, t, 0);
                    for (int k = 0; k < c; k++) mm[k] = ratio;
                    step_tile(P + k0, K, c, Q[t], shF[t], NULL, NULL, mm, shS[t]);
                }
            }
        }
        double dt = now() - t0;
        if (dt < best) best = dt;
    }
    int nchk = 3 * R + (stream ? T : 0);
    double *chk = malloc(sizeof(double) * nchk);
    int cols[3] = {0, K / 2, K - 1}, j = 0;
    for (int c = 0; c < 3; c++) for (int r = 0; r < R; r++) chk[j++] = P[(size_t)r * K + cols[c]];
    if (stream) for (int t = 0; t < T; t++) chk[j++] = means[t];
    emit(w, K, threads, best, (double)R * T * K, chk, nchk);
    return 0;
}
