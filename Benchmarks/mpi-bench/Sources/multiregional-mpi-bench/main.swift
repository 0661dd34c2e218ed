import Demography
import DemographyMPI
import Foundation
import MultiregionalWorkload

// Strong and weak scaling of the multiregional projection with the regions split
// across MPI ranks (README.md). The baseline — the whole run on rank 0, the other
// ranks waiting — is timed in the same process, so the ratio is free of the
// noise between runs. The seeded problem of Benchmarks/multiregional-bench
// (MultiregionalWorkload): single years 0-100+, two sexes, end-of-step migration;
// wall-clock times, best of 3.

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

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let world = Communicator.start()
let options = Options(CommandLine.arguments)
let r = options.regions, t = options.steps, p = world.size
let setup = Date()
let projection = try MultiregionalWorkload.projection(regions: r, steps: t)
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
    if world.isRoot { wholeTimes.append(seconds { whole = try? projection.run(form: .structured) }) }
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
