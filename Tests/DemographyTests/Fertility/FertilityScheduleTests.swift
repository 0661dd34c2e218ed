import Testing
import Demography

@Suite struct FertilityScheduleTests {
    let ages = try! AgeStructure.fiveYear(openAge: 50)
    // WPP 2017 Nigeria 2015-2020: TFR 5.4165 with its percentage pattern (ages 15..45).
    let pattern = [0, 0, 0, 8.8166, 21.4082, 24.6355, 20.9155, 14.5424, 7.1393, 2.5425, 0]

    @Test func asfrFromTFRAndPattern() throws {
        let s = try FertilitySchedule(totalFertility: 5.4165, percentagePattern: pattern, ages: ages)
        // nFx = TFR·PASFR/100/5, and back: TFR = 5·ΣF, PASFR recovered.
        #expect(abs(s.rates[3] - 5.4165 * 8.8166 / 100 / 5) < 1e-15)
        #expect(abs(s.totalFertility - 5.4165) < 1e-12)
        for (a, b) in zip(s.percentagePattern, pattern) { #expect(abs(a - b) < 1e-9) }
        // Mean age at childbearing: Σ(x+2.5)·PASFR/100.
        let mean = zip(ages.startAges, pattern).reduce(0) { $0 + (Double($1.0) + 2.5) * $1.1 / 100 }
        #expect(abs(s.meanAgeAtChildbearing - mean) < 1e-9)
    }

    @Test func rescalingToTFRAndReplacement() throws {
        let s = try FertilitySchedule(totalFertility: 5.4165, percentagePattern: pattern, ages: ages)
        #expect(abs(try s.scaled(toTotalFertility: 2.1).totalFertility - 2.1) < 1e-12)
        // A life table with no deaths before 50: NRR = TFR/(1+SRB), so replacement is TFR = 1 + SRB.
        let mx = [Double](repeating: 0, count: ages.count - 1) + [0.2]
        let table = try LifeTable(sex: .female, ages: ages, deathRates: mx, options: .init(infantSeparation: .midInterval))
        #expect(abs(try s.netReproductionRate(lifeTable: table, sexRatioAtBirth: 1.05) - 5.4165 / 2.05) < 1e-12)
        let replacement = try s.scaledToReplacement(lifeTable: table, sexRatioAtBirth: 1.05)
        #expect(abs(replacement.totalFertility - 2.05) < 1e-12)
    }

    @Test func refusesBadAssumptions() {
        var off = pattern
        off[5] += 0.5
        #expect(throws: DemographyError.self) { try FertilitySchedule(totalFertility: 2, percentagePattern: off, ages: ages) }
        #expect(throws: DemographyError.self) { try FertilitySchedule(totalFertility: -0.1, percentagePattern: pattern, ages: ages) }
        #expect(throws: DemographyError.self) { try FertilitySchedule(totalFertility: .nan, percentagePattern: pattern, ages: ages) }
    }
}
