import Testing
import Foundation
import Demography
import DemographyIO

/// Death rates for a target e0 (Lee & Carter 1992 shift), on the WPP 2017 abridged rates.
@Suite struct MortalityShiftTests {
    @Test(arguments: [MortalityShift.proportional, nil])
    func reachesTheTargetWithinAThousandthOfAYear(_ shift: MortalityShift?) throws {
        let (ages, mx) = try TidyFile.schedulesBySex(Fixture.url("wpp2017/mx.csv"), location: "566")
        let reference = try #require(mx[2015]).female, later = try #require(mx[2095]).female
        let method = try shift ?? .leeCarter(ageResponse: MortalityShift.ageResponse(from: reference, to: later))
        for target in [45.0, 60.0, 75.0, 90.0] {
            let rates = try method.deathRates(reference: reference, ages: ages, sex: .female, targetLifeExpectancy: target)
            let e0 = try LifeTable(sex: .female, ages: ages, deathRates: rates).lifeExpectancyAtBirth
            #expect(abs(e0 - target) < 0.001)
        }
    }

    @Test func refusesTargetsOutsideTheMethodsRange() throws {
        let ages = try AgeStructure.fiveYear(openAge: 20)
        let reference = [0.01, 0.001, 0.002, 0.01, 0.2]
        #expect(throws: DemographyError.self) {
            try MortalityShift.proportional.deathRates(reference: reference, ages: ages, sex: .male, targetLifeExpectancy: 500)
        }
        #expect(throws: DemographyError.self) {
            try MortalityShift.proportional.deathRates(reference: reference, ages: ages, sex: .male, targetLifeExpectancy: -3)
        }
        #expect(throws: DemographyError.self) {
            try MortalityShift.leeCarter(ageResponse: [0, 0, 0, 0, 0]).deathRates(reference: reference, ages: ages, sex: .male, targetLifeExpectancy: 20)
        }
    }
}
