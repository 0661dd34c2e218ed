import Testing
import Foundation
import Demography
@testable import DemographyIO

/// The audit's reproducers for the single-region readers (RELIABILITY-AUDIT F5,
/// F6, F9, F10, F11, F12): each damaged copy of a fixture is refused with a
/// located message, or read with a located warning.
@Suite struct ReaderStrictnessTests {
    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    /// A copy of fixture `name` in a fresh temporary folder.
    static func copy(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reader-strictness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(at: fixture(name), to: target)
        return target
    }

    static func text(_ dir: URL, _ file: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    }

    static func write(_ text: String, _ dir: URL, _ file: String) throws {
        try text.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }

    /// The lines of `file` with `transform` applied to each (nil drops the line).
    static func edit(_ dir: URL, _ file: String, _ transform: (String) -> String?) throws {
        let lines = try text(dir, file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try write(lines.compactMap(transform).joined(separator: "\n"), dir, file)
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }

    // MARK: F12, number syntax

    @Test func hexFloatInBasePopulationIsRefusedWithItsPlace() throws {
        let dir = try Self.copy("sweden1993")
        defer { Self.remove(dir) }
        try Self.edit(dir, "pop_base.csv") { $0 == "1993,female,5,0,248369" ? "1993,female,5,0,0x1p3" : $0 }
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        #expect(error.problemCount == 1)
        #expect(error.problems[0].description
            == "pop_base.csv, line 3, column value: found \"0x1p3\", expected a population count: a plain decimal number such as 12, 0.25 or 1.5e-3")
    }

    @Test func nulAfterAYearIsRefused() throws {
        let dir = try Self.copy("sweden1993")
        defer { Self.remove(dir) }
        try Self.write("year,value\n1993\0,1.05\n", dir, "srb.csv")
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        #expect(error.problems.first?.file == "srb.csv" && error.problems.first?.line == 2 && error.problems.first?.column == "year")
    }

    // MARK: F5, a far-future year

    /// One stray row of year 100000000 in 1x1 data is refused as out of range, at
    /// its line, before any per-year check (which used to append a problem per
    /// missing year, without end).
    @Test func farFutureYearIsRefusedAsOutOfRange() throws {
        let dir = try Self.copy("canada1x1")
        defer { Self.remove(dir) }
        try Self.write("year,value\n1950,1.058\n1951,1.058\n1952,1.058\n100000000,1.05\n", dir, "srb.csv")
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        let srb = error.problems.filter { $0.file == "srb.csv" }
        #expect(srb.map(\.description) == ["srb.csv, line 5, column year: found \"100000000\", expected a year from 1000 to 3000"])
    }

    /// A year far ahead but in range is one problem for the whole gap, stating it.
    @Test func gapInThePeriodsIsOneProblemStatingTheRange() throws {
        let dir = try Self.copy("canada1x1")
        defer { Self.remove(dir) }
        try Self.edit(dir, "srb.csv") { $0 == "1952,1.058" ? "2900,1.05" : $0 }
        let original = try Self.text(Self.fixture("canada1x1"), "srb.csv")
        #expect(original.contains("1952,1.058\n"), "the fixture has the row this test replaces")
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        let srb = error.problems.filter { $0.file == "srb.csv" }
        #expect(srb.count == 2, "\(srb)")
        #expect(srb.contains { $0.value == "1953" && $0.expected.contains("year 1952 is missing") })
        #expect(srb.contains { $0.value == "2900" && $0.expected.contains("years 2020 to 2899 are missing") }, "\(srb)")
    }

    // MARK: F6, a long header over many rows

    /// A header of 100,000 columns over 5,000 rows: one bounded message a row for
    /// the first 100 rows, the header named once and shortened, the rest counted.
    @Test func longHeaderOverManyRowsGivesBoundedMessages() throws {
        let header = "year,sex,age,open_age,value," + (0..<100_000).map { "x\($0)" }.joined(separator: ",")
        let rows = (0..<5_000).map { "1993,female,\($0),0,1" }
        let error = try #require(throws: DatasetError.self) {
            try CSVTable.parse(([header] + rows).joined(separator: "\n"), file: "pop_base.csv")
        }
        #expect(error.problemCount == 5_000)
        #expect(error.problems.count == CSVTable.keptRowProblems)
        #expect(error.problems[0].description.hasPrefix("pop_base.csv, line 2: found \"1993,female,0,0,1\", expected 100005 comma-separated fields as the header has (line 1: year,sex,age,open_age,value,x0,"))
        #expect(error.problems[1].description == "pop_base.csv, line 3: found \"1993,female,1,0,1\", expected 100005 comma-separated fields as the header has, found 5")
        let size = error.problems.reduce(0) { $0 + $1.description.utf8.count }
        #expect(size < 20_000, "the messages hold \(size) bytes")
        #expect(error.description.utf8.count < 5_000)
    }

    // MARK: F10, a year missing from WPP tfr.csv

    @Test func yearMissingFromTotalFertilityIsRefused() throws {
        let dir = try Self.copy("wpp2017")
        defer { Self.remove(dir) }
        try Self.edit(dir, "tfr.csv") { $0.hasPrefix("752,2055,") ? nil : $0 }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("asfr.csv"))
        let error = try #require(throws: DatasetError.self) {
            try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default)
        }
        let line = try #require(try Self.text(dir, "tfr.csv").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("752,2060,") }) + 1
        #expect(error.problems.map(\.description) == [
            "tfr.csv, line \(line), column year: found \"2060\", expected 2055 before it: every period from 2015 to 2095 needs rows; year 2055 is missing",
        ])
    }

    /// A file that stops before TFR does would end the projection there.
    @Test func fileEndingBeforeTotalFertilityIsRefused() throws {
        let dir = try Self.copy("wpp2017")
        defer { Self.remove(dir) }
        try Self.edit(dir, "srb.csv") { $0.hasPrefix("752,2095,") || $0.hasPrefix("752,2090,") ? nil : $0 }
        let error = try #require(throws: DatasetError.self) {
            try AssumptionsReader(location: "752").read(.directory(dir), migrationPattern: .default)
        }
        #expect(error.problems.map(\.description) == [
            "srb.csv, column year: found \"2085\", expected rows up to 2095, as tfr.csv has; the projection would end at 2085",
        ])
    }

    @Test func wppFixtureReadsWithoutWarnings() throws {
        for location in ["392", "76", "276", "356", "562", "566", "752", "840"] {
            let dataset = try AssumptionsReader(location: location).read(.directory(Self.fixture("wpp2017")), migrationPattern: .default)
            #expect(dataset.warnings.isEmpty, "\(location): \(dataset.warnings)")
        }
    }

    // MARK: F11, duplicates and conflicts

    static func trajectories(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trajectories-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try write(text, dir, name) }
        return dir
    }

    @Test func repeatedTrajectoryYearIsRefused() throws {
        let dir = try Self.trajectories(["tfr.csv": "trajectory,year,value\n1,2015,1.8\n1,2020,1.9\n2,2015,1.7\n1,2015,2.5\n2,2020,1.6\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: DatasetError.self) { try TrajectoryFiles.read(directory: dir) }
        #expect(error.problems.map(\.description) == [
            "tfr.csv, line 5, column year: found \"2015\", expected one row for trajectory 1 in 2015, but line 2 has it already",
        ])
    }

    /// A file of many duplicated rows keeps the first 100 problems and counts the rest.
    @Test func manyDuplicatesKeepBoundedProblems() throws {
        let rows = (0..<20_000).map { _ in "1,2015,1.8" }
        let dir = try Self.trajectories(["tfr.csv": "trajectory,year,value\n" + rows.joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: DatasetError.self) { try TrajectoryFiles.read(directory: dir) }
        #expect(error.problems.count == ProblemTally.keptPerFile + 1)
        #expect(error.problems.last?.description == "tfr.csv: expected no more problems, but 19899 more rows have one (the first 100 are shown)")
    }

    @Test func manyBadValuesInAnAgeTableKeepBoundedProblems() throws {
        let dir = try Self.copy("canada1x1")
        defer { Self.remove(dir) }
        try Self.edit(dir, "mx.csv") { $0.hasPrefix("year") || $0.isEmpty ? $0 : $0 + "x" }
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        let mx = error.problems.filter { $0.file == "mx.csv" }
        #expect(mx.count == ProblemTally.keptPerFile + 1)
        #expect(mx.last?.expected.hasPrefix("no more problems, but 14040 more rows have one") == true, "\(String(describing: mx.last))")
    }

    /// Line numbers are the file's own, comments and blank lines counted (they
    /// used to be the row index + 2: "line 6" for line 8).
    @Test func trajectoryLineNumbersAreTheFilesLines() throws {
        let dir = try Self.trajectories(["tfr.csv": "trajectory,year,value\n1,2015,1.8\n# a comment\n\n1,2020,1.9\n2,2015,1.7\n2,2020,1.6\n3,2015,abc\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: DatasetError.self) { try TrajectoryFiles.read(directory: dir) }
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.line == 8 && error.problems.first?.column == "value" && error.problems.first?.value == "abc")
    }

    /// e0 of 0 or below, and a negative TFR, gave NaN in the outputs (F9).
    @Test func trajectoryValuesAreCheckedByTheirQuantity() throws {
        let dir = try Self.trajectories([
            "e0_female.csv": "trajectory,year,value\n1,2015,82\n1,2020,0\n2,2015,-1e-300\n2,2020,83\n",
            "tfr.csv": "trajectory,year,value\n1,2015,-1\n1,2020,1.9\n2,2015,1.7\n2,2020,1.6\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = try #require(throws: DatasetError.self) { try TrajectoryFiles.read(directory: dir) }
        #expect(error.problems.map(\.description) == [
            "tfr.csv, line 2, column value: found \"-1\", expected a total fertility rate in children per woman from 0 to 20",
            "e0_female.csv, line 3, column value: found \"0\", expected a life expectancy at birth in years above 0 to 120",
            "e0_female.csv, line 4, column value: found \"-1e-300\", expected a life expectancy at birth in years above 0 to 120",
        ])
    }

    @Test func unusualTrajectoryValueIsReadWithAWarning() throws {
        let dir = try Self.trajectories(["tfr.csv": "trajectory,year,value\n1,2015,1.8\n1,2020,12\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let contents = try TrajectoryFiles.readWithWarnings(directory: dir)
        #expect(contents.paths.count == 1)
        #expect(contents.warnings.map(\.line) == [3])
    }

    @Test func twoTimingRowsForOneYearAreRefused() throws {
        let dir = try Self.copy("sweden1993")
        defer { Self.remove(dir) }
        try Self.write("year,mig_type,mig_assumption\n1993,counts,even\n1993,counts,end\n", dir, "mig_parameter.csv")
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        #expect(error.problems.map(\.description) == [
            "mig_parameter.csv, line 3, column year: found \"1993\", expected one row for 1993, but line 2 has it already",
        ])
    }

    @Test func headerOnlyTimingFileIsRefused() throws {
        let dir = try Self.copy("sweden1993")
        defer { Self.remove(dir) }
        try Self.write("year,mig_type,mig_assumption\n", dir, "mig_parameter.csv")
        let error = try #require(throws: DatasetError.self) { try DatasetReader().read(directory: dir) }
        #expect(error.problems.map(\.file) == ["mig_parameter.csv"])
        #expect(error.problems.first?.expected.hasPrefix("at least one data row") == true)
    }

    /// Deleting every age-50 row of an abridged mx file left a grid whose group
    /// 45 was ten years wide, read by `popproj lifetable` without a message.
    @Test func ageGapInADeathRateFileIsRefused() throws {
        let dir = try Self.copy("wpp2017")
        defer { Self.remove(dir) }
        try Self.edit(dir, "mx.csv") { $0.split(separator: ",").dropFirst(3).first == "50" ? nil : $0 }
        var warnings: [InputProblem] = []
        let error = try #require(throws: DatasetError.self) {
            try TidyFile.schedulesBySex(dir.appendingPathComponent("mx.csv"), location: "752", quantity: .deathRate, warnings: &warnings)
        }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].column == "age" && error.problems[0].value == "55" && error.problems[0].line != nil)
        #expect(error.problems[0].expected.hasSuffix("ages 45 and 55 follow each other, but the grid has 5-year groups; missing age 50"),
                "\(error.problems[0])")
        // The untouched file reads, abridged.
        let (ages, _) = try TidyFile.schedulesBySex(Self.fixture("wpp2017/mx.csv"), location: "752", quantity: .deathRate, warnings: &warnings)
        #expect(ages.isAbridged && warnings.isEmpty)
    }

    @Test func gapInSingleYearsIsRefused() {
        #expect(AgeTableReader.gap(in: [0, 1, 2, 4, 5, 6])?.message.hasSuffix("the grid has single-year groups; missing age 3") == true)
        #expect(AgeTableReader.gap(in: [0, 1, 5, 10, 15, 20]) == nil)
        #expect(AgeTableReader.gap(in: [0, 5, 10, 25, 30, 35])?.message.hasSuffix("missing ages 15, 20") == true)
    }

    // MARK: Migration beyond the population it leaves

    @Test func emigrationBeyondTheBasePopulationIsAWarningAtItsRow() throws {
        let dir = try Self.copy("sweden1993")
        defer { Self.remove(dir) }
        try Self.edit(dir, "mig_net_count.csv") { $0 == "1993,female,5,0,4150" ? "1993,female,5,0,-300000" : $0 }
        let dataset = try DatasetReader().read(directory: dir)
        #expect(dataset.warnings.count == 1)
        let warning = try #require(dataset.warnings.first)
        #expect(warning.severity == .warning && warning.file == "mig_net_count.csv" && warning.line == 3 && warning.column == "value")
        #expect(warning.expected.contains("no larger than the population it leaves"))
    }
}
