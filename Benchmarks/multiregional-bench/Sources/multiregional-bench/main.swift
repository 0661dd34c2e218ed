import Demography
import Foundation
import MultiregionalWorkload

// Multiregional benchmark (see README.md). Seeded random rates; wall-clock times.

struct Options {
    var regions = 100
    var steps = 50
    var columns = 1024
    var threads: Int?
    var skipDense = false
    var cpuTime = false
    var buildOnly = false
    var buildRuns = 5
    var oldRuns = 2

    init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
            switch arguments[i] {
            case "--regions": regions = value ?? regions; i += 1
            case "--steps": steps = value ?? steps; i += 1
            case "--columns": columns = value ?? columns; i += 1
            case "--threads": threads = value; i += 1
            case "--skip-dense": skipDense = true
            case "--cpu-time": cpuTime = true
            case "--build-only": buildOnly = true
            case "--build-runs": buildRuns = max(1, value ?? buildRuns); i += 1
            case "--old-runs": oldRuns = max(0, value ?? oldRuns); i += 1
            default: break
            }
            i += 1
        }
    }
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Process CPU seconds (all threads): less sensitive than wall time to other
/// processes sharing the cores.
func cpuSeconds(_ body: () -> Void) -> Double {
    var t0 = timespec(), t1 = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0)
    body()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1)
    return Double(t1.tv_sec - t0.tv_sec) + Double(t1.tv_nsec - t0.tv_nsec) / 1e9
}

/// The clock of the run: wall time, or CPU time with `--cpu-time`.
nonisolated(unsafe) var useCPUTime = false

func best(of runs: Int, _ body: () -> Void) -> Double {
    (0..<runs).map { _ in useCPUTime ? cpuSeconds(body) : seconds(body) }.min() ?? 0
}

let options = Options(CommandLine.arguments)
if let threads = options.threads { LinearAlgebraThreads.count = threads }
useCPUTime = options.cpuTime
let r = options.regions, t = options.steps, k = options.columns, a = 101
print("multiregional-bench: \(r) regions x \(a) ages x 2 sexes; OpenBLAS threads \(LinearAlgebraThreads.count); clock: \(useCPUTime ? "process CPU time" : "wall time")")
// 0. Building the step: 2 sexes x (A+1) survivorship blocks, one R x R dgesv with R
// right-hand sides each (8/3·R³ flops counted a block), against DGEMM in the same run
// (on one core and on all), and against the walk through the life table (LifeTableWalkBuild).
do {
    var rng = SplitMix64(seed: 2024)
    let rates = try MultiregionalWorkload.rates(regions: r, rng: &rng)
    var step: MultiregionalStep?
    let build = best(of: options.buildRuns) { step = try? MultiregionalStep(rates: rates, migrationTiming: .endOfStep) }
    let flops = 2 * Double(a + 1) * 8 / 3 * pow(Double(r), 3)
    let saved = LinearAlgebraThreads.count
    let gemm = { (threads: Int) -> Double in
        LinearAlgebraThreads.count = threads
        defer { LinearAlgebraThreads.count = saved }
        var g = SplitMix64(seed: 7)
        let x = try! Matrix(rows: r, columns: r, entries: (0..<(r * r)).map { _ in g.nextUniform() })
        let repeats = max(1, Int(4e9 / (2 * pow(Double(r), 3))))
        let time = best(of: 3) { for _ in 0..<repeats { _ = x.multiply(x) } }
        return 2 * pow(Double(r), 3) * Double(repeats) / time / 1e9
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let gemmOne = gemm(1), gemmAll = gemm(cores)
    let rate = flops / build / 1e9
    print(String(format: "step built from the rates, %d regions: %.3f s (best of %d), %.1f GFLOP/s (8/3·R³ a block) = %.0f%% of the same run's DGEMM %dx%d on %d cores (%.1f GFLOP/s; %.1f on one core)",
                 r, build, options.buildRuns, rate, 100 * rate / gemmAll, r, r, cores, gemmAll, gemmOne))
    if options.oldRuns > 0 {
        var old: [Double]?
        let walk = best(of: options.oldRuns) { old = LifeTableWalkBuild.blocks(rates) }
        var differing = 0, worst = 0.0
        if let old, let new = step?.transitions, old.count == new.count {
            for (x, y) in zip(old, new) where x.bitPattern != y.bitPattern {
                differing += 1
                worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
            }
            print(String(format: "walk through the life table (the former build), same rates: %.3f s (best of %d); ratio walk / blocks: %.1fx; %d of %d entries differ (largest relative difference %.1e)",
                         walk, options.oldRuns, walk / build, differing, new.count, worst))
        } else {
            print("walk through the life table (the former build): failed or of another size")
        }
    }
}
if options.buildOnly { exit(0) }
let (step, start) = try MultiregionalWorkload.problem(regions: r)

// 1. Structured versus dense, one population.
var structuredFinal: [Double] = []
let structured = best(of: 3) {
    structuredFinal = MultiregionalProjection.project(start, count: 1, step: step, steps: t, form: .structured)
}
print(String(format: "structured, %d regions x %d ages x 2 sexes x %d steps, one population: %.4f s (%.3f ms per step)",
             r, a, t, structured, 1000 * structured / Double(t)))
if !options.skipDense {
    var denseFinal: [Double] = []
    let build = best(of: 1) { _ = MultiregionalProjection.project(start, count: 1, step: step, steps: 0, form: .denseBlock) }
    let total = best(of: 1) { denseFinal = MultiregionalProjection.project(start, count: 1, step: step, steps: t, form: .denseBlock) }
    let dense = max(total - build, 1e-9)
    let order = 2 * a * r
    var worst = 0.0
    for (x, y) in zip(structuredFinal, denseFinal) { worst = max(worst, abs(x - y) / max(1, abs(y))) }
    print(String(format: "dense block (order %d, %.2f GB), same run: %.3f s for %d steps (%.1f ms per step) + %.2f s to build",
                 order, Double(order * order) * 8 / 1e9, dense, t, 1000 * dense / Double(t), build))
    print(String(format: "ratio dense / structured: %.0fx; largest relative difference of the final populations: %.1e",
                 dense / structured, worst))
}

// 2. The exchange through DGEMM with trajectories as columns.
func gemmRate(m: Int, n: Int, inner: Int, repeats: Int) -> Double {
    var rng = SplitMix64(seed: 7)
    let x = try! Matrix(rows: m, columns: inner, entries: (0..<(m * inner)).map { _ in rng.nextUniform() })
    let y = try! Matrix(rows: inner, columns: n, entries: (0..<(inner * n)).map { _ in rng.nextUniform() })
    let time = best(of: 5) { for _ in 0..<repeats { _ = x.multiply(y) } }
    return 2 * Double(m) * Double(n) * Double(inner) * Double(repeats) / time / 1e9
}
let peak = gemmRate(m: 2000, n: 2000, inner: 2000, repeats: 3)
let shaped = gemmRate(m: r, n: k, inner: r, repeats: 50)
let columns = [Double](unsafeUninitializedCapacity: start.count * k) { buffer, count in
    for (index, v) in start.enumerated() { for c in 0..<k { buffer[index * k + c] = v * (0.5 + Double(c % 7) / 7) } }
    count = start.count * k
}
// Steady state: the time of 8 more steps (setup and first-touch page faults cancel out).
let shortRun = 2, longRun = 10
let shortTime = best(of: 5) { _ = MultiregionalProjection.project(columns, count: k, step: step, steps: shortRun, form: .structured) }
let longTime = best(of: 5) { _ = MultiregionalProjection.project(columns, count: k, step: step, steps: longRun, form: .structured) }
let perStep = (longTime - shortTime) / Double(longRun - shortRun)
let exchangeFlops = 2 * Double(r * r) * Double(k) * 2 * Double(a + 1)
let exchangeRate = exchangeFlops / perStep / 1e9
print(String(format: "OpenBLAS DGEMM 2000x2000x2000: %.1f GFLOP/s; shape (%dx%d)x(%dx%d): %.1f GFLOP/s",
             peak, r, r, r, k, shaped))
print(String(format: "structured step, %d trajectories as columns: %.1f ms per step (steady state, %d minus %d steps; %d steps in all %.2f s), exchange %.1f GFLOP/s = %.0f%% of DGEMM peak (%.0f%% of the same-shape DGEMM)",
             k, 1000 * perStep, longRun, shortRun, longRun, longTime, exchangeRate, 100 * exchangeRate / peak,
             100 * exchangeRate / shaped))
