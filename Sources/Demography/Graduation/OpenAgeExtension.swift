/// The open age group ω+ split into single years ω, …, ω′−1 and a new open
/// group ω′+, in proportion to a life table's person-years lived.
///
/// In a stationary population the persons at each age are proportional to nLx,
/// so the open group's count N(ω+) is shared as
///
///     N(x) = N(ω+) · Lx / T(ω)   (x = ω … ω′−1),   N(ω′+) = N(ω+) · T(ω′) / T(ω)
///
/// with Lx and Tx from a single-year life table whose open age is at least ω′
/// (for example rates extended with a Kannisto law, ``KannistoClosure``). The
/// total of the open group is kept exactly. Source: Preston, Heuveline &
/// Guillot (2001), ch. 3 (the stationary population); DemoTools `OPAG`
/// (stationary redistribution of the open age group).
public enum OpenAgeExtension {
    /// Single-year counts 0, …, ω−1 with the open group ω+ (on `population`)
    /// extended to the new open age of the life tables (one per sex, same ages).
    public static func extend(_ population: Population, lifeTables: BySex<LifeTable>) throws(DemographyError) -> Population {
        let ages = population.ages
        guard ages.uniformWidth == 1 else {
            throw .invalidAgeStructure(reason: "the open-age extension needs single years of age, not \(ages)")
        }
        let female = lifeTables.female, male = lifeTables.male
        guard female.ages == male.ages else {
            throw .ageStructureMismatch(left: "female life table: \(female.ages)", right: "male life table: \(male.ages)")
        }
        let table = female.ages
        let omega = ages.openAge, newOpen = table.openAge
        guard table.uniformWidth == 1, newOpen >= omega, let first = table.index(ofStartAge: omega) else {
            throw .ageStructureMismatch(left: "population: \(ages)", right: "life table: \(table) (single years up to an open age ≥ \(omega))")
        }
        let grid = try AgeStructure.singleYear(openAge: newOpen)
        var counts = BySex<[Double]>(both: [])
        for (sex, lt) in [(Sex.female, female), (Sex.male, male)] {
            let c = population.counts[sex]
            let open = c[c.count - 1]
            let tOmega = lt.personYearsAbove[first]
            guard tOmega > 0 else {
                throw .invalidParameter(name: "\(sex.rawValue) person-years above age \(omega)", value: tOmega,
                                        expected: "above 0, to share the open group")
            }
            let shares = lt.personYearsLived[first...].map { $0 / tOmega }
            counts[sex] = Array(c.dropLast()) + shares.map { $0 * open }
        }
        return try Population(ages: grid, counts: counts)
    }
}
