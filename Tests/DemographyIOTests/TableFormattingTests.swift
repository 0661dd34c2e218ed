import Testing
import Foundation
import Demography
@testable import DemographyIO

/// Audit F1, F2 and F9: the writers format any finite magnitude without trapping,
/// and never write a non-finite number or a negative count with success.
@Suite struct TableFormattingTests {
    static func sweden() throws -> Dataset {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sweden1993")
        return try DatasetReader().read(directory: url)
    }

    /// Sweden 1993 with every base-population cell set to `value`, projected.
    static func projected(basePopulation value: Double) throws -> ScenarioResult {
        var inputs = try sweden().inputs
        let ages = inputs.basePopulation.ages
        inputs.basePopulation = try Population(ages: ages, counts: BySex(both: [Double](repeating: value, count: ages.count)))
        return try Scenario(name: "projection", inputs: inputs, survival: .given).run()
    }

    // F1: `String(Int64(…))` trapped on any total of 2^63 or more.
    @Test func groupedFormatsAnyMagnitude() {
        #expect(SummaryTables.grouped(37_496_124.4) == "37,496,124")
        #expect(SummaryTables.grouped(-1_234.6) == "-1,235")
        #expect(SummaryTables.grouped(0) == "0")
        #expect(SummaryTables.grouped(999_999_999_999_999) == "999,999,999,999,999")
        #expect(SummaryTables.grouped(1e15) == "1.0000e+15")
        #expect(SummaryTables.grouped(1.08e19) == "1.0800e+19")
        #expect(SummaryTables.grouped(1e308) == "1.0000e+308")
        #expect(SummaryTables.grouped(-.greatestFiniteMagnitude).hasPrefix("-1.7977e+308"))
        #expect(SummaryTables.grouped(.infinity) == "n/a")
        #expect(SummaryTables.grouped(.nan) == "n/a")
    }

    // F2: `String(Int(v))` trapped on a tick of 2^63 or more.
    @Test func tickLabelsOfHugeValues() {
        #expect(tickLabel(2e20) == "2e+20")
        #expect(tickLabel(9.3e18) == "9.3e+18")
        #expect(tickLabel(250) == "250")
        #expect(tickLabel(2.5) == "2.5")
    }

    @Test func lineChartOfHugeValuesIsDrawn() throws {
        let svg = try LineChart.svg([.init(label: "medium", points: [(2015, 1e22), (2020, 2e22)])],
                                    title: "t", unitLabel: "u", caption: "c")
        #expect(svg.contains(">2e+22<") || svg.contains(">1e+22<"))
        #expect(!svg.contains("nan"))
    }

    @Test func lineChartRefusesANonFinitePoint() {
        #expect(throws: OutputValueError.self) {
            try LineChart.svg([.init(label: "medium", points: [(2015, 1), (2020, .infinity)])], title: "t", unitLabel: "u", caption: "c",
                              file: "total_population.svg")
        }
    }

    // F1 end to end: 3e17 per cell (1.08e19 in all) is finite: the tables and the text are written.
    @Test func hugeButFinitePopulationIsWritten() throws {
        let result = try Self.projected(basePopulation: 3e17)
        let text = try SummaryTables.text(result)
        #expect(text.contains("1.0800e+19"))
        #expect(try ProjectionTables.all(result.result)["population.csv"]?.contains(",3e+17\n") == true)
    }

    #if !DEMOGRAPHY_CHECKS
    // F9: 1e308 per cell overflows to inf; every writer refuses, naming the file and the cell.
    // (With DEMOGRAPHY_CHECKS compiled in, the step's own invariant, a finite population,
    // stops the run before any writer sees it; so the test is for the default build.)
    @Test func overflowingProjectionIsRefusedByEveryWriter() throws {
        let result = try Self.projected(basePopulation: 1e308)
        let error = try #require(throws: OutputValueError.self) { try ProjectionTables.all(result.result) }
        #expect(error.problem == .nonFinite)
        #expect(error.description.contains("non-finite value"))
        #expect(error.description.contains("year 1998"))
        #expect(throws: OutputValueError.self) { try SummaryTables.csv([result]) }
        #expect(throws: OutputValueError.self) { try SummaryTables.json([result]) }
        #expect(throws: OutputValueError.self) { try SummaryTables.text(result) }
        let last = try #require(result.result.populations.last)
        #expect(throws: OutputValueError.self) {
            try PopulationPyramid.svg([.init(label: "2023", population: last)], title: "t", caption: "c")
        }
    }
    #endif

    @Test func negativeCountIsRefused() throws {
        let error = try #require(throws: OutputValueError.self) {
            try OutputValue.count(-148_407.5, in: "deaths.csv", at: "year 1993, female, age 5")
        }
        #expect(error.description == "deaths.csv: the run produced a negative count (-148407.5) at year 1993, female, age 5; this means an input outside its range (a survival ratio above 1, or a rate too large for the step); check the inputs of that year and age")
    }

    // F9, zero population: "median_age = nan", "medianAge": "nan" and x="-nan" in the pyramid.
    @Test func populationOfZeroHasUndefinedIndicatorsWrittenEmpty() throws {
        let ages = try AgeStructure.fiveYear(openAge: 85)
        let zero = try Population(ages: ages, counts: BySex(both: [Double](repeating: 0, count: ages.count)))
        let row = SummaryIndicators.stocks(year: 2100, population: zero)
        #expect(row.medianAge.isNaN)
        #expect(row.percentAged65Plus == nil)
        let pyramid = try PopulationPyramid.svg([.init(label: "2100", population: zero)], title: "t", caption: "c")
        #expect(!pyramid.lowercased().contains("nan"))
        #expect(!pyramid.contains("inf"))
    }

    @Test func summaryOfAPopulationThatDiesOutHasNoNaN() throws {
        // Survival 0 everywhere and no births: everyone is dead after one step.
        var inputs = try Self.sweden().inputs
        for (year, sx) in inputs.survivalRatios { inputs.survivalRatios[year] = sx.map { $0.map { _ in 0 } } }
        for (year, f) in inputs.fertilityRates { inputs.fertilityRates[year] = f.map { _ in 0 } }
        for (year, m) in inputs.netMigrants { inputs.netMigrants[year] = m.map { $0.map { _ in 0 } } }
        let result = try Scenario(name: "projection", inputs: inputs, survival: .given).run()
        #expect(result.indicators.last?.population == 0)
        let csv = try SummaryTables.csv([result])
        let json = try SummaryTables.json([result])
        #expect(!csv.lowercased().contains("nan") && !csv.contains("inf"))
        #expect(!json.lowercased().contains("nan") && !json.contains("inf"))
        // The growth rate of the period that ends at 0 is undefined: an empty field.
        let fields = try #require(csv.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields[3] == "")
    }
}
