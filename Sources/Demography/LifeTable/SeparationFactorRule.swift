/// How the separation factors of the first age groups (a0, and 4a1 in abridged
/// tables) are obtained from the death rates.
public enum SeparationFactorRule: Sendable, Hashable {
    /// Andreev & Kingkade (2015), Table 3: a0 as a piecewise-linear function of
    /// 1m0, by sex. Abridged tables take 4a1 from Coale & Demeny (1983), West.
    case andreevKingkade
    /// Coale & Demeny (1983), West model, as given by Preston, Heuveline &
    /// Guillot (2001), Table 3.3, from 1m0: a0 and 4a1 by sex.
    case coaleDemeny
    /// Half the width of the interval (a0 = 0.5, 4a1 = 2).
    case midInterval
    /// Values given by the user (4a1 is used only in abridged tables).
    case given(a0: Double, a1: Double? = nil)

    /// a0 — average years lived in [0, 1) by those who die there.
    public func infantSeparation(deathRate m0: Double, sex: Sex) -> Double {
        switch self {
        case .andreevKingkade:
            // Andreev & Kingkade (2015), Table 3, 1a0 from 1m0.
            if sex == .male {
                if m0 < 0.02300 { return 0.14929 - 1.99545 * m0 }
                if m0 < 0.08307 { return 0.02832 + 3.26201 * m0 }
                return 0.29915
            } else {
                if m0 < 0.01724 { return 0.14903 - 2.05527 * m0 }
                if m0 < 0.06891 { return 0.04667 + 3.88089 * m0 }
                return 0.31411
            }
        case .coaleDemeny:
            if sex == .male { return m0 >= 0.107 ? 0.330 : 0.045 + 2.684 * m0 }
            return m0 >= 0.107 ? 0.350 : 0.053 + 2.800 * m0
        case .midInterval:
            return 0.5
        case .given(let a0, _):
            return a0
        }
    }

    /// 4a1 — average years lived in [1, 5) by those who die there (abridged tables).
    public func childSeparation(infantDeathRate m0: Double, sex: Sex) -> Double {
        switch self {
        case .andreevKingkade, .coaleDemeny:
            if sex == .male { return m0 >= 0.107 ? 1.352 : 1.651 - 2.816 * m0 }
            return m0 >= 0.107 ? 1.361 : 1.522 - 1.518 * m0
        case .midInterval:
            return 2
        case .given(_, let a1):
            return a1 ?? 2
        }
    }
}
