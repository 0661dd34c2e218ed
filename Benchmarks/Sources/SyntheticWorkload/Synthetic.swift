import Foundation
import Demography

/// The synthetic cohort-component workload of PERFORMANCE.md, defined once in
/// `Benchmarks/peers/WORKLOAD.md` and written identically in Swift (here), C
/// (`peers/ccmpp.c`) and NumPy (`peers/ccmpp_numpy.py`).
///
/// 2 sexes × 101 single ages (0…99, 100+), T = 100 annual steps, end-of-step
/// migration, SRB 1.05. Population k at step t has
///
///     S(s,x) = 1 − q(s,x,t)·μq(t,k)   F(x) = asfr(x,t)·μf(t,k)   M(s,x) = mig(s,x)·μm(t,k)
///
/// with μ from a splitmix64 hash of (channel, t, k): μq ∈ [0.85, 1.15),
/// μf ∈ [0.9, 1.1), μm ∈ [0.5, 1.5).
public enum Synthetic {
    public static let ageGroups = 101
    public static let steps = 100
    public static let sexRatioAtBirth = 1.05
    public static let fertileAges = 15..<50

    /// splitmix64 (Steele, Lea & Flood 2014).
    @inline(__always)
    public static func splitmix64(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform in [0, 1) from (channel, t, k).
    @inline(__always)
    public static func uniform(_ channel: Int, _ t: Int, _ k: Int) -> Double {
        let key = (UInt64(channel) << 56) ^ (UInt64(t) << 32) ^ UInt64(k)
        return Double(splitmix64(key) >> 11) * 0x1p-53
    }

    /// μq, μf, μm of population k at step t.
    @inline(__always)
    public static func multipliers(_ t: Int, _ k: Int) -> (q: Double, f: Double, m: Double) {
        (0.85 + 0.3 * uniform(0, t, k), 0.9 + 0.2 * uniform(1, t, k), 0.5 + uniform(2, t, k))
    }

    /// Siler-like hazard of females; males have 1.3 times it; 1 % a year improvement.
    static func hazard(sex: Int, age x: Double, step t: Int) -> Double {
        let mu = 0.02 * exp(-1.5 * x) + 0.0005 + 4e-5 * exp(0.1 * x)
        return mu * (sex == 0 ? 1.0 : 1.3) * pow(0.99, Double(t))
    }

    /// q by row (sex·101 + x) at step t: 1 − exp(−μ(x)); row x = 0 holds q0/2 (survival of births).
    public static func q(step t: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * ageGroups)
        for s in 0..<2 {
            for x in 0..<ageGroups {
                let q = 1 - exp(-hazard(sex: s, age: Double(x), step: t))
                out[s * ageGroups + x] = x == 0 ? q / 2 : q
            }
        }
        return out
    }

    /// ASFR by age (101 values, zero outside 15…49): Gaussian shape at 28, TFR 2.3 → 2.0.
    public static func asfr(step t: Int) -> [Double] {
        var g = [Double](repeating: 0, count: ageGroups)
        var sum = 0.0
        for x in fertileAges {
            let d = (Double(x) - 28) / 6
            g[x] = exp(-0.5 * d * d)
            sum += g[x]
        }
        let tfr = 2.3 - 0.3 * Double(t) / Double(steps - 1)
        return g.map { $0 / sum * tfr }
    }

    /// Net migrants by row: Rogers-Castro-like shape, 4,000 persons a year per sex.
    public static func migrants() -> [Double] {
        var shape = [Double](repeating: 0, count: ageGroups)
        for x in 0..<ageGroups {
            let a = Double(x)
            shape[x] = 0.02 + 0.1 * exp(-0.1 * a) + 0.5 * exp(-0.1 * (a - 20) - exp(-0.4 * (a - 20)))
        }
        let sum = shape.reduce(0, +)
        let one = shape.map { 4000 * $0 / sum }
        return one + one
    }

    /// Start of population k by row: 1.1 M with a declining age shape, scaled per cell by [0.8, 1.2).
    public static func start(row r: Int, column k: Int) -> Double {
        let x = Double(r % ageGroups)
        let base = 1.1e6 / 2 * exp(-0.012 * x) * (1 - exp(-0.012)) / (1 - exp(-0.012 * Double(ageGroups)))
        return base * (0.8 + 0.4 * uniform(3, r, k))
    }

    /// The start state of K populations in `[sex][age][K]` order.
    public static func startState(count k: Int) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * ageGroups * k)
        for r in 0..<(2 * ageGroups) {
            for c in 0..<k { out[r * k + c] = start(row: r, column: c) }
        }
        return out
    }

    public static let ages = try! AgeStructure.singleYear(openAge: 100)

    /// The rate-free schedules of step t as a ProjectionStep (μ = 1): S̄ = 1 − q.
    public static func baseStep(_ t: Int) -> ProjectionStep {
        step(t, q: 1, f: 1, m: 1)
    }

    /// Population k's own step t (the one-population rates).
    public static func step(_ t: Int, column k: Int) -> ProjectionStep {
        let mu = multipliers(t, k)
        return step(t, q: mu.q, f: mu.f, m: mu.m)
    }

    static func step(_ t: Int, q muQ: Double, f muF: Double, m muM: Double) -> ProjectionStep {
        let n = ageGroups
        let s = q(step: t).map { 1 - $0 * muQ }
        let mig = migrants().map { $0 * muM }
        let f = asfr(step: t).map { $0 * muF }
        return try! ProjectionStep(ages: ages, survivalRatios: BySex(female: Array(s[0..<n]), male: Array(s[n...])),
                                   fertilityRates: f, sexRatioAtBirth: sexRatioAtBirth,
                                   netMigrants: BySex(female: Array(mig[0..<n]), male: Array(mig[n...])), migrationTiming: .endOfStep)
    }

    /// Per-population rates as shared schedules times multipliers from the hash.
    public static func multipliedRates(order: BatchRateOrder) -> BatchMultipliedRates {
        let shared = try! BatchSharedRates(steps: (0..<steps).map(baseStep))
        return BatchMultipliedRates(shared: shared, order: order) { t, columns, into in
            var i = 0
            for k in columns {
                let mu = multipliers(t, k)
                into.mortality[i] = mu.q
                into.fertility[i] = mu.f
                into.migration[i] = mu.m
                i += 1
            }
        }
    }

    /// Shared rates: every population uses population 0's rates of each step.
    public static func sharedRates() -> BatchSharedRates {
        try! BatchSharedRates(steps: (0..<steps).map { step($0, column: 0) })
    }

    /// Constant rates: population 0's rates of step 0 at every step.
    public static func constantRates() -> BatchSharedRates {
        try! BatchSharedRates(constant: step(0, column: 0))
    }

    /// The one-population projection of population 0 (the `single` workload).
    public static func singleProjection() -> Projection {
        let n = ageGroups
        let p0 = (0..<(2 * n)).map { start(row: $0, column: 0) }
        let population = try! Population(ages: ages, counts: BySex(female: Array(p0[0..<n]), male: Array(p0[n...])))
        return try! Projection(start: population, startYear: 0, steps: (0..<steps).map { step($0, column: 0) })
    }

    /// Per-population rates of every step up front (the `stoch-blocked` workload).
    public static func denseRates(count k: Int) -> BatchDenseRates {
        let n = ageGroups
        let dense = BatchDenseRates(ageGroups: n, count: k, steps: steps, fertileAges: fertileAges,
                                    sexRatioAtBirth: Array(repeating: sexRatioAtBirth, count: steps), migrationTiming: .endOfStep)
        let mig = migrants()
        for t in 0..<steps {
            let tile = dense.tile(step: t)
            let qt = q(step: t), ft = asfr(step: t)
            for c in 0..<k {
                let mu = multipliers(t, c)
                for r in 0..<(2 * n) {
                    tile.survival[r * k + c] = 1 - qt[r] * mu.q
                    tile.migrants[r * k + c] = mig[r] * mu.m
                }
                for x in fertileAges { tile.fertility[(x - fertileAges.lowerBound) * k + c] = ft[x] * mu.f }
            }
        }
        return dense
    }
}
