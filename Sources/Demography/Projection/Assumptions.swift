/// A projection's assumptions as summary indicators, period by period: a TFR
/// and a percentage age pattern of fertility, death rates, the sex ratio at
/// birth, and net migrants by age and sex, or total net migrants with an age-sex
/// pattern (the UN WPP inputs).
///
/// ``inputs(for:)`` turns them into full rates for one of the UN variants.
public struct Assumptions: Sendable {
    /// The population at the start.
    public var basePopulation: Population
    /// The year of the start population.
    public var baseYear: Int
    /// TFR by period start year.
    public var totalFertility: [Int: Double]
    /// The TFR of the low and high variants by period, when the data give them
    /// (WPP 2024 `tfr_low.csv`, `tfr_high.csv`). A period without one takes the
    /// medium TFR with ``ProjectionVariant/fertilityOffset(yearsSinceStart:)``.
    ///
    /// The UN's WPP 2024 low and high TFR are not the medium ∓ 0.25, 0.40, 0.50
    /// of earlier revisions in the first period: 2020–2025 mixes estimated years
    /// (2020–2023, the same in every variant) with projected ones, so its low
    /// TFR is, for example, 0.10 below the medium for Afghanistan. The files
    /// are what the UN projected; the offset rule is the fallback.
    public var variantTotalFertility: [ProjectionVariant: [Int: Double]]
    /// PASFR (percent, summing to 100) by period, on the population's age groups.
    public var fertilityPattern: [Int: [Double]]
    /// nMx by period, on ``deathRateAges``.
    public var deathRates: [Int: BySex<[Double]>]
    /// The age groups of the death rates (single, five-year or abridged).
    public var deathRateAges: AgeStructure
    /// SRB by period.
    public var sexRatioAtBirth: [Int: Double]
    /// Total net migrants (both sexes) during each period.
    public var netMigration: [Int: Double]
    /// Net migrants by age (at migration) and sex during each period, on the
    /// population's age groups, as the UN publishes them since WPP 2019
    /// (`mig_net_count.csv`). A period that has them uses them as they are;
    /// ``netMigration`` and ``migrationPattern`` serve the periods without.
    public var netMigrantsByAge: [Int: BySex<[Double]>]
    /// The age-sex pattern of net migration: shares summing to 1 over both sexes.
    public var migrationPattern: BySex<[Double]>
    /// When migrants enter each step (``MigrationTiming/unWPP`` unless given).
    public var migrationTiming: MigrationTiming
    /// The life-table conventions used to turn nMx into survival ratios.
    public var lifeTableOptions: LifeTableOptions
    /// Fertility and mortality of the reference period for the constant variants
    /// (the estimation period before the projection); nil: the first projection period.
    public var reference: ReferencePeriod?

    /// The inputs of the period before the projection.
    public struct ReferencePeriod: Sendable {
        public var totalFertility: Double
        public var fertilityPattern: [Double]
        public var deathRates: BySex<[Double]>
        public init(totalFertility: Double, fertilityPattern: [Double], deathRates: BySex<[Double]>) {
            self.totalFertility = totalFertility
            self.fertilityPattern = fertilityPattern
            self.deathRates = deathRates
        }
    }

    /// Collects the assumptions; the population's age groups set the grid.
    public init(
        basePopulation: Population, baseYear: Int,
        totalFertility: [Int: Double], fertilityPattern: [Int: [Double]],
        deathRates: [Int: BySex<[Double]>], deathRateAges: AgeStructure,
        sexRatioAtBirth: [Int: Double], netMigration: [Int: Double] = [:],
        netMigrantsByAge: [Int: BySex<[Double]>] = [:],
        migrationPattern: BySex<[Double]>, migrationTiming: MigrationTiming = .unWPP,
        lifeTableOptions: LifeTableOptions = .init(), reference: ReferencePeriod? = nil,
        variantTotalFertility: [ProjectionVariant: [Int: Double]] = [:]
    ) throws(DemographyError) {
        guard basePopulation.ages.uniformWidth != nil else {
            throw .unsupportedStepWidth(ages: basePopulation.ages.description, width: basePopulation.ages.startAges[1])
        }
        let ages = basePopulation.ages
        for sex in Sex.allCases {
            try Validate.finite(migrationPattern[sex], on: ages, name: "\(sex.rawValue) migration pattern")
        }
        for (variant, values) in variantTotalFertility {
            guard variant == .low || variant == .high else {
                throw .invalidParameter(name: "a TFR of its own for the \(variant.rawValue) variant", value: Double(values.count),
                                        expected: "TFR of their own only for the low and high variants")
            }
            for (year, tfr) in values where !(tfr.isFinite && tfr >= 0) {
                throw .invalidParameter(name: "\(variant.rawValue)-variant TFR of \(year)", value: tfr, expected: "a finite number of 0 or more")
            }
        }
        for (year, counts) in netMigrantsByAge {
            for sex in Sex.allCases {
                try Validate.finite(counts[sex], on: ages, name: "\(sex.rawValue) net migrants of \(year)")
            }
        }
        let total = migrationPattern.female.reduce(0, +) + migrationPattern.male.reduce(0, +)
        guard abs(total - 1) < 1e-9 else {
            throw .invalidParameter(name: "sum of the migration pattern over age and sex", value: total, expected: "1")
        }
        self.basePopulation = basePopulation
        self.baseYear = baseYear
        self.totalFertility = totalFertility
        self.variantTotalFertility = variantTotalFertility
        self.fertilityPattern = fertilityPattern
        self.deathRates = deathRates
        self.deathRateAges = deathRateAges
        self.sexRatioAtBirth = sexRatioAtBirth
        self.netMigration = netMigration
        self.netMigrantsByAge = netMigrantsByAge
        self.migrationPattern = migrationPattern
        self.migrationTiming = migrationTiming
        self.lifeTableOptions = lifeTableOptions
        self.reference = reference
    }

    /// z — the step width.
    public var width: Int { basePopulation.ages.uniformWidth ?? 1 }

    /// The period start years that have fertility, mortality and SRB, consecutive from the base year.
    public var periodStartYears: [Int] {
        var years: [Int] = []
        var year = baseYear
        while totalFertility[year] != nil, fertilityPattern[year] != nil, deathRates[year] != nil, sexRatioAtBirth[year] != nil {
            years.append(year)
            year += width
        }
        return years
    }

    /// Full rates for `variant`, ready to project (death rates recomputed into Sx).
    public func inputs(for variant: ProjectionVariant) throws(DemographyError) -> ProjectionInputs {
        let ages = basePopulation.ages
        let years = periodStartYears
        guard let first = years.first else {
            throw .missing(what: "periods with complete assumptions from \(baseYear)", expected: "at least one")
        }
        let referenceMortality = reference?.deathRates ?? deathRates[first] ?? BySex(both: [])
        let referenceFertility = try FertilitySchedule(
            totalFertility: reference?.totalFertility ?? totalFertility[first] ?? 0,
            percentagePattern: reference?.fertilityPattern ?? fertilityPattern[first] ?? [], ages: ages)
        var fertility: [Int: [Double]] = [:]
        var mortality: [Int: BySex<[Double]>] = [:]
        var migrants: [Int: BySex<[Double]>] = [:]
        for year in years {
            let mx = variant.holdsMortalityConstant ? referenceMortality : (deathRates[year] ?? referenceMortality)
            mortality[year] = mx
            let srb = sexRatioAtBirth[year] ?? 1.05
            var schedule: FertilitySchedule
            if variant.holdsFertilityConstant {
                schedule = referenceFertility
            } else {
                let tfr = totalFertility(of: variant, in: year)
                schedule = try FertilitySchedule(totalFertility: tfr, percentagePattern: fertilityPattern[year] ?? [], ages: ages)
            }
            if variant.usesReplacementFertility {
                let female = try LifeTable(sex: .female, ages: deathRateAges, deathRates: mx.female, options: lifeTableOptions)
                schedule = try schedule.scaledToReplacement(lifeTable: female, sexRatioAtBirth: srb)
            }
            fertility[year] = schedule.rates
            if let counts = netMigrantsByAge[year] {
                migrants[year] = variant.hasZeroMigration ? counts.map { $0.map { _ in 0 } } : counts
            } else {
                let total = variant.hasZeroMigration ? 0 : (netMigration[year] ?? 0)
                migrants[year] = migrationPattern.map { $0.map { $0 * total } }
            }
        }
        return try ProjectionInputs(
            basePopulation: basePopulation, baseYear: baseYear,
            deathRates: mortality, deathRateAges: deathRateAges,
            fertilityRates: fertility, sexRatioAtBirth: sexRatioAtBirth,
            netMigrants: migrants,
            migrationTiming: Dictionary(uniqueKeysWithValues: years.map { ($0, migrationTiming) }))
    }

    /// The TFR of `variant` in the period starting in `year`: the variant's own
    /// (``variantTotalFertility``) when given, else the medium TFR plus
    /// ``ProjectionVariant/fertilityOffset(yearsSinceStart:)`` (never below 0).
    public func totalFertility(of variant: ProjectionVariant, in year: Int) -> Double {
        if let own = variantTotalFertility[variant]?[year] { return own }
        return max(0, (totalFertility[year] ?? 0) + variant.fertilityOffset(yearsSinceStart: year - baseYear))
    }

    /// The projection of `variant`.
    public func projection(_ variant: ProjectionVariant) throws(DemographyError) -> Projection {
        try inputs(for: variant).projection(survival: .recompute(lifeTableOptions))
    }
}

extension Assumptions {
    /// The same assumptions with migrants entering every step with `timing`.
    ///
    /// Nothing else changes: a migration pattern estimated by the residual
    /// method under another timing is estimated again with
    /// ``withResidualMigrationPattern(from:sexRatioAtBirth:)`` after this.
    public func withMigrationTiming(_ timing: MigrationTiming) -> Assumptions {
        var copy = self
        copy.migrationTiming = timing
        return copy
    }

    /// The same assumptions with the age-sex pattern of net migration estimated
    /// by the residual method over the estimation period before the projection.
    ///
    /// The estimation period runs from `start` to ``basePopulation`` under the
    /// rates of ``reference`` (TFR, PASFR and nMx, turned into Sx with
    /// ``lifeTableOptions``) and `sexRatioAtBirth` (default: the SRB of the base
    /// year, else 1.05); migrants enter with ``migrationTiming``. The residual
    /// migrants of that step, by age and sex, become shares summing to 1.
    ///
    /// Source: ``ResidualMigration`` (Preston, Heuveline & Guillot 2001, ch. 1,
    /// the balancing equation; DemoTools `mig_resid`).
    /// - Throws: ``DemographyError`` when there is no reference period or its
    ///   rates do not fit the population's age groups.
    public func withResidualMigrationPattern(from start: Population, sexRatioAtBirth: Double? = nil)
        throws(DemographyError) -> Assumptions {
        guard let reference else {
            throw .invalidParameter(name: "estimation-period rates (hist_mx.csv, hist_tfr.csv or hist_asfr.csv)",
                                    value: 0, expected: "present for the residual method")
        }
        func survival(_ sex: Sex) throws(DemographyError) -> [Double] {
            try LifeTable(sex: sex, ages: deathRateAges, deathRates: reference.deathRates[sex], options: lifeTableOptions)
                .survivalRatios(width: width).values
        }
        let sx = BySex(female: try survival(.female), male: try survival(.male))
        let fertility = try FertilitySchedule(totalFertility: reference.totalFertility,
                                              percentagePattern: reference.fertilityPattern, ages: basePopulation.ages)
        let residual = try ResidualMigration(start: start, end: basePopulation, survivalRatios: sx,
                                             fertilityRates: fertility.rates,
                                             sexRatioAtBirth: sexRatioAtBirth ?? self.sexRatioAtBirth[baseYear] ?? 1.05,
                                             timing: migrationTiming)
        var copy = self
        copy.migrationPattern = try residual.pattern().shares
        return copy
    }
}
