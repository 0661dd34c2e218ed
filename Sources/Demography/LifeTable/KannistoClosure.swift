// Design note. The UN Population Division closes the complete life tables of
// World Population Prospects 2019 with DemoTools `lt_single_mx` (versions of
// 2020-08 to 2021-05, defaults OAnew = 130, extrapLaw = "kannisto",
// extrapFrom = extrapFit start = 60): a Kannisto law is fitted to the observed
// single-year rates from 60 up to and including the open group's rate, the
// table is extended with the fitted rates to age 130 (nax = 0.5, q130 = 1,
// L130 = 0.5·l130), and the extended tail is collapsed back into the open group.
// The fit is MortalityLaws' `MortalityLaw(law = "kannisto", opt.method = "LF2")`,
// i.e. R's `optim` Nelder-Mead on (log a, log b) from a = 0.5, b = 0.13. Because
// the objective is flat along a ridge, R's simplex stops ~1e-3 away from the true
// optimum in L(ω); we therefore use an exact port of R's minimiser
// (``NelderMead``) rather than a better one. Priority: agreement with the UN.
// Reproduces L100+ and e0 of the UN's Canadian tables 1950–2019 (ccmppWPP,
// WPP 2019) to about 5e-10 relative, the precision of the published rates.

import Foundation

/// Closes the open age group ω+ of a complete life table with a Kannisto law
/// fitted to old-age death rates, the convention of the UN's WPP 2019.
public enum KannistoClosure {
    /// The Kannisto hazard fitted to the rates at ages `fitFrom` … ω.
    ///
    ///     μ(x) = a·e^(b·x′) / (1 + a·e^(b·x′)),   x′ = x − fitFrom + 1
    ///
    /// (so the first fitted age has x′ = 1, as in MortalityLaws' `scale.x`).
    public struct Fit: Sendable, Hashable {
        /// a — level of the hazard at x′ = 0, on the odds scale.
        public let a: Double
        /// b — rate of increase of the log-odds of the hazard per year of age.
        public let b: Double
        /// The first age used in the fit; age `fitFrom` has x′ = 1.
        public let fitFrom: Int
        /// Number of objective evaluations used by the Nelder-Mead search.
        public let evaluations: Int
        /// Whether the search met R's relative tolerance within 500 evaluations.
        /// The UN's tables use the result either way, and so does the closure.
        public let converged: Bool

        /// μ(x) — the fitted hazard at exact age `age`.
        public func hazard(atAge age: Double) -> Double {
            let e = a * exp(b * (age - Double(fitFrom - 1)))
            return e / (1 + e)
        }
    }

    /// Fits the Kannisto law to the death rates at ages `fitFrom` … ω, the open
    /// group's rate included.
    ///
    /// Minimises the squared log ratios (MortalityLaws' loss "LF2"):
    ///
    ///     Σ_{x = fitFrom…ω} [ln(μ(x) / Mx)]²
    ///
    /// over (ln a, ln b) with R's Nelder-Mead from a = 0.5, b = 0.13. Ages whose
    /// rate is 0 carry no information on the log scale and are left out of the sum.
    ///
    /// Sources: Kannisto (1994); Thatcher, Kannisto & Vaupel (1998) for the law;
    /// Pascariu, MortalityLaws (R package), `MortalityLaw` for the loss and start;
    /// R Core Team, `optim` for the minimiser.
    /// - Throws: ``DemographyError/invalidAgeStructure(reason:)`` unless ages
    ///   `fitFrom` … ω are single years with ω ≥ fitFrom + 2;
    ///   ``DemographyError/invalidParameter(name:value:expected:)`` when fewer
    ///   than 3 rates in the range are above 0 or the loss cannot be evaluated;
    ///   the errors of a death-rate schedule for negative or non-finite rates.
    public static func fit(ages: AgeStructure, deathRates: [Double], fitFrom: Int = 60) throws(DemographyError) -> Fit {
        try Validate.schedule(deathRates, on: ages, name: "death rates")
        let first = try firstFittedIndex(ages: ages, fitFrom: fitFrom)
        var scaledAges: [Double] = []
        var rates: [Double] = []
        for i in first..<ages.count where deathRates[i] > 0 {
            scaledAges.append(Double(ages.startAges[i] - (fitFrom - 1)))
            rates.append(deathRates[i])
        }
        guard rates.count >= 3 else {
            throw .invalidParameter(
                name: "number of death rates above 0 at ages \(fitFrom)-\(ages.openAge)+", value: Double(rates.count),
                expected: "at least 3 to fit the two parameters of the Kannisto law")
        }
        let loss = { (logParameters: [Double]) -> Double in
            let a = exp(logParameters[0]), b = exp(logParameters[1])
            var sum = 0.0
            for (x, m) in zip(scaledAges, rates) {
                let e = a * exp(b * x)
                let r = log((e / (1 + e)) / m)
                sum += r * r
            }
            return sum
        }
        let result = NelderMead().minimize(loss, from: [log(0.5), log(0.13)])
        guard result.status != .initialValueNotFinite, result.value.isFinite else {
            throw .invalidParameter(
                name: "Kannisto loss at ages \(fitFrom)-\(ages.openAge)+", value: result.value,
                expected: "a finite value; check the death rates in the fitted range")
        }
        return Fit(a: exp(result.point[0]), b: exp(result.point[1]), fitFrom: fitFrom,
                   evaluations: result.evaluations, converged: result.converged)
    }

    /// e(ω) — life expectancy at the open age ω under the UN's Kannisto closure.
    ///
    /// Fits the law (``fit(ages:deathRates:fitFrom:)``), replaces the rates at
    /// ages ω … K (K = `extrapolateTo`) with μ(x), and runs a single-year table
    /// from l(ω) = 1 with ax = 0.5:
    ///
    ///     qx = Mx / (1 + 0.5·Mx),   lx+1 = lx·(1 − qx),   Lx = lx+1 + 0.5·lx·qx
    ///     L(K) = 0.5·l(K)  (qK = 1),   e(ω) = Σ_{x = ω…K} Lx / l(ω)
    ///
    /// The caller's table keeps the observed M(ω); only L(ω+) = l(ω)·e(ω) and the
    /// open group's ax = e(ω) come from the extension. The closed groups' ax
    /// options do not affect the tail, which always uses 0.5.
    ///
    /// Source: DemoTools `lt_single_mx` (2020–2021 versions, defaults
    /// extrapFrom = 60, OAnew = 130, extrapLaw = "kannisto"), as used for WPP 2019.
    /// - Throws: the errors of ``fit(ages:deathRates:fitFrom:)``, and
    ///   ``DemographyError/invalidParameter(name:value:expected:)`` unless
    ///   `extrapolateTo` > ω.
    /// - Complexity: O(ω − fitFrom) per evaluation, ≤ ~500 evaluations, plus O(K − ω).
    public static func openAgeExpectancy(
        ages: AgeStructure, deathRates: [Double], fitFrom: Int = 60, extrapolateTo: Int = 130
    ) throws(DemographyError) -> Double {
        let omega = ages.openAge
        guard extrapolateTo > omega else {
            throw .invalidParameter(
                name: "age to which the Kannisto closure extrapolates", value: Double(extrapolateTo),
                expected: "an age above the open age \(omega)")
        }
        let law = try fit(ages: ages, deathRates: deathRates, fitFrom: fitFrom)
        return expectancy(from: omega, to: extrapolateTo, hazard: law.hazard(atAge:))
    }

    /// Σ Lx / l(ω) for the extended single-year table from ω to `last` (q = 1 there).
    static func expectancy(from omega: Int, to last: Int, hazard: (Double) -> Double) -> Double {
        var lx = [Double](repeating: 0, count: last - omega + 1)
        var nLx = lx
        lx[0] = 1
        for k in 0..<(lx.count - 1) {
            let m = hazard(Double(omega + k))
            let q = m / (1 + 0.5 * m)
            let d = lx[k] * q
            lx[k + 1] = lx[k] - d
            nLx[k] = lx[k + 1] + 0.5 * d
        }
        nLx[nLx.count - 1] = 0.5 * lx[lx.count - 1]
        // Sum from the top, the smallest terms first, as Tx is accumulated.
        return nLx.reversed().reduce(0, +)
    }

    /// The index of age `fitFrom`, after checking that `fitFrom` … ω are single years.
    private static func firstFittedIndex(ages: AgeStructure, fitFrom: Int) throws(DemographyError) -> Int {
        let omega = ages.openAge
        guard omega >= fitFrom + 2 else {
            throw .invalidAgeStructure(
                reason: "the Kannisto closure fits ages \(fitFrom) to the open age, which must then be at least \(fitFrom + 2), not \(omega)")
        }
        guard let first = ages.index(ofStartAge: fitFrom), ages.count - 1 - first == omega - fitFrom else {
            throw .invalidAgeStructure(
                reason: "the Kannisto closure needs single-year age groups from \(fitFrom) to the open age \(omega), but the grid is \(ages)")
        }
        return first
    }
}
