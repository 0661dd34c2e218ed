/// ᵢnPx(t) — persons by region i, age group and sex at one instant.
///
/// The regions keep the names they have in the input. A population holds
/// either females only (the one-sex model of Rogers 1975 and Willekens & Rogers
/// 1978, whose fertility counts daughters) or both sexes, always females first.
///
/// Storage is one contiguous array, **region fastest, then age, then sex**:
/// element (sex s, age group x, region r) is `counts[(s·A + x)·R + r]`. Each
/// age-sex group is then one vector of R regions, the operand of the
/// region-to-region exchange (see ``MultiregionalStep``).
public struct MultiregionalPopulation: Hashable, Sendable {
    /// The region names, in the order of the storage.
    public let regions: [String]
    /// The age groups.
    public let ages: AgeStructure
    /// The sexes held: `[.female]` or `[.female, .male]`.
    public let sexes: [Sex]
    /// Counts, region fastest, then age, then sex.
    public internal(set) var counts: [Double]

    /// Builds a population from the counts of each region and sex, youngest age first.
    ///
    /// - Throws: when a region name is empty or repeated, the sexes are not
    ///   `[.female]` or `[.female, .male]`, or a count is missing, negative or not finite.
    public init(
        regions: [String], ages: AgeStructure, sexes: [Sex] = [.female, .male],
        counts: (_ region: Int, _ sex: Sex) -> [Double]
    ) throws(DemographyError) {
        try MultiregionalPopulation.checkShape(regions: regions, sexes: sexes)
        let a = ages.count, r = regions.count
        var storage = [Double](repeating: 0, count: sexes.count * a * r)
        for (s, sex) in sexes.enumerated() {
            for region in 0..<r {
                let values = counts(region, sex)
                try Validate.schedule(values, on: ages, name: "\(sex.rawValue) population of \(regions[region])")
                for x in 0..<a { storage[(s * a + x) * r + region] = values[x] }
            }
        }
        self.regions = regions
        self.ages = ages
        self.sexes = sexes
        self.counts = storage
    }

    /// Counts taken as they are (steps and kernels that already hold valid values).
    init(trusted regions: [String], ages: AgeStructure, sexes: [Sex], counts: [Double]) {
        self.regions = regions
        self.ages = ages
        self.sexes = sexes
        self.counts = counts
    }

    /// R — the number of regions.
    public var regionCount: Int { regions.count }

    /// The index of `sex` in the storage, or nil when the population does not hold it.
    public func sexIndex(_ sex: Sex) -> Int? { sexes.firstIndex(of: sex) }

    /// The index of the region named `name`.
    public func regionIndex(_ name: String) -> Int? { regions.firstIndex(of: name) }

    /// ᵢnPx — the counts of `region` and `sex` by age group (zeros for a sex not held).
    public func counts(region: Int, sex: Sex) -> [Double] {
        let a = ages.count, r = regions.count
        guard let s = sexIndex(sex) else { return [Double](repeating: 0, count: a) }
        return (0..<a).map { counts[(s * a + $0) * r + region] }
    }

    /// The count in one cell.
    public func count(region: Int, sex: Sex, ageIndex: Int) -> Double {
        guard let s = sexIndex(sex) else { return 0 }
        return counts[(s * ages.count + ageIndex) * regions.count + region]
    }

    /// The population of `region` as a single-region ``Population`` (a sex not held is zero).
    public func population(region: Int) -> Population {
        Population(trusted: ages, counts: BySex { counts(region: region, sex: $0) })
    }

    /// Σᵢ ᵢnPx — the sum over regions, to compare with a national projection.
    public func aggregate() -> Population {
        let a = ages.count, r = regions.count
        var total = BySex(both: [Double](repeating: 0, count: a))
        for (s, sex) in sexes.enumerated() {
            for x in 0..<a {
                var sum = 0.0
                for i in 0..<r { sum += counts[(s * a + x) * r + i] }
                total[sex][x] = sum
            }
        }
        return Population(trusted: ages, counts: total)
    }

    /// The population of `region`, all ages and sexes.
    public func total(region: Int) -> Double {
        let a = ages.count, r = regions.count
        var sum = 0.0
        for g in 0..<(sexes.count * a) { sum += counts[g * r + region] }
        return sum
    }

    /// The population of all regions, ages and sexes.
    public var total: Double { counts.reduce(0, +) }

    static func checkShape(regions: [String], sexes: [Sex]) throws(DemographyError) {
        guard !regions.isEmpty else {
            throw .missing(what: "regions of a multiregional population", expected: "at least one region")
        }
        var seen = Set<String>()
        for name in regions {
            guard !name.isEmpty, seen.insert(name).inserted else {
                throw .invalidParameter(name: "region \"\(name)\"", value: Double(seen.count),
                                        expected: "a non-empty name given once")
            }
        }
        guard sexes == [.female] || sexes == [.female, .male] else {
            throw .invalidParameter(name: "number of sexes", value: Double(sexes.count),
                                    expected: "females only, or females and males in that order")
        }
    }
}
