/// Values moved between single years of age and five-year groups with the same
/// open age group: summed or averaged into the coarser groups (``regrouped(_:on:into:as:)``),
/// or graduated into single years (``graduated(_:on:as:)``).
///
/// What each kind of value does:
///
/// | kind | single years → five-year groups | five-year groups → single years |
/// |---|---|---|
/// | ``Kind/counts`` (net migrants) | summed | Sprague, signed (``CountGraduation/signedSingleYears(_:method:)``) |
/// | ``Kind/rates`` (net migration rates) | mean over the group's years | the group's rate in each of its years |
/// | ``Kind/fertilityRates`` (ASFR) | mean over the group's years (births per woman kept) | ``FertilityGraduation`` (births per woman kept) |
/// | ``Kind/birthShares`` (PASFR, per cent) | summed | ``FertilityGraduation`` of the shares over 5 |
///
/// The mean of a group's single-year rates is its rate when the population is
/// spread evenly over the group's years; with no single-year population beside
/// the five-year one, that is the weighting the data allow. Summing (and the
/// graduations, which keep group totals) keeps totals exactly. The open group is
/// kept as it is. Sources: Siegel & Swanson (2004), ch. 7 and pp. 727–729
/// (grouping and osculatory interpolation); DemoTools `groupAges`, `graduate`.
public enum AgeWidthConversion {
    /// What the values are, which sets how they are combined and split.
    public enum Kind: Sendable, Hashable {
        case counts, rates, fertilityRates, birthShares
    }

    /// Values on `fine` (single years) combined into the groups of `coarse`
    /// (which `fine` must nest in: same open age).
    public static func regrouped(_ values: [Double], on fine: AgeStructure, into coarse: AgeStructure,
                                 as kind: Kind) throws(DemographyError) -> [Double] {
        let sums = try AgeAggregation.sum(values, on: fine, into: coarse)
        switch kind {
        case .counts, .birthShares: return sums
        case .rates, .fertilityRates:
            let members = try AgeAggregation.sum([Double](repeating: 1, count: fine.count), on: fine, into: coarse)
            return zip(sums, members).map { $0 / $1 }
        }
    }

    /// Values on five-year groups `five` as single years 0, …, ω−1, ω+.
    public static func graduated(_ values: [Double], on five: AgeStructure, as kind: Kind) throws(DemographyError) -> [Double] {
        guard five.uniformWidth == 5 else {
            throw .invalidAgeStructure(reason: "graduation to single years needs five-year groups 0-4, 5-9, ..., not \(five)")
        }
        try Validate.finite(values, on: five, name: "values to graduate")
        switch kind {
        case .counts: return try CountGraduation.signedSingleYears(values)
        case .rates: return values.dropLast().flatMap { [Double](repeating: $0, count: 5) } + [values[values.count - 1]]
        case .fertilityRates: return try FertilityGraduation.singleYears(values, on: five)
        case .birthShares: return try FertilityGraduation.singleYears(values.map { $0 / 5 }, on: five)
        }
    }
}
