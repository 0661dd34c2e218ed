import Foundation

/// How the separation factors of the first age groups (a0, and 4a1 in abridged
/// tables) are obtained from the death rates.
public enum SeparationFactorRule: Sendable, Hashable {
    /// Andreev & Kingkade (2015), Table 3: a0 as a piecewise-linear function of
    /// 1m0, by sex. Abridged tables take 4a1 from Coale & Demeny (1983), West.
    ///
    /// The male middle slope is 3.26021 (as DemoTools has it); 3.26201 also
    /// circulates in code. The pieces are continuous: at the breakpoint 0.08307,
    /// 0.02832 + 3.26021 × 0.08307 = 0.29915, the constant of the last piece,
    /// where 3.26201 gives 0.29930.
    case andreevKingkade
    /// The rule found in the UN's WPP 2019 single-year life tables (Canada,
    /// ccmppWPP): Andreev & Kingkade's coefficients for *1q0* evaluated at 1m0,
    /// as DemoTools' `lt_rule_1a0_ak` did between 2020-08 and 2021-05. It
    /// reproduces the UN's a0 to 1e-10; prefer ``andreevKingkade`` otherwise.
    case andreevKingkadeWPP2019
    /// DemoTools' default (`a0rule = "ak"`, `lt_rule_1a0_ak`, `lt_rule_4a1_cd`):
    /// a0 by Andreev & Kingkade (2015) from 1m0, and 4a1 by Coale & Demeny (1983),
    /// West, evaluated at 1q0 = 1m0 / (1 + (1 − a0)·1m0) (or the given infant
    /// mortality rate), constant above 1q0 = 0.1.
    case andreevKingkadeDemoTools
    /// Coale & Demeny (1983) as the US Census Bureau's PAS applies it: a0 and
    /// 4a1 linear in 1q0 below 0.1 and constant above, with 1q0 solved from 1m0
    /// (or the given infant mortality rate). West, North and South share a0.
    case coaleDemeny(CoaleDemenyRegion)
    /// Half the width of the interval (a0 = 0.5, 4a1 = 2).
    case midInterval
    /// Values given by the user (4a1 is used only in abridged tables).
    case given(a0: Double, a1: Double? = nil)

    /// The Coale-Demeny model life table families with their own 4a1.
    public enum CoaleDemenyRegion: String, Sendable, Hashable, CaseIterable {
        case west, north, south
    }

    /// a0 — average years lived in [0, 1) by those who die there.
    /// - Parameters:
    ///   - m0: 1m0, the death rate in the first year of life.
    ///   - sex: the sex of the table.
    ///   - q0: 1q0 when it is given rather than derived (an infant mortality rate).
    public func infantSeparation(deathRate m0: Double, sex: Sex, deathProbability q0: Double? = nil) -> Double {
        switch self {
        case .andreevKingkade, .andreevKingkadeDemoTools:
            // Andreev & Kingkade (2015), Table 3, 1a0 from 1m0.
            if sex == .male {
                if m0 < 0.02300 { return 0.14929 - 1.99545 * m0 }
                if m0 < 0.08307 { return 0.02832 + 3.26021 * m0 }
                return 0.29915
            } else {
                if m0 < 0.01724 { return 0.14903 - 2.05527 * m0 }
                if m0 < 0.06891 { return 0.04667 + 3.88089 * m0 }
                return 0.31411
            }
        case .andreevKingkadeWPP2019:
            // Andreev & Kingkade (2015), Table 3, the 1q0 rows, applied to 1m0.
            if sex == .male {
                if m0 < 0.0226 { return 0.1493 - 2.0367 * m0 }
                if m0 < 0.0785 { return 0.0244 + 3.4994 * m0 }
                return 0.2991
            } else {
                if m0 < 0.0170 { return 0.1490 - 2.0867 * m0 }
                if m0 < 0.0658 { return 0.0438 + 4.1075 * m0 }
                return 0.3141
            }
        case .coaleDemeny:
            let (alpha, beta, above) = sex == .male ? (0.0425, 2.875, 0.330) : (0.050, 3.000, 0.350)
            let q = q0 ?? SeparationFactorRule.infantDeathProbability(deathRate: m0, alpha: alpha, beta: beta)
            return q >= 0.1 ? above : alpha + beta * q
        case .midInterval:
            return 0.5
        case .given(let a0, _):
            return a0
        }
    }

    /// 4a1 — average years lived in [1, 5) by those who die there (abridged tables).
    public func childSeparation(infantDeathRate m0: Double, sex: Sex, infantDeathProbability q0: Double? = nil) -> Double {
        switch self {
        case .andreevKingkadeDemoTools:
            let q = q0 ?? {
                let a0 = infantSeparation(deathRate: m0, sex: sex)
                return m0 / (1 + (1 - a0) * m0)
            }()
            let (c, d, above) = sex == .male ? (1.653, 3.013, 1.352) : (1.524, 1.627, 1.361)
            return q > 0.1 ? above : c - d * q
        case .andreevKingkade, .andreevKingkadeWPP2019:
            return SeparationFactorRule.coaleDemeny(.west).childSeparation(infantDeathRate: m0, sex: sex, infantDeathProbability: q0)
        case .coaleDemeny(let region):
            let (alpha, beta) = sex == .male ? (0.0425, 2.875) : (0.050, 3.000)
            let q = q0 ?? SeparationFactorRule.infantDeathProbability(deathRate: m0, alpha: alpha, beta: beta)
            // Coale & Demeny (1983); PAS LTPOPDTH. (intercept, slope below q0 = 0.1, value above)
            let (c, d, above): (Double, Double, Double) = switch (region, sex) {
            case (.west, .male): (1.653, 3.013, 1.352)
            case (.west, .female): (1.524, 1.625, 1.361)
            case (_, .male): (1.859, 3.013, 1.558)
            case (_, .female): (1.733, 1.627, 1.570)
            }
            return q >= 0.1 ? above : c - d * q
        case .midInterval:
            return 2
        case .given(_, let a1):
            return a1 ?? 2
        }
    }

    /// 1q0 from 1m0 when a0 = α + β·1q0: the root of β·m·q² − (1 + (1−α)·m)·q + m = 0
    /// (PAS LTPOPDTH), with q ≥ 0.1 falling back to the constant a0 of the caller.
    static func infantDeathProbability(deathRate m: Double, alpha: Double, beta: Double) -> Double {
        guard m > 0 else { return 0 }
        let a = beta * m, b = 1 + m * (1 - alpha)
        let discriminant = b * b - 4 * a * m
        guard discriminant >= 0 else { return 1 }
        return (b - discriminant.squareRoot()) / (2 * a)
    }
}
