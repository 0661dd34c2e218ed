/// The rates of a multiregional projection step: mortality and fertility per
/// region, and the internal migration between regions.
///
/// All rates are annual occurrence/exposure rates (Willekens & Rogers 1978,
/// Table 1.3): deaths, births and moves per person-year of the age-sex group in
/// the region of residence. The width n of the age groups is the length of the
/// projection step.
public struct MultiregionalRates: Hashable, Sendable {
    /// The region names.
    public let regions: [String]
    /// The age groups; all closed groups have the width n.
    public let ages: AgeStructure
    /// The sexes held: `[.female]` (fertility counts daughters) or `[.female, .male]`.
    public let sexes: [Sex]
    /// n — the width of the age groups and of the projection step, in years.
    public let width: Int
    /// ᵢnMx — death rates, region fastest, then age, then sex.
    public let deathRates: [Double]
    /// ₙOᵢⱼ(x) — internal migration rates.
    public let migration: MigrationFlowMatrix
    /// ᵢnFx — births per woman per year by age of mother, region fastest, then age.
    /// With females only these are daughters per woman.
    public let fertilityRates: [Double]
    /// SRB — male births per female birth (used only when both sexes are held).
    public let sexRatioAtBirth: Double

    /// Checks and stores the rates.
    ///
    /// - Throws: when the age groups are not of one width, a rate is negative or
    ///   not finite, a death rate is subnormal (see ``MigrationFlowMatrix``), a death rate of the open age group is not positive (the
    ///   open group's rate matrix must be invertible), the migration rates are
    ///   for other regions, ages or sexes, or the sex ratio at birth is not
    ///   positive when both sexes are held.
    public init(
        regions: [String], ages: AgeStructure, sexes: [Sex] = [.female, .male],
        deathRate: (_ region: Int, _ sex: Sex) -> [Double],
        migration: MigrationFlowMatrix,
        fertilityRate: (_ region: Int) -> [Double],
        sexRatioAtBirth: Double = 1.05
    ) throws(DemographyError) {
        try MultiregionalPopulation.checkShape(regions: regions, sexes: sexes)
        guard let width = ages.uniformWidth, ages.count >= 3 else {
            throw .unsupportedStepWidth(ages: ages.description, width: ages.startAges[1])
        }
        guard migration.regions == regions, migration.ages == ages, migration.sexes == sexes else {
            throw .ageStructureMismatch(
                left: "rates: \(regions.count) regions, \(ages), \(sexes.map(\.rawValue))",
                right: "migration rates: \(migration.regions.count) regions, \(migration.ages), \(migration.sexes.map(\.rawValue))")
        }
        if sexes.count == 2 { try Validate.positive(sexRatioAtBirth, name: "sex ratio at birth") }
        let r = regions.count, a = ages.count
        var deaths = [Double](repeating: 0, count: sexes.count * a * r)
        var fertility = [Double](repeating: 0, count: a * r)
        for i in 0..<r {
            for (s, sex) in sexes.enumerated() {
                let m = deathRate(i, sex)
                let name = "\(sex.rawValue) death rates of \(regions[i])"
                try Validate.schedule(m, on: ages, name: name)
                for (x, v) in m.enumerated() where v != 0 && !v.isNormal {
                    throw .invalidParameter(name: "\(name) at age \(ages.startAges[x])", value: v,
                                            expected: MigrationFlowMatrix.subnormalExpectation)
                }
                guard m[a - 1] > 0 else {
                    throw .invalidParameter(name: "\(name) in the open age group \(ages.openAge)+", value: m[a - 1],
                                            expected: "a rate above 0 (everyone in the open group dies eventually)")
                }
                for x in 0..<a { deaths[(s * a + x) * r + i] = m[x] }
            }
            let f = fertilityRate(i)
            try Validate.schedule(f, on: ages, name: "fertility rates of \(regions[i])")
            for x in 0..<a { fertility[x * r + i] = f[x] }
        }
        self.regions = regions
        self.ages = ages
        self.sexes = sexes
        self.width = width
        self.deathRates = deaths
        self.migration = migration
        self.fertilityRates = fertility
        self.sexRatioAtBirth = sexes.count == 2 ? sexRatioAtBirth : 0
    }

    /// ᵢnMx of `region` and `sex` by age group.
    public func deathRates(region: Int, sex: Sex) -> [Double] {
        guard let s = sexes.firstIndex(of: sex) else { return [] }
        let r = regions.count
        return (0..<ages.count).map { deathRates[(s * ages.count + $0) * r + region] }
    }

    /// ᵢnFx of `region` by age group of mother.
    public func fertilityRates(region: Int) -> [Double] {
        (0..<ages.count).map { fertilityRates[$0 * regions.count + region] }
    }

    /// The share of births that are girls: 1/(1 + SRB), or 1 with females only.
    public var femaleShareOfBirths: Double { sexes.count == 2 ? 1 / (1 + sexRatioAtBirth) : 1 }
}
