import Testing
import Foundation
import Demography
import DemographyIO

/// Each UN variant (WPP 2017 Methodology) checked by its defining property on the
/// WPP 2017 inputs for Nigeria (Tests/Fixtures/wpp2017).
@Suite struct ProjectionVariantTests {
    let dataset: AssumptionsDataset
    var assumptions: Assumptions { dataset.assumptions }

    init() throws {
        // Any valid pattern serves these properties: half the migrants of each sex at ages 20-39.
        dataset = try AssumptionsReader(location: "566").read(.directory(Fixture.url("wpp2017"))) { ages in
            let young = ages.startAges.map { $0 >= 20 && $0 < 40 ? 1.0 : 0 }
            let sum = 2 * young.reduce(0, +)
            return BySex(both: young.map { $0 / sum })
        }
    }

    func totalFertility(_ inputs: ProjectionInputs, _ year: Int) throws -> Double {
        try FertilitySchedule(ages: inputs.basePopulation.ages, rates: try #require(inputs.fertilityRates[year])).totalFertility
    }

    @Test func mediumIsTheAssumptionsAsGiven() throws {
        let inputs = try assumptions.inputs(for: .medium)
        #expect(inputs.periodStartYears(survival: .recompute(assumptions.lifeTableOptions)).count == 17)
        for year in assumptions.periodStartYears {
            #expect(abs(try totalFertility(inputs, year) - (try #require(assumptions.totalFertility[year]))) < 1e-12)
            #expect(inputs.deathRates[year] == assumptions.deathRates[year])
            let migrants = try #require(inputs.netMigrants[year])
            let total = migrants.female.reduce(0, +) + migrants.male.reduce(0, +)
            #expect(abs(total - (try #require(assumptions.netMigration[year]))) < 1e-9)
        }
    }

    @Test func highMinusLowIsHalfAChildInThreePhases() throws {
        let high = try assumptions.inputs(for: .high), low = try assumptions.inputs(for: .low)
        for year in assumptions.periodStartYears {
            let gap = try totalFertility(high, year) - totalFertility(low, year)
            let expected = year == 2015 ? 0.5 : (year == 2020 ? 0.8 : 1.0)
            #expect(abs(gap - expected) < 1e-12, "\(year)")
        }
    }

    @Test func instantReplacementHasNRROneEveryStep() throws {
        let inputs = try assumptions.inputs(for: .instantReplacement)
        for year in assumptions.periodStartYears {
            let schedule = try FertilitySchedule(ages: inputs.basePopulation.ages, rates: try #require(inputs.fertilityRates[year]))
            let female = try LifeTable(sex: .female, ages: assumptions.deathRateAges,
                                       deathRates: try #require(assumptions.deathRates[year]).female, options: assumptions.lifeTableOptions)
            let nrr = try schedule.netReproductionRate(lifeTable: female, sexRatioAtBirth: try #require(assumptions.sexRatioAtBirth[year]))
            #expect(abs(nrr - 1) < 1e-12, "\(year)")
            #expect(inputs.deathRates[year] == assumptions.deathRates[year])
            #expect(inputs.netMigrants[year] == (try assumptions.inputs(for: .medium)).netMigrants[year])
        }
    }

    @Test func momentumConvergesToAStationaryPopulation() throws {
        let projection = try assumptions.projection(.momentum)
        let reference = try #require(dataset.history).deathRates
        let inputs = try assumptions.inputs(for: .momentum)
        for year in assumptions.periodStartYears {
            #expect(inputs.deathRates[year] == reference)
            #expect(inputs.netMigrants[year].map { $0.female.allSatisfy { $0 == 0 } && $0.male.allSatisfy { $0 == 0 } } == true)
        }
        // Keep the last step's rates for 60 more steps (300 years): with NRR = 1 the
        // population becomes stationary (growth per step → 1).
        var population = projection.run().final
        let last = try #require(projection.steps.last)
        var growth: [Double] = []
        for _ in 0..<60 {
            let next = try last.apply(to: population).population
            growth.append(next.total / population.total)
            population = next
        }
        #expect(abs(growth[growth.count - 1] - 1) < 1e-3)
        #expect(abs(growth[growth.count - 1] - 1) < abs(growth[0] - 1) + 1e-12)
    }

    /// No migrant is applied but the UN guard's: an empty age group with no migrants
    /// (P + M = 0 ≤ 0) receives 1e-5 persons, as in ccmppWPP's loop.
    @Test func zeroMigrationAppliesOnlyTheGuardsResidual() throws {
        let result = try assumptions.projection(.zeroMigration).run()
        for step in result.steps {
            var guarded = 0
            for adjustment in step.adjustments {
                guard case .migrationGuard(let requested, let applied) = adjustment.kind else { continue }
                guarded += 1
                #expect(requested == 0 && applied == 1e-5)
            }
            for sex in Sex.allCases {
                for (x, m) in step.netMigrants[sex].enumerated() {
                    let isGuarded = step.adjustments.contains {
                        guard case .migrationGuard = $0.kind else { return false }
                        return $0.sex == sex && $0.ageIndex == x
                    }
                    #expect(m == (isGuarded ? 1e-5 : 0))
                }
            }
            #expect(abs(step.totalNetMigrants - Double(guarded) * 1e-5) <= 1e-18)
        }
        let inputs = try assumptions.inputs(for: .zeroMigration), medium = try assumptions.inputs(for: .medium)
        #expect(inputs.fertilityRates == medium.fertilityRates && inputs.deathRates == medium.deathRates)
    }

    @Test func constantVariantsHoldTheReferencePeriod() throws {
        let history = try #require(dataset.history)
        #expect(history.year == 2010)
        let ages = assumptions.basePopulation.ages
        let reference = try FertilitySchedule(totalFertility: history.totalFertility, percentagePattern: history.fertilityPattern, ages: ages)
        let medium = try assumptions.inputs(for: .medium)
        let constantFertility = try assumptions.inputs(for: .constantFertility)
        let constantMortality = try assumptions.inputs(for: .constantMortality)
        let noChange = try assumptions.inputs(for: .noChange)
        for year in assumptions.periodStartYears {
            #expect(constantFertility.fertilityRates[year] == reference.rates)
            #expect(constantFertility.deathRates[year] == medium.deathRates[year])
            #expect(constantMortality.deathRates[year] == history.deathRates)
            #expect(constantMortality.fertilityRates[year] == medium.fertilityRates[year])
            #expect(noChange.fertilityRates[year] == reference.rates && noChange.deathRates[year] == history.deathRates)
            #expect(noChange.netMigrants[year] == medium.netMigrants[year])
        }
    }
}
