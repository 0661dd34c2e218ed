import Testing
import Demography

/// Options a life table refuses rather than turning into a table that breaks its identities.
@Suite struct LifeTableOptionsTests {
    let ages = try! AgeStructure.fiveYear(openAge: 20)
    let mx = [0.02, 0.001, 0.002, 0.01, 0.2]

    @Test func refusesARadixThatIsNotPositive() {
        #expect(throws: DemographyError.invalidParameter(name: "life table radix l0", value: 0, expected: "a finite number above 0")) {
            try LifeTable(sex: .female, ages: ages, deathRates: mx, options: LifeTableOptions(radix: 0))
        }
    }

    @Test func refusesAnInfantDeathProbabilityAboveOne() {
        // A rate per 1,000 typed where a probability is expected.
        #expect(throws: DemographyError.probabilityOutOfRange(schedule: "male death probability nq0", age: 0, value: 35)) {
            try LifeTable(sex: .male, ages: ages, deathRates: mx, options: LifeTableOptions(infantDeathProbability: 35))
        }
    }
}
