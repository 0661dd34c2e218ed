import Testing
import Demography

/// Audit §2: a base population that cannot be projected is refused by the inputs.
@Suite struct BasePopulationCheckTests {
    static func inputs(ages: AgeStructure, value: Double) throws -> ProjectionInputs {
        let n = ages.count
        let population = try Population(ages: ages, counts: BySex(both: [Double](repeating: value, count: n)))
        return try ProjectionInputs(
            basePopulation: population, baseYear: 2000,
            survivalRatios: [2000: BySex(both: [Double](repeating: 0.9, count: n))],
            fertilityRates: [2000: [Double](repeating: 0, count: n)], sexRatioAtBirth: [2000: 1.05])
    }

    // All-zero pop_base.csv gave growth_rate = inf, median_age = nan in summary.csv.
    @Test func allZeroBasePopulationIsRefused() throws {
        let ages = try AgeStructure.fiveYear(openAge: 20)
        let error = #expect(throws: DemographyError.self) { try Self.inputs(ages: ages, value: 0) }
        #expect(error?.description == "the base population is 0.0, expected people to project (it is 0 in every age group and sex)")
        #expect(try Self.inputs(ages: ages, value: 1).basePopulation.total == 10)
    }

    // Two groups 0, 1+ gave "a projection step of 1 years needs closed age groups of 1 years, but the grid is open age 1".
    @Test func singleClosedAgeGroupIsRefusedClearly() throws {
        let ages = try AgeStructure(startAges: [0, 1])
        let error = #expect(throws: DemographyError.self) { try Self.inputs(ages: ages, value: 10) }
        #expect(error?.description == "invalid age structure: the base population has the age groups 0, 1+: a projection needs at least two closed age groups below the open age group")
    }
}
