// Checks of the sketch's state, compiled only with `-DDEMOGRAPHY_CHECKS`
// (`swift build -Xswiftc -DDEMOGRAPHY_CHECKS`); in other builds
// `checkInvariants()` is empty and inlined away. They run after each
// compaction (every insert that compacts, every batch insert and every merge).

extension QuantileSketch {
    #if DEMOGRAPHY_CHECKS
    /// Traps unless the levels are consistent with the values inserted:
    ///
    /// - at least one level; every level above 0 is sorted ascending (level 0
    ///   too, once it has been sorted for a compaction);
    /// - Σ_h |level h|·2^h = n: a compaction promotes half of an even number of
    ///   items with twice the weight, so the weight is conserved exactly;
    /// - every item lies within [minimum, maximum], and minimum ≤ maximum when n > 0.
    ///
    /// - Complexity: O(retained items), about 3k.
    @inline(never)
    func checkInvariants() {
        precondition(!levels.isEmpty, "quantile sketch: no level")
        precondition(count >= 0, "quantile sketch: count \(count)")
        var weight = 0
        for (h, level) in levels.enumerated() {
            if h > 0 || levelZeroSorted {
                for i in level.indices.dropFirst() {
                    // `!(b < a)` rather than `a <= b`, so that NaN values do not trap here.
                    precondition(!(level[i] < level[i - 1]), "quantile sketch: level \(h) is not sorted at \(i)")
                }
            }
            for v in level {
                precondition(!(v < minimum) && !(v > maximum), "quantile sketch: item \(v) outside [minimum, maximum]")
            }
            weight += level.count << h
        }
        precondition(weight == count, "quantile sketch: retained weight \(weight) for \(count) values")
        precondition(count == 0 || !(minimum > maximum), "quantile sketch: minimum above maximum")
    }
    #else
    /// Empty unless built with `-DDEMOGRAPHY_CHECKS` (see QuantileSketch+Invariants.swift).
    @inline(__always)
    func checkInvariants() {}
    #endif
}
