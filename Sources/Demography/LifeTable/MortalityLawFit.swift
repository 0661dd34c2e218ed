import Foundation

/// A ``MortalityLaw`` fitted to death rates, as DemoTools `lt_rule_m_extrapolate`
/// fits it (default `opt.method = "LF2"`).
///
/// The fit minimises MortalityLaws' loss "LF2",
///
///     Σ_{x ∈ fitted ages} [ln(μ(x′) / Mx)]²,   x′ = x − x₀ + 1,
///
/// over the logarithms of the parameters with R's Nelder-Mead (``NelderMead``,
/// an exact port of `optim`) from the law's starting values. As in
/// MortalityLaws, an infinite term (a rate of 0, or μ ≤ 0) counts 10⁵ and an
/// infinite μ counts as 1. When the search does not converge within R's 500
/// evaluations, DemoTools falls back to a Gompertz law started at A = 0.005,
/// B = 0.13; so does this fit (``lawUsed`` then says `.gompertz`).
///
/// Sources: Pascariu, MortalityLaws 2.1, `MortalityLaw`, `objective_fun`,
/// `choose_optim`; Riffe et al., DemoTools, `lt_rule_m_extrapolate`.
public struct MortalityLawFit: Sendable, Hashable {
    /// The law requested.
    public let law: MortalityLaw
    /// The law whose parameters these are (`.gompertz` after DemoTools' fallback).
    public let lawUsed: MortalityLaw
    /// The fitted parameters, in the order of `lawUsed.parameterNames`.
    public let parameters: [Double]
    /// x₀ — the first fitted age (scaled age 1).
    public let firstFittedAge: Double
    /// Whether the Nelder-Mead search met its tolerance (after any fallback).
    public let converged: Bool

    /// Fits `law` to the rates `deathRates` at ages `ages` whose age is in `fitAges`.
    /// - Throws: ``DemographyError/invalidParameter(name:value:expected:)`` when
    ///   fewer fitted ages than parameters are given, or the loss is not finite
    ///   at the start; ``DemographyError/lengthMismatch(schedule:expected:found:)``
    ///   when the ages and rates differ in length; ``DemographyError/missing(what:expected:)``
    ///   when a fitted age is not among `ages`.
    public init(law: MortalityLaw, ages: [Double], deathRates: [Double], fitAges: [Double]) throws(DemographyError) {
        guard ages.count == deathRates.count else {
            throw .lengthMismatch(schedule: "death rates for the \(law.rawValue) fit", expected: ages.count, found: deathRates.count)
        }
        var x: [Double] = [], m: [Double] = []
        for (a, r) in zip(ages, deathRates) where fitAges.contains(a) {
            x.append(a); m.append(r)
        }
        for a in fitAges where !ages.contains(a) {
            throw .missing(what: "age \(a) of the \(law.rawValue) fit", expected: "one of the ages of the death rates")
        }
        guard let first = fitAges.first, x.count >= law.startingParameters.count else {
            throw .invalidParameter(name: "number of ages fitted by the \(law.rawValue) law", value: Double(x.count),
                                    expected: "at least \(law.startingParameters.count), one per parameter")
        }
        let scaled = x.map { $0 - first + 1 }
        func run(_ law: MortalityLaw, _ start: [Double]) -> NelderMead.Result {
            let loss = { (logP: [Double]) -> Double in
                let p = logP.map { exp($0) }
                var sum = 0.0
                var anyNaN = false
                var terms: [Double] = []
                terms.reserveCapacity(scaled.count)
                for (xs, nu) in zip(scaled, m) {
                    var mu = law.hazard(scaledAge: xs, parameters: p)
                    if mu.isInfinite { mu = 1 }
                    if mu.isNaN { anyNaN = true }
                    var t = log(mu / nu)
                    t = t * t
                    if t.isInfinite { t = 1e5 }
                    terms.append(t)
                }
                for t in terms where !t.isNaN { sum += anyNaN ? t + 1e5 : t }
                return sum
            }
            return NelderMead().minimize(loss, from: start.map { log($0) })
        }
        var used = law
        var result = run(law, law.startingParameters)
        if result.status != .initialValueNotFinite, !result.converged {
            used = .gompertz
            result = run(.gompertz, [0.005, 0.13])
        }
        guard result.status != .initialValueNotFinite, result.value.isFinite else {
            throw .invalidParameter(name: "\(law.rawValue) loss at ages \(first)-\(x.last ?? first)", value: result.value,
                                    expected: "a finite value; check the death rates in the fitted range")
        }
        self.law = law
        self.lawUsed = used
        self.parameters = result.point.map { exp($0) }
        self.firstFittedAge = first
        self.converged = result.converged
    }

    /// μ(x) — the fitted hazard at age `age` (unscaled).
    public func hazard(atAge age: Double) -> Double {
        lawUsed.hazard(scaledAge: age - firstFittedAge + 1, parameters: parameters)
    }
}
