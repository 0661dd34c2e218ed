import Testing
import Foundation
@testable import Demography
import DemographyIO

/// The e0 → Sx grid against the exact Lee-Carter shift (a root search per e0).
@Suite struct SurvivalGridTests {
    @Test func interpolatedSxWithin1e6OfExactShift() throws {
        let assumptions = try CanadaScenario.assumptions()
        let options = assumptions.lifeTableOptions
        for (year, sex) in [(2023, Sex.female), (2060, .male), (2099, .female)] {
            let mx = try #require(assumptions.deathRates[year])[sex]
            let b = try MortalityShift.ageResponse(from: assumptions.deathRates[2023]![sex], to: assumptions.deathRates[2099]![sex])
            let medium = try LifeTable(sex: sex, ages: assumptions.deathRateAges, deathRates: mx, options: options).lifeExpectancyAtBirth
            let grid = try SurvivalGrid(sex: sex, reference: mx, ages: assumptions.deathRateAges, response: b, width: 1,
                                        covering: (medium - 8)...(medium + 8), options: options)
            // The medium path is a node: exact to the bit.
            let exactMedium = try LifeTable(sex: sex, ages: assumptions.deathRateAges, deathRates: mx, options: options)
                .survivalRatios(width: 1).values
            #expect(grid.survivalRatios(lifeExpectancy: medium) == exactMedium)
            var worst = 0.0
            for offset in stride(from: -7.9, through: 7.9, by: 0.37) {
                let target = medium + offset
                let rates = try MortalityShift.leeCarter(ageResponse: b).deathRates(
                    reference: mx, ages: assumptions.deathRateAges, sex: sex, targetLifeExpectancy: target, options: options)
                let exact = try LifeTable(sex: sex, ages: assumptions.deathRateAges, deathRates: rates, options: options)
                    .survivalRatios(width: 1).values
                for (a, e) in zip(grid.survivalRatios(lifeExpectancy: target), exact) { worst = max(worst, abs(a - e)) }
            }
            #expect(worst <= 1e-6, "\(year) \(sex): worst |ΔSx| = \(worst)")
        }
    }
}

/// The single-year Canada scenario of Tests/Fixtures/canada2023 (see its SOURCE.md).
enum CanadaScenario {
    static func assumptions() throws -> Assumptions {
        try AssumptionsReader().read(.directory(Fixture.url("canada2023")), migrationPattern: .default).assumptions
    }
}
