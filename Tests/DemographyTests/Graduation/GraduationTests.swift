import Foundation
import Testing
@testable import Demography
import DemographyIO

/// WPP 2024 rows of `data/wpp2024` (236 countries), keyed "code sex" or "code year sex".
private enum WPP2024Rows {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/wpp2024")

    /// Values of `file` in file order, grouped by the columns before age.
    static func schedules(_ file: String, keyColumns: [Int]) throws -> [String: [Double]] {
        let table = try DatasetSource.directory(folder).table(file)
        var out: [String: [Double]] = [:]
        for row in table.rows {
            guard let v = Double(row[row.count - 1]) else { continue }
            out[keyColumns.map { row[$0] }.joined(separator: " "), default: []].append(v)
        }
        return out
    }
}

@Suite struct CountGraduationTests {
    /// Identity: graduation keeps every five-year total (the uniform fallback
    /// included) and aggregation back into five-year groups returns them, on the
    /// 472 base populations (236 countries × 2 sexes) of WPP 2024, 1 July 2020.
    @Test(arguments: GraduationMethod.allCases)
    func keepsTheGroupTotalsOfEveryWPPBasePopulation(_ method: GraduationMethod) throws {
        let bases = try WPP2024Rows.schedules("pop_base.csv", keyColumns: [0, 2])
        #expect(bases.count == 472)
        let five = try AgeStructure.fiveYear(openAge: 100), single = try AgeStructure.singleYear(openAge: 100)
        for (key, counts) in bases {
            let population = try Population(ages: five, counts: BySex(both: counts))
            let (graduated, _) = try CountGraduation.singleYears(population, method: method)
            #expect(graduated.ages == single)
            #expect(graduated.counts.female.allSatisfy { $0 >= 0 }, "\(key): a negative count")
            let back = try AgeAggregation.population(graduated, into: five)
            for (g, total) in counts.enumerated() {
                #expect(abs(back.counts.female[g] - total) <= 1e-12 * max(total, 1e-3), "\(key) group \(g): \(back.counts.female[g]) vs \(total)")
            }
        }
    }

    /// A group next to a much larger one makes Sprague negative; that group is
    /// split uniformly and every total is kept.
    @Test func negativeSingleYearsFallBackToAUniformSplit() throws {
        let totals: [Double] = [500, 400, 300, 200, 100, 2000, 10, 0]
        let raw = try GraduationMethod.sprague.split(totals)
        #expect(raw[20..<25].contains { $0 < 0 })          // Sprague undershoots next to the peak
        let result = try CountGraduation.split(totals, method: .sprague)
        #expect(result.uniformGroups.contains(4))
        #expect(result.values.allSatisfy { $0 >= 0 })
        for g in result.uniformGroups {
            #expect(result.values[(5 * g)..<(5 * g + 5)].allSatisfy { $0 == totals[g] / 5 })
        }
        for (g, total) in totals.enumerated() {
            #expect(abs(result.values[(5 * g)..<(5 * g + 5)].reduce(0, +) - total) <= 1e-12 * 2000)
        }
    }

    @Test func refusesNegativeCountsAndOtherGrids() throws {
        #expect(throws: DemographyError.self) { try CountGraduation.split([1, 2, -3, 4, 5, 6]) }
        let abridged = try Population(ages: AgeStructure.abridged(openAge: 10), counts: BySex(both: [1, 2, 3, 4]))
        #expect(throws: DemographyError.self) { try CountGraduation.singleYears(abridged) }
    }

    /// Identity: the open group shared by a life table's person-years keeps its
    /// total, and each single year's share is Lx / T(ω).
    @Test func openAgeExtensionKeepsTheOpenGroup() throws {
        let single80 = try AgeStructure.singleYear(openAge: 80), single100 = try AgeStructure.singleYear(openAge: 100)
        let counts = (0...80).map { $0 == 80 ? 1234.5 : 100.0 }
        let population = try Population(ages: single80, counts: BySex(both: counts))
        let rates = (0...100).map { 0.0005 * exp(0.09 * Double($0)) }
        let table = try LifeTable(sex: .female, ages: single100, deathRates: rates)
        let extended = try OpenAgeExtension.extend(population, lifeTables: BySex(both: table))
        #expect(extended.ages == single100)
        let open = extended.counts.female[80...].reduce(0, +)
        #expect(abs(open - 1234.5) <= 1e-12 * 1234.5)
        let t80 = table.personYearsAbove[80]
        #expect(abs(extended.counts.female[85] - 1234.5 * table.personYearsLived[85] / t80) <= 1e-12 * 1234.5)
        #expect(extended.counts.female[0..<80].allSatisfy { $0 == 100 })
    }
}

@Suite struct DeathRateGraduationTests {
    /// Identity: the single-year rates of each abridged group average to its rate
    /// (age 0 and the open group 100+ kept), for every WPP 2024 schedule
    /// (236 countries × 16 periods × 2 sexes). And a measured property: the
    /// single-year life table's e0 stays within 0.3 years of the abridged table's
    /// (measured: median 0.14, largest 0.25 years, the single-year table higher;
    /// both with Coale-Demeny West a0 and mid-interval nax).
    @Test func keepsGroupMeansAndStaysCloseToTheAbridgedE0() throws {
        let schedules = try WPP2024Rows.schedules("mx.csv", keyColumns: [0, 1, 2])
        #expect(schedules.count == 236 * 16 * 2)
        let abridged = try AgeStructure.abridged(openAge: 100), single = try AgeStructure.singleYear(openAge: 100)
        let options = LifeTableOptions(infantSeparation: .coaleDemeny(.west))
        var largest = 0.0
        for (key, m) in schedules {
            let s = try DeathRateGraduation.singleYears(m, on: abridged)
            #expect(s.count == 101)
            #expect(s[0] == m[0] && s[100] == m[21])
            let means = try AgeAggregation.sum(s, on: single, into: abridged)
            for g in 1..<21 {
                let n = Double(abridged.width(at: g) ?? 1)
                #expect(abs(means[g] / n - m[g]) <= 1e-12 * m[g], "\(key) group \(g)")
            }
            let sex: Sex = key.hasSuffix("female") ? .female : .male
            let e5 = try LifeTable(sex: sex, ages: abridged, deathRates: m, options: options).lifeExpectancyAtBirth
            let e1 = try LifeTable(sex: sex, ages: single, deathRates: s, options: options).lifeExpectancyAtBirth
            largest = max(largest, abs(e1 - e5))
        }
        #expect(largest < 0.3)
    }
}

@Suite struct FertilityGraduationTests {
    /// Identity: the TFR and each group's births per woman are kept exactly, no
    /// rate is negative, and there is no fertility outside 15–49, for every WPP
    /// 2024 PASFR schedule (236 countries × 16 periods) at a TFR of 2 (5·Σ ASFR).
    @Test func keepsTheTFRAndGroupBirths() throws {
        let patterns = try WPP2024Rows.schedules("pasfr.csv", keyColumns: [0, 1])
        #expect(patterns.count == 236 * 16)
        let five = try AgeStructure.fiveYear(openAge: 100), single = try AgeStructure.singleYear(openAge: 100)
        for (key, pasfr) in patterns {
            #expect(pasfr.count == 7)
            var rates = [Double](repeating: 0, count: five.count)
            for (k, p) in pasfr.enumerated() { rates[3 + k] = 2 * p / 100 / 5 }
            let f = try FertilityGraduation.singleYears(rates, on: five)
            #expect(f.count == single.count)
            let tfr = 5 * rates.reduce(0, +)   // 2, to the rounding of the published PASFR
            #expect(abs(f.reduce(0, +) - tfr) <= 1e-12 * tfr, "\(key)")
            #expect(f.allSatisfy { $0 >= 0 })
            #expect(f[0..<15].allSatisfy { $0 == 0 } && f[50...].allSatisfy { $0 == 0 })
            let groups = try AgeAggregation.sum(f, on: single, into: five)
            for g in 3..<10 { #expect(abs(groups[g] - 5 * rates[g]) <= 1e-12 * 2, "\(key) group \(g)") }
        }
    }
}
