import Foundation
@_spi(Engine) import Demography
import SyntheticWorkload

// Times our side of the peer comparison; one JSON line per workload on stdout:
//   {"impl":"swift","workload":…,"K":…,"threads":…,"seconds":best,"cells":…,"check":[…]}
// `check` is what compare-peers.sh compares with the C and NumPy peers (1e-10):
// the final state of populations 0, K/2 and K−1 (606 values), and for
// `stoch-stream` the mean total population after each step.
//
// Usage: peer-timing <single|single-batch|stoch-stream|stoch-blocked|shared-blocked|shared-stream> [K] [threads] [repetitions]

let args = CommandLine.arguments
let workload = args.count > 1 ? args[1] : "single"
let k = args.count > 2 ? Int(args[2])! : 100_000
let threads = args.count > 3 ? Int(args[3])! : 2
let reps = args.count > 4 ? Int(args[4])! : 3
let n = Synthetic.ageGroups, steps = Synthetic.steps

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

func finalColumns(_ state: [Double], count k: Int) -> [Double] {
    var out: [Double] = []
    for c in [0, k / 2, k - 1] { for r in 0..<(2 * n) { out.append(state[r * k + c]) } }
    return out
}

func emit(_ name: String, k: Int, seconds: Double, cells: Double, check: [Double], extra: String = "") {
    let values = check.map { String(format: "%.17g", $0) }.joined(separator: ",")
    print("{\"impl\":\"swift\",\"workload\":\"\(name)\",\"K\":\(k),\"threads\":\(threads),\"seconds\":\(seconds),\"cells\":\(cells)\(extra),\"check\":[\(values)]}")
}

switch workload {
case "single":
    let packed = PackedProjection(Synthetic.singleProjection())
    let start = (0..<(2 * n)).map { Synthetic.start(row: $0, column: 0) }
    var states = [Double](repeating: 0, count: (steps + 1) * 2 * n)
    var best = Double.infinity
    // Many repetitions: one run is ~10 µs.
    for _ in 0..<max(reps, 2000) {
        let t0 = now()
        start.withUnsafeBufferPointer { s in states.withUnsafeMutableBufferPointer { packed.run(start: s, states: $0) } }
        best = min(best, now() - t0)
    }
    var check = Array(states[(steps * 2 * n)...])
    check.append(states.reduce(0, +))
    emit("single", k: 1, seconds: best, cells: Double(2 * n * steps), check: check)

case "single-batch":
    // The batch engine with one column on the same rates as `single`: the measurement
    // behind keeping PackedProjection as the one-population case (same bits, asserted).
    let projection = Synthetic.singleProjection()
    let engine = try BatchProjection(ages: Synthetic.ages, count: 1, threads: 1)
    let rates = try BatchSharedRates(steps: projection.steps)
    let start = (0..<(2 * n)).map { Synthetic.start(row: $0, column: 0) }
    var state = start
    var best = Double.infinity
    for _ in 0..<max(reps, 2000) {
        state = start
        let t0 = now()
        try engine.project(state: &state, steps: steps, rates: rates, form: .structured)
        best = min(best, now() - t0)
    }
    let packed = PackedProjection(projection)
    var states = [Double](repeating: 0, count: (steps + 1) * 2 * n)
    start.withUnsafeBufferPointer { s in states.withUnsafeMutableBufferPointer { packed.run(start: s, states: $0) } }
    precondition(Array(states[(steps * 2 * n)...]) == state, "single-batch: not the packed run's bits")
    emit("single-batch", k: 1, seconds: best, cells: Double(2 * n * steps), check: state)

case "stoch-stream":
    var engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: threads)
    engine.tileWidth = Int(ProcessInfo.processInfo.environment["TW"] ?? "128")!
    let rates = Synthetic.multipliedRates(order: .stepByStep)
    var best = Double.infinity
    var state: [Double] = []
    var means: [Double] = []
    for _ in 0..<reps {
        state = Synthetic.startState(count: k)
        let sink = BatchTotalsSink()
        let t0 = now()
        if ProcessInfo.processInfo.environment["NOSINK"] != nil {
            try engine.project(state: &state, steps: steps, rates: rates, form: .structured)
        } else {
            try engine.project(state: &state, steps: steps, rates: rates, sink: sink)
        }
        best = min(best, now() - t0)
        means = sink.summaries.map(\.meanTotal)
    }
    emit("stoch-stream", k: k, seconds: best, cells: Double(2 * n * steps * k), check: finalColumns(state, count: k) + means)

case "shared-blocked", "shared-stream":
    var engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: threads)
    engine.tileWidth = Int(ProcessInfo.processInfo.environment["TW"] ?? "128")!
    let rates = Synthetic.sharedRates()
    var best = Double.infinity
    var state: [Double] = []
    for _ in 0..<reps {
        state = Synthetic.startState(count: k)
        let t0 = now()
        if workload == "shared-blocked" {
            try engine.project(state: &state, steps: steps, rates: rates, form: .timeBlocked)
        } else {
            try engine.project(state: &state, steps: steps, rates: rates, sink: BatchTotalsSink(), form: .structured)
        }
        best = min(best, now() - t0)
    }
    emit(workload, k: k, seconds: best, cells: Double(2 * n * steps * k), check: finalColumns(state, count: k))

case "stoch-blocked":
    // Per-population rates of every step given up front (dense arrays), final state, time-blocked.
    var engine = try BatchProjection(ages: Synthetic.ages, count: k, threads: threads)
    engine.tileWidth = Int(ProcessInfo.processInfo.environment["TW"] ?? "128")!
    let dense = Synthetic.denseRates(count: k)
    var best = Double.infinity
    var state: [Double] = []
    for _ in 0..<reps {
        state = Synthetic.startState(count: k)
        let t0 = now()
        try engine.project(state: &state, steps: steps, rates: dense, form: .timeBlocked)
        best = min(best, now() - t0)
    }
    emit("stoch-blocked", k: k, seconds: best, cells: Double(2 * n * steps * k), check: finalColumns(state, count: k))

default:
    FileHandle.standardError.write("unknown workload \(workload)\n".data(using: .utf8)!)
    exit(2)
}
