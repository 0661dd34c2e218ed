/// Single-year counts from five-year groups, keeping every group total.
///
/// Closed groups 0–4, 5–9, …, (ω−5)–(ω−1) are split with a ``GraduationMethod``
/// (Sprague by default); the open group ω+ is kept as it is (extend it with
/// ``OpenAgeExtension``).
///
/// **Negative values.** Osculatory methods can give a negative single year where
/// counts change sharply between groups (few persons at the oldest ages, an
/// empty group next to a full one). Counts cannot be negative, so a group with
/// any negative single-year value is split uniformly instead (its total over
/// five), the fallback of DemoTools' wrappers; its total is kept, and the
/// groups where it happened are reported.
///
/// **Measurement (choice of the default).** See ``GraduationMethod``: on the 472
/// WPP 2024 base populations Sprague falls back in 153 groups (of 9 440), Beers
/// (ordinary) in 203.
///
/// Sources: Shryock & Siegel (1976), ch. 22; Siegel & Swanson (2004),
/// pp. 727–729; DemoTools `graduate_sprague`, `graduate_beers`, `graduate_uniform`.
public enum CountGraduation {
    /// Single-year counts and the groups split uniformly because the method gave
    /// a negative count there.
    public struct Result: Sendable, Hashable {
        /// One value per single year of the closed groups (5 per group).
        public var values: [Double]
        /// Indices of the closed groups that fell back to a uniform split.
        public var uniformGroups: [Int]
    }

    /// Splits non-negative five-year totals into single years.
    /// - Throws: for a negative or non-finite total, or too few groups for the method.
    public static func split(_ totals: [Double], method: GraduationMethod = .standard) throws(DemographyError) -> Result {
        for (i, v) in totals.enumerated() where !(v.isFinite && v >= 0) {
            if v.isFinite { throw .negativeValue(schedule: "five-year counts", age: 5 * i, value: v) }
            throw .nonFiniteValue(schedule: "five-year counts", age: 5 * i, value: v)
        }
        var values = try method.split(totals)
        var uniform: [Int] = []
        for g in totals.indices where values[(5 * g)..<(5 * g + 5)].contains(where: { $0 < 0 }) {
            for x in (5 * g)..<(5 * g + 5) { values[x] = totals[g] / 5 }
            uniform.append(g)
        }
        return Result(values: values, uniformGroups: uniform)
    }

    /// A population on five-year groups 0–4, …, ω+ as single years 0, 1, …, ω−1, ω+
    /// (the open group kept); the uniform fallbacks, if any, are in `uniformGroups`.
    public static func singleYears(_ population: Population, method: GraduationMethod = .standard)
        throws(DemographyError) -> (population: Population, uniformGroups: BySex<[Int]>) {
        let ages = population.ages
        guard ages.uniformWidth == 5 else {
            throw .invalidAgeStructure(reason: "graduation to single years needs five-year groups 0-4, 5-9, ..., not \(ages)")
        }
        let single = try AgeStructure.singleYear(openAge: ages.openAge)
        var fallbacks = BySex<[Int]>(both: [])
        var counts = BySex<[Double]>(both: [])
        for sex in Sex.allCases {
            let c = population.counts[sex]
            let result = try split(Array(c.dropLast()), method: method)
            counts[sex] = result.values + [c[c.count - 1]]
            fallbacks[sex] = result.uniformGroups
        }
        return (try Population(ages: single, counts: counts), fallbacks)
    }

    /// Signed five-year values (net migrants) on groups 0–4, …, ω+ as single years
    /// 0, …, ω−1, ω+, the open group kept; no fallback, since negative values are
    /// meaningful. Group totals are kept by the method.
    public static func signedSingleYears(_ values: [Double], method: GraduationMethod = .standard) throws(DemographyError) -> [Double] {
        guard let open = values.last else {
            throw .invalidAgeStructure(reason: "no age groups to graduate")
        }
        return try method.split(Array(values.dropLast())) + [open]
    }
}
