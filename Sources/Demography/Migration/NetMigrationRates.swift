/// Net migration rates by sex and age group: net migrants per person per year.
///
/// A step of z years turns them into counts with the population at its start:
///
///     M_s(x) = r_s(x) · z · P_s(x, t)
///
/// The UN's ccmppWPP (`project_ccmpp_loop_over_time`, `mig_type = "rates"`)
/// computes `rate × pop_start` for the step, i.e. its rates are per step; for
/// its single-year runs (z = 1) the two conventions agree. (The version read
/// multiplies the female rates by the male start population, a slip we do not
/// copy: each sex uses its own population.)
///
/// Outflows cannot exceed the population: a rate at or below −1/z would empty a
/// group, and the step's migration guard (``ProjectionStep``) then cuts the
/// outflow back to leave 1e-5 persons. The counts returned here are the
/// requested ones, before that guard.
public struct NetMigrationRates: Sendable, Hashable {
    /// The age groups.
    public let ages: AgeStructure
    /// r — net migrants per person per year, by sex and age group (either sign).
    public let rates: BySex<[Double]>

    /// Pairs rates with age groups; the rates must be finite, one per group.
    public init(ages: AgeStructure, rates: BySex<[Double]>) throws(DemographyError) {
        for sex in Sex.allCases {
            try Validate.finite(rates[sex], on: ages, name: "\(sex.rawValue) net migration rates")
        }
        self.ages = ages
        self.rates = rates
    }

    /// M_s(x) = r_s(x) · z · P_s(x, t) — net migrants during a step of `width` years from `start`.
    /// - Throws: when the population's age groups differ, or `width` is not positive.
    public func netMigrants(start: Population, width: Int) throws(DemographyError) -> BySex<[Double]> {
        guard start.ages == ages else {
            throw .ageStructureMismatch(left: "population: \(start.ages)", right: "net migration rates: \(ages)")
        }
        guard width > 0 else {
            throw .invalidParameter(name: "step width", value: Double(width), expected: "a whole number of years above 0")
        }
        let z = Double(width)
        return BySex { sex in zip(rates[sex], start.counts[sex]).map { $0 * z * $1 } }
    }
}
