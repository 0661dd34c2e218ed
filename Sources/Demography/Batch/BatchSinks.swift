/// Which states a sink wants to see.
public enum BatchRecording: Sendable, Hashable {
    /// The state after every step (and births of every step).
    case everyStep
    /// Only the state after the last step (allows the matrix-power form).
    case finalStep
}

/// The shape of a run, given to a sink before the first step.
public struct BatchRunShape: Sendable, Hashable {
    /// n — age groups per sex.
    public let ageGroups: Int
    /// K — populations.
    public let count: Int
    /// T — steps.
    public let steps: Int
    /// Worker threads; ``BatchTileView/worker`` is below this.
    public let workers: Int
    /// The widest tile a sink will be shown.
    public let tileWidth: Int
}

/// The end-of-step state of a tile of populations, shown to a sink.
///
/// Valid only during ``BatchSink/record(_:)``; copy what you keep.
public struct BatchTileView: @unchecked Sendable {
    /// The step just completed (0-based): the state is at the end of step `step`.
    public let step: Int
    /// The populations of the tile (absolute column indices).
    public let columns: Range<Int>
    /// The worker thread recording, in `0..<workers`.
    public let worker: Int
    /// n — age groups per sex.
    public let ageGroups: Int
    let base: UnsafePointer<Double>
    let stride: Int
    /// Births (both sexes) during the step, one per column; nil in the matrix-power form.
    public let births: UnsafeBufferPointer<Double>?

    /// The counts of one age group of one sex, one per column of the tile.
    public func row(_ sex: Sex, age: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + ((sex == .female ? 0 : ageGroups) + age) * stride, count: columns.count)
    }

    /// Columns `range` of this tile (relative to the tile's first column).
    public func slice(_ range: Range<Int>) -> BatchTileView {
        BatchTileView(step: step, columns: (columns.lowerBound + range.lowerBound)..<(columns.lowerBound + range.upperBound),
                      worker: worker, ageGroups: ageGroups, base: base + range.lowerBound, stride: stride,
                      births: births.map { UnsafeBufferPointer(rebasing: $0[range]) })
    }

    /// Total population of each column of the tile (`out` holds at least `columns.count`).
    public func totals(into out: UnsafeMutableBufferPointer<Double>) {
        let c = columns.count
        for k in 0..<c { out[k] = 0 }
        for r in 0..<(2 * ageGroups) {
            let row = base + r * stride
            for k in 0..<c { out[k] += row[k] }
        }
    }
}

/// Where a batched run writes its results, step by step and tile by tile.
///
/// ``record(_:)`` is called from worker threads concurrently, on disjoint
/// columns; keep per-worker partial results (index ``BatchTileView/worker``)
/// and merge them in ``finish()``. Memory then grows with steps and workers,
/// not with K × steps, unless the sink stores full arrays on purpose.
public protocol BatchSink: AnyObject, Sendable {
    /// Which states the sink wants. Default ``BatchRecording/everyStep``.
    var recording: BatchRecording { get }
    /// Called once before the first step, on the caller's thread.
    func prepare(_ shape: BatchRunShape)
    /// Called for every tile after each recorded step.
    func record(_ tile: BatchTileView)
    /// Called once after the last step, on the caller's thread.
    func finish()
}

extension BatchSink {
    public var recording: BatchRecording { .everyStep }
    public func prepare(_ shape: BatchRunShape) {}
    public func finish() {}
}

/// A sink that keeps nothing: the final state is the run's state buffer.
public final class BatchFinalStateOnly: BatchSink {
    public init() {}
    public var recording: BatchRecording { .finalStep }
    public func record(_ tile: BatchTileView) {}
}

/// Per-step summaries of the total population across the K populations:
/// mean, standard deviation, minimum and maximum, and mean births.
///
/// Memory: 5 × steps × workers doubles, whatever K is.
public final class BatchTotalsSink: BatchSink, @unchecked Sendable {
    /// Summary of one step across populations.
    public struct StepSummary: Sendable, Hashable {
        public var meanTotal: Double
        public var standardDeviation: Double
        public var minimum: Double
        public var maximum: Double
        /// Mean births (both sexes) per population during the step; NaN when not recorded.
        public var meanBirths: Double
    }

    /// One summary per step, after the run.
    public private(set) var summaries: [StepSummary] = []
    /// Per worker and step: Σ total, Σ total², min, max, Σ births (5 planes).
    private var cells = WorkerStorage<Double>()
    private var scratch = WorkerStorage<Double>()
    private var shape: BatchRunShape?

    public init() {}

    public func prepare(_ shape: BatchRunShape) {
        self.shape = shape
        let plane = shape.steps * shape.workers
        cells.reset(count: 5 * plane, value: 0)
        for i in 0..<plane {
            cells[2 * plane + i] = .infinity
            cells[3 * plane + i] = -.infinity
        }
        scratch.reset(count: shape.workers * shape.tileWidth, value: 0)
    }

    public func record(_ tile: BatchTileView) {
        guard let shape else { return }
        let width = shape.tileWidth
        var start = 0
        // A tile wider than the scratch (the matrix-power form shows all of K) is taken in slices.
        while start < tile.columns.count {
            let c = Swift.min(width, tile.columns.count - start)
            let totals = UnsafeMutableBufferPointer(start: scratch.base + tile.worker * width, count: c)
            tile.slice(start..<(start + c)).totals(into: totals)
            var s = 0.0, s2 = 0.0, mn = Double.infinity, mx = -Double.infinity
            for k in 0..<c {
                let v = totals[k]
                s += v
                s2 += v * v
                mn = Swift.min(mn, v)
                mx = Swift.max(mx, v)
            }
            let plane = shape.steps * shape.workers
            let cell = tile.worker * shape.steps + tile.step
            cells[cell] += s
            cells[plane + cell] += s2
            cells[2 * plane + cell] = Swift.min(cells[2 * plane + cell], mn)
            cells[3 * plane + cell] = Swift.max(cells[3 * plane + cell], mx)
            if let b = tile.births {
                var bs = 0.0
                for k in start..<(start + c) { bs += b[k] }
                cells[4 * plane + cell] += bs
            } else {
                cells[4 * plane + cell] = .nan
            }
            start += c
        }
    }

    public func finish() {
        guard let shape else { return }
        let k = Double(shape.count), plane = shape.steps * shape.workers
        summaries = (0..<shape.steps).compactMap { t in
            var s = 0.0, s2 = 0.0, mn = Double.infinity, mx = -Double.infinity, b = 0.0
            for w in 0..<shape.workers {
                let c = w * shape.steps + t
                s += cells[c]; s2 += cells[plane + c]
                mn = Swift.min(mn, cells[2 * plane + c]); mx = Swift.max(mx, cells[3 * plane + c])
                b += cells[4 * plane + c]
            }
            guard mn <= mx else { return nil }   // step not recorded (final-only forms)
            let mean = s / k
            return StepSummary(meanTotal: mean, standardDeviation: (Swift.max(0, s2 / k - mean * mean)).squareRoot(),
                               minimum: mn, maximum: mx, meanBirths: b / k)
        }
    }
}

/// Raw storage written by worker threads at disjoint indices (no array header shared).
struct WorkerStorage<T>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private let owner = Owner()

    init() {
        base = .allocate(capacity: 1)
        owner.pointer = UnsafeMutableRawPointer(base)
    }

    final class Owner: @unchecked Sendable {
        var pointer: UnsafeMutableRawPointer?
        deinit { pointer?.deallocate() }
    }

    mutating func reset(count: Int, value: T) {
        owner.pointer?.deallocate()
        base = .allocate(capacity: Swift.max(1, count))
        base.initialize(repeating: value, count: count)
        owner.pointer = UnsafeMutableRawPointer(base)
        self.count = count
    }

    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// Quantiles of the total population across populations, step by step, from a
/// fixed histogram (mergeable across workers): memory bins × steps × workers.
///
/// Resolution is one bin width; values outside the range count in the edge bins.
public final class BatchQuantileSink: BatchSink, @unchecked Sendable {
    /// The range of totals covered by the bins.
    public let range: ClosedRange<Double>
    /// The number of bins.
    public let bins: Int
    private var counts = WorkerStorage<Int>()
    private var scratch = WorkerStorage<Double>()
    private var shape: BatchRunShape?

    /// Bins of equal width over `range`.
    public init(range: ClosedRange<Double>, bins: Int = 4096) {
        self.range = range
        self.bins = max(1, bins)
    }

    public func prepare(_ shape: BatchRunShape) {
        self.shape = shape
        counts.reset(count: shape.workers * shape.steps * bins, value: 0)
        scratch.reset(count: shape.workers * shape.tileWidth, value: 0)
    }

    public func record(_ tile: BatchTileView) {
        guard let shape else { return }
        let width = shape.tileWidth
        let base = (tile.worker * shape.steps + tile.step) * bins
        let scale = Double(bins) / (range.upperBound - range.lowerBound)
        var start = 0
        while start < tile.columns.count {
            let c = Swift.min(width, tile.columns.count - start)
            let totals = UnsafeMutableBufferPointer(start: scratch.base + tile.worker * width, count: c)
            tile.slice(start..<(start + c)).totals(into: totals)
            for k in 0..<c {
                let b = Int(Swift.min(Swift.max((totals[k] - range.lowerBound) * scale, 0), Double(bins - 1)))
                counts[base + b] += 1
            }
            start += c
        }
    }

    /// The p-quantile (0…1) of the total population at the end of `step` (0-based),
    /// interpolated linearly within its bin.
    public func quantile(_ p: Double, step: Int) -> Double {
        guard let shape else { return .nan }
        var merged = [Int](repeating: 0, count: bins)
        for w in 0..<shape.workers {
            let base = (w * shape.steps + step) * bins
            for b in 0..<bins { merged[b] += counts[base + b] }
        }
        let n = merged.reduce(0, +)
        guard n > 0 else { return .nan }
        let target = p * Double(n)
        var seen = 0.0
        let width = (range.upperBound - range.lowerBound) / Double(bins)
        for b in 0..<bins {
            let c = Double(merged[b])
            if seen + c >= target && c > 0 {
                return range.lowerBound + (Double(b) + (target - seen) / c) * width
            }
            seen += c
        }
        return range.upperBound
    }
}

/// Keeps every state: `[step][sex][age][K]`, steps 1…T (the start is the caller's).
/// Memory grows with K × steps — ask for it only when you need full arrays.
public final class BatchAllStatesSink: BatchSink, @unchecked Sendable {
    private var storage = WorkerStorage<Double>()
    private var birthStorage = WorkerStorage<Double>()
    private var shape: BatchRunShape?

    public init() {}

    public func prepare(_ shape: BatchRunShape) {
        self.shape = shape
        storage.reset(count: shape.steps * 2 * shape.ageGroups * shape.count, value: 0)
        birthStorage.reset(count: shape.steps * shape.count, value: .nan)
    }

    public func record(_ tile: BatchTileView) {
        guard let shape else { return }
        let k0 = tile.columns.lowerBound, c = tile.columns.count
        let stateBase = tile.step * 2 * shape.ageGroups * shape.count
        for r in 0..<(2 * shape.ageGroups) {
            let src = tile.base + r * tile.stride
            let dst = storage.base + stateBase + r * shape.count + k0
            dst.update(from: src, count: c)
        }
        if let b = tile.births {
            (birthStorage.base + tile.step * shape.count + k0).update(from: b.baseAddress!, count: c)
        }
    }

    /// The state after step `step` (0-based), in ``BatchLayout`` order.
    public func state(afterStep step: Int) -> [Double] {
        let size = 2 * (shape?.ageGroups ?? 0) * (shape?.count ?? 0)
        return Array(UnsafeBufferPointer(start: storage.base + step * size, count: size))
    }

    /// Births (both sexes) of each population during step `step`; NaN if not recorded.
    public func births(step: Int) -> [Double] {
        let k = shape?.count ?? 0
        return Array(UnsafeBufferPointer(start: birthStorage.base + step * k, count: k))
    }
}
