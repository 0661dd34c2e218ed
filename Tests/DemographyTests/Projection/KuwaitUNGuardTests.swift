import Testing
import Foundation
import Demography
import DemographyIO

/// The UN's single-year Kuwait run, 1950–2020 (ccmppWPP, WPP 2019 inputs as given,
/// `end` timing, the given survival ratios; Tests/Fixtures/kuwait1x1/SOURCE.md).
///
/// Kuwait is the case that shows the UN's migration guard. ccmppWPP
/// (`R/project_ccmpp_loop_over_time.R`, in `project_ccmpp_loop_over_time`, just
/// before each call of `project_ccmpp_z_by_z`) does
///
///     mig_f[which(pop_f_start + mig_f <= 0)] <- 0.00001 - pop_f_start[which(pop_f_start + mig_f <= 0)]
///     mig_m[which(pop_m_start + mig_m <= 0)] <- 0.00001 - pop_m_start[which(pop_m_start + mig_m <= 0)]
///
/// so the migrants at an age index are replaced by 1e-5 − P_start(x) wherever
/// P_start(x) + M(x) ≤ 0, whatever the sign of M: an empty group with no migrants
/// (P = 0, M = 0) gets 1e-5 migrants too. Kuwait's 1950 base population has nobody
/// at ages 94–100+ and no migrants there, so the first step adds 1e-5 persons at
/// each of those ages; the cohorts then carry them up, giving 42 cells in 1951–56
/// (ages 95–100+) that hold between 2.6e-6 and 1.24e-5 persons instead of 0, and
/// small absolute differences in the cells they join (age 94 in 1951, and 100+).
///
/// The expected values were made by ccmppWPP itself on the very numbers of the
/// fixture (17 significant digits), so every cell, the tiny ones included, must
/// agree to 1e-9 persons or 1e-10 relative.
@Suite struct KuwaitUNGuardTests {
    let dataset: Dataset
    let expected: [Int: BySex<[Double]>]

    init() throws {
        dataset = try Fixture.dataset("kuwait1x1")
        expected = try Fixture.bySex("kuwait1x1/expected_pop.csv")
    }

    func run() throws -> ProjectionResult {
        try dataset.inputs.projection(survival: .given, overrideTiming: .endOfStep).run()
    }

    /// Within 1e-9 persons, or within 1e-10 of the UN's value relatively.
    static func agrees(_ got: Double, _ want: Double) -> Bool {
        abs(got - want) <= 1e-9 || abs(got - want) <= 1e-10 * abs(want)
    }

    @Test func everyPopulationCellMatchesCcmppWPP() throws {
        let result = try run()
        #expect(result.years.first == 1950)
        #expect(result.years.last == 2020)
        var compared = 0
        var failing: [(year: Int, sex: Sex, age: Int, got: Double, want: Double)] = []
        for (k, year) in result.years.enumerated().dropFirst() {
            let want = try #require(expected[year], "no expected population for \(year)")
            for sex in Sex.allCases {
                let got = result.populations[k].counts[sex]
                try #require(got.count == want[sex].count)
                for (age, (g, w)) in zip(got, want[sex]).enumerated() {
                    compared += 1
                    if !Self.agrees(g, w) { failing.append((year, sex, age, g, w)) }
                }
            }
        }
        #expect(compared == 70 * 2 * 101)
        let worstAbs = failing.map { abs($0.got - $0.want) }.max() ?? 0
        let worstRel = failing.map { relativeError($0.got, $0.want) }.max() ?? 0
        let years = Set(failing.map(\.year)).sorted()
        let ages = Set(failing.map(\.age)).sorted()
        let sample = failing.prefix(5).map { "\($0.year) \($0.sex) \($0.age): \($0.got) vs \($0.want)" }
        #expect(failing.isEmpty, """
            \(failing.count) of \(compared) cells off ccmppWPP by more than 1e-9 persons and 1e-10 relative \
            (max abs \(worstAbs), max rel \(worstRel)); years \(years.first ?? 0)-\(years.last ?? 0), \
            ages \(ages.first ?? 0)-\(ages.last ?? 0); e.g. \(sample.joined(separator: "; "))
            """)
    }

    /// The 42 cells that exist only because of the guard on P + M ≤ 0 with M = 0.
    @Test func emptyGroupsWithNoMigrantsKeepTheUNsTinyPopulation() throws {
        let inputs = dataset.inputs
        let oldAges = 94...100
        // The conditions of the guard: nobody at 94-100+ in 1950, and no migrants there in 1950-55.
        for sex in Sex.allCases {
            for x in oldAges { #expect(inputs.basePopulation.counts[sex][x] == 0) }
            for year in 1950...1955 {
                let m = try #require(inputs.netMigrants[year])
                for x in oldAges { #expect(m[sex][x] == 0, "\(year) \(sex) \(x)") }
            }
        }

        // The UN's tiny cells: in 1951 exactly 1e-5 at 95-100+ (0·S + 1e-5 migrants), then
        // one age fewer each year as the cohorts age, surviving and merging into 100+.
        var tiny: [(year: Int, sex: Sex, age: Int, want: Double)] = []
        for year in 1951...1956 {
            let want = try #require(expected[year])
            for sex in Sex.allCases {
                for (age, w) in want[sex].enumerated() where w < 1e-3 { tiny.append((year, sex, age, w)) }
            }
        }
        #expect(tiny.count == 42)
        for cell in tiny {
            #expect(cell.age >= cell.year - 1951 + 95, "\(cell.year) \(cell.sex) \(cell.age)")
            #expect(cell.want > 2e-6 && cell.want < 1.25e-5, "\(cell.year) \(cell.sex) \(cell.age): \(cell.want)")
            if cell.year == 1951 { #expect(cell.want == 1e-5) }
        }
        #expect(tiny.map(\.want).max().map { $0 > 1.2e-5 } == true)   // 1.2379e-5 (males 100+, 1952)

        // The library must give the same small positive numbers, not 0: to 1e-10 relative,
        // since 1e-9 persons would be a loose test on values of 1e-5.
        let result = try run()
        for cell in tiny {
            let k = try #require(result.years.firstIndex(of: cell.year))
            let got = result.populations[k].counts[cell.sex][cell.age]
            #expect(got > 0, "\(cell.year) \(cell.sex) \(cell.age): library \(got), UN \(cell.want)")
            #expect(relativeError(got, cell.want) <= 1e-10,
                    "\(cell.year) \(cell.sex) \(cell.age): library \(got), UN \(cell.want)")
        }
    }

    /// The first step reports the guard at 94-100+ for both sexes: 0 migrants asked, 1e-5 applied.
    @Test func firstStepReportsTheGuardOnEmptyGroups() throws {
        let first = try #require(try run().steps.first)
        for sex in Sex.allCases {
            for x in 94...100 {
                let guardAt = first.adjustments.first { $0.sex == sex && $0.ageIndex == x }
                guard case .migrationGuard(let requested, let applied)? = guardAt?.kind else {
                    Issue.record("no migration guard reported in 1950 at \(sex) \(x)")
                    continue
                }
                #expect(requested == 0)
                #expect(applied == 1e-5)
            }
        }
    }
}
