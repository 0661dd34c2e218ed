/// nPx(t) — persons by age group and sex at one instant.
public struct Population: Hashable, Sendable {
    /// The age groups.
    public let ages: AgeStructure
    /// Counts by sex, one per age group, youngest first.
    public var counts: BySex<[Double]>

    /// Pairs counts with age groups; counts must be finite, non-negative and one per group.
    public init(ages: AgeStructure, counts: BySex<[Double]>) throws(DemographyError) {
        for sex in Sex.allCases {
            try Validate.schedule(counts[sex], on: ages, name: "\(sex.rawValue) population")
        }
        self.ages = ages
        self.counts = counts
    }

    /// Counts taken as they are (kernels and steps that already hold valid values).
    init(trusted ages: AgeStructure, counts: BySex<[Double]>) {
        self.ages = ages
        self.counts = counts
    }

    /// The population of both sexes at all ages.
    public var total: Double { counts.female.reduce(0, +) + counts.male.reduce(0, +) }

    /// The population of one sex at all ages.
    public func total(_ sex: Sex) -> Double { counts[sex].reduce(0, +) }
}
