import Testing
import Demography
import DemographyIO

/// Net migration given as rates: rate × z × P(start) migrants (identity with counts).
@Suite struct MigrationRatesTests {
    @Test func ratesEquivalentToCountsGiveTheSameProjection() throws {
        let inputs = try Fixture.dataset("sweden1993").inputs
        let counts = try #require(inputs.netMigrants[1993])
        let population = inputs.basePopulation.counts
        var withRates = inputs
        withRates.netMigrants = [:]
        withRates.netMigrationRates[1993] = BySex { sex in
            zip(counts[sex], population[sex]).map { $0 / (5 * $1) }
        }
        let a = try inputs.projection(survival: .given).run().final
        let b = try withRates.projection(survival: .given).run().final
        for sex in Sex.allCases {
            for (x, y) in zip(a.counts[sex], b.counts[sex]) { #expect(abs(x - y) <= 1e-9 * y) }
        }
    }
}
