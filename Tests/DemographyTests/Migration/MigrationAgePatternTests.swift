import Testing
import Demography

/// Patterns from user-given values: normalisation, signs and exact totals.
@Suite struct MigrationAgePatternTests {
    let ages = try! AgeStructure.fiveYear(openAge: 20)

    @Test func userValuesAreNormalisedAndReproduced() throws {
        let values = BySex(female: [10.0, 20, 40, 20, 10], male: [12.0, 18, 44, 16, 8])
        let pattern = try MigrationAgePattern(ages: ages, values: values)
        let sum = pattern.shares.female.reduce(0, +) + pattern.shares.male.reduce(0, +)
        #expect(abs(sum - 1) < 1e-15)
        let back = pattern.netMigrants(total: 198)
        for sex in Sex.allCases {
            for (got, want) in zip(back[sex], values[sex]) { #expect(abs(got - want) < 1e-12) }
        }
    }

    /// An emigration pattern given as negative counts has positive shares; a
    /// negative total gives the counts back with their sign.
    @Test func emigrationSignLivesInTheTotal() throws {
        let values = BySex(female: [-10.0, -20, -40, -20, -10], male: [-12.0, -18, -44, -16, -8])
        let pattern = try MigrationAgePattern(ages: ages, values: values)
        #expect(pattern.shares.female.allSatisfy { $0 > 0 })
        let back = pattern.netMigrants(total: -198)
        #expect(abs(back.female[2] - -40) < 1e-12)
    }

    /// Mixed signs keep their signs relative to the total.
    @Test func mixedSignsKeepTheirShape() throws {
        let values = BySex(female: [5.0, -20, 40, 10, -3], male: [5.0, -10, 30, 8, -5])
        let pattern = try MigrationAgePattern(ages: ages, values: values)
        let back = pattern.netMigrants(total: 60)
        for sex in Sex.allCases {
            for (got, want) in zip(back[sex], values[sex]) { #expect(abs(got - want) < 1e-12) }
        }
        let reversed = pattern.netMigrants(total: -60)
        #expect(abs(reversed.female[1] - 20) < 1e-12)
    }

    @Test func netMigrantsSumToTheTotalForAnyTotal() throws {
        let values: BySex<[Double]> = BySex(female: [0.1, 1e-7, 3, 0.3333333, 7e5], male: [2.2, 1.0 / 3, 9, 1e-12, 4e4])
        let pattern = try MigrationAgePattern(ages: ages, values: values)
        for total in [1.0, -1.0, 1e-9, 123_456.789, -9.87654321e8, 0.1 + 0.2] {
            let counts = pattern.netMigrants(total: total)
            let sum = counts.female.reduce(0, +) + counts.male.reduce(0, +)
            #expect(relativeError(sum, total) < 1e-12)
        }
        #expect(pattern.netMigrants(total: 0).female.allSatisfy { $0 == 0 })
    }

    @Test func refusesPatternsThatSumToZero() {
        #expect(throws: DemographyError.self) {
            try MigrationAgePattern(ages: ages, values: BySex(both: [0, 0, 0, 0, 0]))
        }
        #expect(throws: DemographyError.self) {   // gains and losses cancel
            try MigrationAgePattern(ages: ages, values: BySex(female: [10, -10, 5, 0, 0], male: [0, 0, -5, 3, -3]))
        }
        do {
            _ = try MigrationAgePattern(ages: ages, values: BySex(female: [1, -1, 0, 0, 0], male: [0, 0, 0, 0, 0]))
            Issue.record("a pattern summing to zero was accepted")
        } catch {
            #expect(error.description.contains("sum of the migration pattern"))
        }
    }

    @Test func refusesBadValues() {
        #expect(throws: DemographyError.nonFiniteValue(schedule: "male migration pattern", age: 10, value: .infinity)) {
            try MigrationAgePattern(ages: ages, values: BySex(female: [1, 1, 1, 1, 1], male: [1, 1, .infinity, 1, 1]))
        }
        #expect(throws: DemographyError.lengthMismatch(schedule: "female migration pattern", expected: 5, found: 4)) {
            try MigrationAgePattern(ages: ages, values: BySex(female: [1, 1, 1, 1], male: [1, 1, 1, 1, 1]))
        }
        #expect(throws: DemographyError.self) {
            try MigrationAgePattern(ages: ages, values: BySex(female: [1, .nan, 1, 1, 1], male: [1, 1, 1, 1, 1]))
        }
    }
}
