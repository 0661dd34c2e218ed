import Demography
import Foundation
import Testing
@testable import DemographyIO

/// Wide tables exported from spreadsheets (Tests/Fixtures/wide, SOURCE.md):
/// Preston, Heuveline & Guillot's Sweden 1993 (Box 6.2) as four spreadsheet
/// exports project to the numbers of the tidy layout of the same data, and so to
/// the published 1998 population; bad tables are refused at their cell.
@Suite struct WideTableTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let folder = fixtures.appendingPathComponent("wide/sweden1993")

    static func layout(_ text: String) throws -> WideTableLayout {
        switch WideTableLayout.parse(text) {
        case .success(let layout): return layout
        case .failure(let error): throw error
        }
    }

    static let layouts = [
        ("Population 1993.csv", "pop_base,sexes,1993"), ("Survival ratios.csv", "life_table,sexes,1993"),
        ("fertility.txt", "asfr,years"), ("Net migrants 1993.csv", "mig_net_count,sexes,1993"),
    ]

    static func swedenTables() throws -> WideTables {
        try WideTables.read(try layouts.map { (folder.appendingPathComponent($0.0), $0.0, try layout($0.1)) })
    }

    @Test func swedenSpreadsheetExportsProjectAsTheTidyLayout() throws {
        let wide = try DatasetReader().read(try Self.swedenTables().source(over: Self.folder))
        let tidy = try DatasetReader().read(.existingDirectory(Self.fixtures.appendingPathComponent("sweden1993")))
        #expect(wide.inputs.basePopulation.counts.female == tidy.inputs.basePopulation.counts.female)
        #expect(wide.inputs.survivalRatios == tidy.inputs.survivalRatios)
        #expect(wide.inputs.fertilityRates == tidy.inputs.fertilityRates)
        let ours = try wide.inputs.projection(survival: .given).run().final.counts
        let theirs = try tidy.inputs.projection(survival: .given).run().final.counts
        #expect(ours.female == theirs.female && ours.male == theirs.male)
        // Box 6.2's published females of 1998 (sweden1993/expected_pop.csv), whole persons: half a person.
        let published = try String(contentsOf: Self.fixtures.appendingPathComponent("sweden1993/expected_pop.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().filter { $0.contains(",female,") }.compactMap { Double($0.split(separator: ",")[4]) }
        #expect(published.count == ours.female.count)
        for (value, figure) in zip(ours.female, published) { #expect(abs(value - figure) <= 0.5) }
    }

    @Test func layoutsAreReadAsDeclared() throws {
        #expect(try Self.layout("mx,years,female") == WideTableLayout(input: .deathRates, columns: .years(sex: .female)))
        #expect(try Self.layout(" MX.csv , Years , Male ") == WideTableLayout(input: .deathRates, columns: .years(sex: .male)))
        #expect(try Self.layout("asfr,years") == WideTableLayout(input: .fertilityRates, columns: .years(sex: nil)))
        #expect(try Self.layout("pop_base,sexes,2020") == WideTableLayout(input: .populationBase, columns: .sexes(year: 2020)))
        func refusal(_ text: String) -> String? {
            if case .failure(let error) = WideTableLayout.parse(text) { return error.description }
            return nil
        }
        #expect(refusal("deaths,years") == "found \"deaths,years\", expected QUANTITY,COLUMNS[,FIXED] with QUANTITY one of pop_base, mx, life_table, asfr, pasfr, mig_net_count, mig_net_rate")
        #expect(refusal("mx,years") == "found \"mx,years\", expected the sex of the table's years: mx,years,female or mx,years,male")
        #expect(refusal("mx,rows") == "found \"mx,rows\", expected the columns after mx: years or sexes (mx,years,female or mx,sexes,2020)")
        #expect(refusal("asfr,sexes,2020") == "found \"asfr,sexes,2020\", expected asfr,years: asfr is of women, it has no columns by sex")
        #expect(refusal("pop_base,sexes") == "found \"pop_base,sexes\", expected the year of the table's sexes: pop_base,sexes,YEAR (a year from 1000 to 3000)")
    }

    @Test(arguments: [
        ("0", SpreadsheetAgeLabel.closed(start: 0, end: nil)), ("1-4", .closed(start: 1, end: 4)), ("5\u{2013}9", .closed(start: 5, end: 9)),
        ("10 to 14", .closed(start: 10, end: 14)), ("Under 1", .closed(start: 0, end: 0)), ("85+", .open(start: 85)),
        ("100 and over", .open(start: 100)), ("85 years and over", .open(start: 85)), ("Total", .total),
    ])
    func ageLabels(_ text: String, _ label: SpreadsheetAgeLabel) {
        #expect(SpreadsheetAgeLabel.read(text) == label)
    }

    /// RFC 4180 quoting, shared with the tidy reader: a delimiter inside quotes is
    /// text, `""` is a quote; semicolons and tabs separate spreadsheets' exports.
    @Test func fieldsAreSplitAsRFC4180Says() {
        #expect(CSVTable.splitFields("\"Kenya, Republic of\",404") == ["Kenya, Republic of", "404"])
        #expect(CSVTable.splitFields("\"Côte d\"\"Ivoire\",384") == ["Côte d\"Ivoire", "384"])
        #expect(CSVTable.splitFields("0-4;0,5; 7 ", delimiter: UInt8(ascii: ";")) == ["0-4", "0,5", "7"])
        #expect(CSVTable.splitFields("Age\t\"2020\"", delimiter: UInt8(ascii: "\t")) == ["Age", "2020"])
        #expect(WideTable.delimiter(of: "Age;Female;Male") == UInt8(ascii: ";"))
        #expect(WideTable.delimiter(of: "\"Age; group\",Female,Male") == UInt8(ascii: ","))
    }

    static func read(_ text: String, _ layout: String) throws(DatasetError) -> WideTable {
        let parsed: WideTableLayout
        switch WideTableLayout.parse(layout) {
        case .success(let l): parsed = l
        case .failure(let e): throw DatasetError([InputProblem(file: "layout", expected: e.description)])
        }
        return try WideTable.read(text, file: "t.csv", layout: parsed)
    }

    static func messages(_ text: String, _ layout: String) -> [String] {
        do { _ = try read(text, layout); return [] } catch { return error.problems.map(\.description) }
    }

    @Test func badCellsAreRefusedWhereTheyAre() {
        #expect(Self.messages("Age,2020\n0,0.01\n1-4,\n5+,0.2\n", "mx,years,female") == [
            "t.csv, line 3, column 2020: expected a number for age 1-4, 2020 (the cell is empty)",
        ])
        #expect(Self.messages("Age,2020\n0,\"1,234\"\n1+,0.2\n", "mx,years,female") == [
            "t.csv, line 2, column 2020: found \"1,234\", expected a plain decimal number with a decimal point (the file is comma-separated), no thousands separators or %, such as 12, 0.25 or 1.5e-3",
        ])
        #expect(Self.messages("Age;2020\n0;1.234,5\n1+;0,2\n", "mx,years,female") == [
            "t.csv, line 2, column 2020: found \"1.234,5\", expected a plain decimal number with a decimal point or comma, no thousands separators or %, such as 12, 0.25 or 1.5e-3",
        ])
        #expect(Self.messages("Age,2020,Twenty\n0,0.01,0.01\n1+,0.2,0.2\n", "mx,years,female") == [
            "t.csv, line 1, column column 3: found \"Twenty\", expected a year as the layout years,female says (2020, or a period 2020-2025)",
        ])
        #expect(Self.messages("Age,Female,Woman\n0,1,1\n1+,2,2\n", "pop_base,sexes,2020") == [
            "t.csv, line 1, column Woman: found \"Woman\", expected each sex once; column \"Female\" is the same",
        ])
    }

    @Test func badAgeGroupsAreRefusedWithTheirNeighbours() {
        #expect(Self.messages("Age,Female,Male\n0-4,1,1\n10-14,1,1\n15+,1,1\n", "pop_base,sexes,2020") == [
            "t.csv, line 3, column Age: found \"10-14\", expected the group after \"0-4\" (line 2), starting at 5: the groups must follow each other without gaps or overlaps",
        ])
        #expect(Self.messages("Age,Female,Male\n0-4,1,1\n5+,1,1\n10+,1,1\n", "pop_base,sexes,2020") == [
            "t.csv, line 4, column Age: found \"10+\", expected no age group after the open group \"5+\" (line 3)",
        ])
        #expect(Self.messages("Age,Female,Male\n0-4,1,1\n5-9,1,1\n", "pop_base,sexes,2020") == [
            "t.csv, line 3, column Age: found \"5-9\", expected the last age group open (such as 85+ or 100+), as the pop_base.csv of a projection ends",
        ])
        #expect(Self.messages("Age,Female,Male\nInfants,1,1\n1+,1,1\n", "pop_base,sexes,2020") == [
            "t.csv, line 2, column Age: found \"Infants\", expected an age group such as 0, 1-4, 5-9 or 85+ (or Total, which is not read)",
        ])
    }

    /// A value the dataset reader refuses is reported at the wide table's cell.
    @Test func readerProblemsAreReportedInTheWideTable() throws {
        let base = try String(contentsOf: Self.folder.appendingPathComponent("Survival ratios.csv"), encoding: .utf8)
        let bad = base.replacingOccurrences(of: "5-9;0,9992984741;0,9992984741", with: "5-9;0,9992984741;1,9992984741")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wide-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.folder, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try bad.write(to: dir.appendingPathComponent("Survival ratios.csv"), atomically: true, encoding: .utf8)
        let tables = try WideTables.read(try Self.layouts.map { (dir.appendingPathComponent($0.0), $0.0, try Self.layout($0.1)) })
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(try tables.source(over: dir)) }
        #expect(tables.relocated(error).problems.map(\.description) == [
            "Survival ratios.csv, line 3, column Male: found \"1.9992984741\", expected a survival ratio from 0 to 1",
        ])
    }

    /// Two tables giving the same value, or a tidy file beside the table that stands for it, are refused.
    @Test func aValueGivenTwiceIsRefused() throws {
        let one = try WideTable.read("Age,2020\n0,0.01\n1+,0.2\n", file: "a.csv", layout: Self.layout("mx,years,female"))
        let two = try WideTable.read("Age,2015-2020,2020\n0,0.01,0.02\n1+,0.2,0.3\n", file: "b.csv", layout: Self.layout("mx,years,female"))
        let error = try #require(throws: DatasetError.self) { try WideTables([one, two]).tidyFiles() }
        #expect(error.problems.map(\.description) == [
            "b.csv, line 2, column 2020: found \"0.02\", expected one value for 2020, female, age 0; a.csv line 2, column 2020 gives it too",
            "b.csv, line 3, column 2020: found \"0.3\", expected one value for 2020, female, age 1; a.csv line 3, column 2020 gives it too",
        ])
        let pop = try WideTable.read("Age,Female,Male\n0-4,1,1\n5+,1,1\n", file: "p.csv", layout: Self.layout("pop_base,sexes,1993"))
        let clash = try #require(throws: DatasetError.self) {
            try WideTables([pop]).source(over: Self.fixtures.appendingPathComponent("sweden1993"))
        }
        #expect(clash.problems.map(\.description) == [
            "pop_base.csv: expected no pop_base.csv beside the wide table p.csv that stands for it: remove one, or give the other a name the dataset does not read",
        ])
    }
}
