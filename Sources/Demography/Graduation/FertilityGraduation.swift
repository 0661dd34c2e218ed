/// Single-year age-specific fertility rates from five-year rates, keeping every
/// group's births per woman and so the TFR exactly.
///
/// Method:
///
/// 1. The births per woman of each five-year group, 5·₅Fx, are split into single
///    years with a ``GraduationMethod`` (Sprague by default) over all closed
///    groups, the groups without fertility (below 15 and above 49 in WPP)
///    entering as zeros, so that the curve falls to 0 at its ends.
/// 2. Single years in a group of zero fertility are set to 0, and negative
///    values (the osculatory curve undershoots at the edges of the
///    childbearing span) are clipped at 0.
/// 3. Each group's single-year rates are scaled back to its births per woman,
///    Σ f(x) = 5·₅Fx over the group (uniformly spread if clipping left nothing).
///
/// So Σₓ f(x) = 5·Σ ₅Fx = TFR. Source: Siegel & Swanson (2004), pp. 727–729 for
/// the multipliers; the clip-and-rescale of DemoTools `graduate` followed by
/// `rescaleAgeGroups`; UN WPP 2024 methodology (single-age fertility from
/// five-year ASFR for the 1x1 projection).
public enum FertilityGraduation {
    /// Single-year rates on single years 0, …, ω−1, ω+ (0 in the open group) from
    /// five-year rates (births per woman per year) on `ages` (five-year groups).
    public static func singleYears(_ rates: [Double], on ages: AgeStructure,
                                   method: GraduationMethod = .standard) throws(DemographyError) -> [Double] {
        guard ages.uniformWidth == 5 else {
            throw .invalidAgeStructure(reason: "fertility graduation needs five-year groups 0-4, 5-9, ..., not \(ages)")
        }
        try Validate.schedule(rates, on: ages, name: "fertility rates")
        let closed = rates.count - 1
        let births = rates[0..<closed].map { 5 * $0 }
        var single = try method.split(births)
        for g in 0..<closed {
            let range = (5 * g)..<(5 * g + 5)
            guard births[g] > 0 else {
                for x in range { single[x] = 0 }
                continue
            }
            for x in range where single[x] < 0 { single[x] = 0 }
            let sum = single[range].reduce(0, +)
            for x in range { single[x] = sum > 0 ? single[x] * births[g] / sum : births[g] / 5 }
        }
        return single + [0]
    }
}
