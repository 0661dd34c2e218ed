/// Values on a fine age grid summed into the groups of a coarser one: single
/// years back into five-year groups, an abridged grid into five-year groups.
///
/// Every start age of the coarse grid must be one of the fine grid's, and both
/// must share the open age ω, so that each fine group lies inside exactly one
/// coarse group. Summing is exact: it is the inverse of a graduation that keeps
/// group totals.
public enum AgeAggregation {
    /// The sums of `values` (on `ages`) over the groups of `target`.
    public static func sum(_ values: [Double], on ages: AgeStructure, into target: AgeStructure) throws(DemographyError) -> [Double] {
        guard values.count == ages.count else {
            throw .lengthMismatch(schedule: "values to aggregate", expected: ages.count, found: values.count)
        }
        guard ages.nests(in: target) else {
            throw .ageStructureMismatch(left: "values: \(ages)", right: "aggregated grid: \(target)")
        }
        return ages.sums(values, into: target)
    }

    /// The population in the groups of `target` (for example five-year groups from single years).
    public static func population(_ population: Population, into target: AgeStructure) throws(DemographyError) -> Population {
        let female = try sum(population.counts.female, on: population.ages, into: target)
        let male = try sum(population.counts.male, on: population.ages, into: target)
        return try Population(ages: target, counts: BySex(female: female, male: male))
    }
}
