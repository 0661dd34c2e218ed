import Benchmark
import Foundation
@_spi(Engine) import Demography
import SyntheticWorkload

// The recommended suite of PERFORMANCE.md §4 on the synthetic workload of
// peers/WORKLOAD.md (2 sexes × 101 ages, 100 annual steps, seeded splitmix64
// rates). Throughput is reported in cells (age-sex groups × steps × populations)
// through `benchmark.scaledIterations` with scalingFactor .one = one run, so
// divide the cell count in the name by the wall time. Two threads unless named.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.maxDuration = .seconds(3)
    Benchmark.defaultConfiguration.maxIterations = 5
    Benchmark.defaultConfiguration.warmupIterations = 1
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]
    let steps = Synthetic.steps, n = Synthetic.ageGroups

    // single — one population, 100 steps, all 101 states returned (20,200 cells).
    Benchmark("single (1 population, 2x101 ages, 100 steps, all states)",
              configuration: .init(metrics: metrics, maxDuration: .seconds(2), maxIterations: 100_000)) { benchmark in
        let packed = PackedProjection(Synthetic.singleProjection())
        let start = (0..<(2 * n)).map { Synthetic.start(row: $0, column: 0) }
        var states = [Double](repeating: 0, count: (steps + 1) * 2 * n)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            start.withUnsafeBufferPointer { s in states.withUnsafeMutableBufferPointer { packed.run(start: s, states: $0) } }
            blackHole(states[states.count - 1])
        }
    }

    // stoch-stream — rates per population and step from a provider (step by step),
    // every state streamed to a totals sink.
    for k in [10_000, 100_000] {
        Benchmark("stoch-stream (K = \(k), per-population rates by step, totals every step)",
                  configuration: .init(metrics: metrics)) { benchmark in
            let engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: 2)
            let rates = Synthetic.multipliedRates(order: .stepByStep)
            var state = Synthetic.startState(count: k)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let sink = BatchTotalsSink()
                try engine.project(state: &state, steps: steps, rates: rates, sink: sink)
                blackHole(sink.summaries.last)
            }
        }
    }

    // stoch-blocked — K = 10^4, per-population rates of all 100 steps given up front
    // (3.5 GB of arrays), final state only.
    Benchmark("stoch-blocked (K = 10000, dense rates for 100 steps up front, final state)",
              configuration: .init(metrics: metrics, maxIterations: 3)) { benchmark in
        let k = 10_000
        let engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: 2)
        let dense = Synthetic.denseRates(count: k)
        var state = Synthetic.startState(count: k)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try engine.project(state: &state, steps: steps, rates: dense)
            blackHole(state[0])
        }
    }

    // shared-blocked — K = 10^5 sharing per-step rates: final state only (time
    // blocked), and the streamed variant (structured, totals every step).
    for (label, form) in [("final state, time-blocked", BatchForm.timeBlocked), ("streamed, totals every step", .structured)] {
        Benchmark("shared-blocked (K = 100000, shared rates by step, \(label))",
                  configuration: .init(metrics: metrics)) { benchmark in
            let k = 100_000
            let engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: 2)
            let rates = Synthetic.sharedRates()
            var state = Synthetic.startState(count: k)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                if form == .timeBlocked {
                    try engine.project(state: &state, steps: steps, rates: rates, form: form)
                } else {
                    try engine.project(state: &state, steps: steps, rates: rates, sink: BatchTotalsSink(), form: form)
                }
                blackHole(state[0])
            }
        }
    }

    // const-final — K = 10^5, constant rates, state at step 100 only: the automatic
    // choice (matrix power) and, for the fraction of peak, DGEMM 203x203 · 203x10^5.
    Benchmark("const-final (K = 100000, constant rates, state at step 100, automatic form)",
              configuration: .init(metrics: metrics)) { benchmark in
        let k = 100_000
        let engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: 2)
        let rates = Synthetic.constantRates()
        var state = Synthetic.startState(count: k)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let choice = try engine.project(state: &state, steps: steps, rates: rates)
            precondition(choice.form == .matrixPower, "automatic choice: \(choice.reason)")
            blackHole(state[0])
        }
    }
    Benchmark("const-final structured (K = 100000, constant rates, time-blocked)",
              configuration: .init(metrics: metrics)) { benchmark in
        let k = 100_000
        let engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: 2)
        let rates = Synthetic.constantRates()
        var state = Synthetic.startState(count: k)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try engine.project(state: &state, steps: steps, rates: rates, form: .timeBlocked)
            blackHole(state[0])
        }
    }
    Benchmark("dgemm (203x203 times 203x100000, OpenBLAS 2 threads; 8.24 GFLOP)",
              configuration: .init(metrics: metrics)) { benchmark in
        LinearAlgebraThreads.count = 2
        let a = Matrix.identity(203)
        let b = try Matrix(rows: 203, columns: 100_000, entries: [Double](repeating: 1.5, count: 203 * 100_000))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(a.multiply(b).entries[0]) }
    }

    // leslie-eigen — dominant eigenpair of the 202x202 two-sex Leslie matrix:
    // structured (characteristic equation) vs LAPACKE dgeev with vectors.
    let leslie = Synthetic.step(0, column: 0).leslieMatrix()
    // The structured pair must agree with dgeev to 1e-10 (λ relative, stable distribution absolute).
    do {
        let fast = try! leslie.dominantEigenpair(), dense = try! DominantEigen(of: leslie.matrix).eigenpair
        precondition(abs(fast.eigenvalue - dense.eigenvalue) <= 1e-10 * abs(dense.eigenvalue),
                     "leslie-eigen: λ \(fast.eigenvalue) vs dgeev \(dense.eigenvalue)")
        precondition(fast.stableDistribution.count == dense.stableDistribution.count
                     && zip(fast.stableDistribution, dense.stableDistribution).allSatisfy { abs($0 - $1) <= 1e-10 },
                     "leslie-eigen: stable distribution differs from dgeev by more than 1e-10")
    }
    Benchmark("leslie-eigen structured (202x202 two-sex Leslie, dominant pair)",
              configuration: .init(metrics: metrics, maxDuration: .seconds(2), maxIterations: 100_000)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try leslie.dominantEigenpair().eigenvalue) }
    }
    Benchmark("leslie-eigen dgeev (202x202 two-sex Leslie, all pairs with vectors)",
              configuration: .init(metrics: metrics, maxDuration: .seconds(2), maxIterations: 1_000)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try DominantEigen(of: leslie.matrix).eigenvalue) }
    }

    // lifetables — 10^5 complete (single-year, 0…100+) life tables from mx.
    Benchmark("lifetables (100000 complete life tables from mx)",
              configuration: .init(metrics: metrics, maxIterations: 3)) { benchmark in
        let ages = Synthetic.ages
        let base = Synthetic.q(step: 0)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var e0 = 0.0
            for k in 0..<100_000 {
                let f = Synthetic.multipliers(0, k).q
                var mx = [Double](repeating: 0, count: n)
                for x in 0..<n {
                    let q: Double = x == 0 ? 2 * base[x] : base[x]
                    mx[x] = -Foundation.log(1 - q) * f
                }
                e0 += try LifeTable(sex: .female, ages: ages, deathRates: mx).lifeExpectancy[0]
            }
            blackHole(e0)
        }
    }
}
