/// Where a projection's survival ratios come from.
public enum SurvivalSource: Sendable, Hashable {
    /// The survival ratios Sx given with the inputs, used as they are.
    case given
    /// Survival ratios recomputed from the death rates nMx with a life table.
    case recompute(LifeTableOptions)
}

/// The inputs of a projection, period by period, before they become steps.
///
/// Periods are keyed by their start year; the projection runs from
/// ``baseYear`` in steps of ``width`` years for as long as every input is there.
public struct ProjectionInputs: Sendable {
    /// The population at the start.
    public var basePopulation: Population
    /// The year of the start population.
    public var baseYear: Int
    /// z — the step width, equal to the width of the population's age groups.
    public var width: Int
    /// Sx by period, on the population's age groups (if given).
    public var survivalRatios: [Int: BySex<[Double]>]
    /// nMx by period, on ``deathRateAges`` (if given).
    public var deathRates: [Int: BySex<[Double]>]
    /// The age groups of ``deathRates`` (single, five-year or abridged).
    public var deathRateAges: AgeStructure?
    /// ASFR by period, on the population's age groups.
    public var fertilityRates: [Int: [Double]]
    /// SRB by period.
    public var sexRatioAtBirth: [Int: Double]
    /// Net migrant counts by period, on the population's age groups.
    public var netMigrants: [Int: BySex<[Double]>]
    /// Net migration rates (per person per year) by period, on the population's age groups.
    public var netMigrationRates: [Int: BySex<[Double]>] = [:]
    /// Migration timing by period, as the data state it; a period without an
    /// entry is projected with ``MigrationTiming/unWPP``.
    public var migrationTiming: [Int: MigrationTiming]

    /// Collects the inputs; the age groups of the population set the grid.
    public init(
        basePopulation: Population, baseYear: Int,
        survivalRatios: [Int: BySex<[Double]>] = [:],
        deathRates: [Int: BySex<[Double]>] = [:], deathRateAges: AgeStructure? = nil,
        fertilityRates: [Int: [Double]], sexRatioAtBirth: [Int: Double],
        netMigrants: [Int: BySex<[Double]>] = [:], migrationTiming: [Int: MigrationTiming] = [:]
    ) throws(DemographyError) {
        try Self.checkBasePopulation(basePopulation)
        guard let width = basePopulation.ages.uniformWidth else {
            throw .unsupportedStepWidth(ages: basePopulation.ages.description, width: basePopulation.ages.startAges[1])
        }
        self.basePopulation = basePopulation
        self.baseYear = baseYear
        self.width = width
        self.survivalRatios = survivalRatios
        self.deathRates = deathRates
        self.deathRateAges = deathRateAges
        self.fertilityRates = fertilityRates
        self.sexRatioAtBirth = sexRatioAtBirth
        self.netMigrants = netMigrants
        self.migrationTiming = migrationTiming
    }

    /// Refuses a base population that cannot be projected.
    ///
    /// - A projection moves each closed group into the next and the last closed
    ///   group into the open one, so it needs at least two closed groups below
    ///   ω+ (0, 1, 2+ at the least); 0, 1+ is a single closed group.
    /// - A population of 0 in every age group has no people to project: its growth
    ///   rate, median age and age shares are undefined, and any rate of it would
    ///   divide by 0. A dataset that gives it is almost certainly a file of zeros.
    public static func checkBasePopulation(_ population: Population) throws(DemographyError) {
        let ages = population.ages
        guard ages.count >= 3 else {
            let groups = (0..<ages.count).map { ages.label(at: $0) }.joined(separator: ", ")
            throw .invalidAgeStructure(reason: "the base population has the age groups \(groups): a projection needs at least two closed age groups below the open age group")
        }
        guard population.total > 0 else {
            throw .invalidParameter(name: "the base population", value: population.total,
                                    expected: "people to project (it is 0 in every age group and sex)")
        }
    }

    /// The start years of the periods that have every input, consecutive from the base year.
    public func periodStartYears(survival: SurvivalSource, through lastYear: Int? = nil) -> [Int] {
        var years: [Int] = []
        var year = baseYear
        while lastYear.map({ year < $0 }) ?? true {
            let hasSurvival: Bool
            switch survival {
            case .given: hasSurvival = survivalRatios[year] != nil
            case .recompute: hasSurvival = deathRates[year] != nil
            }
            guard hasSurvival, fertilityRates[year] != nil, sexRatioAtBirth[year] != nil else { break }
            years.append(year)
            year += width
        }
        return years
    }

    /// The timing of the period starting in `year`: what the data state, else
    /// ``MigrationTiming/unWPP``.
    public func migrationTiming(for year: Int) -> MigrationTiming {
        migrationTiming[year] ?? .unWPP
    }

    /// The same inputs with migrants entering every period with `timing`,
    /// whatever the data state.
    public func withMigrationTiming(_ timing: MigrationTiming) -> ProjectionInputs {
        var years = Set(migrationTiming.keys)
        for keys in [survivalRatios.keys, deathRates.keys, netMigrants.keys, netMigrationRates.keys] { years.formUnion(keys) }
        years.formUnion(fertilityRates.keys)
        years.formUnion(sexRatioAtBirth.keys)
        var copy = self
        copy.migrationTiming = Dictionary(uniqueKeysWithValues: years.map { ($0, timing) })
        return copy
    }

    /// The projection these inputs define.
    ///
    /// - Parameters:
    ///   - survival: given Sx, or Sx recomputed from nMx with a life table.
    ///   - overrideTiming: a timing for every period, whatever the inputs say
    ///     (the same as projecting ``withMigrationTiming(_:)``).
    ///   - migrationScale: a factor applied to every migrant count (1 by default).
    ///   - lastYear: stop at this year (default: as long as inputs last).
    public func projection(
        survival: SurvivalSource,
        overrideTiming: MigrationTiming? = nil,
        migrationScale: Double = 1,
        through lastYear: Int? = nil
    ) throws(DemographyError) -> Projection {
        var steps: [ProjectionStep] = []
        for year in periodStartYears(survival: survival, through: lastYear) {
            steps.append(try step(year, survival: survival, timing: overrideTiming ?? migrationTiming(for: year),
                                  migrationScale: migrationScale))
        }
        return try Projection(start: basePopulation, startYear: baseYear, steps: steps)
    }

    /// The step of the period starting in `year` (nil when no period starts then:
    /// `year` is not one of ``periodStartYears(survival:through:)``).
    ///
    /// Periods start at the base year and every z years after, for as long as
    /// every input is there.
    public func step(startingIn year: Int, survival: SurvivalSource) throws(DemographyError) -> ProjectionStep? {
        let offset = year - baseYear
        guard offset >= 0, offset % width == 0, periodStartYears(survival: survival, through: year + width).last == year else {
            return nil
        }
        return try step(year, survival: survival, timing: migrationTiming(for: year), migrationScale: 1)
    }

    /// The step of the period starting in `year`, whose inputs are there.
    private func step(_ year: Int, survival: SurvivalSource, timing: MigrationTiming,
                      migrationScale: Double) throws(DemographyError) -> ProjectionStep {
        let zero = BySex(both: [Double](repeating: 0, count: basePopulation.ages.count))
        let sx = try survivalRatios(for: year, source: survival)
        let migrants = (netMigrants[year] ?? zero).map { $0.map { $0 * migrationScale } }
        return try ProjectionStep(
            ages: basePopulation.ages, survivalRatios: sx,
            fertilityRates: fertilityRates[year] ?? zero.female,
            sexRatioAtBirth: sexRatioAtBirth[year] ?? 1.05,
            netMigrants: migrants,
            netMigrationRates: netMigrationRates[year],
            migrationTiming: timing)
    }

    /// Sx of the period starting in `year`, given or from a life table of nMx.
    public func survivalRatios(for year: Int, source: SurvivalSource) throws(DemographyError) -> BySex<[Double]> {
        switch source {
        case .given:
            guard let sx = survivalRatios[year] else {
                throw .missing(what: "survival ratios for \(year)", expected: "survival ratios for every period")
            }
            return sx
        case .recompute(let options):
            guard let mx = deathRates[year], let mxAges = deathRateAges else {
                throw .missing(what: "death rates for \(year)", expected: "death rates for every period")
            }
            func ratios(_ sex: Sex) throws(DemographyError) -> [Double] {
                let table = try LifeTable(sex: sex, ages: mxAges, deathRates: mx[sex], options: options)
                return try table.survivalRatios(width: width).values
            }
            return BySex(female: try ratios(.female), male: try ratios(.male))
        }
    }

    /// e0 by sex for each period from its death rates (nil when only Sx are given).
    public func lifeExpectancies(options: LifeTableOptions, through lastYear: Int? = nil) -> [BySex<Double>]? {
        guard let mxAges = deathRateAges else { return nil }
        var out: [BySex<Double>] = []
        for year in periodStartYears(survival: .recompute(options), through: lastYear) {
            guard let mx = deathRates[year],
                  let female = try? LifeTable(sex: .female, ages: mxAges, deathRates: mx.female, options: options),
                  let male = try? LifeTable(sex: .male, ages: mxAges, deathRates: mx.male, options: options) else { return nil }
            out.append(BySex(female: female.lifeExpectancyAtBirth, male: male.lifeExpectancyAtBirth))
        }
        return out
    }
}
