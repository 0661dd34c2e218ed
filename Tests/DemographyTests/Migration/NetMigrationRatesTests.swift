import Testing
import Demography

/// Net migration rates per person per year turned into counts for a step.
@Suite struct NetMigrationRatesTests {
    let ages = try! AgeStructure.fiveYear(openAge: 20)

    @Test func countsAreRateTimesWidthTimesStartPopulation() throws {
        let start = try Population(ages: ages, counts: BySex(female: [100, 90, 80, 70, 60], male: [105, 95, 85, 75, 65]))
        let rates = try NetMigrationRates(ages: ages, rates: BySex(female: [0.01, 0.002, -0.004, 0, 0.001],
                                                                  male: [0.02, 0, 0, -0.01, 0]))
        let counts = try rates.netMigrants(start: start, width: 5)
        #expect(abs(counts.female[0] - 0.01 * 5 * 100) < 1e-12)
        #expect(abs(counts.female[2] - -0.004 * 5 * 80) < 1e-12)
        #expect(abs(counts.male[3] - -0.01 * 5 * 75) < 1e-12)
        // Single-year steps: rate × population, as ccmppWPP.
        #expect(abs(try rates.netMigrants(start: start, width: 1).male[0] - 0.02 * 105) < 1e-12)
    }

    /// A rate that would take out more than the group is cut back by the step's guard.
    @Test func outflowsBeyondThePopulationMeetTheStepGuard() throws {
        let start = try Population(ages: ages, counts: BySex(female: [100, 90, 80, 70, 60], male: [105, 95, 85, 75, 65]))
        let rates = try NetMigrationRates(ages: ages, rates: BySex(female: [0, 0, -0.5, 0, 0], male: [0, 0, 0, 0, 0]))
        let counts = try rates.netMigrants(start: start, width: 5)
        #expect(counts.female[2] == -200)
        let step = try ProjectionStep(ages: ages, survivalRatios: BySex(both: [1, 1, 1, 1, 1]),
                                      fertilityRates: [0, 0, 0, 0, 0], sexRatioAtBirth: 1.05, netMigrants: counts, migrationTiming: .endOfStep)
        let result = try step.apply(to: start)
        #expect(result.netMigrants.female[2] == ProjectionStep.residualAfterOutflow - 80)
        #expect(result.adjustments.count == 1)
    }

    @Test func refusesBadRatesAndMismatches() throws {
        #expect(throws: DemographyError.nonFiniteValue(schedule: "female net migration rates", age: 5, value: .infinity)) {
            try NetMigrationRates(ages: ages, rates: BySex(female: [0, .infinity, 0, 0, 0], male: [0, 0, 0, 0, 0]))
        }
        let rates = try NetMigrationRates(ages: ages, rates: BySex(both: [0, 0, 0, 0, 0]))
        let other = try Population(ages: try AgeStructure.fiveYear(openAge: 25),
                                   counts: BySex(both: [1, 1, 1, 1, 1, 1]))
        #expect(throws: DemographyError.self) { try rates.netMigrants(start: other, width: 5) }
        let start = try Population(ages: ages, counts: BySex(both: [1, 1, 1, 1, 1]))
        #expect(throws: DemographyError.self) { try rates.netMigrants(start: start, width: 0) }
    }
}
