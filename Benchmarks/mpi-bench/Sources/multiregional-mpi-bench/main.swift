import Demography
import DemographyMPI
import Foundation

// Strong and weak scaling of the multiregional projection with the regions split
// across MPI ranks (README.md). The baseline — the whole run on rank 0, the other
// ranks waiting — is timed in the same process, so the ratio is free of the
// noise between runs. Seeded random rates (the library's SplitMix64, seed 2024), single years
// 0-100+, two sexes, end-of-step migration; wall-clock times, best of 3.

struct Options {
    var regions = 256
    var steps = 20

    init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
            switch arguments[i] {
            case "--regions": regions = value ?? regions; i += 1
            case "--steps": steps = value ?? steps; i += 1
            default: break
            }
            i += 1
        }
    }
}

/// R regions, single years 0-100+, two sexes (the rates of Benchmarks/multiregional-bench).
func makeProjection(regions r: Int, steps: Int) throws -> MultiregionalProjection {
    var rng = SplitMix64(seed: 2024)
    let ages = try AgeStructure.singleYear(openAge: 100)
    let a = ages.count
    let names = (0..<r).map { "region\($0)" }
    let weights = (0..<r).map { _ in 0.2 + rng.nextUniform() }
    let migration = try MigrationFlowMatrix(
        regions: names, ages: ages,
        outMigrationRate: { _, _, x in 0.01 + 0.03 * exp(-pow(Double(x) - 23, 2) / 200) },
        destinationShares: MigrationFlowMatrix.destinationShares(proportionalTo: weights))
    let rates = try MultiregionalRates(
        regions: names, ages: ages,
        deathRate: { _, _ in (0..<a).map { 0.0002 + 0.00005 * exp(0.09 * Double($0)) * (0.9 + 0.2 * rng.nextUniform()) } },
        migration: migration,
        fertilityRate: { _ in (0..<a).map { x in x >= 15 && x < 50 ? 0.06 * exp(-pow(Double(x) - 29, 2) / 50) : 0 } },
        sexRatioAtBirth: 1.05)
    let step = try MultiregionalStep(rates: rates, externalMigrants: { _, _ in (0..<a).map { _ in 10 * rng.nextUniform() - 4 } })
    let start = try MultiregionalPopulation(regions: names, ages: ages) { _, _ in (0..<a).map { _ in 500 + 1000 * rng.nextUniform() } }
    return try MultiregionalProjection(start: start, startYear: 0, step: step, count: steps)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let world = Communicator.start()
let options = Options(CommandLine.arguments)
let r = options.regions, t = options.steps, p = world.size
let setup = Date()
let projection = try makeProjection(regions: r, steps: t)
let owned = MultiregionalProjection.regionBlock(part: world.rank, of: p, regions: r)
let setupSeconds = Date().timeIntervalSince(setup)

// The split run: the slowest rank's time, best of 3.
// Also the time spent in the all-gathers (waiting for the slower rank included).
var split: MultiregionalProjectionResult?
var splitTimes: [Double] = [], exchangeTimes: [Double] = []
for _ in 0..<3 {
    world.barrier()
    var exchange = 0.0
    let mine = try seconds {
        split = try projection.run(owning: owned) { values in
            var gathered: [[Double]] = []
            exchange += seconds { gathered = world.allGather(values) }
            return gathered
        }
    }
    let all = world.allGather([mine, exchange])
    splitTimes.append(all.map { $0[0] }.max() ?? mine)
    exchangeTimes.append(all.map { $0[1] }.max() ?? exchange)
}

// The baseline in the same process: the whole run on rank 0 alone.
var whole: MultiregionalProjectionResult?
var wholeTimes: [Double] = []
for _ in 0..<3 {
    world.barrier()
    if world.isRoot { wholeTimes.append(seconds { whole = projection.run(form: .structured) }) }
    world.barrier()
}

if world.isRoot, let split, let whole {
    let a = 101, s = 2
    let splitTime = splitTimes.min() ?? 0, wholeTime = wholeTimes.min() ?? 0
    let identical = split.steps.map(\.population.counts) == whole.steps.map(\.population.counts)
    let received = Double((s * a + 1) * r * 8) / 1024 * Double(p - 1) / Double(p)
    let exchangeTime = zip(splitTimes, exchangeTimes).min { $0.0 < $1.0 }?.1 ?? 0
    print("multiregional-mpi-bench: \(r) regions x \(a) ages x \(s) sexes x \(t) steps; \(p) rank(s); "
          + "OpenBLAS threads per rank \(LinearAlgebraThreads.count); rates built in \(String(format: "%.2f", setupSeconds)) s")
    print(String(format: "whole run on rank 0: %.3f s (%.2f ms per step)", wholeTime, 1000 * wholeTime / Double(t)))
    print(String(format: "regions split across %d rank(s): %.3f s (%.2f ms per step); speed-up %.2f, efficiency %.0f%%",
                 p, splitTime, 1000 * splitTime / Double(t), wholeTime / splitTime, 100 * wholeTime / splitTime / Double(p)))
    print(String(format: "per step and rank: %.1f MFLOP of exchange, %.0f KiB received, %.2f ms in the all-gathers; split result identical to the whole run: %@",
                 2 * Double(s * (a + 1) * r * r) / Double(p) / 1e6, received, 1000 * exchangeTime / Double(t),
                 identical ? "yes" : "NO"))
}
world.finish()
