import Foundation

/// A parametric law of old-age mortality μ(x), as fitted by DemoTools
/// `lt_rule_m_extrapolate` through the MortalityLaws package (Pascariu).
///
/// x is the *scaled* age x′ = x − x₀ + 1, where x₀ is the first fitted age
/// (MortalityLaws' `scale.x`, true for all these laws). Parameters are positive
/// and fitted on the log scale (``MortalityLawFit``).
///
/// Sources: Gompertz (1825); Makeham (1860); Beard (1971); Vaupel, Manton &
/// Stallard (1979) for the gamma-Gompertz; Kannisto (1994) and Thatcher,
/// Kannisto & Vaupel (1998) for the Kannisto law; MortalityLaws 2.1
/// (`availableLaws()`, `bring_parameters`) for the forms and starting values.
public enum MortalityLaw: String, Sendable, Hashable, CaseIterable {
    /// μ = A·e^(Bx) / (1 + A·e^(Bx)) — logistic, levelling off towards 1.
    case kannisto
    /// μ = A·e^(Bx) / (1 + A·e^(Bx)) + C.
    case kannistoMakeham = "kannisto_makeham"
    /// μ = A·e^(Bx).
    case gompertz
    /// μ = A·e^(Bx) + C.
    case makeham
    /// μ = A·e^(Bx) / (1 + (A·G/B)(e^(Bx) − 1)) — gamma-Gompertz.
    case gammaGompertz = "ggompertz"
    /// μ = A·e^(Bx) / (1 + K·A·e^(Bx)).
    case beard
    /// μ = A·e^(Bx) / (1 + K·A·e^(Bx)) + C.
    case beardMakeham = "beard_makeham"
    /// μ = A + Bx + Cx².
    case quadratic

    /// The starting parameters of the fit (MortalityLaws `bring_parameters`).
    public var startingParameters: [Double] {
        switch self {
        case .kannisto: [0.5, 0.13]
        case .kannistoMakeham: [0.5, 0.13, 0.001]
        case .gompertz: [0.0002, 0.13]
        case .makeham: [0.0002, 0.13, 0.001]
        case .gammaGompertz: [0.002, 0.13, 1]
        case .beard: [0.002, 0.13, 1]
        case .beardMakeham: [0.002, 0.13, 0.01, 1]
        case .quadratic: [0.01, 1, 0.01]
        }
    }

    /// The parameters' names, in the order of ``startingParameters``.
    public var parameterNames: [String] {
        switch self {
        case .kannisto, .gompertz: ["A", "B"]
        case .kannistoMakeham, .makeham: ["A", "B", "C"]
        case .gammaGompertz: ["A", "B", "G"]
        case .beard: ["A", "B", "K"]
        case .beardMakeham: ["A", "B", "C", "K"]
        case .quadratic: ["A", "B", "C"]
        }
    }

    /// μ(x′) under parameters `p` (in the order of ``parameterNames``).
    public func hazard(scaledAge x: Double, parameters p: [Double]) -> Double {
        switch self {
        case .kannisto:
            let e = p[0] * exp(p[1] * x)
            return e / (1 + e)
        case .kannistoMakeham:
            let e = p[0] * exp(p[1] * x)
            return e / (1 + e) + p[2]
        case .gompertz:
            return p[0] * exp(p[1] * x)
        case .makeham:
            return p[0] * exp(p[1] * x) + p[2]
        case .gammaGompertz:
            return p[0] * exp(p[1] * x) / (1 + (p[0] * p[2] / p[1]) * (exp(p[1] * x) - 1))
        case .beard:
            return p[0] * exp(p[1] * x) / (1 + p[2] * p[0] * exp(p[1] * x))
        case .beardMakeham:
            return p[0] * exp(p[1] * x) / (1 + p[3] * p[0] * exp(p[1] * x)) + p[2]
        case .quadratic:
            return p[0] + p[1] * x + p[2] * x * x
        }
    }
}
