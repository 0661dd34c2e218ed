import Dispatch

/// The wall time of each phase of a run, summed over its blocks, in the order the
/// phases first occur — for benchmarks and `popproj --timings`.
///
/// ``StochasticProjection/run(_:progress:phases:)`` adds "set-up" (the e0 ranges of
/// the trajectories, the survival grids and the rate inputs), "project" (the engine,
/// the rates made per tile and the sink's copies into the block store) and
/// "summarise" (the quantiles and means, the second pass for missed cells included);
/// a caller adds its own (reading, writing). Used from the thread that runs the
/// projection only.
public final class RunPhases: @unchecked Sendable {
    /// The phases, in the order first added.
    public private(set) var names: [String] = []
    /// Seconds of each phase in ``names``.
    public private(set) var seconds: [Double] = []

    public init() {}

    /// Adds `elapsed` seconds to `phase`.
    public func add(_ phase: String, seconds elapsed: Double) {
        if let i = names.firstIndex(of: phase) { seconds[i] += elapsed } else { names.append(phase); seconds.append(elapsed) }
    }

    /// Runs `body`, adding its wall time to `phase`.
    public func measure<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(phase, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try body()
    }
}

extension Optional where Wrapped == RunPhases {
    /// `body` timed into the phases when there are any.
    func measure<T, E: Error>(_ phase: String, _ body: () throws(E) -> T) throws(E) -> T {
        switch self {
        case .some(let phases): return try phases.measure(phase, body)
        case .none: return try body()
        }
    }
}
