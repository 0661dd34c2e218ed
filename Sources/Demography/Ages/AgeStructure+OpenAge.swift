extension AgeStructure {
    /// The same groups below `openAge`, with `openAge` the new open group: a 100+
    /// grid closed at 85 is 0–4, …, 80–84, 85+. `openAge` must be one of the start
    /// ages after the first two (two closed groups are left), at most ω.
    public func closed(at openAge: Int) throws(DemographyError) -> AgeStructure {
        guard let index = index(ofStartAge: openAge), index >= 2 else {
            throw .invalidAgeStructure(reason: "\(openAge)+ cannot be the open age group of \(self): it is not one of its start ages above the first two")
        }
        return try AgeStructure(startAges: Array(startAges[...index]))
    }

    /// Counts on `self` with the groups from `openAge` up summed into the open
    /// group `openAge`+ (``closed(at:)``): the groups below are kept as they are,
    /// so the total is kept exactly.
    public func summingOpenGroup(_ counts: [Double], at openAge: Int) throws(DemographyError) -> [Double] {
        guard counts.count == count else {
            throw .lengthMismatch(schedule: "counts to regroup", expected: count, found: counts.count)
        }
        let target = try closed(at: openAge)
        return Array(counts[..<(target.count - 1)]) + [counts[(target.count - 1)...].reduce(0, +)]
    }

    /// Rates on `self` with the groups from `openAge` up combined into the open
    /// group `openAge`+ as their mean weighted by `weights` (the population
    /// exposed, one per group): Σ w·r / Σ w, which keeps the events the rates
    /// give that population. Where the weights sum to 0 the plain mean is taken.
    /// The groups below are kept as they are.
    public func weightedOpenGroup(_ rates: [Double], weights: [Double], at openAge: Int) throws(DemographyError) -> [Double] {
        guard rates.count == count, weights.count == count else {
            throw .lengthMismatch(schedule: "rates to regroup", expected: count, found: rates.count == count ? weights.count : rates.count)
        }
        let target = try closed(at: openAge)
        let top = (target.count - 1)..<count
        let exposure = top.reduce(0.0) { $0 + weights[$1] }
        let combined = exposure > 0
            ? top.reduce(0.0) { $0 + weights[$1] * rates[$1] } / exposure
            : top.reduce(0.0) { $0 + rates[$1] } / Double(top.count)
        return Array(rates[..<(target.count - 1)]) + [combined]
    }

    /// The grid as messages show it: the first groups, the open group, and what
    /// kind of grid it is — "0-4, 5-9 ... 100+ (5-year, open 100+)",
    /// "0, 1-4, 5-9 ... 85+ (abridged, open 85+)", "0, 1, 2 ... 100+ (single
    /// years, open 100+)".
    public var summary: String {
        let kind: String
        if let n = uniformWidth { kind = n == 1 ? "single years" : "\(n)-year" } else { kind = isAbridged ? "abridged" : "irregular" }
        let shown = Swift.min(3, count - 1)
        let head = (0..<shown).map { label(at: $0) }.joined(separator: ", ")
        let gap = count - 1 > shown ? " ..." : ","
        return "\(head)\(gap) \(openAge)+ (\(kind), open \(openAge)+)"
    }
}
