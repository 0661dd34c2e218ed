import Testing
import Foundation
import Demography
import DemographyIO

/// The residual method: net migrants from two populations and the period's rates.
@Suite struct ResidualMigrationTests {
    let ages = try! AgeStructure.fiveYear(openAge: 50)
    let start = BySex(female: [300.0, 280, 270, 260, 250, 240, 230, 220, 210, 200, 400],
                      male: [315.0, 290, 275, 262, 248, 236, 224, 210, 196, 180, 300])
    let survival = BySex(female: [0.99, 0.998, 0.999, 0.998, 0.997, 0.996, 0.994, 0.99, 0.985, 0.975, 0.7],
                         male: [0.988, 0.997, 0.998, 0.996, 0.994, 0.993, 0.99, 0.985, 0.975, 0.96, 0.6])
    let fertility = [0, 0, 0, 0.03, 0.09, 0.11, 0.07, 0.02, 0.004, 0, 0]
    let migrants = BySex(female: [12.0, 5, -3, 25, 40, 18, 6, -2, 1, 0.5, -4],
                         male: [11.0, 4, 2, 30, 55, 20, -7, 3, 0, -1, -6])

    func relativeWorst(_ got: BySex<[Double]>, _ want: BySex<[Double]>) -> Double {
        var worst = 0.0
        for sex in Sex.allCases {
            for (g, w) in zip(got[sex], want[sex]) { worst = max(worst, abs(g - w) / max(abs(w), 1)) }
        }
        return worst
    }

    /// Identity: project with known migrants, recover them from the two populations.
    @Test(arguments: MigrationTiming.allCases)
    func recoversTheMigrantsOfAProjectedStep(timing: MigrationTiming) throws {
        let p0 = try Population(ages: ages, counts: start)
        let step = try ProjectionStep(ages: ages, survivalRatios: survival, fertilityRates: fertility,
                                      sexRatioAtBirth: 1.05, netMigrants: migrants, migrationTiming: timing)
        let result = try step.apply(to: p0)
        #expect(result.adjustments.isEmpty)
        let residual = try ResidualMigration(start: p0, end: result.population, survivalRatios: survival,
                                             fertilityRates: fertility, sexRatioAtBirth: 1.05, timing: timing)
        #expect(relativeWorst(residual.netMigrants, migrants) < 1e-9)
        #expect(residual.adjustments.isEmpty)
        let total = migrants.female.reduce(0, +) + migrants.male.reduce(0, +)
        #expect(relativeError(residual.total, total) < 1e-12)
        // The pattern of the residual, scaled back to its total, is the migrants again.
        let back = try residual.pattern().netMigrants(total: residual.total)
        #expect(relativeWorst(back, migrants) < 1e-9)
    }

    /// With the wrong timing the residual differs, but still reproduces the end population.
    @Test func residualReproducesTheEndPopulationWithItsOwnTiming() throws {
        let p0 = try Population(ages: ages, counts: start)
        let forward = try ProjectionStep(ages: ages, survivalRatios: survival, fertilityRates: fertility,
                                         sexRatioAtBirth: 1.05, netMigrants: migrants, migrationTiming: .endOfStep)
        let p1 = try forward.apply(to: p0).population
        let residual = try ResidualMigration(start: p0, end: p1, survivalRatios: survival, fertilityRates: fertility,
                                             sexRatioAtBirth: 1.05, timing: .evenlyDuringStep)
        let again = try ProjectionStep(ages: ages, survivalRatios: survival, fertilityRates: fertility, sexRatioAtBirth: 1.05,
                                       netMigrants: residual.netMigrants, migrationTiming: .evenlyDuringStep).apply(to: p0)
        #expect(relativeWorst(again.population.counts, p1.counts) < 1e-12)
    }

    @Test func closedPopulationHasNoResidualAndNoPattern() throws {
        let p0 = try Population(ages: ages, counts: start)
        let closed = try ProjectionStep(ages: ages, survivalRatios: survival, fertilityRates: fertility, sexRatioAtBirth: 1.05, migrationTiming: .endOfStep)
        let p1 = try closed.apply(to: p0).population
        let residual = try ResidualMigration(start: p0, end: p1, step: closed)
        #expect(abs(residual.total) < 1e-9)
        #expect(throws: DemographyError.self) { try residual.pattern() }
    }

    @Test func refusesPopulationsOnOtherGrids() throws {
        let p0 = try Population(ages: ages, counts: start)
        let other = try Population(ages: try AgeStructure.fiveYear(openAge: 45),
                                   counts: BySex(both: [Double](repeating: 1, count: 10)))
        #expect(throws: DemographyError.self) {
            try ResidualMigration(start: p0, end: other, survivalRatios: survival, fertilityRates: fertility, sexRatioAtBirth: 1.05, timing: .endOfStep)
        }
    }

    // MARK: - WPP 2017, 2010-2015

    struct Period {
        var start: Population
        var end: Population
        var survival: BySex<[Double]>
        var fertility: [Double]
        var sexRatioAtBirth: Double
        var publishedTotal: Double
    }

    /// The 2010 population, the 2015 population and the 2010-2015 rates of one country (thousands).
    static func wpp2017(_ country: String, options: LifeTableOptions) throws -> Period {
        let (grid, pop2010) = try TidyFile.schedulesBySex(Fixture.url("wpp2017/hist_pop.csv"), location: country)
        let (_, pop2015) = try TidyFile.schedulesBySex(Fixture.url("wpp2017/pop_base.csv"), grid: grid, location: country)
        let (mxAges, mx) = try TidyFile.schedulesBySex(Fixture.url("wpp2017/hist_mx.csv"), location: country)
        let rates = try #require(mx[2010])
        func sx(_ sex: Sex) throws -> [Double] {
            try LifeTable(sex: sex, ages: mxAges, deathRates: rates[sex], options: options).survivalRatios(width: 5).values
        }
        let survival = BySex(female: try sx(.female), male: try sx(.male))
        var fertility = [Double](repeating: 0, count: grid.count)
        for row in try CSVTable.read(Fixture.url("wpp2017/hist_asfr.csv")).rows where row[0] == country {
            let age = try #require(Int(row[2]))
            fertility[try #require(grid.index(ofStartAge: age))] = try #require(Double(row[4]))
        }
        func scalar(_ file: String) throws -> Double {
            let row = try #require(try CSVTable.read(Fixture.url("wpp2017/\(file)")).rows.first { $0[0] == country })
            return try #require(Double(row[2]))
        }
        return Period(
            start: try Population(ages: grid, counts: try #require(pop2010[2010])),
            end: try Population(ages: grid, counts: try #require(pop2015[2015])),
            survival: survival, fertility: fertility,
            sexRatioAtBirth: try scalar("hist_srb.csv"), publishedTotal: try scalar("hist_mig_net_total.csv"))
    }

    /// The real use: WPP 2017, 2010 to 2015, Sx from the period's abridged nMx
    /// (Greville nax, as the UN's abridged tables), ASFR 15–45 on the 0…100+ grid.
    ///
    /// Finding: WPP's own step is not public in these files (its Sx come from its
    /// own life tables; mx at 85+ are not official), so the residual cannot match
    /// exactly. With migrants entering evenly during the step the residual total
    /// is −3.5 % (Sweden, 245.0 vs 254.0 thousand) and −3.0 % (USA, 4,364.7 vs
    /// 4,500) off; with `end` timing +7.0 % and +7.2 %. Over all eight countries
    /// (even timing) the difference is at most 0.09 % of the 2015 population.
    @Test(arguments: ["752", "840"])
    func wpp2017ResidualTotalIsNearPublishedNetMigration(country: String) throws {
        let period = try Self.wpp2017(country, options: LifeTableOptions(closedGroups: .greville))
        let residual = try ResidualMigration(
            start: period.start, end: period.end, survivalRatios: period.survival,
            fertilityRates: period.fertility, sexRatioAtBirth: period.sexRatioAtBirth, timing: .evenlyDuringStep)
        #expect(relativeError(residual.total, period.publishedTotal) < 0.05)
        #expect(residual.adjustments.isEmpty)
        let end = try ResidualMigration(
            start: period.start, end: period.end, survivalRatios: period.survival,
            fertilityRates: period.fertility, sexRatioAtBirth: period.sexRatioAtBirth, timing: .endOfStep)
        #expect(relativeError(end.total, period.publishedTotal) < 0.08)
        // The age pattern: young adults dominate the net inflow of both countries.
        let pattern = try residual.pattern()
        let peak = try #require(pattern.shares.female.indices.max { pattern.shares.female[$0] < pattern.shares.female[$1] })
        #expect((15...35).contains(period.start.ages.startAges[peak]))
    }

    @Test func wpp2017ResidualsOfAllCountriesWithinATenthOfAPercentOfPopulation() throws {
        for country in ["752", "840", "276", "392", "566", "356", "76", "562"] {
            let period = try Self.wpp2017(country, options: LifeTableOptions(closedGroups: .greville))
            let residual = try ResidualMigration(
                start: period.start, end: period.end, survivalRatios: period.survival,
                fertilityRates: period.fertility, sexRatioAtBirth: period.sexRatioAtBirth, timing: .evenlyDuringStep)
            #expect(abs(residual.total - period.publishedTotal) < 0.001 * period.end.total, "\(country)")
        }
    }
}
