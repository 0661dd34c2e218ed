import Testing
import Foundation
import Demography
import DemographyIO

/// The UN migration age patterns (UNPD, as carried by DemoTools): embedded
/// constants, reproduction of the tables, and their mapping onto projection grids.
@Suite struct UNMigrationFamiliesTests {
    /// `family,direction,sex,age,open_age,value` rows keyed by family, direction and sex.
    static func fixtureTables() throws -> [String: [Double]] {
        let table = try CSVTable.read(Fixture.url("migration_schedules/un_families_5y.csv"))
        var out: [String: [Double]] = [:]
        for row in table.rows {
            let key = "\(row[0])/\(row[1])/\(row[2])"
            out[key, default: []].append(try #require(Double(row[5])))
        }
        return out
    }

    static func fixtureParameters() throws -> [String: [String: Double]] {
        let table = try CSVTable.read(Fixture.url("migration_schedules/un_families_rc_params.csv"))
        var out: [String: [String: Double]] = [:]
        for row in table.rows {
            let value: Double = try #require(Double(row[4]))
            out["\(row[0])/\(row[1])/\(row[2])", default: [:]][row[3]] = value
        }
        return out
    }

    static let tableGrid = try! AgeStructure(startAges: UNMigrationFamily.tableStartAges)

    @Test func embeddedTablesAndParametersMatchTheFixtures() throws {
        let tables = try Self.fixtureTables()
        let parameters = try Self.fixtureParameters()
        #expect(tables.count == 12)
        for family in UNMigrationFamily.allCases {
            for direction in MigrationDirection.allCases {
                for sex in Sex.allCases {
                    let key = "\(family.rawValue)/\(direction.rawValue)/\(sex.rawValue)"
                    #expect(family.table(direction: direction)[sex] == tables[key], "\(key)")
                    let fitted = try RogersCastroSchedule(parameters: try #require(parameters[key]))
                    #expect(family.fittedSchedule(direction: direction, sex: sex) == fitted, "\(key)")
                }
            }
        }
    }

    /// Acceptance: every family, direction and sex within 0.5 % per age group,
    /// distributing 100,000 net immigrants (or −100,000 net emigrants, the
    /// tables' own sign convention) on the table's grid 0, 5, …, 75, 80+.
    @Test func everyFamilyReproducedWithinHalfAPercentPerAgeGroup() throws {
        let tables = try Self.fixtureTables()
        var worst = 0.0
        for family in UNMigrationFamily.allCases {
            for direction in MigrationDirection.allCases {
                let pattern = try MigrationAgePattern(family: family, direction: direction, on: Self.tableGrid)
                let counts = pattern.netMigrants(total: direction.sign * 100_000)
                for sex in Sex.allCases {
                    let expected = try #require(tables["\(family.rawValue)/\(direction.rawValue)/\(sex.rawValue)"])
                    for (got, want) in zip(counts[sex], expected) {
                        let error = relativeError(got, want)
                        worst = max(worst, error)
                        #expect(error < 0.005, "\(family) \(direction) \(sex): \(got) vs \(want)")
                    }
                }
            }
        }
        // The only difference is the rescaling of the labour tables, whose printed
        // values sum to 99,999.8: 0.2 / 100,000 = 2e-6.
        #expect(worst < 3e-6)
    }

    @Test func fiveYearGridTo100KeepsTheTableAndSplitsEightyPlus() throws {
        let grid = try AgeStructure.fiveYear(openAge: 100)
        let onTable = try MigrationAgePattern(family: .maleLabor, direction: .immigration, on: Self.tableGrid)
        let on100 = try MigrationAgePattern(family: .maleLabor, direction: .immigration, on: grid)
        for sex in Sex.allCases {
            for i in 0..<16 { #expect(abs(on100.shares[sex][i] - onTable.shares[sex][i]) < 1e-15) }
            let eightyPlus = on100.shares[sex][16...].reduce(0, +)
            #expect(abs(eightyPlus - onTable.shares[sex][16]) < 1e-15)
            // The split continues the table's geometric decline, exp(−5·α2) per five
            // years: 80–84 holds 1 − exp(−5·α2) ≈ 36–39 % of 80+, and 100+ (ages
            // 100…120) (exp(−20·α2) − exp(−41·α2)) / (1 − exp(−41·α2)) ≈ 13–15 %.
            let tail = Array(on100.shares[sex][16...])
            let alpha2 = UNMigrationFamily.maleLabor.fittedSchedule(direction: .immigration, sex: sex).labourForce.descent
            for k in 1..<4 { #expect(abs(tail[k] / tail[k - 1] - exp(-5 * alpha2)) < 1e-3) }
            #expect(abs(tail[4] / eightyPlus - (exp(-20 * alpha2) - exp(-41 * alpha2)) / (1 - exp(-41 * alpha2))) < 1e-2)
        }
        #expect(abs(on100.maleShare - 0.655) < 0.001)
    }

    @Test func singleYearGridRegroupsToTheTable() throws {
        let single = try AgeStructure.singleYear(openAge: 100)
        for family in UNMigrationFamily.allCases {
            let pattern = try MigrationAgePattern(family: family, direction: .emigration, on: single)
            let table = family.table(direction: .emigration)
            let counts = pattern.netMigrants(total: -100_000)
            let total = table.female.reduce(0, +) + table.male.reduce(0, +)
            for sex in Sex.allCases {
                for g in 0..<16 {
                    let grouped = counts[sex][(5 * g)..<(5 * g + 5)].reduce(0, +)
                    #expect(relativeError(grouped, table[sex][g] * -100_000 / total) < 1e-12)
                }
                let open = counts[sex][80...].reduce(0, +)
                #expect(relativeError(open, table[sex][16] * -100_000 / total) < 1e-12)
            }
        }
    }

    /// Finding (not an acceptance figure): the fitted Rogers-Castro curves alone,
    /// summed over single ages 0…79 in five-year groups, miss the tables by up to
    /// a few hundred per 100,000 (the shape of the fit is for splitting groups only).
    @Test func fittedCurvesAloneStayNearTheTablesBelowEighty() throws {
        var worst = 0.0
        for family in UNMigrationFamily.allCases {
            for direction in MigrationDirection.allCases {
                let grid = Self.tableGrid
                let curves = BySex(female: family.fittedSchedule(direction: direction, sex: .female),
                                   male: family.fittedSchedule(direction: direction, sex: .male))
                let table = family.table(direction: direction)
                var raw = BySex(both: [Double]())
                var sum = 0.0
                for sex in Sex.allCases {
                    raw[sex] = try curves[sex].groupValues(on: grid, lastAge: 120)
                    sum += raw[sex].reduce(0, +)
                }
                for sex in Sex.allCases {
                    for g in 0..<16 {
                        worst = max(worst, abs(raw[sex][g] / sum * 100_000 - abs(table[sex][g])))
                    }
                }
            }
        }
        #expect(worst < 400)
    }

    @Test func familyNamesAreReadOrRefused() throws {
        #expect(try UNMigrationFamily(name: "Male Labour") == .maleLabor)
        #expect(try UNMigrationFamily(name: "female_labor") == .femaleLabor)
        #expect(try UNMigrationFamily(name: "Family") == .family)
        do {
            _ = try UNMigrationFamily(name: "students")
            Issue.record("an unknown family was accepted")
        } catch {
            #expect(error.description.contains("students"))
            #expect(error.description.contains("male_labor"))
        }
    }

    @Test func refusesALastAgeBelowTheOpenGroup() {
        #expect(throws: DemographyError.self) {
            try MigrationAgePattern(family: .family, direction: .immigration,
                                    on: try AgeStructure.fiveYear(openAge: 100), lastAge: 90)
        }
    }
}
