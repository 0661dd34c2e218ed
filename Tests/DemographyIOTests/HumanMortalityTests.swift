import Testing
import Foundation
import Demography
@testable import DemographyIO

/// The Human Mortality and Fertility Database readers on the fixtures of
/// Tests/Fixtures/hmd and Tests/Fixtures/hfd (see their SOURCE.md), checked by
/// identities: the same rates give the same life tables as the tidy layout,
/// mx = D/E, and the projection's population accounting.
@Suite struct HumanMortalityTests {
    static func fixture(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: fixture(path), encoding: .utf8)
    }

    /// The value of column `column` (0-based field) of the row of `year` and `age`
    /// of an HMD fixture, read from its text by the test itself.
    static func field(_ path: String, year: String, age: String, column: Int) throws -> Double {
        for line in try text(path).split(separator: "\n").dropFirst(2) {   // the title and the column names (the blank line is not split out)
            let f = line.split(separator: " ")
            if f.count > column, f[0] == year, f[1] == age, let v = Double(f[column]) { return v }
        }
        throw DatasetError([InputProblem(file: path, expected: "a row \(year) \(age) in the fixture")])
    }

    static func relative(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / max(abs(a), abs(b)) }

    /// The largest relative difference between two life tables, over every column.
    static func difference(_ a: LifeTable, _ b: LifeTable) -> Double {
        var worst = 0.0
        for (x, y) in [(a.deathRates, b.deathRates), (a.deathProbabilities, b.deathProbabilities), (a.survivors, b.survivors),
                       (a.personYearsLived, b.personYearsLived), (a.personYearsAbove, b.personYearsAbove),
                       (a.lifeExpectancy, b.lifeExpectancy), (a.separationFactors, b.separationFactors)] {
            #expect(x.count == y.count)
            for (u, v) in zip(x, y) { worst = max(worst, relative(u, v)) }
        }
        return worst
    }

    // MARK: (a) Mx_1x1 as it comes = the same rates in the tidy layout

    @Test func mxFileGivesTheLifeTablesOfTheTidyLayout() throws {
        let hmd = try HumanMortalityDatabase.deathRates(Self.fixture("hmd/Mx_1x1.txt"))
        let tidy = try TidyFile.schedulesBySex(Self.fixture("hmd/mx_tidy.csv"))
        #expect(hmd.ages == (try AgeStructure.singleYear(openAge: 110)))
        #expect(hmd.ages == tidy.ages)
        #expect(hmd.years == [2018, 2019])
        #expect(Set(tidy.values.keys) == Set(hmd.years))
        for year in hmd.years {
            for sex in Sex.allCases {
                guard let a = hmd.values[year]?[sex], let b = tidy.values[year]?[sex] else {
                    Issue.record("no rates for \(year) \(sex)"); continue
                }
                let options = LifeTableOptions()
                let d = Self.difference(try LifeTable(sex: sex, ages: hmd.ages, deathRates: a, options: options),
                                        try LifeTable(sex: sex, ages: tidy.ages, deathRates: b, options: options))
                #expect(d <= 1e-15, "\(year) \(sex): \(d)")
            }
        }
    }

    /// Mx_5x1 is read on the abridged grid 0, 1-4, 5-9, ..., 105-109, 110+.
    @Test func fiveYearFileIsReadOnTheAbridgedGrid() throws {
        let rates = try HumanMortalityDatabase.deathRates(Self.fixture("hmd/Mx_5x1.txt"))
        #expect(rates.ages == (try AgeStructure.abridged(openAge: 110)))
        // Its 1-4 rate is D/E of the four single ages (the fixture's construction, SOURCE.md).
        var d = 0.0, e = 0.0
        for age in 1...4 {
            d += try Self.field("hmd/Deaths_1x1.txt", year: "2019", age: "\(age)", column: 3)
            e += try Self.field("hmd/Exposures_1x1.txt", year: "2019", age: "\(age)", column: 3)
        }
        let m = try #require(rates.values[2019]?.male[1])
        #expect(Self.relative(m, d / e) <= 1e-15)
    }

    // MARK: (b) mx = D/E

    @Test func deathsOverExposuresAreTheDeathRates() throws {
        let computed = try HumanMortalityDatabase.deathRates(deaths: Self.fixture("hmd/Deaths_1x1.txt"),
                                                             exposures: Self.fixture("hmd/Exposures_1x1.txt"))
        let published = try HumanMortalityDatabase.deathRates(Self.fixture("hmd/Mx_1x1.txt"))
        #expect(computed.ages == published.ages)
        #expect(computed.years == published.years)
        var worst = 0.0
        for year in computed.years {
            for sex in Sex.allCases {
                for (a, b) in zip(computed.values[year]?[sex] ?? [], published.values[year]?[sex] ?? []) {
                    worst = max(worst, Self.relative(a, b))
                }
                #expect(computed.values[year]?[sex].count == 111)
            }
        }
        #expect(worst <= 1e-12, "\(worst)")
        // The two files read apart give the same quotient.
        let d0 = try HumanMortalityDatabase.deaths(try HumanMortalityText.read(Self.fixture("hmd/Deaths_1x1.txt"), columns: HumanMortalityCells.columns))
        let e0 = try HumanMortalityDatabase.exposures(try HumanMortalityText.read(Self.fixture("hmd/Exposures_1x1.txt"), columns: HumanMortalityCells.columns))
        for year in d0.years {
            for sex in Sex.allCases {
                let quotient = zip(d0.values[year]?[sex] ?? [], e0.values[year]?[sex] ?? []).map { $0 / $1 }
                #expect(quotient == computed.values[year]?[sex])
            }
        }
        // One cell against D/E from the fixture's own numbers.
        let d = try Self.field("hmd/Deaths_1x1.txt", year: "2018", age: "0", column: 2)
        let e = try Self.field("hmd/Exposures_1x1.txt", year: "2018", age: "0", column: 2)
        #expect(Self.relative(try #require(computed.values[2018]?.female[0]), d / e) <= 1e-12)
    }

    /// A lower open age: mx(100+) = ΣD / ΣE over ages 100 ... 110+.
    @Test func lowerOpenAgeSumsDeathsAndExposures() throws {
        let rates = try HumanMortalityDatabase.deathRates(deaths: Self.fixture("hmd/Deaths_1x1.txt"),
                                                          exposures: Self.fixture("hmd/Exposures_1x1.txt"), lastAge: 100)
        #expect(rates.ages == (try AgeStructure.singleYear(openAge: 100)))
        var d = 0.0, e = 0.0
        for age in (100...109).map(String.init) + ["110+"] {
            d += try Self.field("hmd/Deaths_1x1.txt", year: "2019", age: age, column: 2)
            e += try Self.field("hmd/Exposures_1x1.txt", year: "2019", age: age, column: 2)
        }
        #expect(Self.relative(try #require(rates.values[2019]?.female.last), d / e) <= 1e-12)
    }

    /// Above the last age used a "." or a zero exposure does not stop the table.
    @Test func missingValuesAboveTheLastAgeAreAllowed() throws {
        let deaths = try Self.text("hmd/Deaths_1x1.txt").replacingOccurrences(
            of: "  2019        110+                    1.85", with: "  2019        110+                       .")
        let exposures = try Self.text("hmd/Exposures_1x1.txt").replacingOccurrences(
            of: "  2019        110+                    6.39", with: "  2019        110+                    0.00")
        let d = try HumanMortalityText.parse(deaths, file: "Deaths_1x1.txt", columns: HumanMortalityCells.columns)
        let e = try HumanMortalityText.parse(exposures, file: "Exposures_1x1.txt", columns: HumanMortalityCells.columns)
        #expect(throws: DatasetError.self) { try HumanMortalityDatabase.deathRates(deaths: d, exposures: e) }
        _ = try HumanMortalityDatabase.deathRates(deaths: d, exposures: e, lastAge: 105)
    }

    // MARK: (c) error messages

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch let error as DatasetError { return error.description } catch { return "\(error)" }
        return "no error"
    }

    @Test func wrongHeaderNamesLineColumnValueAndExpected() throws {
        let text = try Self.text("hmd/Mx_1x1.txt").replacingOccurrences(of: "  Year      Age ", with: "  Year      Sex ")
        let m = Self.message { _ = try HumanMortalityText.parse(text, file: "Mx_1x1.txt", columns: HumanMortalityCells.columns) }
        #expect(m == "Mx_1x1.txt, line 3, column 2: found \"Sex\", expected the column name Age (the columns of this file: Year Age Female Male Total)")
        let untitled = try Self.text("hmd/Mx_1x1.txt").replacingOccurrences(of: "Last modified", with: "Changed")
        let t = Self.message { _ = try HumanMortalityText.parse(untitled, file: "Mx_1x1.txt", columns: HumanMortalityCells.columns) }
        #expect(t.hasPrefix("Mx_1x1.txt, line 1: found \"Utopia, Death rates (period 1x1),\\u{9}Changed: 01 Feb 2025;  Met... (84 bytes)\", expected the title line of a Human Mortality or Fertility Database file"), "\(t)")
    }

    @Test func badAgeLabelIsNamed() throws {
        let text = try Self.text("hmd/Mx_1x1.txt").replacingOccurrences(of: "  2019          17 ", with: "  2019         17a ")
        let parsed = try HumanMortalityText.parse(text, file: "Mx_1x1.txt", columns: HumanMortalityCells.columns)
        let m = Self.message { _ = try HumanMortalityDatabase.deathRates(parsed) }
        #expect(m == "Mx_1x1.txt, line 132, column Age: found \"17a\", expected an age of the HMD: 0, 1, ..., 109, 110+ (1x1 files) or 0, 1-4, 5-9, ..., 110+ (5x1 files)")
        let skipped = try Self.text("hmd/Mx_1x1.txt").replacingOccurrences(of: "  2019          17 ", with: "  2019          18 ")
        let s = try HumanMortalityText.parse(skipped, file: "Mx_1x1.txt", columns: HumanMortalityCells.columns)
        #expect(Self.message { _ = try HumanMortalityDatabase.deathRates(s) }
                == "Mx_1x1.txt, line 132, column Age: found \"18\", expected age 17 (every year has the ages of year 2018: 0...110+)")
    }

    @Test func missingRateIsRefusedWhereNeeded() throws {
        let text = try Self.text("hmd/Mx_1x1.txt").replacingOccurrences(
            of: "  2018           0    0.004113034494870514", with: "  2018           0                       .")
        let parsed = try HumanMortalityText.parse(text, file: "Mx_1x1.txt", columns: HumanMortalityCells.columns)
        let m = Self.message { _ = try HumanMortalityDatabase.deathRates(parsed) }
        #expect(m.hasPrefix("Mx_1x1.txt, line 4, column Female: found \".\", expected a value at age 0 in 2018 (a life table needs the death rate of every age"), "\(m)")
        // Not needed when only 2019 is used.
        let only2019 = try HumanMortalityDatabase.deathRates(parsed, years: [2019])
        #expect(only2019.years == [2019])
        // A zero exposure below the last age used.
        let exposures = try Self.text("hmd/Exposures_1x1.txt").replacingOccurrences(
            of: "  2018           1               107344.40", with: "  2018           1                    0.00")
        let d = try HumanMortalityText.parse(try Self.text("hmd/Deaths_1x1.txt"), file: "Deaths_1x1.txt", columns: HumanMortalityCells.columns)
        let e = try HumanMortalityText.parse(exposures, file: "Exposures_1x1.txt", columns: HumanMortalityCells.columns)
        let z = Self.message { _ = try HumanMortalityDatabase.deathRates(deaths: d, exposures: e) }
        #expect(z.hasPrefix("Exposures_1x1.txt, line 5, column Female: found \"0.00\", expected a positive exposure at age 1 in 2018 (mx = D/E"), "\(z)")
    }

    @Test func mismatchedYearsOfDeathsAndExposuresAreNamed() throws {
        let lines = try Self.text("hmd/Exposures_1x1.txt").split(separator: "\n", omittingEmptySubsequences: false)
        let only2018 = lines.filter { !$0.hasPrefix("  2019") }.joined(separator: "\n")
        let d = try HumanMortalityText.parse(try Self.text("hmd/Deaths_1x1.txt"), file: "Deaths_1x1.txt", columns: HumanMortalityCells.columns)
        let e = try HumanMortalityText.parse(only2018, file: "Exposures_1x1.txt", columns: HumanMortalityCells.columns)
        let m = Self.message { _ = try HumanMortalityDatabase.deathRates(deaths: d, exposures: e) }
        #expect(m == "Deaths_1x1.txt, line 115, column Year: found \"2019\", expected a year that Exposures_1x1.txt also has (its years: 2018); mx = D/E needs both")
    }

    /// Mx_1x1.txt has the columns of Exposures_1x1.txt: its title tells them apart.
    @Test func aFileOfAnotherStatisticIsRefusedByItsTitle() throws {
        let d = try HumanMortalityText.read(Self.fixture("hmd/Deaths_1x1.txt"), columns: HumanMortalityCells.columns)
        let mx = try HumanMortalityText.read(Self.fixture("hmd/Mx_1x1.txt"), columns: HumanMortalityCells.columns)
        #expect(Self.message { _ = try HumanMortalityDatabase.deathRates(deaths: d, exposures: mx) }
                == "Mx_1x1.txt, line 1: found \"Utopia, Death rates (period 1x1),\\u{9}Last modified: 01 Feb 2025... (90 bytes)\", expected a file of exposure to risk (its title names death rates)")
    }

    @Test func fertilityFileErrorsAreNamed() throws {
        let text = try Self.text("hfd/asfrRR.txt").replacingOccurrences(of: "  2019       12-", with: "  2019       11-")
            .replacingOccurrences(of: "  2018        30", with: "  2018        3O")
        let parsed = try HumanMortalityText.parse(text, file: "asfrRR.txt", columns: HumanFertilityRates.columns)
        let m = Self.message { _ = try HumanFertilityRates.read(parsed) }
        #expect(m.contains("asfrRR.txt, line 22, column Age: found \"3O\", expected an HFD age: 12-, 13, ..., 54, 55+"), "\(m)")
        let wrong = try Self.text("hfd/asfrRR.txt").replacingOccurrences(of: "ASFR", with: "Rate")
        #expect(Self.message { _ = try HumanMortalityText.parse(wrong, file: "asfrRR.txt", columns: HumanFertilityRates.columns) }
                == "asfrRR.txt, line 3, column 3: found \"Rate\", expected the column name ASFR (the columns of this file: Year Age ASFR)")
    }

    // MARK: Population, births, fertility

    @Test func populationKeepsTheFigureAfterATerritorialChange() throws {
        let population = try HumanMortalityDatabase.population(Self.fixture("hmd/Population.txt"))
        #expect(population.years == [2018, 2019, 2020])
        #expect(population.territorialChangeYears == [2019])
        let after = try Self.field("hmd/Population.txt", year: "2019+", age: "0", column: 2)
        let before = try Self.field("hmd/Population.txt", year: "2019-", age: "0", column: 2)
        #expect(after != before)
        #expect(population.values[2019]?.female[0] == after)
    }

    @Test func sexRatioAtBirthIsMaleOverFemaleBirths() throws {
        let text = try HumanMortalityText.read(Self.fixture("hmd/Births.txt"), columns: HumanMortalityDatabase.birthColumns)
        let srb = try HumanMortalityDatabase.sexRatioAtBirth(text)
        // Births.txt: 2019 Female 104499, Male 110037.
        #expect(Self.relative(try #require(srb[2019]), 110037.0 / 104499.0) <= 1e-15)
    }

    @Test func openFertilityGroupsLandOnTheirAges() throws {
        let rates = try HumanFertilityRates.read(Self.fixture("hfd/asfrRR.txt"))
        #expect(rates.ages == Array(12...55))
        let schedule = try #require(try rates.schedule(2019, on: try AgeStructure.singleYear(openAge: 110)))
        let at30 = try Self.field("hfd/asfrRR.txt", year: "2019", age: "30", column: 2)
        let at12 = try Self.field("hfd/asfrRR.txt", year: "2019", age: "12-", column: 2)
        let at55 = try Self.field("hfd/asfrRR.txt", year: "2019", age: "55+", column: 2)
        #expect(schedule[30] == at30 && schedule[12] == at12 && schedule[55] == at55)
        #expect(schedule[0..<12].allSatisfy { $0 == 0 } && schedule[56...].allSatisfy { $0 == 0 })
    }

    // MARK: (d) a projection from the HMD/HFD folder

    /// The HMD and HFD fixtures together in a fresh folder, as a user keeps them.
    static func folder(mortality: [String] = ["Mx_1x1.txt"]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in mortality + ["Population.txt", "Births.txt"] {
            try FileManager.default.copyItem(at: fixture("hmd/" + name), to: dir.appendingPathComponent("UTO." + name))
        }
        try FileManager.default.copyItem(at: fixture("hfd/asfrRR.txt"), to: dir.appendingPathComponent("UTOasfrRR.txt"))
        return dir
    }

    @Test(arguments: [["Mx_1x1.txt"], ["Deaths_1x1.txt", "Exposures_1x1.txt"]])
    func projectionFromTheFolderKeepsTheAccounts(mortality: [String]) throws {
        let dir = try Self.folder(mortality: mortality)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try #require(try HumanMortalityDataset.translate(dir))
        #expect(try source.text("units.csv") == "quantity,unit\npopulation,persons\n")
        let dataset = try DatasetReader().read(source)
        let inputs = dataset.inputs
        #expect(inputs.baseYear == 2019)
        #expect(inputs.width == 1)
        // The base population is Population.txt's 2019+ row (after the change).
        let after = try Self.field("hmd/Population.txt", year: "2019+", age: "110+", column: 3)
        #expect(inputs.basePopulation.counts.male.last == after)
        #expect(Self.relative(try #require(inputs.sexRatioAtBirth[2019]), 110037.0 / 104499.0) <= 1e-15)
        let result = try Scenario(name: "hmd", inputs: inputs, survival: .recompute(LifeTableOptions())).projection().run()
        let step = try #require(result.steps.first)
        let start = result.populations[0], end = result.populations[1]
        #expect(!step.wasFloored)
        #expect(step.totalNetMigrants == 0)
        #expect(step.totalBirths > 0 && step.totalDeaths > 0)
        let residual = end.total - (start.total + step.totalBirths - step.totalDeaths)
        #expect(abs(residual) <= 1e-9 * start.total, "\(residual)")
        #expect(result.years == [2019, 2020])
    }

    /// A base year asked for: its population and rates; a year some file lacks is refused.
    @Test func baseYearCanBeChosen() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try #require(try HumanMortalityDataset.translate(dir, baseYear: 2018))
        let inputs = try DatasetReader().read(source).inputs
        #expect(inputs.baseYear == 2018)
        #expect(inputs.basePopulation.counts.female[0] == (try Self.field("hmd/Population.txt", year: "2018", age: "0", column: 2)))
        let m = Self.message { _ = try HumanMortalityDataset.translate(dir, baseYear: 2020) }
        #expect(m.hasSuffix(": found \"2020\", expected a base year that every file has (their years: UTO.Population.txt 2018-2020, UTO.Mx_1x1.txt 2018-2019, UTOasfrRR.txt 2018-2019, UTO.Births.txt 2018-2019)"), "\(m)")
    }

    @Test func missingBirthsAreNamed() throws {
        let text = try Self.text("hmd/Births.txt").replacingOccurrences(of: "  2019        104499", with: "  2019             .")
        let parsed = try HumanMortalityText.parse(text, file: "Births.txt", columns: HumanMortalityDatabase.birthColumns)
        #expect(Self.message { _ = try HumanMortalityDatabase.sexRatioAtBirth(parsed) }
                == "Births.txt, line 5, column Female: found \".\", expected the births of 2019 (the sex ratio at birth needs both sexes)")
    }

    @Test func folderWithoutFertilityIsRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("UTOasfrRR.txt"))
        let m = Self.message { _ = try HumanMortalityDataset.translate(dir) }
        #expect(m.hasPrefix("asfrRR.txt: expected the Human Fertility Database's asfrRR.txt (Year Age ASFR) in "), "\(m)")
        #expect(HumanMortalityDataset.recognises(dir))
        #expect(!HumanMortalityDataset.recognises(Self.fixture("canada1x1")))
    }
}
