import Testing
import Foundation
import Demography
import DemographyIO

/// Three published abridged life tables (Tests/Fixtures/lifetables/SOURCE.md),
/// recomputed from their inputs under the conventions each source used.
@Suite struct PublishedAbridgedTablesTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var sex: Sex
        var options: LifeTableOptions
        /// Half a unit of the published last decimal, widened where the source's
        /// inputs were themselves rounded (see the data README's notes).
        var tolerance: Double
        var description: String { name }
    }

    static let cases: [Case] = [
        // a0 = 0.330, 4a1 = 1.352 (Coale-Demeny West, q0 ≥ 0.1); Greville 15+; L(ω) = l/m.
        // nMx were printed to 5 decimals, which moves ex by up to 0.0032 years.
        Case(name: "un1982_p34_male", sex: .male,
             options: LifeTableOptions(infantSeparation: .coaleDemeny(.west), closedGroups: .greville),
             tolerance: 0.005),
        // a0 = 0.35, 4a1 = 1.361; MortPak's own old-age closing moves e75+ by up to 0.004.
        Case(name: "mortpak1988_p82_female", sex: .female,
             options: LifeTableOptions(infantSeparation: .coaleDemeny(.west), closedGroups: .greville),
             tolerance: 0.005),
        // q0 is the given IMR 0.1; a0 and 4a1 by Coale-Demeny North; n/2 elsewhere.
        Case(name: "pas_ltpopdth_north_male", sex: .male,
             options: LifeTableOptions(infantSeparation: .coaleDemeny(.north), closedGroups: .midInterval,
                                       infantDeathProbability: 0.1),
             tolerance: 0.005),
    ]

    static func rows(_ file: String, _ name: String) throws -> [[String: String]] {
        let table = try CSVTable.read(Fixture.url("lifetables/\(file)"))
        return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) }.filter { $0["case"] == name }
    }

    static func table(for c: Case) throws -> LifeTable {
        var ages: [Int] = [], mx: [Double] = []
        if c.name.hasPrefix("pas") {
            for row in try rows("deaths_exposures.csv", c.name) {
                ages.append(Int(row["age"] ?? "") ?? -1)
                mx.append((Double(row["deaths"] ?? "") ?? .nan) / (Double(row["exposures"] ?? "") ?? .nan))
            }
        } else {
            for row in try rows("mx.csv", c.name) {
                ages.append(Int(row["age"] ?? "") ?? -1)
                mx.append(Double(row["value"] ?? "") ?? .nan)
            }
        }
        let structure = try AgeStructure(startAges: ages)
        #expect(structure.isAbridged)
        return try LifeTable(sex: c.sex, ages: structure, deathRates: mx, options: c.options)
    }

    @Test(arguments: cases)
    func reproducesPublishedLifeExpectancy(_ c: Case) throws {
        let table = try Self.table(for: c)
        let expected = try Self.rows("expected_ex.csv", c.name)
        #expect(expected.count == table.ages.count)
        for row in expected {
            let age = try #require(Int(row["age"] ?? ""))
            let published = try #require(Double(row["value"] ?? ""))
            let i = try #require(table.ages.index(ofStartAge: age))
            #expect(abs(table.lifeExpectancy[i] - published) <= c.tolerance, "age \(age)")
        }
    }

    @Test func unitedNations1982SeparationFactorsBelowAge80() throws {
        let c = Self.cases[0]
        let table = try Self.table(for: c)
        for row in try Self.rows("expected_ax.csv", c.name) {
            let age = try #require(Int(row["age"] ?? ""))
            guard age < 80 else { continue }   // 80-84: the UN used its unabridged 85-89 rate (data README)
            let i = try #require(table.ages.index(ofStartAge: age))
            #expect(abs(table.separationFactors[i] - (try #require(Double(row["value"] ?? "")))) <= 0.0005, "age \(age)")
        }
    }
}
