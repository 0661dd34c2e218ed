/// One cohort-component projection step of width z on an age grid of the same width.
///
/// Holds a step's rates: survival ratios Sx, age-specific fertility nFx, the sex
/// ratio at birth and net migrant counts with their timing. ``apply(to:)``
/// follows the UN Population Division's CCMPP (ccmppWPP
/// `project_ccmpp_z_by_z`; Preston, Heuveline & Guillot 2001, ch. 6):
///
/// 1. **Migration guard.** Where a net outflow would empty a group, M(x) < 0 and
///    P(x) + M(x) ≤ 0, it is reduced so that 1e-5 persons remain:
///    M(x) = 1e-5 − P(x) (the comparison uses the start population at the same
///    index, whatever the timing).
/// 2. A share h of the migrants (0 for ``MigrationTiming/endOfStep``, ½ for
///    ``MigrationTiming/evenlyDuringStep``) joins the start population.
/// 3. Cohorts survive one group up: P'(x) = S(x)·P(x−z); the open group merges
///    the last closed group with itself: P'(ω) = S(ω)·(P(ω−z) + P(ω)). Cohort
///    deaths are the complements, indexed by the group reached at the end.
/// 4. Births B(x) = z·F(x)·(P_f(x) + P'_f(x))/2, none in the first or open group;
///    female births B/(1 + SRB), male births the rest; P'(0) = B_sex·S(0).
/// 5. The rest of the migrants, (1 − h)·M, is added. (With `even` timing this
///    happens before births are counted.)
/// 6. **Floor.** Any end population below zero is set to 0.0005.
///
/// Steps 1 and 6 are reported in ``StepResult/adjustments``.
public struct ProjectionStep: Sendable {
    /// The age groups; every closed group is ``width`` years wide.
    public let ages: AgeStructure
    /// z — the length of the step in years.
    public let width: Int
    /// Sx — by the age group reached at the end of the step; S(0) survives births.
    public let survivalRatios: BySex<[Double]>
    /// nFx — births per woman per year, by age group of mother.
    public let fertilityRates: [Double]
    /// SRB — male births per female birth.
    public let sexRatioAtBirth: Double
    /// Net migrant counts during the step, by age group and sex.
    public let netMigrants: BySex<[Double]>
    /// Net migration rates per person per year, by age group and sex (optional):
    /// they add rate × z × P(x) migrants, P the population at the start of the step.
    public let netMigrationRates: BySex<[Double]>?
    /// When the migrants enter.
    public let migrationTiming: MigrationTiming

    /// Builds and checks a step: one value per age group, finite, non-negative
    /// rates and survival ratios, a positive sex ratio at birth.
    public init(
        ages: AgeStructure,
        survivalRatios: BySex<[Double]>,
        fertilityRates: [Double],
        sexRatioAtBirth: Double,
        netMigrants: BySex<[Double]>? = nil,
        netMigrationRates: BySex<[Double]>? = nil,
        migrationTiming: MigrationTiming = .endOfStep
    ) throws(DemographyError) {
        guard let width = ages.uniformWidth else {
            throw .unsupportedStepWidth(ages: ages.description, width: ages.startAges[1])
        }
        guard ages.count >= 3 else {
            throw .invalidAgeStructure(reason: "a projection needs at least two closed age groups")
        }
        for sex in Sex.allCases {
            try Validate.schedule(survivalRatios[sex], on: ages, name: "\(sex.rawValue) survival ratios")
        }
        try Validate.schedule(fertilityRates, on: ages, name: "fertility rates")
        try Validate.positive(sexRatioAtBirth, name: "sex ratio at birth")
        let migrants = netMigrants ?? BySex(both: [Double](repeating: 0, count: ages.count))
        for sex in Sex.allCases {
            try Validate.finite(migrants[sex], on: ages, name: "\(sex.rawValue) net migrants")
        }
        self.ages = ages
        self.width = width
        self.survivalRatios = survivalRatios
        self.fertilityRates = fertilityRates
        self.sexRatioAtBirth = sexRatioAtBirth
        if let netMigrationRates {
            for sex in Sex.allCases {
                try Validate.finite(netMigrationRates[sex], on: ages, name: "\(sex.rawValue) net migration rates")
            }
        }
        self.netMigrants = migrants
        self.netMigrationRates = netMigrationRates
        self.migrationTiming = migrationTiming
    }

    /// Projects `population` forward by one step.
    public func apply(to population: Population) throws(DemographyError) -> StepResult {
        guard population.ages == ages else {
            throw .ageStructureMismatch(left: "population: \(population.ages)", right: "step rates: \(ages)")
        }
        let n = ages.count
        var adjustments: [StepAdjustment] = []
        let applied = guardedMigrants(for: population, adjustments: &adjustments)
        let output = kernel(start: population.counts.female + population.counts.male,
                            migrants: applied.female + applied.male)
        var end = output.end
        let deaths = output.deaths, birthsByAge = output.birthsByAge, births = output.births
        for i in 0..<(2 * n) where end[i] < 0 {
            adjustments.append(StepAdjustment(
                sex: i < n ? .female : .male, ageIndex: i % n, kind: .floor(computed: end[i])))
            end[i] = ProjectionStep.floorValue
        }
        return StepResult(
            population: Population(trusted: ages, counts: BySex(female: Array(end[0..<n]), male: Array(end[n...]))),
            births: BySex(female: births.female, male: births.male),
            birthsByAgeOfMother: birthsByAge,
            deaths: BySex(female: Array(deaths[0..<n]), male: Array(deaths[n...])),
            netMigrants: applied,
            adjustments: adjustments)
    }

    /// The cohort-component kernel on this step's rates, without guard and floor;
    /// `start` and `migrants` hold females then males (2n values).
    func kernel(start: [Double], migrants: [Double])
        -> (end: [Double], deaths: [Double], birthsByAge: [Double], births: (female: Double, male: Double)) {
        let n = ages.count
        precondition(start.count == 2 * n && migrants.count == 2 * n, "buffers of 2n values")
        let survival = survivalRatios.female + survivalRatios.male
        var end = [Double](repeating: 0, count: 2 * n)
        var deaths = [Double](repeating: 0, count: 2 * n)
        var birthsByAge = [Double](repeating: 0, count: n)
        let births = start.withUnsafeBufferPointer { p in
            survival.withUnsafeBufferPointer { s in
                fertilityRates.withUnsafeBufferPointer { f in
                    migrants.withUnsafeBufferPointer { m in
                        end.withUnsafeMutableBufferPointer { e in
                            deaths.withUnsafeMutableBufferPointer { d in
                                birthsByAge.withUnsafeMutableBufferPointer { b in
                                    Kernels.cohortComponentStep(
                                        from: p,
                                        rates: StepRateBuffers(
                                            survival: s, fertility: f, migrants: m,
                                            shareAtStart: migrationTiming.shareAtStart,
                                            width: Double(width), sexRatioAtBirth: sexRatioAtBirth),
                                        into: StepOutputBuffers(population: e, deaths: d, birthsByAge: b))
                                }
                            }
                        }
                    }
                }
            }
        }
        return (end, deaths, birthsByAge, births)
    }

    /// The population left where a net outflow would empty an age group (UN: 1e-5).
    public static let residualAfterOutflow = 1e-5
    /// The value an end population below zero is set to (UN: 0.0005).
    public static let floorValue = 0.0005

    /// The migrants after the guard: M(x) < 0 and P(x) + M(x) ≤ 0 ⇒ M(x) = 1e-5 − P(x).
    ///
    /// ccmppWPP tests P(x) + M(x) ≤ 0 alone, so it also adds 1e-5 persons to a
    /// group that is empty with no migrants; only a net outflow is reduced here,
    /// so that zero migration applies no migrants at all.
    func guardedMigrants(for population: Population, adjustments: inout [StepAdjustment]) -> BySex<[Double]> {
        var applied = netMigrants
        if let rates = netMigrationRates {
            let z = Double(width)
            for sex in Sex.allCases {
                for x in 0..<ages.count { applied[sex][x] += rates[sex][x] * z * population.counts[sex][x] }
            }
        }
        for sex in Sex.allCases {
            let p = population.counts[sex]
            for x in 0..<ages.count where applied[sex][x] < 0 && p[x] + applied[sex][x] <= 0 {
                let requested = applied[sex][x]
                applied[sex][x] = ProjectionStep.residualAfterOutflow - p[x]
                adjustments.append(StepAdjustment(
                    sex: sex, ageIndex: x, kind: .migrationGuard(requested: requested, applied: applied[sex][x])))
            }
        }
        return applied
    }
}
