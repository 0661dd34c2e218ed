import Foundation

extension LifeTable {
    /// nax of the closed groups by the UN rule (``LifeTableOptions/ClosedGroupSeparation/unitedNations``),
    /// DemoTools `lt_id_morq_a_greville` on death rates with `mod = TRUE`.
    ///
    ///     nax = n/2 − (n²/12)·(nMx − k·A),  k = ln(M(x+n) / M(x−n)),  A = 1 / (n₋/2 + n + n₊/2)
    ///
    /// (rates below the smallest positive double count as that value); from age 10
    /// to the last closed group a value outside [0.4n, 0.6n] becomes the
    /// constant-hazard nax = n + 1/nMx − n / (1 − e^(−n·nMx)). A non-finite or
    /// negative result becomes n/2 (DemoTools `lt_a_un`). The first two groups
    /// are overwritten by the a0 and 4a1 rules and the open group by its closure;
    /// without `greville5to14`, 5–9 and 10–14 get n/2 (DemoTools `mod = FALSE`).
    ///
    /// Sources: Greville (1943); United Nations (1988), *MortPak*, and Manual X
    /// (1983), ch. on life tables; Riffe et al., DemoTools, `lt_a_un`.
    static func unitedNationsSeparationFactors(ages: AgeStructure, deathRates m: [Double], greville5to14: Bool) -> [Double] {
        let count = ages.count, last = count - 1
        let widths = (0..<count).map { Double(ages.width(at: $0) ?? ages.width(at: max($0 - 1, 0)) ?? 1) }
        var ax = widths.map { $0 / 2 }
        for i in 1..<last {
            let n = widths[i], mi = m[i]
            let k = log(max(m[i + 1], Double.leastNormalMagnitude) / max(m[i - 1], Double.leastNormalMagnitude))
            let a = 1 / (widths[i - 1] / 2 + n + widths[i + 1] / 2)
            var value = n / 2 - (n * n / 12) * (mi - k * a)
            if ages.startAges[i] >= 10, value < 0.4 * n || value > 0.6 * n || value.isNaN {
                value = n + 1 / mi - n / (1 - exp(-n * mi))
            }
            if !value.isFinite || value < 0 { value = n / 2 }
            ax[i] = value
        }
        if !greville5to14 {
            for i in 0..<last where ages.startAges[i] == 5 || ages.startAges[i] == 10 { ax[i] = widths[i] / 2 }
        }
        return ax
    }
}
