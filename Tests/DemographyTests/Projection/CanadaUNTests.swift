import Testing
import Foundation
import Demography
import DemographyIO

/// The UN's single-year Canada run, 1950–2020 (ccmppWPP, WPP 2019 inputs).
///
/// The stored outputs were made with the survival ratios of `sx_un_outputs.csv`
/// and migration divided by 1000 (see Tests/Fixtures/canada1x1/SOURCE.md).
/// The fixtures hold 10 significant digits, so agreement is limited to ~1e-9.
@Suite struct CanadaUNTests {
    let dataset: Dataset

    init() throws { dataset = try Fixture.dataset("canada1x1") }

    func unOutputsRun() throws -> ProjectionResult {
        var inputs = dataset.inputs
        inputs.survivalRatios = try Fixture.bySex("canada1x1/sx_un_outputs.csv")
        return try inputs.projection(survival: .given, migrationScale: 1.0 / 1000).run()
    }

    @Test func populationMatchesUNOutputsEveryCell() throws {
        let result = try unOutputsRun()
        #expect(result.steps.count == 70)
        let expected = try Fixture.bySex("canada1x1/expected_pop.csv")
        var worst = 0.0, compared = 0
        for (k, year) in result.years.enumerated().dropFirst() {
            let want = try #require(expected[year])
            for sex in Sex.allCases {
                for (got, ref) in zip(result.populations[k].counts[sex], want[sex]) where ref > 1 {
                    worst = max(worst, relativeError(got, ref))
                    compared += 1
                }
            }
        }
        #expect(compared > 14_000)
        #expect(worst < 1e-8)
    }

    @Test func birthsMatchUNOutputs() throws {
        let result = try unOutputsRun()
        let expected = try Fixture.yearSexValues("canada1x1/expected_births.csv")
        let byAge = try Fixture.byAge("canada1x1/expected_births_by_age.csv")
        for (k, year) in result.periodStartYears.enumerated() {
            let step = result.steps[k]
            let want = try #require(expected[year])
            #expect(relativeError(step.totalBirths, try #require(want["both"])) < 1e-8)
            #expect(relativeError(step.births.female, try #require(want["female"])) < 1e-8)
            #expect(relativeError(step.births.male, try #require(want["male"])) < 1e-8)
            let wantByAge = try #require(byAge[year])
            for (got, ref) in zip(step.birthsByAgeOfMother, wantByAge) where ref > 1 {
                #expect(relativeError(got, ref) < 1e-8)
            }
        }
    }

    @Test func cohortDeathsMatchUNOutputs() throws {
        let result = try unOutputsRun()
        let expected = try Fixture.bySex("canada1x1/expected_deaths_cohort.csv")
        var worst = 0.0
        for (k, year) in result.periodStartYears.enumerated() {
            let want = try #require(expected[year])
            for sex in Sex.allCases {
                for (got, ref) in zip(result.steps[k].deaths[sex], want[sex]) where ref > 100 {
                    worst = max(worst, relativeError(got, ref))
                }
            }
        }
        // Deaths are (1 − Sx)·P: the 10-digit rounding of Sx (≤ 5e-11 absolute) is
        // amplified by 1/(1 − Sx), up to ~1e3 at young ages, hence 1e-7, not 1e-9.
        #expect(worst < 1e-7)
    }

    @Test func inputsAsGivenReach37_496_124In2020() throws {
        let result = try dataset.inputs.projection(survival: .given).run()
        #expect(result.years.last == 2020)
        #expect(abs(result.final.total - 37_496_124) <= 1)
    }

    @Test func accountingIdentityHoldsEveryStep() throws {
        for result in [try unOutputsRun(), try dataset.inputs.projection(survival: .given).run()] {
            for (k, step) in result.steps.enumerated() where !step.wasFloored {
                #expect(abs(step.accountingResidual(from: result.populations[k])) / step.population.total < 1e-9)
            }
        }
    }
}
