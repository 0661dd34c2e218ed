import Demography
import DemographyIO
import Foundation

// The merge step of a distributed probabilistic run (README.md): two ranks' shares of
// the Canada 2023-2100 job (Tests/Fixtures/canada2023, built-in stochastic model,
// seed 1), summarised block by block (each cell's rank brackets), as rank 0 receives
// them: read both from the wire format, merge the 16,770 cells (brackets intersected,
// kept values pooled), write the result. Timed on 1 and on T threads in the
// same process (best of 3); the outputs are checked to be identical.
// Usage (from this folder): .build/release/share-merge-bench [N=10000] [T=2]

let arguments = CommandLine.arguments
let n = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let threads = arguments.count > 2 ? Int(arguments[2]) ?? 2 : 2
let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../../Tests/Fixtures/canada2023").standardized
let dataset = try AssumptionsReader(location: nil)
    .read(.directory(fixture), migrationPattern: .unFamily(try UNMigrationFamily(name: "family")))
var projection = try StochasticProjection(assumptions: dataset.assumptions)
projection.threads = threads
projection.memoryBudget = 0   // block by block, as every run beyond the exact budget
let source = TrajectorySource.model(.standard, count: n, seed: 1)
let left = try projection.runPartial(source, trajectories: 0..<(n / 2)).serialized
let right = try projection.runPartial(source, trajectories: (n / 2)..<n).serialized

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func mergeTime(threads t: Int) throws -> (Double, [Double]) {
    var out: [Double] = []
    var best = Double.infinity
    for _ in 0..<3 {
        best = min(best, try seconds {
            out = try StochasticPartial(serialized: left, threads: t)
                .merged(with: StochasticPartial(serialized: right, threads: t), threads: t)
                .serialized(threads: t)
        })
    }
    return (best, out)
}

let (one, a) = try mergeTime(threads: 1)
let (many, b) = try mergeTime(threads: threads)
print(String(format: "share-merge-bench: N = %d trajectories in two shares, %.0f + %.0f MB on the wire", n,
             Double(left.count * 8) / 1e6, Double(right.count * 8) / 1e6))
print(String(format: "read + merge + write one pair: 1 thread %.3f s, %d threads %.3f s; speed-up %.2f; identical: %@",
             one, threads, many, one / many, a == b ? "yes" : "NO"))
