import Foundation

// Design note. A KLL sketch (Karnin, Lang & Liberty 2016) with a deterministic
// coin. Level h holds sorted items of weight 2^h; level capacities shrink
// geometrically below the top, c = 2/3, so the sketch keeps about 3k items
// whatever n is. A level over capacity is compacted: of its sorted items (one
// left behind when their number is odd), every other one, starting at a coin-
// flip offset, moves up with twice the weight. A compaction at level h moves
// any rank estimate by at most 2^h, up or down with equal chance, so the errors
// cancel on average; the top levels dominate. Priorities: a rank-error bound
// that holds in tests, then O(1) amortised work per value for sorted batches
// (``insert(sorted:)``), then mergeability and a flat serialised state for MPI.
//
// The coin is SplitMix64 on a counter stored in the sketch, so the same values
// inserted in the same order (and merges in the same order) give the same
// sketch bit for bit, on any machine and thread count.

/// A mergeable quantile sketch (KLL) with a stated rank accuracy and a flat
/// serialisable state.
///
/// Accuracy: for k = 1024 the rank of a reported quantile is within 0.3 % of
/// the requested probability in the tests (n up to 10⁶, normal, lognormal and
/// uniform samples, inserted one by one or in sorted batches, with merges);
/// KLL's bound is ε ≈ 2.3/k^0.97 at 99 % confidence (Apache DataSketches'
/// measured constants for KLL), 0.27 % for k = 1024. Memory: at most about
/// 3k + 2·log₂(n/k) doubles. The mean is exact (a running sum).
///
/// Source: Karnin, Lang & Liberty (2016), "Optimal quantile approximation in
/// streams", §3 (compactors with geometric capacities, c = 2/3).
public struct QuantileSketch: Sendable, Hashable {
    /// k — the capacity of the top level (accuracy ≈ 2.3/k^0.97).
    public let k: Int
    /// n — the number of values inserted.
    public internal(set) var count: Int = 0
    /// The sum of the values (for the exact mean).
    public internal(set) var sum: Double = 0
    /// The smallest value inserted.
    public internal(set) var minimum: Double = .infinity
    /// The largest value inserted.
    public internal(set) var maximum: Double = -.infinity
    /// Level h: sorted items of weight 2^h (level 0 is sorted before use).
    var levels: [[Double]] = [[]]
    /// Whether level 0 is sorted.
    var levelZeroSorted = true
    /// The coin's counter.
    var coin: UInt64

    /// The default k: rank error ≤ 0.5 % with a wide margin (about 24 KB per sketch).
    public static let defaultK = 1024

    /// An empty sketch; `seed` starts the compaction coin.
    public init(k: Int = QuantileSketch.defaultK, seed: UInt64 = 0) {
        self.k = max(8, k)
        self.coin = seed
    }

    /// The rank accuracy claimed for `k` (99 % confidence, single query): ε ≈ 2.296/k^0.9723.
    public static func rankErrorBound(k: Int) -> Double { 2.296 / pow(Double(k), 0.9723) }

    /// The mean of the values inserted (NaN when empty).
    public var mean: Double { count > 0 ? sum / Double(count) : .nan }

    /// The number of items held.
    public var retainedCount: Int { levels.reduce(0) { $0 + $1.count } }

    /// Inserts one value.
    public mutating func insert(_ value: Double) {
        count += 1
        sum += value
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
        levels[0].append(value)
        levelZeroSorted = levels[0].count == 1
        if levels[0].count > capacity(0) { compress() }
    }

    /// Inserts values given in ascending order.
    @_spi(Engine) public mutating func insert(sorted values: UnsafeBufferPointer<Double>) {
        guard let first = values.first, let last = values.last else { return }
        count += values.count
        for v in values { sum += v }
        minimum = Swift.min(minimum, first)
        maximum = Swift.max(maximum, last)
        sortLevelZero()
        levels[0] = Self.merged(levels[0], values)
        compress()
    }

    /// Inserts values given in ascending order whose running sum the caller has
    /// already added to ``sum`` in the same order (see ``insert(sorted:)``): the
    /// result is bitwise that of ``insert(sorted:)``.
    mutating func insert(sorted values: UnsafeBufferPointer<Double>, updatedSum: Double) {
        guard let first = values.first, let last = values.last else { return }
        count += values.count
        sum = updatedSum
        minimum = Swift.min(minimum, first)
        maximum = Swift.max(maximum, last)
        sortLevelZero()
        levels[0] = Self.merged(levels[0], values)
        compress()
    }

    /// Inserts values in any order (sorts a copy).
    public mutating func insert(contentsOf values: [Double]) {
        let sorted = values.sorted()
        sorted.withUnsafeBufferPointer { insert(sorted: $0) }
    }

    /// Adds the values of `other` (a sketch of the same k): the result sketches the union.
    public mutating func merge(_ other: QuantileSketch) {
        guard other.count > 0 else { return }
        count += other.count
        sum += other.sum
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        sortLevelZero()
        var theirs = other
        theirs.sortLevelZero()
        while levels.count < theirs.levels.count { levels.append([]) }
        for h in 0..<theirs.levels.count where !theirs.levels[h].isEmpty {
            levels[h] = theirs.levels[h].withUnsafeBufferPointer { Self.merged(levels[h], $0) }
        }
        coin = SplitMix64.mix(coin ^ other.coin)
        compress()
    }

    /// Sets the state read by ``init(serialized:)`` (level 0 sorted).
    mutating func restore(count: Int, sum: Double, minimum: Double, maximum: Double, levels: [[Double]]) {
        self.count = count
        self.sum = sum
        self.minimum = minimum
        self.maximum = maximum
        self.levels = levels.isEmpty ? [[]] : levels
        self.levelZeroSorted = true
    }

    /// The capacity of level h: max(2, ⌈k·(2/3)^(H−1−h)⌉), H the number of levels.
    func capacity(_ h: Int) -> Int {
        let depth = levels.count - 1 - h
        return Swift.max(2, Int((Double(k) * pow(2.0 / 3.0, Double(depth))).rounded(.up)))
    }

    mutating func sortLevelZero() {
        if !levelZeroSorted {
            levels[0].sort()
            levelZeroSorted = true
        }
    }

    /// Compacts every level over capacity, bottom up.
    mutating func compress() {
        var h = 0
        while h < levels.count {
            if levels[h].count > capacity(h) {
                if h == 0 { sortLevelZero() }
                if h + 1 == levels.count { levels.append([]) }
                let items = levels[h]
                let even = items.count & ~1
                coin &+= 1
                let offset = Int(SplitMix64.mix(coin) >> 63)
                let promoted = items.withUnsafeBufferPointer { src in
                    [Double](unsafeUninitializedCapacity: even / 2) { out, initialized in
                        var i = offset, o = 0
                        while i < even {
                            out[o] = src[i]
                            i += 2
                            o += 1
                        }
                        initialized = o
                    }
                }
                levels[h] = even < items.count ? [items[even]] : []
                levels[h + 1] = promoted.withUnsafeBufferPointer { Self.merged(levels[h + 1], $0) }
            }
            h += 1
        }
        checkInvariants()
    }

    /// Two ascending runs merged.
    static func merged(_ a: [Double], _ b: UnsafeBufferPointer<Double>) -> [Double] {
        if a.isEmpty { return Array(b) }
        if b.isEmpty { return a }
        let na = a.count, nb = b.count
        return a.withUnsafeBufferPointer { ab in
            [Double](unsafeUninitializedCapacity: na + nb) { out, initialized in
                let pa = ab.baseAddress!, pb = b.baseAddress!, po = out.baseAddress!
                var i = 0, j = 0, o = 0
                // Ties keep a first: b[j] goes before a[i] only when strictly below it.
                if na * 8 <= nb {
                    // Few a among many b (a batch into a short level): per a[i], the run of b
                    // below it found by binary search and copied.
                    while i < na {
                        let x = pa[i]
                        var lo = j, hi = nb
                        while lo < hi { let mid = (lo + hi) >> 1; if pb[mid] < x { lo = mid + 1 } else { hi = mid } }
                        (po + o).initialize(from: pb + j, count: lo - j); o += lo - j; j = lo
                        po[o] = x; o += 1; i += 1
                    }
                } else if nb * 8 <= na {
                    // Few b among many a: per b[j], the run of a not above it.
                    while j < nb {
                        let y = pb[j]
                        var lo = i, hi = na
                        while lo < hi { let mid = (lo + hi) >> 1; if !(y < pa[mid]) { lo = mid + 1 } else { hi = mid } }
                        (po + o).initialize(from: pa + i, count: lo - i); o += lo - i; i = lo
                        po[o] = y; o += 1; j += 1
                    }
                }
                // Branch-free: take b[j] only when strictly below a[i].
                while i < na && j < nb {
                    let x = pa[i], y = pb[j]
                    let takeB = y < x
                    po[o] = takeB ? y : x
                    j += takeB ? 1 : 0
                    i += takeB ? 0 : 1
                    o += 1
                }
                if i < na { (po + o).initialize(from: pa + i, count: na - i); o += na - i }
                if j < nb { (po + o).initialize(from: pb + j, count: nb - j); o += nb - j }
                initialized = o
            }
        }
    }

    /// The p-quantile: the smallest retained value whose estimated rank reaches p·n
    /// (p ≤ 0 gives the minimum, p ≥ 1 the maximum).
    public func quantile(_ p: Double) -> Double {
        quantiles([p])[0]
    }

    /// Several quantiles in one pass over the retained items (`ps` in any order).
    ///
    /// The items of all levels are walked in ascending order by merging the sorted
    /// levels (level 0 sorted first), adding each item's weight 2^h; the p-quantile
    /// is the first item at which the running weight reaches p·W, W the total
    /// weight. Ties between levels may be walked in any order: the value returned
    /// is the same.
    public func quantiles(_ ps: [Double]) -> [Double] {
        guard count > 0 else { return ps.map { _ in .nan } }
        var out = [Double](repeating: maximum, count: ps.count)
        var pending: [(target: Double, index: Int)] = []
        var total = 0
        for (h, level) in levels.enumerated() { total += level.count << h }
        for (i, p) in ps.enumerated() {
            if p <= 0 { out[i] = minimum } else if p < 1 { pending.append((p * Double(total), i)) }
        }
        guard !pending.isEmpty else { return out }
        pending.sort { $0.target < $1.target }
        // The non-empty levels side by side (level 0 sorted), each with its range and weight.
        var items: [Double] = []
        items.reserveCapacity(retainedCount)
        var runs: [(start: Int, end: Int, weight: Double)] = []
        for h in levels.indices where !levels[h].isEmpty {
            let start = items.count
            items += levels[h]
            if h == 0 && !levelZeroSorted { items[start...].sort() }
            runs.append((start, items.count, Double(1 << h)))
        }
        items.withUnsafeBufferPointer { v in
            runs.withUnsafeMutableBufferPointer { runs in
                var cumulative = 0.0, next = 0
                while next < pending.count {
                    // The smallest head among the runs not yet used up.
                    var best = -1, value = 0.0
                    for r in 0..<runs.count where runs[r].start < runs[r].end {
                        let x = v[runs[r].start]
                        if best < 0 || x < value { best = r; value = x }
                    }
                    if best < 0 { break }
                    runs[best].start += 1
                    cumulative += runs[best].weight
                    while next < pending.count && cumulative >= pending[next].target {
                        out[pending[next].index] = value
                        next += 1
                    }
                }
            }
        }
        return out
    }

    /// The estimated fraction of values ≤ `value`.
    public func rank(of value: Double) -> Double {
        guard count > 0 else { return .nan }
        var below = 0, total = 0
        for (h, level) in levels.enumerated() {
            for v in level {
                total += 1 << h
                if v <= value { below += 1 << h }
            }
        }
        return Double(below) / Double(total)
    }
}
