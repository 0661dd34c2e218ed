import Testing
import Foundation
import Demography
import DemographyIO

/// `popproj project --locations …`: every location's rows are the library's projection
/// of that location of the embedded WPP 2024, however the location is named.
@Suite struct LocationsRunTests {
    @Test func rowsOfEachLocationAreItsProjection() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["project", "--locations", "566,sweden", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try String(contentsOf: out.appendingPathComponent("population.csv"), encoding: .utf8)
        let lines = written.split(separator: "\n")
        #expect(lines.first == "location,year,sex,age,open_age,value")
        for code in ["566", "752"] {
            let dataset = try AssumptionsReader(location: code).read(EmbeddedDatasets.wpp2024.source(for: code), migrationPattern: .default)
            let expected = try ProjectionTables.population(try dataset.assumptions.scenario(.medium).run().result)
                .split(separator: "\n").dropFirst().map { "\(code),\($0)" }
            #expect(lines.filter { $0.hasPrefix("\(code),") }.map(String.init) == expected)
        }
    }

    @Test func folderAndArchiveGiveTheSameRows() throws {
        // data/wpp2024 split by LocationSplit (each file read once) and the embedded archive.
        let embedded = PopProjRunner.temporaryDirectory(), folder = PopProjRunner.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: embedded)
            try? FileManager.default.removeItem(at: folder)
        }
        let a = try PopProjRunner.run(["project", "--locations", "NER,752,japan", "--variants", "medium,low", "--out", embedded.path, "--quiet"])
        let b = try PopProjRunner.run(["project", "--data", PopProjRunner.repository("data/wpp2024").path, "--locations", "NER,752,japan",
                                       "--variants", "medium,low", "--out", folder.path, "--quiet"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        for name in ["population.csv", "summary.csv"] {
            let one = try String(contentsOf: embedded.appendingPathComponent(name), encoding: .utf8)
            let other = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(one == other, "\(name)")
            // Rows in the order asked for: Niger, Sweden, Japan.
            let codes = one.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
            #expect(codes.first == "562" && codes.last == "392")
        }
        // The counts' unit: WPP 2024 declares thousands (data/wpp2024/units.csv, the archive's too).
        for dir in [embedded, folder] {
            #expect(try String(contentsOf: dir.appendingPathComponent("units.csv"), encoding: .utf8) == "quantity,unit\npopulation,thousands\n")
        }
    }

    @Test func unknownLocationIsOneLine() throws {
        let run = try PopProjRunner.run(["project", "--locations", "566,999"])
        #expect(run.status != 0)
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
