import Foundation

// Design note. The quantiles of a cell over N trajectories need only a few of
// its order statistics (⌊h⌋ and ⌊h⌋+1 for h = (N − 1)·p), and N is known before
// the first trajectory is projected. So, as in the selection algorithms that
// sample first and then keep only a bracket around each wanted rank (Floyd &
// Rivest 1975; the streaming form of Munro & Paterson 1980), every cell keeps a
// few value intervals [L, H], all the values seen inside each, and the number
// seen below each L. Values outside every interval are only counted. After n of
// the N values the wanted order statistic r of the whole sample lies, in the
// sample so far, near rank q·n (q = (r + ½)/N): the count of the first n values
// below it is hypergeometric with variance n·q(1 − q)(N − n)/(N − 1). Each
// interval is narrowed to the order statistics z = 6 standard deviations (and
// two ranks) either side, found by selection among the kept values, so the kept
// values shrink like √n and vanish as n reaches N. The answer is the exact order
// statistic whenever the wanted rank lies inside an interval at the end, which
// fails with probability about 2e-9 per cell and refinement for trajectories in
// random order; ``orderStatistics(_:)`` says when it does, and the caller then
// recomputes the cell from every value (StochasticProjection's second pass).
// Intervals stay disjoint and ascending. NaN values take no rank: a cell with
// one has NaN quantiles, as an exact sort would leave them undefined.

/// Exact order statistics of a stream of known length, keeping only the values
/// in brackets around the wanted ranks (see the design note in the source).
///
/// Invariant: every value seen is either counted below an interval's lower
/// bound (`below[j]`, all of them ≤ every value kept in j), kept in it
/// (`kept[j]`: every value seen in [lower[j], upper[j]] since the interval was
/// made), or above it; so the kept values of interval j are exactly the order
/// statistics of ranks `below[j] ..< below[j] + kept[j].count` of all values seen.
struct RankBrackets: Sendable, Equatable {
    /// Values seen, NaN included.
    var count = 0
    /// NaN values seen.
    var notANumber = 0
    /// The intervals: ascending, disjoint, each with the values seen below it and inside it.
    var lower: [Double] = [-.infinity]
    var upper: [Double] = [.infinity]
    var below: [Int] = [0]
    var kept: [[Double]] = [[]]
    /// Refine once this many values are kept (the schedule is a function of the values, so
    /// the result never depends on threads; the answers never depend on it).
    var refineAt = 0

    /// Standard deviations of the hypergeometric rank kept either side of a wanted rank.
    static let deviations = 6.0

    /// The values kept in all intervals.
    var keptCount: Int { kept.reduce(0) { $0 + $1.count } }

    /// Adds `m` values. `scratch` holds at least `m` doubles.
    mutating func insert(_ v: UnsafePointer<Double>, count m: Int, scratch: UnsafeMutablePointer<Double>) {
        guard m > 0 else { return }
        count += m
        var nan = 0
        for i in 0..<m { nan &+= v[i] != v[i] ? 1 : 0 }
        notANumber += nan
        if notANumber > 0 {
            lower = []; upper = []; below = []; kept = []
            return
        }
        // Per interval, one pass: the values below it counted, those inside compacted
        // to the front of `scratch`, then appended.
        for j in lower.indices {
            let (under, inside) = Self.compact(v, count: m, into: scratch, from: lower[j], to: upper[j])
            below[j] += under
            guard inside > 0 else { continue }
            // Grown by a quarter (at least two blocks' worth), not doubled: the kept values
            // are most of the memory, and each growth copies them.
            let needed = kept[j].count + inside
            if kept[j].capacity < needed { kept[j].reserveCapacity(needed + max(2 * inside, kept[j].count / 4)) }
            kept[j].append(contentsOf: UnsafeBufferPointer(start: scratch, count: inside))
        }
    }

    /// Of `v[0..<m]`: the number below `lo`, and the values in [`lo`, `hi`] written in
    /// order to the front of `out` (which may be `v` itself: a value is written no
    /// later than it is read) with their number. Branch-free.
    static func compact(_ v: UnsafePointer<Double>, count m: Int, into out: UnsafeMutablePointer<Double>,
                        from lo: Double, to hi: Double) -> (below: Int, inside: Int) {
        var notBelow = 0, inside = 0
        for i in 0..<m {
            let x = v[i]
            let ge = x >= lo ? 1 : 0, le = x <= hi ? 1 : 0   // no short circuit: no branch
            notBelow &+= ge
            out[inside] = x
            inside &+= ge & le
        }
        return (m - notBelow, inside)
    }

    /// Narrows the intervals to the wanted ranks of a sample of `total` values
    /// (``deviations`` either side), when the kept values have reached ``refineAt``
    /// (at least `floor`, then half as many again as were kept after the last narrowing:
    /// each value is selected among a few times, and memory stays within 1.5 times the
    /// brackets' need).
    mutating func refineIfDue(probabilities: [Double], total: Int, floor: Int = 2048, work: inout RankSelectionWork?) {
        let held = keptCount
        guard notANumber == 0, held > 0, held >= max(refineAt, floor) else { return }
        refine(probabilities: probabilities, total: total, work: &work)
        refineAt = keptCount + keptCount / 2
    }

    /// Narrows the intervals to the wanted ranks (see the design note).
    mutating func refine(probabilities: [Double], total: Int, work: inout RankSelectionWork?) {
        let n = count
        guard n > 0, total >= n, notANumber == 0 else { return }
        // Wanted rank ranges in the sample so far, merged.
        var ranges: [(Int, Int)] = []
        let spread = Double(n) * Double(total - n) / Double(max(1, total - 1))
        for r in Self.wantedRanks(probabilities: probabilities, total: total) {
            let q = (Double(r.lowerBound) + 0.5) / Double(total), q2 = (Double(r.upperBound) + 0.5) / Double(total)
            let sd = (spread * q * (1 - q)).squareRoot(), sd2 = (spread * q2 * (1 - q2)).squareRoot()
            let low = Int((q * Double(n) - Self.deviations * sd).rounded(.down)) - 2
            let high = Int((q2 * Double(n) + Self.deviations * sd2).rounded(.up)) + 2
            ranges.append((max(0, low), min(n - 1, high)))
        }
        ranges.sort { $0.0 < $1.0 }
        var merged: [(Int, Int)] = []
        for r in ranges {
            if let last = merged.last, r.0 <= last.1 + 1 { merged[merged.count - 1].1 = max(last.1, r.1) } else { merged.append(r) }
        }
        var newLower: [Double] = [], newUpper: [Double] = [], newBelow: [Int] = [], newKept: [[Double]] = []
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: kept.reduce(1) { Swift.max($0, $1.count) })
        defer { scratch.deallocate() }
        for j in lower.indices {
            let first = below[j], size = kept[j].count
            guard size > 0 else { continue }
            // The pieces of the wanted ranges inside interval j, in local ranks.
            var pieces: [(Int, Int)] = []
            for (a, b) in merged {
                let lo = max(a, first) - first, hi = min(b, first + size - 1) - first
                if lo <= hi { pieces.append((lo, hi)) }
            }
            guard !pieces.isEmpty else { continue }
            var ranks: [Int] = []
            for (a, b) in pieces { ranks.append(a); if b != a { ranks.append(b) } }
            let values = kept[j].withUnsafeBufferPointer { Self.orderStatistics($0, ranks: ranks, work: &work) }
            var at = 0
            // Each piece by value: what lies below its lower bound is counted, what lies
            // inside is kept (ties at a bound go with the values equal to it). One piece
            // (the usual case) is compacted in place, keeping the array's storage.
            let single = pieces.count == 1
            for (a, b) in pieces {
                let lo = a == 0 ? lower[j] : values[at]
                let hi = b == size - 1 ? upper[j] : values[b != a ? at + 1 : at]
                at += b != a ? 2 : 1
                var inside: [Double]
                let under: Int
                if single {
                    // In place (the array is unique once taken out of `kept`).
                    inside = kept[j]
                    kept[j] = []
                    let (u, held) = inside.withUnsafeMutableBufferPointer { k in
                        Self.compact(k.baseAddress!, count: size, into: k.baseAddress!, from: lo, to: hi)
                    }
                    inside.removeLast(size - held)
                    under = u
                } else {
                    // Into a copy sized to what it keeps, not to the whole interval.
                    let (u, held) = kept[j].withUnsafeBufferPointer { k in
                        Self.compact(k.baseAddress!, count: size, into: scratch, from: lo, to: hi)
                    }
                    inside = Array(UnsafeBufferPointer(start: scratch, count: held))
                    under = u
                }
                newLower.append(lo); newUpper.append(hi); newBelow.append(first + under); newKept.append(inside)
            }
        }
        lower = newLower; upper = newUpper; below = newBelow; kept = newKept
    }

    /// `values[ranks[i]]` of the sorted values (ranks ascending, distinct), without
    /// sorting: by ``Kernels/selectRanks(_:count:minimum:maximum:ranks:rankCount:into:work:)``
    /// for finite values, else by quickselect on a copy.
    static func orderStatistics(_ values: UnsafeBufferPointer<Double>, ranks: [Int], work: inout RankSelectionWork?) -> [Double] {
        let n = values.count
        guard let base = values.baseAddress, n > 0, !ranks.isEmpty else { return [] }
        // Both NaN when a value is not finite.
        let (lo, hi) = Kernels.minimumAndMaximum(UnsafeMutablePointer(mutating: base), count: n)
        if hi > lo {
            if (work?.capacity ?? 0) < n { work = RankSelectionWork(capacity: max(n, 2 * (work?.capacity ?? 0))) }
            guard let work else { return [] }
            var out = [Double](repeating: 0, count: ranks.count)
            ranks.withUnsafeBufferPointer { r in
                out.withUnsafeMutableBufferPointer { o in
                    Kernels.selectRanks(base, count: n, minimum: lo, maximum: hi, ranks: r.baseAddress!, rankCount: r.count,
                                        into: o.baseAddress!, work: work)
                }
            }
            return out
        }
        if !lo.isNaN { return ranks.map { _ in lo } }
        var copy = Array(values)
        copy.withUnsafeMutableBufferPointer { Kernels.multiSelect($0.baseAddress!, count: n, targets: ranks) }
        return ranks.map { copy[$0] }
    }

    /// The order statistics the type-7 quantiles of `probabilities` read in a
    /// sample of `total`: per probability, ⌊h⌋ ... ⌊h⌋ + 1 (one rank at the top).
    static func wantedRanks(probabilities: [Double], total: Int) -> [ClosedRange<Int>] {
        probabilities.map { p in
            let lo = Int((Double(total - 1) * p).rounded(.down))
            return lo >= total - 1 ? (total - 1)...(total - 1) : lo...(lo + 1)
        }
    }

    /// The type-7 quantiles (``sampleQuantile(sorted:count:probability:)``, the same
    /// arithmetic) once all `count` values are in; NaN when a value was NaN; nil when a
    /// wanted rank fell outside every interval (the cell must be recomputed).
    func quantiles(_ probabilities: [Double], work: inout RankSelectionWork?) -> [Double]? {
        let n = count
        guard n > 0 else { return nil }
        if notANumber > 0 { return probabilities.map { _ in .nan } }
        // Where each wanted rank lies, then one selection per interval.
        var wanted: [Int: Double] = [:]
        var perInterval = [[Int]](repeating: [], count: lower.count)
        for r in Self.wantedRanks(probabilities: probabilities, total: n) {
            for rank in r {
                guard let j = below.indices.first(where: { below[$0] <= rank && rank < below[$0] + kept[$0].count }) else { return nil }
                perInterval[j].append(rank - below[j])
            }
        }
        for j in perInterval.indices where !perInterval[j].isEmpty {
            let targets = Array(Set(perInterval[j])).sorted()
            let values = kept[j].withUnsafeBufferPointer { Self.orderStatistics($0, ranks: targets, work: &work) }
            for (t, x) in zip(targets, values) { wanted[below[j] + t] = x }
        }
        return probabilities.map { p in
            let h = Double(n - 1) * p
            let lo = Int(h.rounded(.down))
            if lo >= n - 1 { return wanted[n - 1] ?? .nan }
            let f = h - Double(lo), x0 = wanted[lo] ?? .nan
            return f == 0 ? x0 : x0 + f * ((wanted[lo + 1] ?? .nan) - x0)
        }
    }

    /// The brackets of this stream followed by `other`'s: each interval the
    /// intersection of one of each (both hold the wanted values with high probability),
    /// with the values of both inside it and the counts of both below it.
    func merged(with other: RankBrackets) -> RankBrackets {
        if other.count == 0 { return self }
        if count == 0 { return other }
        var out = RankBrackets()
        out.count = count + other.count
        out.notANumber = notANumber + other.notANumber
        out.lower = []; out.upper = []; out.below = []; out.kept = []
        guard out.notANumber == 0 else { return out }
        for i in lower.indices {
            for j in other.lower.indices {
                let lo = Swift.max(lower[i], other.lower[j]), hi = Swift.min(upper[i], other.upper[j])
                guard lo <= hi else { continue }
                // One pass over each side's kept values: counted below, pooled inside.
                var pooled: [Double] = []
                pooled.reserveCapacity(kept[i].count + other.kept[j].count)
                var under = below[i] + other.below[j]
                for side in [kept[i], other.kept[j]] {
                    for x in side {
                        if x < lo { under += 1 } else if x <= hi { pooled.append(x) }
                    }
                }
                out.lower.append(lo)
                out.upper.append(hi)
                out.below.append(under)
                out.kept.append(pooled)
            }
        }
        return out
    }

    /// `[count, notANumber, intervals, then per interval lower, upper, below, kept count, kept…]`.
    var serialized: [Double] {
        var out: [Double] = [Double(count), Double(notANumber), Double(lower.count)]
        out.reserveCapacity(3 + 4 * lower.count + keptCount)
        for j in lower.indices {
            out += [lower[j], upper[j], Double(below[j]), Double(kept[j].count)]
            out += kept[j]
        }
        return out
    }

    /// Brackets from ``serialized`` output, checked (data from another process is never trapped on).
    init(serialized s: ArraySlice<Double>) throws(DemographyError) {
        let b = s.startIndex
        guard s.count >= 3, let n = wholeCount(s[b], atMost: Int.max >> 2), let nan = wholeCount(s[b + 1], atMost: n),
              let intervals = wholeCount(s[b + 2], atMost: s.count) else {
            throw .invalidParameter(name: "serialised rank brackets header", value: s.first ?? .nan,
                                    expected: "[count, NaN count, intervals]")
        }
        count = n
        notANumber = nan
        lower = []; upper = []; below = []; kept = []
        var i = b + 3
        for _ in 0..<intervals {
            guard i + 4 <= s.endIndex, let under = wholeCount(s[i + 2], atMost: n),
                  let size = wholeCount(s[i + 3], atMost: s.endIndex - i - 4), s[i] <= s[i + 1] else {
                throw .invalidParameter(name: "serialised rank bracket", value: i + 3 < s.endIndex ? s[i + 3] : .nan,
                                        expected: "lower ≤ upper, a count below and a number of kept values within the data")
            }
            lower.append(s[i]); upper.append(s[i + 1]); below.append(under)
            kept.append(Array(s[(i + 4)..<(i + 4 + size)]))
            i += 4 + size
        }
        guard i == s.endIndex else {
            throw .lengthMismatch(schedule: "serialised rank brackets", expected: i - b, found: s.count)
        }
    }

    init() {}
}
