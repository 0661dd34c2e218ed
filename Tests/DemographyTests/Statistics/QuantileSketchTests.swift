import Testing
import Foundation
@_spi(Engine) @testable import Demography

/// Rank accuracy of the KLL sketch and exactness of the sorted path, on known samples.
@Suite struct QuantileSketchTests {
    static let probabilities = [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975]

    /// |F_n(q) − p| where F_n is the empirical CDF of the sample (sorted) at the reported q.
    func rankError(_ q: Double, _ p: Double, sorted: [Double]) -> Double {
        var lo = 0, hi = sorted.count
        while lo < hi { let mid = (lo + hi) / 2; if sorted[mid] <= q { lo = mid + 1 } else { hi = mid } }
        let below = sorted.firstIndex(of: q).map { Double($0) } ?? Double(lo)
        // The rank interval of q is [below, lo]/n: distance from p to that interval.
        let n = Double(sorted.count)
        let a = below / n, b = Double(lo) / n
        return p < a ? a - p : (p > b ? p - b : 0)
    }

    func sample(_ n: Int, seed: UInt64, _ draw: (inout SplitMix64) -> Double) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in draw(&rng) }
    }

    @Test(arguments: ["normal", "lognormal", "uniform"])
    func sketchRankErrorBelowHalfPercent(distribution: String) {
        let values = sample(200_000, seed: 7) { rng in
            switch distribution {
            case "normal": return 1e6 + 1e4 * rng.nextStandardNormal()
            case "lognormal": return exp(rng.nextStandardNormal())
            default: return rng.nextUniform()
            }
        }
        let sorted = values.sorted()
        // Sorted batches of 2,048 (as the runner inserts), one-by-one, and a merge of two halves.
        var batched = QuantileSketch(seed: 1)
        for start in stride(from: 0, to: values.count, by: 2048) {
            let block = values[start..<min(values.count, start + 2048)].sorted()
            block.withUnsafeBufferPointer { batched.insert(sorted: $0) }
        }
        var single = QuantileSketch(seed: 2)
        for v in values { single.insert(v) }
        var left = QuantileSketch(seed: 3), right = QuantileSketch(seed: 4)
        left.insert(contentsOf: Array(values[..<100_000]))
        right.insert(contentsOf: Array(values[100_000...]))
        left.merge(right)
        var worst = 0.0
        for sketch in [batched, single, left] {
            #expect(sketch.count == values.count)
            #expect(sketch.retainedCount < 4 * sketch.k)
            for (p, q) in zip(Self.probabilities, sketch.quantiles(Self.probabilities)) {
                worst = max(worst, rankError(q, p, sorted: sorted))
            }
        }
        #expect(worst <= 0.005, "worst rank error \(worst)")
        #expect(worst <= QuantileSketch.rankErrorBound(k: QuantileSketch.defaultK))
    }

    @Test func exactPathHasNoRankError() {
        let values = sample(10_001, seed: 11) { exp($0.nextStandardNormal()) }
        let sorted = values.sorted()
        var copy = values, scratch = [Double](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: values.count / 2 + 2)
        copy.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                counts.withUnsafeMutableBufferPointer { c in
                    Kernels.bucketSort(v.baseAddress!, count: v.count, scratch: s.baseAddress!, counts: c.baseAddress!)
                }
            }
        }
        #expect(copy == sorted)
        for p in Self.probabilities {
            // Type 7 at (n − 1)·p on 10,001 values lands on an order statistic: rank error 0.
            let q = copy.withUnsafeBufferPointer { sampleQuantile(sorted: $0.baseAddress!, count: $0.count, probability: p) }
            #expect(q == sorted[Int((Double(sorted.count - 1) * p).rounded())])
            #expect(rankError(q, p, sorted: sorted) <= 1.0 / Double(sorted.count))
        }
    }

    /// Audit §4: the bucket index Int((x − lo)·scale) trapped on a NaN that was not
    /// the first value, and on ±inf. Both sorts now hand such samples to the
    /// standard sort; the finite values come out in order and the NaN last.
    @Test(arguments: [30, 300]) func nonFiniteValuesDoNotTrapTheSorts(count: Int) {
        var values = sample(count, seed: 17) { $0.nextStandardNormal() }
        values[7] = .nan
        values[11] = .infinity
        values[13] = -.infinity
        let finiteSorted = values.filter(\.isFinite).sorted()
        var bucket = values, radix = values, scratch = [Double](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: count / 2 + 2)
        bucket.withUnsafeMutableBufferPointer { v in
            scratch.withUnsafeMutableBufferPointer { s in
                counts.withUnsafeMutableBufferPointer { c in
                    Kernels.bucketSort(v.baseAddress!, count: v.count, scratch: s.baseAddress!, counts: c.baseAddress!)
                }
            }
        }
        let work = RadixWork(capacity: count)
        radix.withUnsafeMutableBufferPointer { Kernels.radixSort($0.baseAddress!, count: $0.count, work: work) }
        for sorted in [bucket, radix] {
            #expect(sorted.first == -.infinity)
            #expect(sorted[count - 2] == .infinity)
            #expect(sorted[count - 1].isNaN)
            #expect(Array(sorted[1..<(count - 2)]) == finiteSorted)
        }
    }

    @Test func serialisedStateRoundTrips() throws {
        var sketch = QuantileSketch(k: 200, seed: 5)
        sketch.insert(contentsOf: sample(50_000, seed: 3) { $0.nextStandardNormal() })
        let state = sketch.serialized
        let back = try QuantileSketch(serialized: state)
        #expect(back.serialized == state)
        #expect(back.quantiles(Self.probabilities) == sketch.quantiles(Self.probabilities))
        #expect(back.count == 50_000)
        #expect(throws: DemographyError.self) { _ = try QuantileSketch(serialized: [2, 1]) }
    }

    @Test func equalValuesGiveThatValue() {
        var sketch = QuantileSketch(seed: 9)
        for _ in 0..<50 { [Double](repeating: 0.1, count: 2048).withUnsafeBufferPointer { sketch.insert(sorted: $0) } }
        #expect(sketch.quantiles(Self.probabilities).allSatisfy { $0 == 0.1 })
    }

    /// Identity: the quantiles by merging the sorted levels equal the definition on the
    /// weighted items sorted together (the smallest item whose running weight reaches p·n).
    @Test func quantilesFromMergedLevelsEqualTheSortedWeightedItems() {
        var sketch = QuantileSketch(k: 64, seed: 4)
        for v in sample(30_001, seed: 19, { ($0.nextStandardNormal() * 50).rounded() }) { sketch.insert(v) }
        var items: [(value: Double, weight: Int)] = []
        var zero = sketch.levels[0]
        zero.sort()
        for (h, level) in ([zero] + sketch.levels.dropFirst()).enumerated() { for v in level { items.append((v, 1 << h)) } }
        items.sort { $0.value < $1.value }
        let total = Double(items.reduce(0) { $0 + $1.weight })
        let ps = [0.9, 0.0, 0.025, 0.5, 1.0, 0.1, 0.975, 0.5, 1e-9]
        let expected = ps.map { p -> Double in
            if p <= 0 { return sketch.minimum }
            if p >= 1 { return sketch.maximum }
            var cumulative = 0.0
            for item in items {
                cumulative += Double(item.weight)
                if cumulative >= p * total { return item.value }
            }
            return sketch.maximum
        }
        #expect(sketch.levels.count > 3)
        #expect(sketch.quantiles(ps) == expected)
    }
}
