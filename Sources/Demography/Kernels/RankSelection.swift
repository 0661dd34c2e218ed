// Design note. The order statistics that a sketch keeps of a block of values
// (every 2^j-th rank and a few more, a small fraction of the block) do not need
// the block sorted. One counting pass maps each value to one of 2^10 equal-width
// buckets between the minimum and the maximum (a key monotone in the value, as in
// ``Kernels/radixSort(_:count:work:)``) and counts them; the prefix sums give each
// bucket's first rank, so the bucket holding every wanted rank is known. A second,
// branch-free pass copies the values of the wanted buckets only (the others are
// written to one dummy slot), and each wanted bucket (a few values for a smooth
// sample) is sorted by insertion. Two streaming passes instead of the four of a
// full radix sort; the result is exactly what a full sort would give.

/// Per-worker buffers of ``Kernels/selectRanks(_:count:minimum:maximum:ranks:rankCount:into:work:)``,
/// for blocks of up to `capacity` values.
final class RankSelectionWork {
    let capacity: Int
    let keys: UnsafeMutablePointer<Int32>
    /// Per bucket: count, first rank, next candidate slot, 1 if wanted else 0.
    let counts: UnsafeMutablePointer<Int32>
    let firstRank: UnsafeMutablePointer<Int32>
    let slot: UnsafeMutablePointer<Int32>
    let wanted: UnsafeMutablePointer<Int32>
    /// The values of the wanted buckets, then one dummy slot.
    let candidates: UnsafeMutablePointer<Double>
    /// Per wanted rank: its bucket.
    let bucketOfRank: UnsafeMutablePointer<Int32>
    /// Ranks and their values for the caller (``QuantileSketch``), `capacity` each.
    let ranks: UnsafeMutablePointer<Int>
    let values: UnsafeMutablePointer<Double>
    /// Per level below the block's: the rank of the item left there (−1: none).
    let leftover: UnsafeMutablePointer<Int>
    /// For the full-sort path.
    let radix: RadixWork

    static let bucketBits = 10
    static let buckets = 1 << bucketBits

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        let b = Self.buckets
        keys = .allocate(capacity: self.capacity)
        counts = .allocate(capacity: b)
        firstRank = .allocate(capacity: b)
        slot = .allocate(capacity: b)
        wanted = .allocate(capacity: b)
        candidates = .allocate(capacity: self.capacity + 1)
        bucketOfRank = .allocate(capacity: self.capacity)
        ranks = .allocate(capacity: self.capacity)
        values = .allocate(capacity: self.capacity)
        leftover = .allocate(capacity: 64)
        radix = RadixWork(capacity: self.capacity)
    }

    deinit {
        keys.deallocate(); counts.deallocate(); firstRank.deallocate(); slot.deallocate(); wanted.deallocate()
        candidates.deallocate(); bucketOfRank.deallocate(); ranks.deallocate(); values.deallocate(); leftover.deallocate()
    }
}

extension Kernels {
    /// The bucket scale of ``countKeys(_:count:minimum:maximum:work:)`` for the
    /// bounds `lo` < `hi` (keys 0…buckets−1).
    @inline(__always)
    static func bucketScale(minimum lo: Double, maximum hi: Double) -> Double {
        Double(RankSelectionWork.buckets) * (1 - 0x1p-40) / (hi - lo)
    }

    /// The bucket key of `x` for bounds `lo` < `hi`: monotone in x; values outside
    /// the bounds (and NaN) go to the end buckets, so any bounds give a valid key.
    @inline(__always)
    static func bucketKey(_ x: Double, minimum lo: Double, maximum hi: Double, scale: Double) -> Int32 {
        let y = x > lo ? (x < hi ? x : hi) : lo
        return Int32(truncatingIfNeeded: Int((y - lo) * scale))
    }

    /// Keys and bucket counts of `v[0..<n]` into `work.keys` and `work.counts` (lo < hi).
    static func countKeys(_ v: UnsafePointer<Double>, count n: Int, minimum lo: Double, maximum hi: Double,
                          work: RankSelectionWork) {
        let scale = bucketScale(minimum: lo, maximum: hi)
        let keys = work.keys, counts = work.counts
        counts.update(repeating: 0, count: RankSelectionWork.buckets)
        for i in 0..<n {
            let key = bucketKey(v[i], minimum: lo, maximum: hi, scale: scale)
            keys[i] = key
            counts[Int(key)] &+= 1
        }
    }

    /// The values of ranks `ranks[0..<rankCount]` (0-based, ascending, distinct,
    /// below n) of `v[0..<n]` in ascending order, written to `out[i]`: exactly
    /// `sorted(v)[ranks[i]]`. `v` is left as it was. `minimum` and `maximum` are
    /// the finite bounds of the values (``minimumAndMaximum(_:count:)``); n ≤ `work.capacity`.
    static func selectRanks(_ v: UnsafePointer<Double>, count n: Int, minimum lo: Double, maximum hi: Double,
                            ranks: UnsafePointer<Int>, rankCount: Int, into out: UnsafeMutablePointer<Double>,
                            work: RankSelectionWork) {
        guard rankCount > 0 else { return }
        guard hi > lo else {
            for i in 0..<rankCount { out[i] = lo }
            return
        }
        countKeys(v, count: n, minimum: lo, maximum: hi, work: work)
        selectCountedRanks(v, count: n, ranks: ranks, rankCount: rankCount, into: out, work: work)
    }

    /// ``selectRanks(_:count:minimum:maximum:ranks:rankCount:into:work:)`` once the
    /// keys and counts of `v` are in `work` (``countKeys(_:count:minimum:maximum:work:)``
    /// or a fused pass with any monotone key).
    static func selectCountedRanks(_ v: UnsafePointer<Double>, count n: Int, ranks: UnsafePointer<Int>, rankCount: Int,
                                   into out: UnsafeMutablePointer<Double>, work: RankSelectionWork) {
        let buckets = RankSelectionWork.buckets
        let keys = work.keys, counts = work.counts, firstRank = work.firstRank
        let slot = work.slot, wanted = work.wanted, candidates = work.candidates, bucketOfRank = work.bucketOfRank
        // First rank of each bucket; the wanted buckets get consecutive candidate slots.
        let dummy = Int32(n)
        var rank: Int32 = 0, next: Int32 = 0, t = 0
        for b in 0..<buckets {
            let c = counts[b], end = rank &+ c
            firstRank[b] = rank
            if t < rankCount && ranks[t] < Int(end) {
                slot[b] = next
                wanted[b] = 1
                next &+= c
                while t < rankCount && ranks[t] < Int(end) {
                    bucketOfRank[t] = Int32(b)
                    t += 1
                }
            } else {
                slot[b] = dummy
                wanted[b] = 0
            }
            rank = end
        }
        // Branch-free: the values of unwanted buckets all land on the dummy slot.
        for i in 0..<n {
            let b = Int(keys[i]), at = slot[b]
            candidates[Int(at)] = v[i]
            slot[b] = at &+ wanted[b]
        }
        // slot[b] is now the end of wanted bucket b's candidates.
        var sortedBucket = -1
        for i in 0..<rankCount {
            let b = Int(bucketOfRank[i])
            let end = Int(slot[b]), start = end - Int(counts[b])
            if b != sortedBucket {
                if end - start > 32 {
                    var bucket = UnsafeMutableBufferPointer(start: candidates + start, count: end - start)
                    bucket.sort()
                } else if end - start > 1 {
                    insertionSort(candidates, start, end)
                }
                sortedBucket = b
            }
            out[i] = candidates[start + ranks[i] - Int(firstRank[b])]
        }
    }
}
