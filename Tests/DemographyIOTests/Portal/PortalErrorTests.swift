import Demography
import Foundation
import Testing
@testable import DemographyIO

/// Every refusal of the portal reader names the original file, line, column,
/// the value found and what was expected.
@Suite struct PortalErrorTests {
    static let fixture = PortalFixtureTests.root.appendingPathComponent("wpp2024")
    static let population = "WPP2024_PopulationByAge5GroupSex_Medium.csv"
    static let fertility = "WPP2024_Fertility_by_Age5.csv"
    static let indicators = "WPP2024_Demographic_Indicators_Medium.csv"
    static let lifeTable = "WPP2024_Life_Table_Abridged_Medium_2024-2100.csv.gz"

    /// A copy of the fixture with files edited (line by line: 1 is the header),
    /// removed or added; the life table is written plain as `lt.csv` when edited.
    static func folder(edit: [String: ([String]) -> [String]] = [:], remove: [String] = [], add: [String: String] = [:]) throws -> URL {
        let out = PortalFolderWriter.temporaryFolder("errors")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for url in PortalDataset.csvFiles(fixture) where !remove.contains(url.lastPathComponent) {
            let name = url.lastPathComponent
            guard let change = edit[name] else {
                try FileManager.default.copyItem(at: url, to: out.appendingPathComponent(name))
                continue
            }
            let text = try CSVTable.text(of: url)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let target = name.hasSuffix(".gz") ? "lt.csv" : name
            try change(lines).joined(separator: "\n").write(to: out.appendingPathComponent(target), atomically: true, encoding: .utf8)
        }
        for (name, text) in add { try text.write(to: out.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return out
    }

    /// The problems of translating Sweden (or `location`) from the edited copy.
    static func problems(_ folder: URL, location: String = "752") -> [InputProblem] {
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try PortalDataset.open(folder).source(for: location)
            return []
        } catch { return error.problems }
    }

    /// Replaces field `column` (0-based) of line `line` (1-based).
    static func setField(_ line: Int, _ column: Int, _ value: String) -> ([String]) -> [String] {
        { lines in
            var lines = lines
            var fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[column] = value
            lines[line - 1] = fields.joined(separator: ",")
            return lines
        }
    }

    static func column(_ header: String, _ name: String) -> Int {
        header.split(separator: ",").map(String.init).firstIndex(of: name) ?? -1
    }

    @Test func unknownHeaderIsRefusedWithTheKindsExpected() throws {
        let p = Self.problems(try Self.folder(add: ["notes.csv": "IndicatorNo,Topic,Indicator\n1,Population,TPopulation1Jan\n"]))
        let first = try #require(p.first)
        #expect(first.file == "notes.csv" && first.line == 1 && first.value == "IndicatorNo,Topic,Indicator")
        #expect(first.expected.contains("the header of a UN WPP portal CSV file") && first.expected.contains("PopMale") && first.expected.contains("NetMigrations"))
    }

    @Test func unparseableAgeGroupIsRefused() throws {
        let agegrp = Self.column(PortalFolderWriter.populationHeader, "AgeGrp")
        let p = Self.problems(try Self.folder(edit: [Self.population: Self.setField(3, agegrp, "5 to 9")]))
        let first = try #require(p.first)
        #expect(first.file == Self.population && first.line == 3 && first.column == "AgeGrp" && first.value == "5 to 9")
        #expect(first.expected == PortalAgeGroup.expected)
    }

    @Test func ageGroupStartThatContradictsTheLabelIsRefused() throws {
        let start = Self.column(PortalFolderWriter.populationHeader, "AgeGrpStart")
        let p = Self.problems(try Self.folder(edit: [Self.population: Self.setField(3, start, "4")]))
        let first = try #require(p.first)
        #expect(first.file == Self.population && first.line == 3 && first.column == "AgeGrpStart" && first.value == "4")
        #expect(first.expected.contains("5, the first age of AgeGrp 5-9"))
    }

    @Test func unparseableTimeIsRefused() throws {
        let time = Self.column(PortalFolderWriter.fertilityHeader, "Time")
        let p = Self.problems(try Self.folder(edit: [Self.fertility: Self.setField(4, time, "20x1")]))
        let first = try #require(p.first)
        #expect(first.file == Self.fertility && first.line == 4 && first.column == "Time" && first.value == "20x1")
        #expect(first.expected == PortalTime.expected)
    }

    /// A year of one age group missing in the fertility file (the 2022 row of 20-24).
    @Test func missingYearIsRefused() throws {
        let p = Self.problems(try Self.folder(edit: [Self.fertility: { lines in lines.filter { !($0.contains(",2022,2022.5,20-24,")) } }]))
        let first = try #require(p.first)
        #expect(first.file == Self.fertility && first.column == "Time" && first.value == "2022")
        #expect(first.expected.contains("PASFR of AgeGrp 20-24 of Sweden in every year from 2020"))
    }

    /// An age group missing from the base population (50-54 of 2020).
    @Test func missingAgeGroupIsRefused() throws {
        let p = Self.problems(try Self.folder(edit: [Self.population: { lines in lines.filter { !$0.contains(",50-54,") } }]))
        let first = try #require(p.first)
        #expect(first.file == Self.population && first.column == "AgeGrp" && first.value == "50-54 missing")
        #expect(first.expected.contains("from 0 to an open group"))
    }

    /// An age group missing from the life tables in one year only (female 5-9 of 2023).
    @Test func lifeTableAgeMissingInOneYearIsRefused() throws {
        let p = Self.problems(try Self.folder(edit: [Self.lifeTable: { lines in lines.filter { !$0.contains(",2023,2023.5,Female,2,5-9,") } }]))
        let first = try #require(p.first)
        #expect(first.file == "lt.csv" && first.column == "Time" && first.value == "2023")
        #expect(first.expected.contains("mx of Sex female AgeGrp 5-9"))
    }

    @Test func absentLocationIsRefusedWithSuggestions() throws {
        let folder = try Self.folder()
        let p = Self.problems(folder, location: "Swedn")
        let first = try #require(p.first)
        #expect(first.file == folder.path && first.column == "Location" && first.value == "Swedn")
        #expect(first.expected.contains("a location of the UN portal files") && first.expected.contains("Sweden (752, SWE)"))
    }

    /// Norway is in the population file only: the fertility file has no rows of it.
    @Test func locationAbsentFromOneKindIsRefused() throws {
        let norway = "1,578,,NOR,NO,578,4,Country/Area,924,Norway,2,Medium,2020,2020.5,0-4,0,5,1,1,2"
        let p = Self.problems(try Self.folder(edit: [Self.population: { $0.filter { !$0.isEmpty } + [norway, ""] }]), location: "NOR")
        let first = try #require(p.first)
        #expect(first.column == "LocID" && first.value == "578")
        #expect(first.expected.contains("rows of Norway (LocID 578), Variant Medium"))
    }

    @Test func missingKindNamesTheDownload() throws {
        let folder = try Self.folder(remove: [Self.fertility])
        let p = Self.problems(folder)
        let first = try #require(p.first)
        #expect(first.file == folder.path)
        #expect(first.expected.contains("fertility by age of mother") && first.expected.contains("WPP2024_Fertility_by_Age5.csv.gz")
            && first.expected.contains("population.un.org/wpp/downloads"))
    }

    @Test func valueInTheWrongUnitIsRefusedWithTheDivision() throws {
        let srb = Self.column(String(PortalFolderWriter.indicatorHeader), "SRB")
        let p = Self.problems(try Self.folder(edit: [Self.indicators: Self.setField(2, srb, "1.057")]))
        let first = try #require(p.first)
        #expect(first.file == Self.indicators && first.line == 2 && first.column == "SRB" && first.value == "1.057")
        #expect(first.expected.contains("a sex ratio at birth") && first.expected.contains("divided by 100"))
    }

    @Test func unparseableNumberIsRefused() throws {
        let pasfr = Self.column(PortalFolderWriter.fertilityHeader, "PASFR")
        let p = Self.problems(try Self.folder(edit: [Self.fertility: Self.setField(5, pasfr, "n/a")]))
        let first = try #require(p.first)
        #expect(first.file == Self.fertility && first.line == 5 && first.column == "PASFR" && first.value == "n/a")
        #expect(first.expected.contains("a percentage"))
    }

    @Test func duplicateRowIsRefused() throws {
        let p = Self.problems(try Self.folder(edit: [Self.indicators: { lines in lines.filter { !$0.isEmpty } + [lines[1], ""] }]))
        let first = try #require(p.first)
        #expect(first.file == Self.indicators && first.line == 7 && first.column == "Time" && first.value == "2020")
        #expect(first.expected.contains("one row for Sweden in 2020, but line 2 has it already"))
    }

    @Test func baseYearTheFilesDoNotHaveIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect {
            _ = try PortalDataset.open(folder).source(for: "SWE", baseYear: 2015)
        } throws: { error in
            guard let e = error as? DatasetError, let p = e.problems.first else { return false }
            return p.file == Self.population && p.column == "Time" && p.value == "2015" && p.expected.contains("a base year the population file has: 2020")
        }
    }
}
