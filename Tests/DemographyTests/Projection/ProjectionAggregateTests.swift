import Testing
import Foundation
import Demography
import DemographyIO

/// The sum of several countries' projections (``ProjectionResult/sum(_:)``),
/// checked by identities: totals add up, the balancing equation
/// P(t+z) = P(t) + B − D + M holds for the sum (Preston, Heuveline & Guillot 2001,
/// ch. 1), and the aggregate TFR is births over female exposure. Two WPP 2017
/// countries (Tests/Fixtures/wpp2017), medium variant.
@Suite struct ProjectionAggregateTests {
    static func run(_ code: String, _ variant: ProjectionVariant = .medium) throws -> ScenarioResult {
        let dataset = try AssumptionsReader(location: code).read(.directory(Fixture.url("wpp2017")), migrationPattern: .default)
        return try dataset.assumptions.scenario(variant).run()
    }

    @Test func totalsAndFlowsAreTheSumsOfTheParts() throws {
        let sweden = try Self.run("752"), niger = try Self.run("562")
        let sum = try ProjectionResult.sum([sweden.result, niger.result])
        #expect(sum.years == sweden.result.years)
        for k in sum.populations.indices {
            let parts = sweden.result.populations[k].total + niger.result.populations[k].total
            #expect(abs(sum.populations[k].total - parts) <= 1e-9 * parts)
            for x in sum.start.ages.startAges.indices {
                #expect(sum.populations[k].counts.female[x] == sweden.result.populations[k].counts.female[x] + niger.result.populations[k].counts.female[x])
            }
        }
        for k in sum.steps.indices {
            let a = sweden.result.steps[k], b = niger.result.steps[k], s = sum.steps[k]
            #expect(abs(s.totalBirths - (a.totalBirths + b.totalBirths)) <= 1e-9 * s.totalBirths)
            #expect(abs(s.totalDeaths - (a.totalDeaths + b.totalDeaths)) <= 1e-9 * s.totalDeaths)
            #expect(abs(s.totalNetMigrants - (a.totalNetMigrants + b.totalNetMigrants)) <= 1e-9 * abs(s.totalNetMigrants) + 1e-9)
            #expect(s.adjustments.count == a.adjustments.count + b.adjustments.count)
        }
    }

    @Test func balancingEquationHoldsForTheSum() throws {
        let parts = try ["752", "562", "566"].map { try Self.run($0).result }
        let sum = try ProjectionResult.sum(parts)
        for (k, step) in sum.steps.enumerated() where !step.wasFloored {
            #expect(abs(step.accountingResidual(from: sum.populations[k])) <= 1e-9 * sum.populations[k].total)
        }
    }

    @Test func aggregateTFROfOneCountryIsItsBirthsOverExposure() throws {
        let niger = try Self.run("562")
        let alone = try ScenarioResult.sum([niger])
        #expect(alone.indicators.count == niger.indicators.count)
        let r = niger.result
        for k in r.steps.indices {
            // Σ n·B(x)/PY_f(x), PY_f(x) = z·(P_f(x,t) + P_f(x,t+z))/2, summed here by hand.
            var tfr = 0.0
            for x in r.start.ages.startAges.indices where r.steps[k].birthsByAgeOfMother[x] > 0 {
                let py = 5.0 * (r.populations[k].counts.female[x] + r.populations[k + 1].counts.female[x]) / 2
                tfr += 5.0 * r.steps[k].birthsByAgeOfMother[x] / py
            }
            let period = try #require(alone.indicators[k].period)
            #expect(abs(period.totalFertility - tfr) <= 1e-12 * tfr)
            #expect(period.lifeExpectancyFemale == nil && period.lifeExpectancyMale == nil)
            #expect(period.births == niger.indicators[k].period?.births)
            #expect(alone.indicators[k].population == niger.indicators[k].population)
        }
    }

    @Test func withoutMigrationTheAggregateTFRIsTheRatesTFR() throws {
        // B(x) = z·F(x)·(P_f(x,t) + P_f(x,t+z))/2 when no migrant joins the exposure,
        // so births over exposure give back Σ n·F(x) (the variant's own TFR).
        let sweden = try Self.run("752", .zeroMigration)
        let alone = try ScenarioResult.sum([sweden])
        for k in sweden.result.steps.indices where !sweden.result.steps[k].wasFloored {
            let own = try #require(sweden.indicators[k].period?.totalFertility)
            let aggregate = try #require(alone.indicators[k].period?.totalFertility)
            #expect(abs(aggregate - own) <= 1e-9 * own, "step \(k)")
        }
    }

    @Test func mismatchedProjectionsAreRefused() throws {
        let dataset = try AssumptionsReader(location: "752").read(.directory(Fixture.url("wpp2017")), migrationPattern: .default)
        let projection = try dataset.assumptions.scenario(.medium).projection()
        let sweden = projection.run()
        // Another grid (Box 6.2 closes at 85+), a later start, fewer steps.
        let box62 = try Fixture.dataset("sweden1993").inputs.projection(survival: .given).run()
        let later = try Projection(start: projection.start, startYear: projection.startYear + 5, steps: projection.steps).run()
        let shorter = try Projection(start: projection.start, startYear: projection.startYear, steps: Array(projection.steps.prefix(3))).run()
        for other in [box62, later, shorter] {
            #expect(throws: DemographyError.self) { try ProjectionResult.sum([sweden, other]) }
        }
        #expect(throws: DemographyError.self) { try ProjectionResult.sum([]) }
    }
}
