// Design note. The per-row work of the probabilistic summaries, on rows of one
// output cell over a block of trajectories (a few thousand values, in L1/L2):
//
// - sketch path: an exact ascending sort feeding ``QuantileSketch/insert(sorted:)``.
//   Values are mapped to 20-bit keys ⌊(x − min)·2²⁰/(max − min)⌋ (monotone in x)
//   and sorted by two 10-bit LSD radix passes; the only disorder left is inside
//   runs of equal keys (rare for a smooth sample), which a last pass sorts. Every
//   loop has a predictable branch, unlike a bucket sort finished by insertion sorts
//   (one misprediction per value, measured at ~12 ns/value).
// - rows under 256 values (or with a range that overflows): the radix sort falls
//   back to ``Kernels/bucketSort(_:count:scratch:counts:)``, a counting sort into
//   count/2 buckets finished by insertion sorts. Both open with the same
//   minimum/maximum scan (``Kernels/minimumAndMaximum(_:count:)``).
// - exact path: only the order statistics that type-7 quantiles read (⌊h⌋ and
//   ⌊h⌋+1 for each level, ≤ 2 per level) are selected, by one recursive
//   multi-quickselect on the same buffer (introselect: a sort of the range past a
//   depth limit), O(n·log(levels)) expected.

/// Per-worker buffers of ``Kernels/radixSort(_:count:work:)``.
final class RadixWork {
    let capacity: Int
    let keys: UnsafeMutablePointer<UInt32>
    let keys2: UnsafeMutablePointer<UInt32>
    let values: UnsafeMutablePointer<Double>
    let counts: UnsafeMutablePointer<Int32>
    /// For the small-row fallback (``Kernels/bucketSort``).
    let intCounts: UnsafeMutablePointer<Int>

    static let digitBits = 10
    static let buckets = 1 << digitBits

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        keys = .allocate(capacity: self.capacity)
        keys2 = .allocate(capacity: self.capacity)
        values = .allocate(capacity: self.capacity)
        counts = .allocate(capacity: 2 * Self.buckets)
        intCounts = .allocate(capacity: self.capacity / 2 + 2)
    }

    deinit {
        keys.deallocate(); keys2.deallocate(); values.deallocate(); counts.deallocate(); intCounts.deallocate()
    }
}

extension Kernels {
    /// Sorts `n` values ascending in place (an exact sort; the same result as any
    /// other sort up to the order of equal values). `work.capacity` ≥ n.
    static func radixSort(_ v: UnsafeMutablePointer<Double>, count n: Int, work: RadixWork) {
        guard n > 1 else { return }
        let (lo, hi) = minimumAndMaximum(v, count: n)
        guard !lo.isNaN else { return standardSort(v, count: n) }
        guard hi > lo else { return }
        guard n >= 256, (hi - lo).isFinite else {
            bucketSort(v, count: n, scratch: work.values, counts: work.intCounts)
            return
        }
        let bits = RadixWork.digitBits, mask = UInt32(RadixWork.buckets - 1), buckets = RadixWork.buckets
        let scale = Double(1 << (2 * bits)) * (1 - 0x1p-40) / (hi - lo)
        let keys = work.keys, keys2 = work.keys2, tmp = work.values
        let c0 = work.counts, c1 = work.counts + buckets
        c0.update(repeating: 0, count: 2 * buckets)
        for i in 0..<n {
            let key = UInt32(truncatingIfNeeded: Int((v[i] - lo) * scale))
            keys[i] = key
            c0[Int(key & mask)] &+= 1
            c1[Int(key >> UInt32(bits))] &+= 1
        }
        var s0: Int32 = 0, s1: Int32 = 0
        for b in 0..<buckets {
            let a = c0[b], d = c1[b]
            c0[b] = s0; c1[b] = s1
            s0 &+= a; s1 &+= d
        }
        for i in 0..<n {
            let key = keys[i], b = Int(key & mask)
            let at = Int(c0[b])
            c0[b] = Int32(at + 1)
            keys2[at] = key
            tmp[at] = v[i]
        }
        for i in 0..<n {
            let key = keys2[i], b = Int(key >> UInt32(bits))
            let at = Int(c1[b])
            c1[b] = Int32(at + 1)
            keys[at] = key
            v[at] = tmp[i]
        }
        // Sorted by key; finish the runs of equal keys.
        var i = 0
        while i < n - 1 {
            if keys[i + 1] != keys[i] { i += 1; continue }
            var j = i + 2
            while j < n && keys[j] == keys[i] { j += 1 }
            if j - i <= 32 {
                insertionSort(v, i, j)
            } else {
                var slice = UnsafeMutableBufferPointer(start: v + i, count: j - i)
                slice.sort()
            }
            i = j
        }
    }

    /// Rearranges `v[0..<n]` so that every index in `targets` (ascending, within
    /// 0..<n) holds the value it would hold after an ascending sort, as quickselect.
    static func multiSelect(_ v: UnsafeMutablePointer<Double>, count n: Int, targets: [Int]) {
        guard n > 1, !targets.isEmpty else { return }
        targets.withUnsafeBufferPointer { t in
            var depth = 0, m = n
            while m > 1 { depth += 2; m >>= 1 }
            multiSelect(v, 0, n, t.baseAddress!, 0, t.count, depth: depth)
        }
    }

    private static func multiSelect(_ v: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int,
                                    _ t: UnsafePointer<Int>, _ tlo: Int, _ thi: Int, depth: Int) {
        var lo = lo, hi = hi, tlo = tlo, thi = thi, depth = depth
        while tlo < thi && hi - lo > 1 {
            if hi - lo <= 24 { insertionSort(v, lo, hi); return }
            if depth == 0 {
                var slice = UnsafeMutableBufferPointer(start: v + lo, count: hi - lo)
                slice.sort()
                return
            }
            depth -= 1
            // Median of three as the pivot value; Hoare partition: [lo, split) ≤ p ≤ [split, hi).
            // The median of three moved to v[lo]: the split then leaves both sides non-empty.
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { let x = v[lo]; v[lo] = v[mid]; v[mid] = x }
            if v[hi - 1] < v[mid] {
                let x = v[mid]; v[mid] = v[hi - 1]; v[hi - 1] = x
                if v[mid] < v[lo] { let y = v[lo]; v[lo] = v[mid]; v[mid] = y }
            }
            do { let x = v[lo]; v[lo] = v[mid]; v[mid] = x }
            let p = v[lo]
            var i = lo - 1, j = hi
            while true {
                repeat { i += 1 } while v[i] < p
                repeat { j -= 1 } while v[j] > p
                if i >= j { break }
                let x = v[i]; v[i] = v[j]; v[j] = x
            }
            let split = j + 1
            // Targets below split go left, the others right.
            var tm = tlo
            while tm < thi && t[tm] < split { tm += 1 }
            if tm - tlo > 0 && thi - tm > 0 {
                // Recurse on the smaller number of targets, loop on the other.
                multiSelect(v, lo, split, t, tlo, tm, depth: depth)
                lo = split; tlo = tm
            } else if tm > tlo {
                hi = split; thi = tm
            } else {
                lo = split
            }
        }
    }

    /// The order statistics (0-based, ascending, distinct) that the type-7
    /// quantiles of `probabilities` read in a sample of `n`.
    static func quantileOrderStatistics(count n: Int, probabilities: [Double]) -> [Int] {
        var out: [Int] = []
        for p in probabilities {
            let h = Double(n - 1) * p
            let lo = Int(h.rounded(.down))
            if lo >= n - 1 { out.append(n - 1); continue }
            out.append(lo)
            if h - Double(lo) != 0 { out.append(lo + 1) }
        }
        return Array(Set(out)).sorted()
    }

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
        let (lo, hi) = minimumAndMaximum(v, count: n)
        guard !lo.isNaN, (hi - lo).isFinite else { return standardSort(v, count: n) }
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

    /// The smallest and largest of `v[0..<n]` (n ≥ 1), in one branch-free pass:
    /// the bounds that ``radixSort(_:count:work:)`` and ``bucketSort(_:count:scratch:counts:)``
    /// scale their keys and buckets to.
    @inline(__always)
    /// The smallest and largest of `n` values; both NaN when any value is not
    /// finite (x − x is NaN for NaN and ±inf, and a NaN stays in the sum), so that
    /// the bucket arithmetic of the sorts never converts a NaN to an integer.
    static func minimumAndMaximum(_ v: UnsafeMutablePointer<Double>, count n: Int) -> (minimum: Double, maximum: Double) {
        var lo = v[0], hi = v[0], nonFinite = v[0] - v[0]
        for i in 1..<n {
            let x = v[i]
            lo = x < lo ? x : lo
            hi = x > hi ? x : hi
            nonFinite += x - x
        }
        return nonFinite == 0 ? (lo, hi) : (.nan, .nan)
    }

    /// The standard library's sort, for samples holding NaN or ±inf (NaN sorts
    /// last), which the bucket arithmetic cannot place.
    static func standardSort(_ v: UnsafeMutablePointer<Double>, count n: Int) {
        var buffer = UnsafeMutableBufferPointer(start: v, count: n)
        buffer.sort { $0 < $1 || (!$0.isNaN && $1.isNaN) }
    }
}
