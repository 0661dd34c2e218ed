/// The probabilities reported by a probabilistic projection and the exact
/// sample quantile used when every value is kept.
///
/// The default levels are the median and the bounds of the 80 % and 95 %
/// central prediction intervals, as published by the UN (WPP probabilistic
/// projections; Raftery et al. 2012).
public struct QuantileLevels: Sendable, Hashable {
    /// Probabilities in (0, 1), ascending.
    public let probabilities: [Double]

    /// 2.5 %, 10 %, 50 %, 90 %, 97.5 %: the median and the 80 % and 95 % intervals.
    public static let standard = QuantileLevels(trusted: [0.025, 0.1, 0.5, 0.9, 0.975])

    /// Levels in (0, 1), ascending.
    public init(_ probabilities: [Double]) throws(DemographyError) {
        guard !probabilities.isEmpty else {
            throw .invalidParameter(name: "number of quantile levels", value: 0, expected: "at least one")
        }
        for (i, p) in probabilities.enumerated() where !(p > 0 && p < 1) || (i > 0 && p <= probabilities[i - 1]) {
            throw .invalidParameter(name: "quantile level \(i + 1)", value: p, expected: "ascending values strictly between 0 and 1")
        }
        self.probabilities = probabilities
    }

    init(trusted: [Double]) { probabilities = trusted }

    /// The label of level `i` in tables ("0.025", "0.5", …).
    public func label(_ i: Int) -> String { "\(probabilities[i])" }
}

/// The sample quantile of sorted values, Hyndman & Fan (1996) type 7 (R's
/// default, used by bayesPop): with h = (n − 1)·p,
///
///     Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
///
/// (0-based order statistics). Equal values give that value exactly.
@inline(__always)
func sampleQuantile(sorted x: UnsafePointer<Double>, count n: Int, probability p: Double) -> Double {
    let h = Double(n - 1) * p
    let lo = Int(h.rounded(.down))
    if lo >= n - 1 { return x[n - 1] }
    let f = h - Double(lo)
    return f == 0 ? x[lo] : x[lo] + f * (x[lo + 1] - x[lo])
}

extension Kernels {
    /// Sorts `count` finite values ascending, in place, in expected linear time
    /// for smooth distributions: values are distributed into ~count/2 equal-width
    /// buckets between the minimum and the maximum (a counting sort into
    /// `scratch`), then an insertion sort finishes each bucket; a bucket of more
    /// than 32 values is sorted by the standard library instead, so a skewed
    /// sample costs O(n log n), never O(n²). The result is an exact sort.
    ///
    /// `scratch` holds `count` doubles; `counts` holds `count / 2 + 2` integers.
    static func bucketSort(_ v: UnsafeMutablePointer<Double>, count n: Int,
                           scratch: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) {
        guard n > 1 else { return }
        var lo = v[0], hi = v[0]
        for i in 1..<n {
            let x = v[i]
            lo = x < lo ? x : lo
            hi = x > hi ? x : hi
        }
        guard hi > lo else { return }
        if n <= 24 {
            insertionSort(v, 0, n)
            return
        }
        let buckets = n / 2
        let scale = Double(buckets) * (1 - 0x1p-40) / (hi - lo)
        for b in 0...buckets { counts[b] = 0 }
        // Bucket indices are kept in the scratch's bit patterns' stead: computed once, in a first pass.
        for i in 0..<n { counts[Int((v[i] - lo) * scale) + 1] += 1 }
        for b in 0..<buckets { counts[b + 1] += counts[b] }
        // counts[b] is now the start of bucket b; scatter, advancing the starts.
        for i in 0..<n {
            let x = v[i], b = Int((x - lo) * scale)
            scratch[counts[b]] = x
            counts[b] += 1
        }
        // counts[b] is now the end of bucket b; finish each bucket.
        var start = 0
        for b in 0..<buckets {
            let end = counts[b]
            if end - start > 32 {
                var slice = UnsafeMutableBufferPointer(start: scratch + start, count: end - start)
                slice.sort()
            } else if end - start > 1 {
                insertionSort(scratch, start, end)
            }
            start = end
        }
        v.update(from: scratch, count: n)
    }

    @inline(__always)
    static func insertionSort(_ v: UnsafeMutablePointer<Double>, _ start: Int, _ end: Int) {
        var i = start + 1
        while i < end {
            let x = v[i]
            var j = i - 1
            while j >= start && v[j] > x {
                v[j + 1] = v[j]
                j -= 1
            }
            v[j + 1] = x
            i += 1
        }
    }
}
