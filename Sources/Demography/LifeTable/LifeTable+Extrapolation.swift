import Foundation

extension LifeTable {
    /// A table whose old-age rates are extended by a law and closed at `openAge`,
    /// the procedure of DemoTools `lt_abridged` and `lt_single_mx` (arguments
    /// `extrapLaw`, `extrapFrom`, `extrapFit`, `OAnew`).
    ///
    /// The rates are extended to ``OldAgeExtrapolation/extendTo`` (usually 130),
    /// the table is computed on the extended grid under `options` (its open group
    /// closed by L = l/M in abridged or five-year tables, as `lt_abridged` does, and
    /// by L = l/2 in single-year ones, as `lt_single_mx` does), and then closed at `openAge` (default: the input's open
    /// age; 110 or 130 give a longer table):
    ///
    ///     q(ω′) = 1,  L(ω′) = T(ω′),  a(ω′) = e(ω′),  d(ω′) = l(ω′)
    ///
    /// with T, e unchanged. M(ω′) is the observed M(ω) when ω′ is the input's
    /// open age, otherwise l(ω′)/T(ω′). Rates below the extrapolation's start
    /// are the input's. `options.openAgeClosure` is not used.
    /// - Throws: the errors of ``OldAgeExtrapolation/extend(ages:deathRates:)`` and of
    ///   the table; ``DemographyError/invalidParameter(name:value:expected:)``
    ///   unless `openAge` is a start age of the extended grid.
    public init(sex: Sex, ages: AgeStructure, deathRates: [Double], options: LifeTableOptions = .init(),
                extrapolation: OldAgeExtrapolation, openAge: Int? = nil,
                bothSexesSexRatioAtBirth srb: Double? = nil) throws(DemographyError) {
        let extended = try extrapolation.extend(ages: ages, deathRates: deathRates)
        var full = options
        full.openAgeClosure = extended.ages.uniformWidth == 1 ? .givenExpectancy(0.5) : .reciprocalOfRate
        let table = try LifeTable(sex: sex, ages: extended.ages, deathRates: extended.deathRates, options: full,
                                  bothSexesSexRatioAtBirth: srb)
        let omega = openAge ?? ages.openAge
        guard let k = extended.ages.index(ofStartAge: omega) else {
            throw .invalidParameter(name: "open age of the extended life table", value: Double(omega),
                                    expected: "a start age of the extended grid \(extended.ages)")
        }
        let newAges = try AgeStructure(startAges: Array(extended.ages.startAges[...k]))
        var m = Array(extended.deathRates[...k]), a = Array(table.separationFactors[...k])
        var q = Array(table.deathProbabilities[...k]), d = Array(table.deaths[...k])
        var nL = Array(table.personYearsLived[...k])
        let l = Array(table.survivors[...k]), t = Array(table.personYearsAbove[...k]), e = Array(table.lifeExpectancy[...k])
        q[k] = 1; d[k] = l[k]; nL[k] = t[k]; a[k] = e[k]
        m[k] = omega == ages.openAge ? deathRates[deathRates.count - 1] : (t[k] > 0 ? l[k] / t[k] : m[k])
        self.init(sex: sex, ages: newAges, deathRates: m, separationFactors: a, deathProbabilities: q,
                  survivors: l, deaths: d, personYearsLived: nL, personYearsAbove: t, lifeExpectancy: e,
                  bothSexesSexRatioAtBirth: srb)
    }

    /// Every column given (the callers have computed them consistently).
    init(sex: Sex, ages: AgeStructure, deathRates: [Double], separationFactors: [Double], deathProbabilities: [Double],
         survivors: [Double], deaths: [Double], personYearsLived: [Double], personYearsAbove: [Double],
         lifeExpectancy: [Double], bothSexesSexRatioAtBirth: Double?) {
        self.sex = sex
        self.ages = ages
        self.deathRates = deathRates
        self.separationFactors = separationFactors
        self.deathProbabilities = deathProbabilities
        self.survivors = survivors
        self.deaths = deaths
        self.personYearsLived = personYearsLived
        self.personYearsAbove = personYearsAbove
        self.lifeExpectancy = lifeExpectancy
        self.bothSexesSexRatioAtBirth = bothSexesSexRatioAtBirth
        checkInvariants()
    }
}
