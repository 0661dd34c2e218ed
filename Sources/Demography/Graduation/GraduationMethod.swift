/// How five-year group totals are split into single years of age.
///
/// Every method keeps each group's total: the osculatory tables because their
/// multipliers sum to 1 over the group (``OsculatoryMultipliers``), the uniform
/// split by construction.
///
/// **Default: Sprague.** Measured on the WPP 2024 base populations of 1 July 2020
/// (236 countries × 2 sexes = 472 schedules, groups 0–4 … 95–99, 100+ kept):
///
/// | method | groups with a negative single year (→ uniform) | schedules affected | median roughness Σ(Δ²y)²/Σy² |
/// |---|---|---|---|
/// | Sprague | 153 | 140 | 6.2e-5 |
/// | Beers (ordinary) | 203 | 185 | 5.1e-5 |
/// | uniform | 0 | 0 | 7.7e-3 |
///
/// The negatives are almost all in 95–99, next to the small open group. Both
/// osculatory methods are two orders of magnitude smoother than the uniform
/// split and about equally smooth; Sprague needs the uniform fallback in a
/// quarter fewer groups, has exact multipliers, and is the method of the UN's
/// tools (DemoTools `graduate_sprague`). Beers' modified table is not offered:
/// it does not keep group totals (its middle panel moves persons between groups).
public enum GraduationMethod: String, Sendable, Hashable, CaseIterable {
    /// Sprague's fifth-difference osculatory interpolation (``OsculatoryMultipliers/sprague``).
    case sprague
    /// Beers' ordinary osculatory interpolation (``OsculatoryMultipliers/beersOrdinary``).
    case beersOrdinary = "beers-ordinary"
    /// Each group total spread evenly over its five years (DemoTools `graduate_uniform`).
    case uniform

    /// The method used unless another is chosen.
    public static let standard: GraduationMethod = .sprague

    /// The multiplier table of an osculatory method (nil for the uniform split).
    public var multipliers: OsculatoryMultipliers? {
        switch self {
        case .sprague: return .sprague
        case .beersOrdinary: return .beersOrdinary
        case .uniform: return nil
        }
    }

    /// Single-year values of consecutive five-year totals, unconstrained (signed
    /// values allowed; the osculatory methods need at least five totals).
    public func split(_ totals: [Double]) throws(DemographyError) -> [Double] {
        guard let multipliers else {
            for (i, v) in totals.enumerated() where !v.isFinite {
                throw .nonFiniteValue(schedule: "five-year totals", age: 5 * i, value: v)
            }
            return totals.flatMap { [Double](repeating: $0 / 5, count: 5) }
        }
        return try multipliers.split(totals)
    }
}
