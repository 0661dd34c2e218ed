import Foundation

/// Death rates with their open age group moved: down by combining the oldest
/// groups, or up by a Kannisto law fitted to the old-age rates.
///
/// Both keep every closed group below the old (or new) open age exactly as given;
/// only the groups from the lower of the two open ages up change.
///
/// - Down (``lowered(_:on:sex:to:options:)``): the rate of the new open group x+
///   is the rate of the stationary population of the rates' life table above x,
///   deaths over person-years, M(x+) = l(x) / T(x) = 1 / e(x) (Preston,
///   Heuveline & Guillot 2001, ch. 3, the open-ended interval). Without a
///   population above x that is the only weighting the rates themselves give.
/// - Up (``kannistoExtended(_:on:to:fitFrom:extrapolateTo:)``): the Kannisto law
///   μ(x) = a·e^(b·x′) / (1 + a·e^(b·x′)) is fitted to the single-year rates from
///   `fitFrom` (60 by default, the UN's) to the old open age ω, the open group's
///   own rate placed at ω (``KannistoClosure/fit(ages:deathRates:fitFrom:)``,
///   the convention of DemoTools `lt_single_mx` used for UN WPP). Grouped rates
///   are graduated to single years first (``DeathRateGraduation``). The new groups
///   ω, ω+n, … take the rates of a single-year table of μ with ax = ½,
///   nMx = Σ dx / Σ Lx, and the new open group ω′+ takes l(ω′) / T(ω′) of that table
///   run to `extrapolateTo` (130). The old open group's own rate is replaced by
///   the law's for the group that starts at ω.
///
/// Sources: Thatcher, Kannisto & Vaupel (1998), *The Force of Mortality at Ages
/// 80 to 120* (the Kannisto model and its fit to old-age rates); UN DESA
/// Population Division, *World Population Prospects 2024: Methodology of the
/// United Nations population estimates and projections* (life tables closed by
/// extrapolating old-age mortality with a Kannisto law beyond the observed ages).
public enum DeathRateOpenAge {
    /// The first age of the Kannisto fit unless told otherwise: 60, as DemoTools
    /// `lt_single_mx` (`extrapFrom`, `extrapFit`) for UN WPP.
    public static let defaultFitFrom = 60

    /// Rates on `ages` with the groups from `openAge` up combined into `openAge`+
    /// as 1 / e(openAge) of the life table of `sex` built from the rates with `options`.
    public static func lowered(_ rates: [Double], on ages: AgeStructure, sex: Sex, to openAge: Int,
                               options: LifeTableOptions = .init()) throws(DemographyError) -> (ages: AgeStructure, rates: [Double]) {
        let target = try ages.closed(at: openAge)
        let table = try LifeTable(sex: sex, ages: ages, deathRates: rates, options: options)
        let i = target.count - 1
        guard table.personYearsAbove[i] > 0 else {
            throw .invalidParameter(name: "\(sex.rawValue) person-years above age \(openAge)", value: table.personYearsAbove[i],
                                    expected: "above 0, to give the rate of the open group \(openAge)+")
        }
        return (target, Array(rates[..<i]) + [table.survivors[i] / table.personYearsAbove[i]])
    }

    /// Rates on `ages` (open age ω) extended to the open age `openAge` > ω by the
    /// Kannisto law fitted from `fitFrom`. The new groups have the width of the
    /// last closed group of `ages` (5 for five-year or abridged grids, 1 for single
    /// years), so `openAge` − ω must be a multiple of it.
    /// - Returns: the new grid, its rates, and the fitted law.
    public static func kannistoExtended(_ rates: [Double], on ages: AgeStructure, to openAge: Int,
                                        fitFrom: Int = defaultFitFrom, extrapolateTo: Int = 130)
        throws(DemographyError) -> (ages: AgeStructure, rates: [Double], fit: KannistoClosure.Fit) {
        try Validate.schedule(rates, on: ages, name: "death rates")
        let omega = ages.openAge
        let n = ages.width(at: ages.count - 2) ?? 1
        guard openAge > omega, (openAge - omega) % n == 0 else {
            throw .invalidParameter(name: "open age to extend the death rates to", value: Double(openAge),
                                    expected: "an age above \(omega) by a multiple of \(n) (the width of the groups of \(ages))")
        }
        guard extrapolateTo > openAge else {
            throw .invalidParameter(name: "age to which the Kannisto law extrapolates", value: Double(extrapolateTo),
                                    expected: "an age above the new open age \(openAge)")
        }
        // Single years from fitFrom to ω, as the fit needs them.
        let single = try AgeStructure.singleYear(openAge: omega)
        let isSingleFromFit = ages.index(ofStartAge: fitFrom).map { ages.count - 1 - $0 == omega - fitFrom } ?? false
        let singleRates = isSingleFromFit ? Array(rates[(ages.count - 1 - (omega - fitFrom))...])
                                          : Array(try DeathRateGraduation.singleYears(rates, on: ages)[fitFrom...])
        var fitRates = [Double](repeating: 0, count: single.count)
        fitRates.replaceSubrange(fitFrom..., with: singleRates)
        let law = try KannistoClosure.fit(ages: single, deathRates: fitRates, fitFrom: fitFrom)

        // The single-year table of the law from ω (lx = 1 there), ax = ½.
        var lx = [1.0], dx: [Double] = [], nLx: [Double] = []
        for x in omega..<extrapolateTo {
            let m = law.hazard(atAge: Double(x))
            let q = m / (1 + 0.5 * m)
            let l = lx[lx.count - 1]
            dx.append(l * q)
            nLx.append(l - 0.5 * l * q)
            lx.append(l * (1 - q))
        }
        var out = Array(rates.dropLast())
        var starts = Array(ages.startAges.dropLast())
        for start in stride(from: omega, to: openAge, by: n) {
            let k = (start - omega)..<(start - omega + n)
            let deaths = k.reduce(0.0) { $0 + dx[$1] }, years = k.reduce(0.0) { $0 + nLx[$1] }
            out.append(years > 0 ? deaths / years : law.hazard(atAge: Double(start)))
            starts.append(start)
        }
        let e = KannistoClosure.expectancy(from: openAge, to: extrapolateTo, hazard: law.hazard(atAge:))
        out.append(1 / e)
        starts.append(openAge)
        return (try AgeStructure(startAges: starts), out, law)
    }
}
