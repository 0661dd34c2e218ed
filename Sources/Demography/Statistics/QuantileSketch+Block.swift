// Design note. A block of B values (one output cell over a block of trajectories)
// inserted into a sketch whose low levels hold far fewer than B items: merged into
// level 0, the block would be compacted at every level h whose capacity is below
// B/2^h, each time halving it, before its survivors settle. Those compactions of
// the block by itself are done here directly on ranks: the j compactions keep the
// ranks a + 2^j·i (a fixed by the j coin flips), and leave at most one item (the
// top one of an odd count) at each level below j. Only those order statistics are
// found (``Kernels/selectRanks``), with no sort of the block and no merge at the
// low levels. This is KLL's compaction of a separate buffer followed by a merge
// (mergeability, Karnin, Lang & Liberty 2016 §3; Agarwal et al. 2013): every
// compaction at level h still moves a rank by at most 2^h with a fair coin, and
// the block is compacted at exactly the levels where its own items exceed the
// capacity, so the error budget is that of inserting it sorted.

extension QuantileSketch {
    /// The number of levels j a block of `m` values is compacted through by
    /// itself: the levels h < H − 1 whose capacity is below ⌊m/2^h⌋.
    func blockCompactions(_ m: Int) -> Int {
        var j = 0
        while j < levels.count - 1 && (m >> j) > capacity(j) { j += 1 }
        return j
    }

    /// Inserts `m` values in any order, `v[0..<m]` (reordered only when the block
    /// is sorted, see below), and returns Σ(v − `shift`); both that sum and ``sum``
    /// are added in the order given.
    ///
    /// The block is compacted by itself through ``blockCompactions(_:)`` levels
    /// (see the design note), then its survivors are merged at their level and
    /// the sketch is compressed as after any insertion. One pass over the block
    /// makes the sums, its bounds and the bucket counts of the rank selection
    /// (buckets between the sketch's bounds so far: the block's own bounds are
    /// known only after the pass; any bounds give exact ranks). Blocks with
    /// non-finite values, or that reach level 0, are sorted and inserted by
    /// ``insert(sorted:)``'s path. `fullSort` finds the kept ranks by a full sort
    /// instead of ``Kernels/selectCountedRanks``: the same sketch, bit for bit
    /// (the tests' reference).
    @discardableResult
    mutating func insert(block v: UnsafeMutablePointer<Double>, count m: Int, shift: Double,
                         work: RankSelectionWork, fullSort: Bool = false) -> Double {
        guard m > 0 else { return 0 }
        let j = blockCompactions(m)
        let plo = minimum, phi = maximum
        let counting = j > 0 && m <= work.capacity && phi > plo && (phi - plo).isFinite
        let scale = counting ? Kernels.bucketScale(minimum: plo, maximum: phi) : 0
        var lo = v[0], hi = v[0], nonFinite = v[0] - v[0]
        var shifted = 0.0, running = sum
        if counting {
            let keys = work.keys, counts = work.counts
            counts.update(repeating: 0, count: RankSelectionWork.buckets)
            for i in 0..<m {
                let x = v[i]
                shifted += x - shift
                running += x
                lo = x < lo ? x : lo
                hi = x > hi ? x : hi
                nonFinite += x - x
                let key = Kernels.bucketKey(x, minimum: plo, maximum: phi, scale: scale)
                keys[i] = key
                counts[Int(key)] &+= 1
            }
        } else {
            for i in 0..<m {
                let x = v[i]
                shifted += x - shift
                running += x
                lo = x < lo ? x : lo
                hi = x > hi ? x : hi
                nonFinite += x - x
            }
        }
        guard j > 0, nonFinite == 0, m <= work.capacity else {
            if m <= work.capacity { Kernels.radixSort(v, count: m, work: work.radix) } else { Kernels.standardSort(v, count: m) }
            insert(sorted: UnsafeBufferPointer(start: v, count: m), updatedSum: running)
            return shifted
        }
        count += m
        sum = running
        minimum = Swift.min(minimum, lo)
        maximum = Swift.max(maximum, hi)
        // The ranks the j compactions keep: at level h the block's items are the ranks
        // a_h + 2^h·i, i < ⌊m/2^h⌋; an odd count leaves its last item at level h.
        let ranks = work.ranks, leftover = work.leftover
        var a = 0, size = m
        for h in 0..<j {
            coin &+= 1
            let offset = Int(SplitMix64.mix(coin) >> 63)
            leftover[h] = size & 1 == 1 ? a + (size - 1) << h : -1
            a += offset << h
            size >>= 1
        }
        // Kept ranks ascending: the survivors a + 2^j·i, then the leftovers (each above
        // every item kept at the levels over it, not necessarily above the survivors).
        var kept = 0
        for i in 0..<size { ranks[kept] = a + i << j; kept += 1 }
        for h in stride(from: j - 1, through: 0, by: -1) where leftover[h] >= 0 {
            var at = kept
            while at > 0 && ranks[at - 1] > leftover[h] { ranks[at] = ranks[at - 1]; at -= 1 }
            ranks[at] = leftover[h]
            kept += 1
        }
        let values = work.values
        if fullSort || kept * 4 > m || !counting {
            Kernels.radixSort(v, count: m, work: work.radix)
            for i in 0..<kept { values[i] = v[ranks[i]] }
        } else {
            Kernels.selectCountedRanks(v, count: m, ranks: ranks, rankCount: kept, into: values, work: work)
        }
        // Leftovers to their levels; the survivors, compacted to the front of `values`, to level j.
        var survivors = 0
        for i in 0..<kept {
            let r = ranks[i], x = values[i]
            var level = -1
            for h in 0..<j where leftover[h] == r { level = h }
            if level >= 0 {
                if level == 0 { sortLevelZero() }
                levels[level].insert(x, at: Self.upperBound(of: x, in: levels[level]))
            } else {
                values[survivors] = x
                survivors += 1
            }
        }
        levels[j] = Self.merged(levels[j], UnsafeBufferPointer(start: values, count: survivors))
        compress()
        return shifted
    }

    /// The index after the last item not above `x` (a sorted level): where
    /// ``merged(_:_:)`` would put `x` (ties keep the level's items first).
    static func upperBound(of x: Double, in level: [Double]) -> Int {
        var lo = 0, hi = level.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if !(x < level[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
