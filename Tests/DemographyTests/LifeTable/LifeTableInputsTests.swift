import Testing
import Foundation
import Demography
import DemographyIO

/// Tables from nqx, lx, deaths and exposures, and of both sexes: identities with
/// the table from nMx (Preston, Heuveline & Guillot 2001, ch. 3), on the
/// published UN (1982) p. 34 male rates (Tests/Fixtures/lifetables).
@Suite struct LifeTableInputsTests {
    static func un1982() throws -> (AgeStructure, [Double]) {
        let table = try CSVTable.read(Fixture.url("lifetables/mx.csv"))
        let rows = table.rows.filter { $0[0] == "un1982_p34_male" }
        return (try AgeStructure(startAges: rows.map { Int($0[2]) ?? -1 }), rows.map { Double($0[4]) ?? .nan })
    }

    static let optionSets: [LifeTableOptions] = [
        .init(), .wpp2024, .wpp2017,
        .init(infantSeparation: .andreevKingkadeDemoTools, closedGroups: .unitedNations()),
        .init(closedGroups: .iterated),
    ]

    @Test(arguments: optionSets.indices)
    func tableFromDeathProbabilitiesGivesBackTheirRates(_ k: Int) throws {
        let (ages, mx) = try Self.un1982()
        let options = Self.optionSets[k]
        let fromRates = try LifeTable(sex: .male, ages: ages, deathRates: mx, options: options)
        let fromQ = try LifeTable(sex: .male, ages: ages, deathProbabilities: fromRates.deathProbabilities,
                                  openAgeRate: .given(mx[mx.count - 1]), options: options)
        for i in 0..<ages.count {
            #expect(abs(fromQ.deathProbabilities[i] - fromRates.deathProbabilities[i]) <= 1e-12, "nqx at \(ages.startAges[i])")
            #expect(relativeError(fromQ.deathRates[i], mx[i]) <= 1e-9, "nMx at \(ages.startAges[i])")
        }
        #expect(abs(fromQ.lifeExpectancyAtBirth - fromRates.lifeExpectancyAtBirth) <= 1e-9)
    }

    @Test func tableFromSurvivorsOfAnyRadixGivesBackTheirProbabilities() throws {
        let (ages, mx) = try Self.un1982()
        let fromRates = try LifeTable(sex: .male, ages: ages, deathRates: mx, options: .wpp2024)
        let lx = fromRates.survivors.map { $0 / 100_000 }   // radix 1
        let fromL = try LifeTable(sex: .male, ages: ages, survivors: lx, openAgeRate: .given(mx[mx.count - 1]), options: .wpp2024)
        for i in 0..<ages.count {
            #expect(abs(fromL.deathProbabilities[i] - fromRates.deathProbabilities[i]) <= 1e-12, "nqx at \(ages.startAges[i])")
            #expect(relativeError(fromL.survivors[i], fromRates.survivors[i]) <= 1e-11, "lx at \(ages.startAges[i])")
        }
    }

    /// With the open rate left to a law, M(ω) is the law's μ(ω) fitted to the closed groups.
    @Test func openRateFromALawIsTheFittedHazard() throws {
        let (ages, mx) = try Self.un1982()
        let q = try LifeTable(sex: .male, ages: ages, deathRates: mx).deathProbabilities
        let t = try LifeTable(sex: .male, ages: ages, deathProbabilities: q, openAgeRate: .extrapolated(.makeham))
        let fit = try MortalityLawFit(law: .makeham, ages: ages.startAges.map(Double.init), deathRates: t.deathRates,
                                      fitAges: [60, 65, 70, 75, 80])
        #expect(t.deathRates.last == fit.hazard(atAge: 85))
    }

    @Test func deathsAndExposuresGiveTheirRatio() throws {
        let ages = try AgeStructure.abridged(openAge: 15)
        let t = try LifeTable(sex: .female, ages: ages, deaths: [10, 4, 2, 3, 50], exposures: [1000, 4000, 5000, 5000, 1000])
        let expected: [Double] = [10.0 / 1000, 4.0 / 4000, 2.0 / 5000, 3.0 / 5000, 50.0 / 1000]
        #expect(t.deathRates == expected)
    }

    @Test func zeroExposureIsRefusedNamingTheAge() throws {
        let ages = try AgeStructure.abridged(openAge: 15)
        #expect {
            try LifeTable(sex: .female, ages: ages, deaths: [10, 4, 0, 3, 50], exposures: [1000, 4000, 0, 5000, 1000])
        } throws: { error in
            "\(error)".contains("female exposure at age 5-9") && "\(error)".contains("above 0")
        }
    }

    @Test func increasingSurvivorsAreRefused() throws {
        let ages = try AgeStructure.abridged(openAge: 10)
        #expect {
            try LifeTable(sex: .male, ages: ages, survivors: [1, 0.9, 0.95, 0.9], openAgeRate: .given(0.2))
        } throws: { error in
            "\(error)".contains("age 5") && "\(error)".contains("cannot increase")
        }
    }

    @Test func certainDeathInAClosedGroupIsRefused() throws {
        let ages = try AgeStructure.abridged(openAge: 10)
        #expect {
            try LifeTable(sex: .male, ages: ages, deathProbabilities: [0.1, 1, 0.1, 1], openAgeRate: .given(0.2))
        } throws: { error in
            "\(error)".contains("male death probability nqx at age 1-4") && "\(error)".contains("below 1")
        }
    }

    /// Sexes with the same rates: the combined rates are those rates whatever the
    /// populations, and with a sex-free a0 the combined table is the one-sex table.
    @Test func bothSexesWithEqualRatesIsTheOneSexTable() throws {
        let (ages, mx) = try Self.un1982()
        let female: [Double] = mx.indices.map { Double(1000 + 37 * $0) }
        let male: [Double] = mx.indices.map { Double(900 + 51 * $0) }
        let population = BySex(female: female, male: male)
        let combined = try LifeTable.bothSexesDeathRates(deathRates: BySex(both: mx), population: population, ages: ages)
        for i in mx.indices { #expect(relativeError(combined[i], mx[i]) <= 1e-15) }
        let options = LifeTableOptions(infantSeparation: .given(a0: 0.3, a1: 1.4), closedGroups: .unitedNations())
        let both = try LifeTable(bothSexesOn: ages, deathRates: combined, options: options)
        let one = try LifeTable(sex: .female, ages: ages, deathRates: combined, options: options)
        #expect(both.lifeExpectancy == one.lifeExpectancy)
        #expect(both.sexLabel == "both" && one.sexLabel == "female")
    }

    /// a0 of both sexes = SRB/(1+SRB)·a0(male) + 1/(1+SRB)·a0(female) (DemoTools `lt_rule_1a0`, Sex = "b").
    @Test func bothSexesInfantSeparationWeightsTheSexesByTheSexRatioAtBirth() throws {
        let (ages, mx) = try Self.un1982()
        let t = try LifeTable(bothSexesOn: ages, deathRates: mx, sexRatioAtBirth: 1.06)
        let rule = SeparationFactorRule.andreevKingkade
        let expected = 1.06 / 2.06 * rule.infantSeparation(deathRate: mx[0], sex: .male)
            + 1 / 2.06 * rule.infantSeparation(deathRate: mx[0], sex: .female)
        #expect(abs(t.separationFactors[0] - expected) <= 1e-15)
    }

    @Test func combinedRatesFromCountsAreSumsOverSums() throws {
        let ages = try AgeStructure.abridged(openAge: 5)
        let m = try LifeTable.bothSexesDeathRates(deaths: BySex(female: [1, 2, 3], male: [3, 4, 5]),
                                                   exposures: BySex(female: [10, 20, 30], male: [30, 20, 10]), ages: ages)
        let expected: [Double] = [4.0 / 40, 6.0 / 40, 8.0 / 40]
        #expect(m == expected)
    }

    /// Rates below the extrapolation's start are the input's, and the table up to
    /// there is the table of those rates.
    @Test func extrapolationKeepsTheRatesBelowItsStart() throws {
        let (ages, mx) = try Self.un1982()
        let ext = OldAgeExtrapolation(law: .gompertz, extrapolateFrom: 70)
        let (extended, rates, _) = try ext.extend(ages: ages, deathRates: mx)
        #expect(extended.openAge == 130)
        let below = try #require(ages.index(ofStartAge: 70))
        #expect(Array(rates[..<below]) == Array(mx[..<below]))
        let t = try LifeTable(sex: .male, ages: ages, deathRates: mx, extrapolation: ext, openAge: 110)
        #expect(t.ages.openAge == 110)
        #expect(Array(t.deathRates[..<below]) == Array(mx[..<below]))
    }

    /// Andreev & Kingkade (2015), Table 3, is continuous at its breakpoints: the
    /// middle pieces reach the constants of the last ones at 0.08307 (males) and
    /// 0.06891 (females) within what the breakpoints' five decimals allow
    /// (slope × 0.000005 ≈ 2e-5); the other male slope in circulation, 3.26201,
    /// misses by 1.5e-4.
    @Test func andreevKingkadePiecesMeetAtTheirBreakpoints() {
        let rule = SeparationFactorRule.andreevKingkade
        let below = { (m: Double) in m.nextDown }
        #expect(abs(rule.infantSeparation(deathRate: below(0.08307), sex: .male) - 0.29915) < 2e-5)
        #expect(abs(rule.infantSeparation(deathRate: below(0.06891), sex: .female) - 0.31411) < 2e-5)
        #expect(rule.infantSeparation(deathRate: 0.08307, sex: .male) == 0.29915)
    }
}
