import Testing
import Foundation
import Demography
import DemographyIO

/// `ProjectionInputs.horizon(until:survival:)`: the last given period's rates
/// held constant after the data end, or the periods cut short.
@Suite struct ProjectionHorizonTests {
    /// Sweden 1993 (Preston, Heuveline & Guillot 2001, box 6.2): one period, 1993–1998.
    let inputs: ProjectionInputs
    init() throws { inputs = try Fixture.dataset("sweden1993").inputs }

    /// Identity: every held step is the 1993 step itself, applied by hand to the
    /// population it starts from, and the run's first step is the data's.
    @Test func heldStepsUseExactlyTheLastPeriodsRates() throws {
        let horizon = try inputs.horizon(until: 2013, survival: .given)
        #expect(horizon.heldConstantAfter == 1998 && horizon.lastGivenYear == 1998 && horizon.endYear == 2013)
        let result = try horizon.inputs.projection(survival: .given).run()
        #expect(result.years == [1993, 1998, 2003, 2008, 2013])
        let given = try #require(try inputs.step(startingIn: 1993, survival: .given))
        var population = inputs.basePopulation
        for k in 0..<4 {
            let byHand = try given.apply(to: population)
            #expect(byHand.population == result.populations[k + 1])
            #expect(byHand.totalBirths == result.steps[k].totalBirths)
            population = byHand.population
        }
    }

    /// An end year within the data cuts the projection there; WPP 2017 (Sweden)
    /// runs to 2100 and is cut at 2030 without holding anything.
    @Test func anEarlierEndYearTruncates() throws {
        let assumptions = try AssumptionsReader(location: "752").read(.directory(Fixture.url("wpp2017")), migrationPattern: .unFamily(.family))
        let full = try assumptions.assumptions.inputs(for: .medium)
        let options = SurvivalSource.recompute(assumptions.assumptions.lifeTableOptions)
        let horizon = try full.horizon(until: 2030, survival: options)
        #expect(horizon.heldConstantAfter == nil && horizon.lastGivenYear == 2100)
        let cut = try horizon.inputs.projection(survival: options).run()
        let whole = try full.projection(survival: options).run()
        #expect(cut.years == [2015, 2020, 2025, 2030])
        #expect(Array(cut.populations) == Array(whole.populations.prefix(4)))
    }

    @Test func refusesAYearOffTheProjectionDates() throws {
        #expect(throws: DemographyError.self) { try inputs.horizon(until: 2000, survival: .given) }
        #expect(throws: DemographyError.self) { try inputs.horizon(until: 1993, survival: .given) }
    }
}
