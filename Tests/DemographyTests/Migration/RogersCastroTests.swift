import Testing
import Foundation
import Demography

/// The Rogers-Castro model schedule and patterns built from it.
@Suite struct RogersCastroTests {
    let single = try! AgeStructure.singleYear(openAge: 100)
    let fiveYear = try! AgeStructure.fiveYear(openAge: 100)

    /// The formula written out, for comparison.
    static func formula(_ x: Double) -> Double {
        0.02 * exp(-0.1 * x) + 0.06 * exp(-0.1 * (x - 20) - exp(-0.4 * (x - 20))) + 0.003
    }

    @Test func standardScheduleIsTheFormula() {
        for x in stride(from: 0.0, through: 120, by: 0.5) {
            #expect(abs(RogersCastroSchedule.standard.value(atAge: x) - Self.formula(x)) < 1e-15)
        }
    }

    /// Acceptance: distributing a total gives exactly that total.
    @Test func totalsAreExactOnSingleAndFiveYearGrids() throws {
        let schedules = [RogersCastroSchedule.standard,
                         UNMigrationFamily.femaleLabor.fittedSchedule(direction: .immigration, sex: .female)]
        for grid in [single, fiveYear] {
            for schedule in schedules {
                for maleShare in [0.5, 0.3, 1.0] {
                    let pattern = try MigrationAgePattern(rogersCastro: schedule, on: grid, maleShare: maleShare)
                    for total in [100_000.0, -253.958, 4_500, 1e-3, -7.123456789e6] {
                        let counts = pattern.netMigrants(total: total)
                        let sum = counts.female.reduce(0, +) + counts.male.reduce(0, +)
                        #expect(relativeError(sum, total) < 1e-12, "\(grid) \(total)")
                        let male = counts.male.reduce(0, +)
                        #expect(abs(male - maleShare * total) <= 1e-12 * abs(total) + 1e-9)
                    }
                }
            }
        }
    }

    /// The pattern at single ages has the formula's shape; the open group 100+
    /// holds the ages 100…120.
    @Test func singleAgeSharesFollowTheFormula() throws {
        let pattern = try MigrationAgePattern(rogersCastro: .standard, on: single, maleShare: 0.5)
        let sum = (0...120).map { Self.formula(Double($0)) }.reduce(0, +)
        for a in 0..<100 {
            #expect(relativeError(pattern.shares.female[a], 0.5 * Self.formula(Double(a)) / sum) < 1e-12)
            #expect(relativeError(pattern.shares.male[a], pattern.shares.female[a]) < 1e-15)
        }
        let open = (100...120).map { Self.formula(Double($0)) }.reduce(0, +)
        #expect(relativeError(pattern.shares.female[100], 0.5 * open / sum) < 1e-12)
        // Five-year groups are sums of the single ages.
        let grouped = try MigrationAgePattern(rogersCastro: .standard, on: fiveYear)
        for g in 0..<20 {
            let fromSingle = pattern.shares.female[(5 * g)..<(5 * g + 5)].reduce(0, +)
            #expect(relativeError(grouped.shares.female[g], fromSingle) < 1e-12)
        }
    }

    @Test func sexSpecificSchedulesKeepTheirShapes() throws {
        let curves = BySex(female: UNMigrationFamily.family.fittedSchedule(direction: .immigration, sex: .female),
                           male: UNMigrationFamily.family.fittedSchedule(direction: .immigration, sex: .male))
        let pattern = try MigrationAgePattern(rogersCastro: curves, on: single, maleShare: 0.6)
        #expect(abs(pattern.maleShare - 0.6) < 1e-14)
        let ratio = pattern.shares.male[25] / pattern.shares.male[60]
        #expect(relativeError(ratio, curves.male.value(atAge: 25) / curves.male.value(atAge: 60)) < 1e-12)
    }

    @Test func namedParametersWithRetirement() throws {
        let schedule = try RogersCastroSchedule(parameters: [
            "a1": 0.09, "alpha1": 0.1, "a2": 0.2, "alpha2": 0.1, "mu2": 21, "lambda2": 0.39,
            "a3": 0.001, "alpha3": 1, "mu3": 67, "lambda3": 0.6, "c": 0.01])
        let x = 67.0
        let expected = 0.09 * exp(-0.1 * x) + 0.2 * exp(-0.1 * (x - 21) - exp(-0.39 * (x - 21)))
            + 0.001 * exp(-1 * (x - 67) - exp(-0.6 * (x - 67))) + 0.01
        #expect(relativeError(schedule.value(atAge: x), expected) < 1e-14)
    }

    @Test func refusesNegativeOrNonFiniteParameters() {
        #expect(throws: DemographyError.invalidParameter(name: "Rogers-Castro parameter a1", value: -0.02,
                                                         expected: "a finite number of 0 or more")) {
            try RogersCastroSchedule(a1: -0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.1, mu2: 20, lambda2: 0.4, c: 0.003)
        }
        #expect(throws: DemographyError.self) {
            try RogersCastroSchedule(a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: .nan, mu2: 20, lambda2: 0.4, c: 0.003)
        }
        #expect(throws: DemographyError.self) {
            try RogersCastroSchedule(a1: 0.02, alpha1: 0.1, a2: 0.06, alpha2: 0.1, mu2: .infinity, lambda2: 0.4, c: 0.003)
        }
        #expect(throws: DemographyError.self) {   // lambda2 missing
            try RogersCastroSchedule(parameters: ["a1": 0.02, "alpha1": 0.1, "a2": 0.06, "alpha2": 0.1, "mu2": 20, "c": 0.003])
        }
        #expect(throws: DemographyError.self) {   // misspelt name
            try RogersCastroSchedule(parameters: ["a1": 0.02, "alpha1": 0.1, "a2": 0.06, "alpha2": 0.1, "mu2": 20,
                                                  "lambda2": 0.4, "c": 0.003, "mu_2": 20])
        }
        #expect(throws: DemographyError.self) {   // a retirement component without its rates
            try RogersCastroSchedule(parameters: ["a1": 0.02, "alpha1": 0.1, "a2": 0.06, "alpha2": 0.1, "mu2": 20,
                                                  "lambda2": 0.4, "c": 0.003, "a3": 0.001])
        }
    }

    @Test func refusesAScheduleOfZerosAndBadSexSplits() throws {
        let zero = try RogersCastroSchedule(a1: 0, alpha1: 0.1, a2: 0, alpha2: 0.1, mu2: 20, lambda2: 0.4, c: 0)
        #expect(throws: DemographyError.self) { try MigrationAgePattern(rogersCastro: zero, on: fiveYear) }
        #expect(throws: DemographyError.self) { try MigrationAgePattern(rogersCastro: .standard, on: fiveYear, maleShare: 1.2) }
        #expect(throws: DemographyError.self) { try MigrationAgePattern(rogersCastro: .standard, on: fiveYear, maleShare: .nan) }
        #expect(throws: DemographyError.self) { try MigrationAgePattern(rogersCastro: .standard, on: fiveYear, lastAge: 99) }
    }
}
