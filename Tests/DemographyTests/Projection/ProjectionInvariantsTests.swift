import Testing
import Demography

/// Invariants of the cohort-component step that hold for any inputs.
@Suite struct ProjectionInvariantsTests {
    let ages = try! AgeStructure.fiveYear(openAge: 20)
    let start = BySex(female: [100.0, 90, 80, 70, 60], male: [105.0, 95, 85, 75, 65])

    @Test func nullProjectionShiftsCohortsOnly() throws {
        // Sx = 1, no births, no migrants: every cohort moves up one group unchanged.
        let step = try ProjectionStep(ages: ages, survivalRatios: BySex(both: [1, 1, 1, 1, 1]),
                                      fertilityRates: [0, 0, 0, 0, 0], sexRatioAtBirth: 1.05, migrationTiming: .endOfStep)
        let result = try step.apply(to: try Population(ages: ages, counts: start))
        #expect(result.population.counts.female == [0, 100, 90, 80, 130])
        let startTotal: Double = start.female.reduce(0, +) + start.male.reduce(0, +)
        #expect(result.population.total == startTotal)
        #expect(result.totalDeaths == 0)
    }

    @Test func sexRatioOneGivesEqualBirths() throws {
        let step = try ProjectionStep(ages: ages, survivalRatios: BySex(both: [0.9, 0.95, 0.95, 0.9, 0.5]),
                                      fertilityRates: [0, 0.05, 0.08, 0.02, 0], sexRatioAtBirth: 1, migrationTiming: .endOfStep)
        let result = try step.apply(to: try Population(ages: ages, counts: start))
        #expect(result.births.female == result.births.male)
        #expect(result.population.counts.female[0] == result.population.counts.male[0])
    }

    @Test func migrationGuardLeavesResidualAndIsReported() throws {
        var migrants = BySex(both: [0.0, 0, 0, 0, 0])
        migrants.female[2] = -500   // more than the 80 women aged 10-14
        let step = try ProjectionStep(ages: ages, survivalRatios: BySex(both: [1, 1, 1, 1, 1]),
                                      fertilityRates: [0, 0, 0, 0, 0], sexRatioAtBirth: 1.05,
                                      netMigrants: migrants, migrationTiming: .endOfStep)
        let result = try step.apply(to: try Population(ages: ages, counts: start))
        #expect(result.netMigrants.female[2] == 1e-5 - 80)
        #expect(result.adjustments.count == 1)
        // End timing adds the migrants at the end, to the cohort now aged 10-14 (from 5-9).
        #expect(abs(result.population.counts.female[2] - (90 + 1e-5 - 80)) < 1e-12)
    }

    @Test func negativeEndPopulationIsFlooredAndReported() throws {
        var migrants = BySex(both: [0.0, 0, 0, 0, 0])
        migrants.male[4] = -60      // 65 − 60 > 0: the guard lets it through
        let step = try ProjectionStep(ages: ages, survivalRatios: BySex(both: [1, 1, 1, 1, 0.1]),
                                      fertilityRates: [0, 0, 0, 0, 0], sexRatioAtBirth: 1.05,
                                      netMigrants: migrants, migrationTiming: .endOfStep)
        let result = try step.apply(to: try Population(ages: ages, counts: start))
        // Open group: 0.1·(75 + 65) − 60 = −46 < 0, so it is floored to 0.0005.
        #expect(result.adjustments.count == 1)
        #expect(result.population.counts.male[4] == ProjectionStep.floorValue)
        #expect(result.wasFloored)
    }

    @Test func refusesInvalidRates() {
        #expect(throws: DemographyError.negativeValue(schedule: "female survival ratios", age: 5, value: -0.1)) {
            try ProjectionStep(ages: ages, survivalRatios: BySex(female: [1, -0.1, 1, 1, 1], male: [1, 1, 1, 1, 1]),
                               fertilityRates: [0, 0, 0, 0, 0], sexRatioAtBirth: 1.05, migrationTiming: .endOfStep)
        }
        #expect(throws: DemographyError.self) {
            try ProjectionStep(ages: ages, survivalRatios: BySex(both: [1, 1, 1, 1, 1]),
                               fertilityRates: [0, .infinity, 0, 0, 0], sexRatioAtBirth: 1.05, migrationTiming: .endOfStep)
        }
        #expect(throws: DemographyError.self) {
            try ProjectionStep(ages: ages, survivalRatios: BySex(both: [1, 1, 1, 1, 1]),
                               fertilityRates: [0, 0, 0, 0, 0], sexRatioAtBirth: 0, migrationTiming: .endOfStep)
        }
    }
}
