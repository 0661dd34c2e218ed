import Foundation
import Testing
import Demography
import DemographyIO

/// Sprague and Beers (ordinary) splits against DemoTools' own output
/// (timriffe/DemoTools 01.13.77, commit 2e4b3de; Tests/Fixtures/graduation/SOURCE.md):
/// `graduate_sprague(pop5_mat[, 1], Age = a5, OAG = TRUE)` and
/// `graduate_beers(..., method = "ord", OAG = TRUE)` on DemoTools' documented
/// example data `pop5_mat` (five-year groups 0–4 … 95–99 and 100+, column 1950).
///
/// With `OAG = TRUE` DemoTools splits the closed groups exactly as
/// ``OsculatoryMultipliers/split(_:)`` does (first two panels on the first five
/// groups, the middle panel centred on each group from 10–14 to 85–89, the
/// mirrored last panels on the last five closed groups) and keeps the open group,
/// so every age, 100+ included, is compared. Neither side repairs negative values
/// here: the raw multiplier split is compared.
@Suite struct DemoToolsSpragueTests {
    struct Row { var age: Int; var open: Bool; var value: Double }

    /// The `age,open_age,value` rows of `Tests/Fixtures/graduation/<file>`.
    static func rows(_ file: String) throws -> [Row] {
        let table = try CSVTable.read(Fixture.url("graduation/\(file)"))
        let a = try table.column("age").get(), o = try table.column("open_age").get(), v = try table.column("value").get()
        return try zip(table.rows, table.lines).map { row, line in
            Row(age: try #require(Int(row[a]), "\(file) line \(line): age \(row[a])"),
                open: try #require(["0": false, "1": true][row[o]], "\(file) line \(line): open_age \(row[o])"),
                value: try #require(Double(row[v]), "\(file) line \(line): value \(row[v])"))
        }
    }

    /// The five-year input: closed totals 0–4 … 95–99 and the open group 100+.
    static func input() throws -> (closed: [Double], open: Double) {
        let pop5 = try rows("demotools_pop5.csv")
        #expect(pop5.map(\.age) == Array(stride(from: 0, through: 100, by: 5)))
        #expect(pop5.map(\.open) == Array(repeating: false, count: 20) + [true])
        return (pop5.dropLast().map(\.value), pop5.last?.value ?? .nan)
    }

    /// Our split of the closed groups, the open group appended as it is, against
    /// DemoTools' single ages 0 … 99, 100+. DemoTools' values have at most four
    /// decimals and are printed to ten significant digits, so they are exact;
    /// the bound 1e-9 relative covers the floating-point sums.
    func compare(_ method: GraduationMethod, with file: String) throws {
        let (closed, open) = try Self.input()
        let ours = try method.split(closed) + [open]
        let theirs = try Self.rows(file)
        #expect(theirs.map(\.age) == Array(0...100))
        #expect(theirs.map(\.open) == Array(repeating: false, count: 100) + [true])
        try #require(ours.count == theirs.count)
        for (x, reference) in zip(ours, theirs) {
            if reference.value == 0 {
                #expect(x == 0, "\(method) age \(reference.age): \(x) vs DemoTools 0")
            } else {
                #expect(relativeError(x, reference.value) <= 1e-9,
                        "\(method) age \(reference.age): \(x) vs DemoTools \(reference.value)")
            }
        }
    }

    @Test func spragueMatchesDemoToolsOnPop5Mat() throws {
        try compare(.sprague, with: "demotools_sprague_1x1.csv")
    }

    @Test func beersOrdinaryMatchesDemoToolsOnPop5Mat() throws {
        try compare(.beersOrdinary, with: "demotools_beers_ord_1x1.csv")
    }

    /// DemoTools' Sprague output has no negative single year on this input, so
    /// our count graduation (with its uniform fallback for negative groups) must
    /// leave the raw split alone and give the same values.
    @Test func countGraduationNeedsNoFallbackHere() throws {
        let (closed, _) = try Self.input()
        let theirs = try Self.rows("demotools_sprague_1x1.csv").dropLast()
        #expect(theirs.allSatisfy { $0.value >= 0 })
        let result = try CountGraduation.split(closed, method: .sprague)
        #expect(result.uniformGroups.isEmpty)
        for (x, reference) in zip(result.values, theirs) {
            #expect(abs(x - reference.value) <= 1e-9 * max(abs(reference.value), 1),
                    "age \(reference.age): \(x) vs DemoTools \(reference.value)")
        }
    }
}
