import Testing
@testable import Demography

/// The published multiplier tables and their defining properties.
@Suite struct OsculatoryMultipliersTests {
    /// Shryock & Siegel (1976), appendix C; Siegel & Swanson (2004), pp. 727–728:
    /// in every panel, the multipliers of a group total summed over the five single
    /// years are 1 for the panel's own group and 0 for the others, so group totals
    /// are kept. Holds for the published Sprague and Beers (ordinary) tables.
    @Test(arguments: [OsculatoryMultipliers.sprague, .beersOrdinary])
    func columnsSumToOneForTheOwnGroup(_ table: OsculatoryMultipliers) {
        for (panel, sums) in table.columnSumsByPanel.enumerated() {
            for (j, sum) in sums.enumerated() {
                #expect(abs(sum - (j == panel ? 1 : 0)) < 1e-12, "\(table.name) panel \(panel) column \(j): \(sum)")
            }
        }
    }

    /// The last two panels are the first two mirrored, as printed in the tables
    /// (DemoTools `graduate_sprague_expand` prints them out in full): the last
    /// row of the Sprague table is 0, −0.0336, 0.1488, −0.2768, 0.3616.
    @Test func lastPanelIsTheFirstMirrored() {
        #expect(OsculatoryMultipliers.sprague.lastPanels[9] == [0, -0.0336, 0.1488, -0.2768, 0.3616])
        #expect(OsculatoryMultipliers.sprague.lastPanels[0] == [0, -0.0144, 0.0912, 0.1408, -0.0176])
    }

    /// Sprague's osculatory formula is exact for cubics: its middle panel
    /// interpolates the cumulated totals of five groups with third differences
    /// kept (the osculatory blend of two overlapping quartics, whose fourth-degree
    /// terms cancel), and the end panels are those quartics. So the group
    /// integrals of any polynomial of degree ≤ 3 split into its single-year
    /// integrals, in every panel (Sprague 1880; Shryock & Siegel 1976, ch. 22).
    @Test func spragueReproducesACubic() throws {
        func integral(_ a: Double, _ b: Double) -> Double {
            // f(x) = 300 + 20x − 0.4x² + 0.002x³, integrated.
            func F(_ x: Double) -> Double { 300 * x + 10 * x * x - 0.4 / 3 * x * x * x + 0.0005 * x * x * x * x }
            return F(b) - F(a)
        }
        let groups = (0..<12).map { integral(Double(5 * $0), Double(5 * $0 + 5)) }
        let single = try OsculatoryMultipliers.sprague.split(groups)
        let scale = groups.map(abs).max() ?? 1
        for x in 0..<60 {
            let expected = integral(Double(x), Double(x + 1))
            #expect(abs(single[x] - expected) <= 1e-12 * scale, "age \(x): \(single[x]) vs \(expected)")
        }
    }

    /// Beers (ordinary) against the U.S. Census Bureau's spreadsheet
    /// Johnson_2016_BEERSP.XLS, males, as copied into DemoTools'
    /// tests/testthat/test-Beers.R: ages 1, 9, 10, 11 and 12 of the output (the
    /// ages the spreadsheet's under-10 adjustment leaves as ordinary Beers),
    /// published rounded to whole persons.
    @Test func beersOrdinaryMatchesTheCensusBureauSpreadsheet() throws {
        let groups: [Double] = [752124, 582662, 463534, 369976, 286946, 235867, 199561, 172133,
                                151194, 131502, 113439, 95614, 78777, 60157, 40960, 21318]
        let single = try OsculatoryMultipliers.beersOrdinary.split(groups)
        let published: [(age: Int, value: Double)] = [(1, 158163), (9, 105733), (10, 101088), (11, 96719), (12, 92551)]
        for (age, value) in published {
            #expect(abs(single[age] - value) <= 1, "age \(age): \(single[age]) vs \(value)")
        }
    }

    @Test func refusesTooFewGroups() {
        #expect(throws: DemographyError.self) { try OsculatoryMultipliers.sprague.split([1, 2, 3, 4]) }
        #expect(throws: DemographyError.self) { try OsculatoryMultipliers.sprague.split([1, 2, .nan, 4, 5]) }
    }
}
