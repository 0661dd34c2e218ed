extension AgeStructure {
    /// Whether every group of `self` lies inside one group of `coarser`: the
    /// same open age ω, and every start age of `coarser` one of `self`'s.
    public func nests(in coarser: AgeStructure) -> Bool {
        coarser.openAge == openAge && coarser.startAges.allSatisfy(startAges.contains)
    }

    /// The sums of `values` (one per group of `self`) over the groups of
    /// `coarser`, which `self` must nest in (``nests(in:)``; callers check it
    /// and word their own error).
    func sums(_ values: [Double], into coarser: AgeStructure) -> [Double] {
        var out = [Double](repeating: 0, count: coarser.count)
        var g = 0
        for i in 0..<Swift.min(count, values.count) {
            while g + 1 < coarser.count && startAges[i] >= coarser.startAges[g + 1] { g += 1 }
            out[g] += values[i]
        }
        return out
    }
}
