/// One cohort-component projection step of width z on an age grid of the same width.
///
/// Holds a step's rates: survival ratios Sx, age-specific fertility nFx, the sex
/// ratio at birth and net migrant counts with their timing. ``apply(to:)``
/// follows the UN Population Division's CCMPP (ccmppWPP
/// `project_ccmpp_z_by_z`; Preston, Heuveline & Guillot 2001, ch. 6):
///
/// 1. **Migration guard.** Where the start population and the migrants of a group
///    add up to zero or less, P(x) + M(x) ≤ 0, the migrants become 1e-5 − P(x), so
///    that 1e-5 persons remain (the comparison uses the start population at the
///    same index, whatever the timing). As in ccmppWPP this holds whatever the sign
///    of M: an empty group with no migrants receives 1e-5 migrants.
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
/// Steps 1 and 6 are reported in ``StepResult/adjustments``. The rates are packed
/// once, when the step is made, into the one layout every fast path reads
/// (`Kernels/PopulationStep.swift`).
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

    /// Sx, M, (z/2)·nFx, SRB and h in ``PackedStepLayout`` order.
    let packed: [Double]
    /// The ages with F(x) ≠ 0, inside 1..<n−1 (empty when none).
    let fertileAges: Range<Int>
    /// The smallest net migrant count of any age and sex: at 0 or more the step has
    /// no net outflow; above 0 the guard cannot act on a population that is not negative.
    let smallestMigrant: Double
    var layout: PackedStepLayout { PackedStepLayout(ageGroups: ages.count) }

    /// Builds and checks a step: one value per age group, finite, non-negative
    /// rates, survival ratios between 0 and 1 (a ratio above 1 would make
    /// negative deaths), a positive sex ratio at birth.
    public init(
        ages: AgeStructure,
        survivalRatios: BySex<[Double]>,
        fertilityRates: [Double],
        sexRatioAtBirth: Double,
        netMigrants: BySex<[Double]>? = nil,
        netMigrationRates: BySex<[Double]>? = nil,
        migrationTiming: MigrationTiming
    ) throws(DemographyError) {
        guard let width = ages.uniformWidth else {
            throw .unsupportedStepWidth(ages: ages.description, width: ages.startAges[1])
        }
        guard ages.count >= 3 else {
            throw .invalidAgeStructure(reason: "a projection needs at least two closed age groups")
        }
        for sex in Sex.allCases {
            try Validate.proportions(survivalRatios[sex], on: ages, name: "\(sex.rawValue) survival ratios")
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
        let n = ages.count
        self.packed = PackedStepLayout(ageGroups: n).pack(
            survival: survivalRatios.female + survivalRatios.male, migrants: migrants.female + migrants.male,
            fertility: fertilityRates, scale: 0.5 * Double(width),
            sexRatioAtBirth: sexRatioAtBirth, shareAtStart: migrationTiming.shareAtStart)
        let fertile = (1..<(n - 1)).filter { fertilityRates[$0] != 0 }
        if let youngest = fertile.first, let oldest = fertile.last {
            self.fertileAges = youngest..<(oldest + 1)
        } else {
            self.fertileAges = 1..<1
        }
        self.smallestMigrant = min(migrants.female.min() ?? 0, migrants.male.min() ?? 0)
    }

    /// Projects `population` forward by one step.
    public func apply(to population: Population) throws(DemographyError) -> StepResult {
        guard population.ages == ages else {
            throw .ageStructureMismatch(left: "population: \(population.ages)", right: "step rates: \(ages)")
        }
        let n = ages.count
        var adjustments: [StepAdjustment] = []
        let applied = guardedMigrants(for: population, adjustments: &adjustments)
        var end = [Double](repeating: 0, count: 2 * n)
        var deaths = end, unfloored = end
        var birthsByAge = [Double](repeating: 0, count: n)
        // The migrants are guarded already (and reported); the guard is idempotent, so the
        // kernel applies only the floor and gives the same values as the packed run.
        let births = run(start: population.counts.female + population.counts.male,
                         migrants: applied.female + applied.male, into: &end, limits: FloorOnlyStepLimits.self,
                         deaths: &deaths, birthsByAge: &birthsByAge, unfloored: &unfloored)
        for i in 0..<(2 * n) where unfloored[i] < 0 {
            adjustments.append(StepAdjustment(
                sex: i < n ? .female : .male, ageIndex: i % n, kind: .floor(computed: unfloored[i])))
        }
        return StepResult(
            population: Population(trusted: ages, counts: BySex(female: Array(end[0..<n]), male: Array(end[n...]))),
            births: BySex(female: births.female, male: births.male),
            birthsByAgeOfMother: birthsByAge,
            deaths: BySex(female: Array(deaths[0..<n]), male: Array(deaths[n...])),
            netMigrants: applied,
            adjustments: adjustments)
    }

    /// K(P, M) — the end population of this step without guard and floor, for
    /// `start` and `migrants` laid out females then males (2n each).
    func unguardedEnd(start: [Double], migrants: [Double]) -> [Double] {
        let n = ages.count
        var end = [Double](repeating: 0, count: 2 * n)
        var deaths = end, unfloored = end
        var birthsByAge = [Double](repeating: 0, count: n)
        _ = run(start: start, migrants: migrants, into: &end, limits: NoStepLimits.self,
                deaths: &deaths, birthsByAge: &birthsByAge, unfloored: &unfloored)
        return end
    }

    /// The population step kernel on the packed rates and the given migrants.
    private func run<Limits: StepLimits>(
        start: [Double], migrants: [Double], into end: inout [Double], limits: Limits.Type,
        deaths: inout [Double], birthsByAge: inout [Double], unfloored: inout [Double]
    ) -> (female: Double, male: Double) {
        let n = ages.count
        precondition(start.count == 2 * n && migrants.count == 2 * n, "buffers of 2n values")
        return packed.withUnsafeBufferPointer { r in
            start.withUnsafeBufferPointer { p in
                migrants.withUnsafeBufferPointer { m in
                    end.withUnsafeMutableBufferPointer { e in
                        deaths.withUnsafeMutableBufferPointer { d in
                            birthsByAge.withUnsafeMutableBufferPointer { b in
                                unfloored.withUnsafeMutableBufferPointer { u in
                                    Kernels.populationStep(
                                        from: p.baseAddress!, into: e.baseAddress!,
                                        rates: PackedStepRates(base: r.baseAddress!, layout: layout),
                                        migrants: m.baseAddress!, fertileAges: fertileAges,
                                        record: FullStepRecord(deaths: d.baseAddress!, birthsByAge: b.baseAddress!,
                                                               unfloored: u.baseAddress!),
                                        limits: limits)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The population left where the migration guard acts (UN: 1e-5).
    public static var residualAfterOutflow: Double { Kernels.UN.residualAfterOutflow }
    /// The value an end population below zero is set to (UN: 0.0005).
    public static var floorValue: Double { Kernels.UN.floor }

    /// The migrants after the UN guard (``Kernels/guarded(_:_:)``), with rate-based
    /// migrants added first; every change is reported.
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
            for x in 0..<ages.count {
                let requested = applied[sex][x]
                let g = Kernels.guarded(p[x], requested)
                if g != requested {
                    applied[sex][x] = g
                    adjustments.append(StepAdjustment(
                        sex: sex, ageIndex: x, kind: .migrationGuard(requested: requested, applied: g)))
                }
            }
        }
        return applied
    }
}
