import Testing
import Foundation
import Demography
import DemographyIO

/// `popproj` on the embedded UN WPP 2024: the default run is the world, the sum
/// of the 236 countries' projections; one location is chosen by its code, ISO3
/// code or name; the embedded archive and the folder data/wpp2024 give the same files.
@Suite struct WorldRunTests {
    static func files(_ directory: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            out[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    /// The population of the first date of a summary.csv (variant,year,population,…).
    static func firstPopulation(_ summary: String) throws -> Double {
        let row = try #require(summary.split(separator: "\n").dropFirst().first)
        return try #require(Double(row.split(separator: ",")[2]))
    }

    @Test func noArgumentsProjectsTheWorldFromTheSumOfTheBasePopulations() throws {
        let out = PopProjRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try PopProjRunner.run(["--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("World (sum of 236 countries and areas), medium from 2020 (population in thousands)\n"))
        // The world has no published totals: no comparison line.
        #expect(!run.stdout.contains("published"))
        let written = try Self.files(out)
        #expect(Set(written.keys) == ["population.csv", "births.csv", "births_by_age.csv", "deaths.csv",
                                      "summary.csv", "summary.json", "pyramid.svg", "units.csv"])
        #expect(written["units.csv"] == "quantity,unit\npopulation,thousands\n")
        #expect(written["pyramid.svg"]?.contains("World Population Prospects 2024") == true)
        // Identity: the world at its base date is the sum of every location's pop_base.csv.
        let archive = EmbeddedDatasets.wpp2024
        var base = 0.0
        for code in archive.codes {
            let table = try archive.source(for: code).table("pop_base.csv")
            let value = try #require(table.header.firstIndex(of: "value"))
            base += table.rows.reduce(0) { $0 + (Double($1[value]) ?? .nan) }
        }
        #expect(archive.codes.count == 236)
        let first = try Self.firstPopulation(try #require(written["summary.csv"]))
        #expect(abs(first - base) <= 1e-9 * base)
    }

    @Test func kenyaByNameISO3AndCodeGivesIdenticalOutput() throws {
        let byCode = try PopProjRunner.run(["project", "--location", "404"])
        #expect(byCode.status == 0, "\(byCode.stderr)")
        #expect(byCode.stdout.hasPrefix("Kenya, medium from 2020"))
        // Kenya is not one of the twelve countries with published outcomes in data/wpp2024.
        #expect(try LocationTable.publishedTotals(EmbeddedDatasets.wpp2024.source(for: "404"), location: "404", variant: .medium).isEmpty)
        #expect(!byCode.stdout.contains("published"))
        for value in ["kenya", "KEN", "ken", " Kenya "] {
            let run = try PopProjRunner.run(["project", "--location", value])
            #expect(run.status == 0, "\(value): \(run.stderr)")
            #expect(run.stdout == byCode.stdout, "\(value)")
        }
    }

    @Test func accentsAndCaseAreFolded() throws {
        // The file spells it "Cote d'Ivoire"; typed with accents and a typographic apostrophe.
        let byCode = try PopProjRunner.run(["project", "--location", "384", "--format", "csv"])
        let byName = try PopProjRunner.run(["project", "--location", "CÔTE D\u{2019}IVOIRE", "--format", "csv"])
        #expect(byCode.status == 0 && byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout == byCode.stdout)
    }

    @Test func misspeltNameIsRefusedWithSuggestions() throws {
        let run = try PopProjRunner.run(["project", "--location", "kenia"])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.hasPrefix("popproj: --location: found \"kenia\""))
        #expect(run.stderr.contains("did you mean Kenya (404, KEN)"))
        let list = try PopProjRunner.run(["project", "--locations", "404,sweeden"])
        #expect(list.status != 0)
        #expect(list.stderr.contains("found \"sweeden\"") && list.stderr.contains("Sweden (752, SWE)"))
    }

    @Test func locationsListsEveryLocationWithItsISO3() throws {
        let run = try PopProjRunner.run(["locations"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["code", "name", "iso3"])
        let expected = EmbeddedDatasets.wpp2024.locations
        let rows = lines.dropFirst().prefix(expected.count)
        #expect(rows.count == 236)
        for (line, location) in zip(rows, expected) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(fields.first.map(String.init) == location.code)
            #expect(fields.last.map(String.init) == location.iso3, "\(line)")
            #expect(line.contains(location.name))
        }
        #expect(lines.last?.contains("the world") == true)
        #expect(!run.stdout.contains("(default)"))
    }

    @Test func embeddedAndFolderRunsWriteIdenticalFiles() throws {
        let embedded = PopProjRunner.temporaryDirectory(), folder = PopProjRunner.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: embedded)
            try? FileManager.default.removeItem(at: folder)
        }
        let a = try PopProjRunner.run(["project", "--location", "KEN", "--variants", "medium,high", "--out", embedded.path])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try PopProjRunner.run(["project", "--data", PopProjRunner.repository("data/wpp2024").path, "--location", "kenya",
                                       "--variants", "medium,high", "--out", folder.path])
        #expect(b.status == 0, "\(b.stderr)")
        let one = try Self.files(embedded), other = try Self.files(folder)
        #expect(one.keys.sorted() == other.keys.sorted())
        for (name, text) in one where name != "summary.json" { #expect(other[name] == text, "\(name)") }
        // summary.json names its source (the archive, or the folder's path); all else is equal.
        func withoutSource(_ text: String?) throws -> NSDictionary {
            var object = try #require(try JSONSerialization.jsonObject(with: Data((text ?? "").utf8)) as? [String: Any])
            var metadata = object["metadata"] as? [String: Any] ?? [:]
            metadata["source"] = nil
            object["metadata"] = metadata
            return object as NSDictionary
        }
        #expect(try withoutSource(one["summary.json"]) == (try withoutSource(other["summary.json"])))
        // The printed tables differ only in the last line (the folder written to).
        #expect(a.stdout.split(separator: "\n").dropLast() == b.stdout.split(separator: "\n").dropLast())
    }

    @Test func folderOfManyLocationsProjectsTheirSum() throws {
        // Tests/Fixtures/wpp2017: eight countries; no --location sums them (LocationSplit reads each file once).
        let fixture = PopProjRunner.fixture("wpp2017")
        let run = try PopProjRunner.run(["project", "--data", fixture.path, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let codes = try LocationTable.read(.directory(fixture)).map(\.code)
        var base = 0.0
        for code in codes {
            let dataset = try AssumptionsReader(location: code).read(.directory(fixture), migrationPattern: .default)
            base += dataset.assumptions.basePopulation.total
        }
        #expect(codes.count == 8)
        #expect(abs(try Self.firstPopulation(run.stdout) - base) <= 1e-9 * base)
        let table = try PopProjRunner.run(["project", "--data", fixture.path])
        #expect(table.stdout.hasPrefix("Sum of the 8 locations of \(fixture.path), medium from 2015"))
        #expect(!table.stdout.contains("published"))
    }
}
