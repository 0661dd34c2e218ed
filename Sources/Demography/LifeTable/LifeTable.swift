import Foundation

/// A period life table for one sex, complete (single years) or abridged (0, 1–4, 5–9, …).
///
/// Built from central death rates nMx (Preston, Heuveline & Guillot 2001, ch. 3):
///
///     nqx = n·nMx / (1 + (n − nax)·nMx)        (capped at 1; the open group has q = 1)
///     lx+n = lx·(1 − nqx),   ndx = lx·nqx
///     nLx = n·lx+n + nax·ndx,  L(ω) = l(ω)/M(ω)
///     Tx = Σ nLa (a ≥ x),     ex = Tx / lx
///
/// nax follow ``LifeTableOptions``: a0 (and 4a1) by Andreev & Kingkade (2015) or
/// Coale & Demeny (1983); n/2 (PAS), the UN's Greville rule (UN 1982, or MORTPAK's
/// as in DemoTools) or the iteration of Preston et al. elsewhere.
///
/// Other inputs: nqx or lx (``init(sex:ages:deathProbabilities:openAgeRate:options:)``,
/// ``init(sex:ages:survivors:openAgeRate:options:)``), deaths and exposures
/// (``init(sex:ages:deaths:exposures:options:)``), both sexes combined
/// (``init(bothSexesOn:deathRates:sexRatioAtBirth:options:)``), and rates extended by
/// a mortality law to 110 or 130
/// (``init(sex:ages:deathRates:options:extrapolation:openAge:bothSexesSexRatioAtBirth:)``).
public struct LifeTable: Sendable, Hashable {
    /// The sex the table describes.
    public let sex: Sex
    /// The age groups.
    public let ages: AgeStructure
    /// nMx — central death rates, deaths per person-year.
    public let deathRates: [Double]
    /// nax — average years lived in [x, x+n) by those who die there.
    public let separationFactors: [Double]
    /// nqx — probability of dying between exact ages x and x+n.
    public let deathProbabilities: [Double]
    /// lx — survivors at exact age x out of the radix l0.
    public let survivors: [Double]
    /// ndx — deaths between x and x+n out of the radix.
    public let deaths: [Double]
    /// nLx — person-years lived between x and x+n by the radix cohort.
    public let personYearsLived: [Double]
    /// Tx — person-years lived above age x.
    public let personYearsAbove: [Double]
    /// ex — life expectancy at exact age x.
    public let lifeExpectancy: [Double]
    /// nil for a table of one sex; for a table of both sexes combined
    /// (``init(bothSexesOn:deathRates:sexRatioAtBirth:options:)``), the sex ratio at
    /// birth that weights the sexes' a0 and 4a1. `sex` is then `.male` by convention
    /// and carries no meaning; ``sexLabel`` says "both".
    public let bothSexesSexRatioAtBirth: Double?

    /// Computes the table from death rates on `ages`.
    ///
    /// Rates must be finite and non-negative, and the open group's rate above 0;
    /// the radix must be positive and a given 1q0 (or nq0) a probability.
    public init(sex: Sex, ages: AgeStructure, deathRates: [Double], options: LifeTableOptions = .init()) throws(DemographyError) {
        try self.init(sex: sex, ages: ages, deathRates: deathRates, options: options, bothSexesSexRatioAtBirth: nil)
    }

    /// The table of one sex, or of both sexes when `srb` is given (see ``bothSexesSexRatioAtBirth``).
    init(sex: Sex, ages: AgeStructure, deathRates: [Double], options: LifeTableOptions,
         bothSexesSexRatioAtBirth srb: Double?) throws(DemographyError) {
        try Validate.schedule(deathRates, on: ages, name: "\(sex.rawValue) death rates")
        try Validate.positive(options.radix, name: "life table radix l0")
        if let q0 = options.infantDeathProbability, !(q0 >= 0 && q0 <= 1) {
            throw .probabilityOutOfRange(schedule: "\(sex.rawValue) death probability nq0", age: 0, value: q0)
        }
        let count = ages.count, last = count - 1
        let mOpen = deathRates[last]
        if case .reciprocalOfRate = options.openAgeClosure, !(mOpen > 0) {
            throw .invalidParameter(name: "death rate of the open age group \(ages.openAge)+", value: mOpen,
                                    expected: "a rate above 0, so that L = l/M is finite")
        }
        let ax = try LifeTable.separationFactors(sex: sex, ages: ages, deathRates: deathRates, options: options,
                                                 bothSexesSexRatioAtBirth: srb)
        var qx = [Double](repeating: 1, count: count)
        var lx = [Double](repeating: 0, count: count)
        var dx = [Double](repeating: 0, count: count)
        var nLx = [Double](repeating: 0, count: count)
        lx[0] = options.radix
        for i in 0..<last {
            let n = Double(ages.width(at: i) ?? 1), m = deathRates[i]
            var q = n * m / (1 + (n - ax[i]) * m)
            if i == 0, let q0 = options.infantDeathProbability { q = q0 }
            if q > 1, case .constantHazard = options.probabilityAboveOne { q = 1 - exp(-n * m) }
            qx[i] = min(max(q, 0), 1)
            dx[i] = lx[i] * qx[i]
            lx[i + 1] = lx[i] - dx[i]
            nLx[i] = n * lx[i + 1] + ax[i] * dx[i]
        }
        dx[last] = lx[last]
        var openAx: Double
        switch options.openAgeClosure {
        case .reciprocalOfRate: openAx = 1 / mOpen
        case .givenExpectancy(let e):
            guard e.isFinite, e > 0 else {
                throw .invalidParameter(name: "life expectancy in the open age group", value: e, expected: "a finite number above 0")
            }
            openAx = e
        case .kannisto(let fitFrom, let extrapolateTo):
            openAx = try KannistoClosure.openAgeExpectancy(
                ages: ages, deathRates: deathRates, fitFrom: fitFrom, extrapolateTo: extrapolateTo)
        }
        nLx[last] = lx[last] * openAx
        var tx = [Double](repeating: 0, count: count)
        var running = 0.0
        for i in stride(from: last, through: 0, by: -1) {
            running += nLx[i]
            tx[i] = running
        }
        var axAll = ax
        axAll[last] = openAx
        self.sex = sex
        self.ages = ages
        self.deathRates = deathRates
        self.separationFactors = axAll
        self.deathProbabilities = qx
        self.survivors = lx
        self.deaths = dx
        self.personYearsLived = nLx
        self.personYearsAbove = tx
        self.lifeExpectancy = zip(tx, lx).map { $1 > 0 ? $0 / $1 : 0 }
        self.bothSexesSexRatioAtBirth = srb
        checkInvariants()
    }

    /// e0 — life expectancy at birth.
    public var lifeExpectancyAtBirth: Double { lifeExpectancy[0] }

    /// nax for the closed groups by the options (the open group's entry is a placeholder).
    static func separationFactors(
        sex: Sex, ages: AgeStructure, deathRates m: [Double], options: LifeTableOptions,
        bothSexesSexRatioAtBirth srb: Double? = nil
    ) throws(DemographyError) -> [Double] {
        let count = ages.count, last = count - 1
        var ax = (0..<count).map { Double(ages.width(at: $0) ?? 1) / 2 }
        switch options.closedGroups {
        case .midInterval:
            break
        case .greville:
            // UN (1982): 2.5 at 5-9 and 10-14; Greville's formula from 15 on.
            for i in 0..<last where ages.width(at: i) == 5 && ages.startAges[i] >= 15 && i >= 1 {
                let previous = m[i - 1], next = m[i + 1]
                guard previous > 0, next > 0 else { continue }
                let k = log(next / previous) / 10
                ax[i] = 2.5 - (25.0 / 12.0) * (m[i] - k)
            }
        case .unitedNations(let greville5to14):
            ax = LifeTable.unitedNationsSeparationFactors(ages: ages, deathRates: m, greville5to14: greville5to14)
        case .iterated:
            ax = try iteratedSeparationFactors(sex: sex, ages: ages, deathRates: m, options: options)
        case .given(let values):
            guard values.count >= last else {
                throw .lengthMismatch(schedule: "separation factors nax", expected: count, found: values.count)
            }
            for i in 0..<last { ax[i] = values[i] }
        }
        let q0 = options.infantDeathProbability, rule = options.infantSeparation
        if let srb {
            // Both sexes (DemoTools Sex = "b"): the sexes' values weighted by the share of boys at birth.
            let boys = srb / (1 + srb)
            ax[0] = boys * rule.infantSeparation(deathRate: m[0], sex: .male, deathProbability: q0)
                + (1 - boys) * rule.infantSeparation(deathRate: m[0], sex: .female, deathProbability: q0)
            if ages.isAbridged {
                ax[1] = boys * rule.childSeparation(infantDeathRate: m[0], sex: .male, infantDeathProbability: q0)
                    + (1 - boys) * rule.childSeparation(infantDeathRate: m[0], sex: .female, infantDeathProbability: q0)
            }
        } else {
            ax[0] = rule.infantSeparation(deathRate: m[0], sex: sex, deathProbability: q0)
            if ages.isAbridged {
                ax[1] = rule.childSeparation(infantDeathRate: m[0], sex: sex, infantDeathProbability: q0)
            }
        }
        for i in 0..<last {
            let n = Double(ages.width(at: i) ?? 1)
            guard ax[i].isFinite, ax[i] >= 0, ax[i] <= n else {
                throw .invalidParameter(name: "separation factor at age \(ages.startAges[i])", value: ax[i],
                                        expected: "a value between 0 and the width of the group (\(Int(n)))")
            }
        }
        return ax
    }

    /// nax by the iteration of Preston, Heuveline & Guillot (2001), p. 45.
    private static func iteratedSeparationFactors(
        sex: Sex, ages: AgeStructure, deathRates m: [Double], options: LifeTableOptions
    ) throws(DemographyError) -> [Double] {
        let count = ages.count, last = count - 1
        var ax = (0..<count).map { Double(ages.width(at: $0) ?? 1) / 2 }
        var start = options
        start.closedGroups = .midInterval
        for _ in 0..<50 {
            start.closedGroups = .given(ax)
            let dx = try LifeTable(sex: sex, ages: ages, deathRates: m, options: start, bothSexesSexRatioAtBirth: nil).deaths
            var change = 0.0
            for i in 1..<last {
                guard let n = ages.width(at: i), ages.width(at: i - 1) == n, dx[i] > 0,
                      i + 1 == last || ages.width(at: i + 1) == n else { continue }
                let w = Double(n)
                let next = (-w / 24 * dx[i - 1] + w / 2 * dx[i] + w / 24 * dx[i + 1]) / dx[i]
                guard next.isFinite, next > 0, next < w else { continue }
                change = max(change, abs(next - ax[i]))
                ax[i] = next
            }
            if change < 1e-10 { break }
        }
        return ax
    }
}
