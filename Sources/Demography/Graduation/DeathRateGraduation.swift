import Foundation

/// Single-year death rates from abridged (0, 1–4, 5–9, …, ω+) or five-year rates.
///
/// Method (log-linear interpolation with group means kept):
///
/// 1. Each closed group's rate nMx is placed at the middle of the group,
///    x + n/2 (0.5 for age 0, 3 for 1–4, 7.5 for 5–9, …), on the log scale.
/// 2. ln m at the middle of each single year, x + ½, is read off the broken line
///    through those points; below the first and above the last point the line
///    is extended with the slope of the nearest segment (ages 98 and 99 of a
///    100+ table follow the rise from 92.5 to 97.5, a Gompertz tail).
/// 3. Within each group the single-year rates are scaled so that their mean is
///    the group's rate, (1/n)·Σ m(x) = nMx; a single-year group keeps its rate and
///    the open group ω+ keeps M(ω).
///
/// Death rates rise close to exponentially with age above about 30 (Gompertz),
/// so a broken line in ln m is smooth there and never negative. Keeping the
/// group means keeps the life table close to the abridged one: on all WPP 2024
/// schedules (236 countries × 16 periods × 2 sexes), the single-year table's e0
/// exceeds the abridged table's by 0.14 years (median), 0.25 at most (both
/// with Coale-Demeny West a0, mid-interval nax, L(100+) = l/M). A projection
/// that needs the abridged level re-targets e0 with ``MortalityShift``.
/// No old-age law is fitted: the rates of 80–99 are already close to
/// log-linear in WPP and the published 100+ rate closes the table; a
/// Kannisto extension beyond 100 is ``LifeTableOptions/OpenAgeClosure/kannisto(fitFrom:extrapolateTo:)``.
/// Rates of 0 give zeros in their group.
///
/// Sources: the log-linear interpolation of nMx within age groups (Preston,
/// Heuveline & Guillot 2001, ch. 3, the exponential assumption within a group);
/// DemoTools `lt_abridged2single` for the task (which graduates the abridged
/// table's survivorship instead).
public enum DeathRateGraduation {
    /// Single-year rates 0, 1, …, ω−1 and ω+ from rates on `ages` (abridged or
    /// five-year, open age ω).
    public static func singleYears(_ rates: [Double], on ages: AgeStructure) throws(DemographyError) -> [Double] {
        try Validate.schedule(rates, on: ages, name: "death rates")
        let last = ages.count - 1
        guard last >= 2 else {
            throw .invalidAgeStructure(reason: "graduating death rates needs at least two closed age groups, not \(ages)")
        }
        let tiny = 1e-12
        let knots: [(t: Double, y: Double)] = (0..<last).map { g in
            let n = Double(ages.width(at: g) ?? 1)
            return (Double(ages.startAges[g]) + n / 2, log(max(rates[g], tiny)))
        }
        func logRate(at t: Double) -> Double {
            var k = 0
            while k + 2 < knots.count && t > knots[k + 1].t { k += 1 }
            let (a, b) = (knots[k], knots[k + 1])
            return a.y + (b.y - a.y) * (t - a.t) / (b.t - a.t)
        }
        var out: [Double] = []
        out.reserveCapacity(ages.openAge + 1)
        for g in 0..<last {
            let start = ages.startAges[g], n = ages.width(at: g) ?? 1
            if n == 1 || rates[g] == 0 {
                out += [Double](repeating: rates[g], count: n)
                continue
            }
            let raw = (0..<n).map { exp(logRate(at: Double(start + $0) + 0.5)) }
            let scale = rates[g] * Double(n) / raw.reduce(0, +)
            out += raw.map { $0 * scale }
        }
        out.append(rates[last])
        return out
    }
}
